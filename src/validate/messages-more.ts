/**
 * Messages of the optional parts of the data (profile, images, finances, partners, photos,
 * timeline…), in Chinese and English, merged into messages.ts's table.
 */
import type { Locale } from '../schema/files.js';

type Params = Record<string, unknown>;
type Text = (p: Params) => string;
export interface MoreEntry {
  message: Record<Locale, Text>;
  hint?: Record<Locale, Text>;
}

const s = (value: unknown): string =>
  value === undefined || (typeof value === 'object' && value !== null) ? '' : String(value);
const mb = (bytes: unknown) => (Number(bytes) / 1024 / 1024).toFixed(1);
const pct = (x: unknown) => `${(Number(x) * 100).toFixed(1)}%`;
const megapixels = (n: unknown) => (Number(n) / 1_000_000).toFixed(0);
const IMAGES = 'docs/data-format.md (图片 / Images)';

export const MORE_MESSAGES: Record<string, MoreEntry> = {
  credit_code_length: {
    message: {
      'zh-CN': (p) => `统一社会信用代码应为 18 位，这里是 ${s(p.length)} 位：${s(p.value)}`,
      en: (p) =>
        `a unified social credit code has 18 characters, this one has ${s(p.length)}: ${s(p.value)}`,
    },
    hint: {
      'zh-CN': () => '照登记证书抄写，不要加空格或连字符',
      en: () => 'copy it from the registration certificate, without spaces or hyphens',
    },
  },
  credit_code_character: {
    message: {
      'zh-CN': (p) =>
        `统一社会信用代码第 ${s(p.position)} 位的“${s(p.char)}”不是有效字符（不用 I、O、Z、S、V）`,
      en: (p) =>
        `character ${s(p.position)} of the unified social credit code, "${s(p.char)}", is not used in such codes (no I, O, Z, S, V)`,
    },
    hint: {
      'zh-CN': () => '检查是否把数字 0、1、2、5 抄成了字母 O、I、Z、S',
      en: () => 'check for the digits 0, 1, 2, 5 copied as the letters O, I, Z, S',
    },
  },
  credit_code_check: {
    message: {
      'zh-CN': (p) =>
        `统一社会信用代码 ${s(p.value)} 的校验码不对：按 GB 32100 应为“${s(p.expected)}”，这里是“${s(p.found)}”`,
      en: (p) =>
        `the unified social credit code ${s(p.value)} fails its check: GB 32100 calls for "${s(p.expected)}" as the last character, not "${s(p.found)}"`,
    },
    hint: {
      'zh-CN': () => '前 17 位中很可能有抄错的字符；请对照登记证书逐位核对',
      en: () =>
        'a character among the first 17 is most likely wrong; compare it with the certificate',
    },
  },
  image_path_absolute: {
    message: {
      'zh-CN': (p) => `图片路径 ${s(p.value)} 是绝对路径：只能读取数据文件夹中的图片`,
      en: (p) =>
        `the image path ${s(p.value)} is absolute: only images in the data folder are read`,
    },
    hint: {
      'zh-CN': () => '把图片复制到数据文件夹中（如 data/images/），写成 images/logo.png',
      en: () => 'copy the image into the data folder (e.g. data/images/) and write images/logo.png',
    },
  },
  image_path_parent: {
    message: {
      'zh-CN': (p) => `图片路径 ${s(p.value)} 含有“..”：只能读取数据文件夹中的图片`,
      en: (p) =>
        `the image path ${s(p.value)} contains "..": only images in the data folder are read`,
    },
    hint: {
      'zh-CN': () => '路径从数据文件夹算起，例如 images/2015/活动.jpg',
      en: () => 'paths start at the data folder, e.g. images/2015/event.jpg',
    },
  },
  image_path_format: {
    message: {
      'zh-CN': (p) => `图片路径 ${s(p.value)} 无效`,
      en: (p) => `the image path ${s(p.value)} is not a usable path`,
    },
    hint: {
      'zh-CN': () => '用“/”分隔文件夹，例如 images/logo.png',
      en: () => 'separate folders with "/", e.g. images/logo.png',
    },
  },
  image_missing: {
    message: {
      'zh-CN': (p) => `找不到图片 ${s(p.value)}`,
      en: (p) => `there is no image ${s(p.value)}`,
    },
    hint: {
      'zh-CN': () => '路径从数据文件夹算起，注意大小写和扩展名',
      en: () => 'the path starts at the data folder; check capitals and the extension',
    },
  },
  image_outside_data: {
    message: {
      'zh-CN': (p) => `图片 ${s(p.value)} 实际指向数据文件夹之外（符号链接），不予读取`,
      en: (p) =>
        `the image ${s(p.value)} leads outside the data folder (a symbolic link); it is not read`,
    },
    hint: {
      'zh-CN': () => '把图片本身复制到数据文件夹中，而不是放一个链接',
      en: () => 'copy the image itself into the data folder instead of a link',
    },
  },
  image_not_file: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 不是一个普通文件（是文件夹或设备）`,
      en: (p) => `${s(p.value)} is not a regular file (a folder or a device)`,
    },
  },
  image_unreadable: {
    message: {
      'zh-CN': (p) => `无法读取图片 ${s(p.value)}：${s(p.reason)}`,
      en: (p) => `the image ${s(p.value)} cannot be read: ${s(p.reason)}`,
    },
  },
  image_too_large: {
    message: {
      'zh-CN': (p) => `图片 ${s(p.value)} 有 ${mb(p.size)} MB，超过 ${mb(p.limit)} MB 上限，未读取`,
      en: (p) =>
        `the image ${s(p.value)} is ${mb(p.size)} MB, over the ${mb(p.limit)} MB limit; not read`,
    },
    hint: {
      'zh-CN': () => '先用看图软件缩小或另存为 JPEG',
      en: () => 'make it smaller or save it as JPEG first',
    },
  },
  image_not_image: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 不是 JPEG、PNG 或 WebP 图片（按文件内容判断，与扩展名无关）`,
      en: (p) =>
        `${s(p.value)} is not a JPEG, PNG or WebP image (judged by its content, not its name)`,
    },
    hint: {
      'zh-CN': () => '用看图软件打开并另存为 JPEG 或 PNG；HEIC、GIF、PDF 等需先转换',
      en: () => 'open it in an image viewer and save it as JPEG or PNG (convert HEIC, GIF, PDF)',
    },
  },
  image_too_many_pixels: {
    message: {
      'zh-CN': (p) =>
        `图片 ${s(p.value)} 有 ${s(p.width)}×${s(p.height)} 像素，超过上限（${megapixels(p.limit)} 百万像素，每边最多 ${s(p.side)}），未解码`,
      en: (p) =>
        `the image ${s(p.value)} is ${s(p.width)}×${s(p.height)} pixels, over the limit (${megapixels(p.limit)} megapixels, at most ${s(p.side)} a side); not decoded`,
    },
    hint: {
      'zh-CN': () => '报告中的图片每边有 2000 像素就足够清晰；请先缩小',
      en: () => 'a printed photo needs about 2000 pixels a side; make it smaller first',
    },
  },
  image_undecodable: {
    message: {
      'zh-CN': (p) => `图片 ${s(p.value)} 无法解码（文件可能已损坏）：${s(p.reason)}`,
      en: (p) =>
        `the image ${s(p.value)} cannot be decoded (the file may be damaged): ${s(p.reason)}`,
    },
    hint: {
      'zh-CN': () => `用看图软件打开并重新保存；格式要求见 ${IMAGES}`,
      en: () => `open and save it again in an image viewer; see ${IMAGES}`,
    },
  },
  ratio_format: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 不是比例：请写成 0.7 或 "70%"`,
      en: (p) => `${s(p.value)} is not a ratio: write 0.7 or "70%"`,
    },
  },
  spending_rule_programme: {
    message: {
      'zh-CN': (p) =>
        `业务活动成本为 ${Number(p.previousYear)} 年总收入的 ${pct(p.ratio)}，低于 ${pct(p.threshold)} 的要求（${s(p.source)}）`,
      en: (p) =>
        `programme costs are ${pct(p.ratio)} of the income of ${Number(p.previousYear)}, below the ${pct(p.threshold)} the rule asks (${s(p.source)})`,
    },
    hint: {
      'zh-CN': () => '这只是提醒，报告照常生成；如规定不适用于本机构，请删去这条 spending_rules',
      en: () =>
        'a reminder only, the report is built; remove this spending rule if it does not apply',
    },
  },
  spending_rule_management: {
    message: {
      'zh-CN': (p) =>
        `管理费用占总支出的 ${pct(p.ratio)}，高于 ${pct(p.threshold)} 的上限（${s(p.source)}）`,
      en: (p) =>
        `management costs are ${pct(p.ratio)} of expenditure, above the ${pct(p.threshold)} the rule allows (${s(p.source)})`,
    },
    hint: {
      'zh-CN': () => '这只是提醒，报告照常生成；如规定不适用于本机构，请删去这条 spending_rules',
      en: () =>
        'a reminder only, the report is built; remove this spending rule if it does not apply',
    },
  },
  unknown_partner: {
    message: {
      'zh-CN': (p) => `合作伙伴 "${s(p.id)}" 不在 organization.yaml 的 partners 中`,
      en: (p) => `the partner "${s(p.id)}" is not in organization.yaml's partners`,
    },
    hint: {
      'zh-CN': (p) =>
        p.suggestion
          ? `是否应为 "${s(p.suggestion)}"？`
          : `可用的编号：${Array.isArray(p.known) ? p.known.map(s).join('、') : ''}（或在 partners 中添加）`,
      en: (p) =>
        p.suggestion
          ? `did you mean "${s(p.suggestion)}"?`
          : `known ids: ${Array.isArray(p.known) ? p.known.map(s).join(', ') : ''} (or add it to partners)`,
    },
  },
  duplicate_partner: {
    message: {
      'zh-CN': (p) => `合作伙伴编号 "${s(p.id)}" 重复：已在 ${s(p.first)} 使用`,
      en: (p) => `the partner id "${s(p.id)}" is used twice: first at ${s(p.first)}`,
    },
  },
  photo_minor_consent: {
    message: {
      'zh-CN': () => '照片中有可辨认的未成年人，但没有记录监护人同意（guardian_consent: true）',
      en: () =>
        'the photo shows minors who can be recognised, but no guardian consent is recorded (guardian_consent: true)',
    },
    hint: {
      'zh-CN': () => '取得监护人书面同意后写 guardian_consent: true；否则换一张照片或删去这一项',
      en: () =>
        'write guardian_consent: true once the guardians agreed in writing; else use another photo or remove it',
    },
  },
  photo_no_consent: {
    message: {
      'zh-CN': () => '照片没有记录当事人同意发布（consent: false）',
      en: () => 'the photo has no recorded consent of the people shown (consent: false)',
    },
    hint: {
      'zh-CN': () => '取得同意（或确认无人可被辨认）后写 consent: true；否则删去这张照片',
      en: () =>
        'write consent: true once they agreed (or no one can be recognised); else remove it',
    },
  },
  volunteers_mismatch: {
    message: {
      'zh-CN': (p) =>
        `志愿者人数写的是 ${s(p.stated)} 人，但 staff.yaml 的 volunteers 是 ${s(p.staff)} 人`,
      en: (p) => `${s(p.stated)} volunteers here, but staff.yaml's volunteers says ${s(p.staff)}`,
    },
    hint: {
      'zh-CN': () => '改正其中一处；也可删去这里的 people，沿用 staff.yaml 的人数',
      en: () => "correct one of them, or leave out people here to use staff.yaml's number",
    },
  },
  beneficiaries_sum_mismatch: {
    message: {
      'zh-CN': (p) =>
        `${p.field === 'people' ? '服务对象人数' : '服务人次'}写的是 ${s(p.stated)}，但 by_kind 各类合计 ${s(p.sum)}`,
      en: (p) =>
        `${p.field === 'people' ? 'people served' : 'person-times'} says ${s(p.stated)} but by_kind adds up to ${s(p.sum)}`,
    },
    hint: {
      'zh-CN': () => '改正合计或有误的一类；若各类有重叠（同一人属于两类），请用“约”“余”写合计',
      en: () =>
        'correct the total or the wrong kind; if the kinds overlap (one person in two), write the total as approximate ("约1200" or "1200+")',
    },
  },
  unknown_photo_section: {
    message: {
      'zh-CN': (p) =>
        `${s(p.year)} 年的 narrative.yaml 中没有编号为 "${s(p.id)}" 的部分（sections 的 id）`,
      en: (p) =>
        `the narrative.yaml of ${s(p.year)} has no section with the id "${s(p.id)}" (the ids of sections)`,
    },
    hint: {
      'zh-CN': (p) =>
        p.suggestion
          ? `是否应为 "${s(p.suggestion)}"？`
          : `可用的编号：${Array.isArray(p.known) ? p.known.map(s).join('、') : ''}（或删去 section，照片放在“影像记录”中）`,
      en: (p) =>
        p.suggestion
          ? `did you mean "${s(p.suggestion)}"?`
          : `known ids: ${Array.isArray(p.known) ? p.known.map(s).join(', ') : ''} (or leave out section: the photo goes on the photo pages)`,
    },
  },
  duplicate_outcome: {
    message: {
      'zh-CN': (p) => `成效指标编号 "${s(p.id)}" 在这个项目中重复：已在 ${s(p.first)} 使用`,
      en: (p) =>
        `the outcome id "${s(p.id)}" is used twice in this project: first at ${s(p.first)}`,
    },
    hint: {
      'zh-CN': () => '同一项目的每个指标需要不同的编号（正文用它引用指标）',
      en: () => 'each indicator of a project needs its own id (prose quotes the indicator by it)',
    },
  },
};
