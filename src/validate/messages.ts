/**
 * Every problem code put into words, in Chinese and English: what is wrong, and what to write
 * instead. Schema issues without a message of their own fall back to zod's locale messages.
 */
import { z } from 'zod';
import type { Locale } from '../schema/files.js';
import { MORE_MESSAGES } from './messages-more.js';
import { figureReasonText } from '../schema/figure-reasons.js';

type Params = Record<string, unknown>;
type Text = (p: Params) => string;

/** Why a {{figure}} reference is not known (see matchFigure in src/schema/figures.ts). */
interface Entry {
  message: Record<Locale, Text>;
  hint?: Record<Locale, Text>;
}

/** A parameter as text; a mapping (which may have no prototype to convert it) is never one. */
const s = (value: unknown): string =>
  value === undefined
    ? ''
    : Array.isArray(value)
      ? value.map(s).join(', ')
      : typeof value === 'object' && value !== null
        ? ''
        : String(value);
const q = (value: unknown): string => `"${s(value)}"`;
const list = (value: unknown): string =>
  Array.isArray(value) ? value.map((v) => s(v)).join(', ') : s(value);
const listZh = (value: unknown): string =>
  Array.isArray(value) ? value.map((v) => s(v)).join('、') : s(value);
const mb = (bytes: unknown) => (Number(bytes) / 1024 / 1024).toFixed(1);

/** 123456789 → "123,456,789". */
const formatCount = (n: unknown): string => Number(n).toLocaleString('en-US');

/** 545000 → "545,000"; with a sign when asked (differences). */
export function formatYuan(yuan: number, lang: Locale, signed = false): string {
  const digits = Math.abs(yuan).toLocaleString('en-US');
  const sign = yuan < 0 ? '-' : signed && yuan > 0 ? '+' : '';
  return lang === 'zh-CN' ? `${sign}${digits} 元` : `${sign}${digits} yuan`;
}

const DOCS = 'docs/data-format.md';

/** A value starting with `{{` that YAML read as a mapping (the finding's `quote` fixes it). */
const QUOTE_BRACES: Record<Locale, string> = {
  'zh-CN': '以 {{ 开头的文字要加引号：否则 YAML 把 { 读作一组“字段: 值”的开始',
  en: 'a value starting with {{ must be in quotes: YAML reads { as the start of a mapping',
};

const didYouMean: Record<Locale, Text> = {
  'zh-CN': (p) => (p.suggestion ? `是否应为 ${q(p.suggestion)}？` : `可用的值：${listZh(p.known)}`),
  en: (p) => (p.suggestion ? `did you mean ${q(p.suggestion)}?` : `known values: ${list(p.known)}`),
};

/** What staff write for "not known" (–, 无, 不详, N/A…), quoted or not. */
const UNKNOWN = /^["']?\s*(?:[-–—_?？/]*|无|不详|未知|暂无|空|n\/?a|none|unknown|tbd)\s*["']?$/i;

const TYPE_NAMES: Record<string, Record<Locale, string>> = {
  number: { 'zh-CN': '数字', en: 'a number' },
  string: { 'zh-CN': '文本', en: 'text' },
  boolean: { 'zh-CN': 'true 或 false', en: 'true or false' },
  object: { 'zh-CN': '一组“字段: 值”', en: 'a mapping of "field: value" lines' },
  record: { 'zh-CN': '一组“名称: 值”', en: 'a mapping of "name: value" lines' },
  array: { 'zh-CN': '列表（每项以“- ”开头）', en: 'a list (each item starts with "- ")' },
  null: { 'zh-CN': '空值', en: 'nothing' },
  text: { 'zh-CN': '文本', en: 'text' },
  list: { 'zh-CN': '列表', en: 'a list' },
};
/** A type in the reader's words; zod's own names (record, nan…) never reach a message. */
const typeName = (t: unknown, lang: Locale) =>
  TYPE_NAMES[s(t)]?.[lang] ?? (lang === 'zh-CN' ? '其他类型的值' : 'a value of another kind');
const orNames = (types: unknown, lang: Locale) =>
  s(types)
    .split('|')
    .map((t) => typeName(t, lang))
    .join(lang === 'zh-CN' ? '或' : ' or ');

const entries: Record<string, Entry> = {
  ...MORE_MESSAGES,
  // ── files and YAML syntax (pass 1) ──────────────────────────────────────────────────────────
  file_missing: {
    message: {
      'zh-CN': (p) => `缺少必需的文件 ${s(p.name)}`,
      en: (p) => `required file ${s(p.name)} is missing`,
    },
    hint: {
      'zh-CN': () => `新建这个文件，格式见 ${DOCS}`,
      en: () => `create it; its fields are described in ${DOCS}`,
    },
  },
  year_folder_missing: {
    message: {
      'zh-CN': (p) => `没有 ${s(p.year)} 年的数据文件夹`,
      en: (p) => `there is no folder for the year ${s(p.year)}`,
    },
    hint: {
      'zh-CN': (p) =>
        `新建该年份文件夹，放入 income.yaml、staff.yaml、projects.yaml；或检查年份是否写错（${Array.isArray(p.years) && p.years.length > 0 ? `有数据的年份：${listZh(p.years)}` : '还没有年份文件夹'}）`,
      en: (p) =>
        `create it with income.yaml, staff.yaml and projects.yaml, or check the year you typed (${Array.isArray(p.years) && p.years.length > 0 ? `years with data: ${list(p.years)}` : 'there are no year folders yet'})`,
    },
  },
  year_folder_misnamed: {
    message: {
      'zh-CN': (p) =>
        `文件夹名 ${JSON.stringify(s(p.name))} 看似 ${s(p.year)} 年，但不是四位数字，因此这个文件夹未被读取`,
      en: (p) =>
        `the folder ${JSON.stringify(s(p.name))} looks like the year ${s(p.year)} but is not named with exactly four digits, so it is not read`,
    },
    hint: {
      'zh-CN': (p) => `改名为 ${s(p.year)}（只写四位数字）；若是备份，请移出数据文件夹`,
      en: (p) =>
        `rename it to ${s(p.year)} (four digits, nothing else); if it is a copy, move it out of the data folder`,
    },
  },
  year_folder_empty: {
    message: {
      'zh-CN': (p) => `${s(p.year)} 年的文件夹中没有数据文件`,
      en: (p) => `the folder for ${s(p.year)} holds no data file`,
    },
    hint: {
      'zh-CN': () =>
        `这一年没有数据，就删除这个文件夹（缺少的年份不计增长率，见 docs/stats.md）；有数据则放入 income.yaml、staff.yaml、projects.yaml（可复制其他年份的文件修改）`,
      en: () =>
        'for a year without data, delete the folder (a missing year has no growth rate, see docs/stats.md); otherwise add income.yaml, staff.yaml and projects.yaml (copy another year’s and edit them)',
    },
  },
  no_year_folders: {
    message: {
      'zh-CN': () => '数据文件夹中没有年份文件夹（如 2015/）',
      en: () => 'the data folder has no year folders (like 2015/)',
    },
    hint: {
      'zh-CN': () => '每年一个文件夹，名称为四位年份',
      en: () => 'make one folder per year, named by the 4-digit year',
    },
  },
  file_unreadable: {
    message: {
      'zh-CN': (p) => `无法读取文件：${s(p.reason)}`,
      en: (p) => `the file cannot be read: ${s(p.reason)}`,
    },
  },
  file_too_large: {
    message: {
      'zh-CN': (p) => `文件大小 ${mb(p.size)} MB，超过 ${mb(p.limit)} MB 上限，未读取`,
      en: (p) =>
        `the file is ${mb(p.size)} MB, which exceeds the ${mb(p.limit)} MB limit; not read`,
    },
    hint: {
      'zh-CN': () => '数据文件只需几 KB；请检查是否误存了其他内容',
      en: () => 'a data file needs a few KB; check that nothing else was saved into it',
    },
  },
  file_not_utf8: {
    message: {
      'zh-CN': (p) => `文件不是 UTF-8 编码（此处字节 ${s(p.byte)} 无法识别）`,
      en: (p) => `the file is not UTF-8 text (byte ${s(p.byte)} here is not valid UTF-8)`,
    },
    hint: {
      'zh-CN': () => '请另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8），不要用 GBK/ANSI',
      en: () => 'save it as UTF-8 (Notepad: Save as → Encoding: UTF-8), not GBK/ANSI/Latin-1',
    },
  },
  file_control_char: {
    message: {
      'zh-CN': (p) => `文件中有控制字符 ${s(p.char)}，不是纯文本`,
      en: (p) => `the file contains the control character ${s(p.char)}; it is not plain text`,
    },
    hint: {
      'zh-CN': () => '是否误存了 Word/Excel 文件？请用纯文本编辑器保存',
      en: () => 'was a Word or Excel file saved here? Save it from a plain-text editor',
    },
  },
  file_empty: {
    message: {
      'zh-CN': () => '文件是空的：应为一组“字段: 值”',
      en: () => 'expected a mapping, the file is empty',
    },
    hint: {
      'zh-CN': () => `写入本文件的字段，如 year: 2015，见 ${DOCS}`,
      en: () => `write the file's fields, starting with e.g. year: 2015 (see ${DOCS})`,
    },
  },
  file_not_mapping: {
    message: {
      'zh-CN': (p) => `文件应为一组“字段: 值”，实际是${typeName(p.found, 'zh-CN')}`,
      en: (p) => `expected a mapping of "field: value" lines, found ${typeName(p.found, 'en')}`,
    },
    hint: {
      'zh-CN': () => '每行以字段名开头，如 year: 2015',
      en: () => 'each top-level line starts with a field name, e.g. year: 2015',
    },
  },
  yaml_tab: {
    message: {
      'zh-CN': () => '缩进中有制表符（Tab）',
      en: () => 'a tab is used for indentation',
    },
    hint: {
      'zh-CN': () => '缩进只能用空格，请把 Tab 换成空格',
      en: () => 'indent with spaces only; replace the tab with spaces',
    },
  },
  yaml_multiple_docs: {
    message: {
      'zh-CN': () => '这里的“---”开始了第二个文档；一个数据文件只能有一个文档',
      en: () => 'a second document starts here ("---"); a data file holds one document',
    },
    hint: {
      'zh-CN': () => '删除这一行“---”，或把后面的内容移到单独的文件',
      en: () => 'delete the "---" line, or move what follows into its own file',
    },
  },
  yaml_duplicate_key: {
    message: {
      'zh-CN': (p) => `字段 ${q(p.key)} 重复出现（第一次在第 ${s(p.firstLine)} 行）`,
      en: (p) => `the field ${q(p.key)} appears twice (first on line ${s(p.firstLine)})`,
    },
    hint: {
      'zh-CN': () => '只保留一个；两个都不会被采用',
      en: () => 'keep one of them; neither is used until then',
    },
  },
  yaml_tag: {
    message: {
      'zh-CN': (p) => `不允许使用标签 ${s(p.tag)}`,
      en: (p) => `the tag ${s(p.tag)} is not allowed`,
    },
    hint: {
      'zh-CN': () => '删除标签，直接写值',
      en: () => 'remove the tag and write the plain value',
    },
  },
  yaml_merge_key: {
    message: {
      'zh-CN': () => '不支持合并键“<<”',
      en: () => 'merge keys ("<<") are not supported',
    },
    hint: {
      'zh-CN': () => '把要合并的字段逐个写出',
      en: () => 'write the fields out in full',
    },
  },
  yaml_alias_limit: {
    message: {
      'zh-CN': (p) => `别名（*名称）过多，超过 ${s(p.limit)} 个，停止读取此文件`,
      en: (p) => `too many aliases (*name), more than ${s(p.limit)}; the file was not read`,
    },
    hint: {
      'zh-CN': () => '把值直接写出，不用锚点和别名',
      en: () => 'write the values out instead of using anchors (&) and aliases (*)',
    },
  },
  yaml_too_deep: {
    message: {
      'zh-CN': (p) => `嵌套层次过深（超过 ${s(p.limit)} 层），停止读取此文件`,
      en: (p) => `nested too deeply (more than ${s(p.limit)} levels); the file was not read`,
    },
    hint: {
      'zh-CN': () => '检查是否有未闭合的 [ 或 {',
      en: () => 'look for a [ or { that is never closed',
    },
  },
  yaml_forbidden_key: {
    message: {
      'zh-CN': (p) => `不能使用字段名 ${q(p.key)}`,
      en: (p) => `${q(p.key)} cannot be used as a field name`,
    },
    hint: {
      'zh-CN': () => `删除这个字段；可用字段见 ${DOCS}`,
      en: () => `remove it; the fields are listed in ${DOCS}`,
    },
  },
  yaml_lone_surrogate: {
    message: {
      'zh-CN': (p) => `${s(p.code)} 只是半个字符（不成对的代理项），不是有效的文字`,
      en: (p) => `${s(p.code)} is half of a character (an unpaired surrogate), not text`,
    },
    hint: {
      'zh-CN': () => '删去这个转义，或直接写出完整的字符（如 😀 或 \\U0001F600）',
      en: () => 'remove the escape, or write the whole character (e.g. 😀 or \\U0001F600)',
    },
  },
  yaml_key_not_text: {
    message: {
      'zh-CN': (p) => (p.quote ? QUOTE_BRACES['zh-CN'] : '字段名必须是简单的文字'),
      en: (p) => (p.quote ? QUOTE_BRACES.en : 'a field name must be a plain word'),
    },
    hint: {
      'zh-CN': (p) => (p.quote ? `加上引号，写成：${s(p.quote)}` : '写成 名称: 值'),
      en: (p) => (p.quote ? `put it in quotes: ${s(p.quote)}` : 'write name: value'),
    },
  },
  yaml_syntax: {
    message: {
      'zh-CN': (p) => (p.quote ? QUOTE_BRACES['zh-CN'] : `YAML 格式错误：${s(p.detail)}`),
      en: (p) => (p.quote ? QUOTE_BRACES.en : `YAML syntax error: ${s(p.detail)}`),
    },
    hint: {
      'zh-CN': (p) =>
        p.quote
          ? `加上引号，写成：${s(p.quote)}`
          : p.yamlCode === 'MISSING_CHAR'
            ? '列表的每一项以“- ”开头，同一项的字段左对齐'
            : '检查这一行和上一行的缩进，以及括号、引号是否成对',
      en: (p) =>
        p.quote
          ? `put it in quotes: ${s(p.quote)}`
          : p.yamlCode === 'MISSING_CHAR'
            ? 'each list item starts with "- "; the fields of one item line up'
            : 'check the indentation of this line and the one before, and that brackets and quotes are closed',
    },
  },

  // ── schema (pass 2) ─────────────────────────────────────────────────────────────────────────
  missing_field: {
    message: {
      'zh-CN': (p) => `缺少必填字段 ${s(p.field)}`,
      en: (p) => `the field ${s(p.field)} is missing`,
    },
    hint: {
      'zh-CN': (p) => `添加一行 ${s(p.field)}: …（见 ${DOCS}）`,
      en: (p) => `add a line ${s(p.field)}: … (see ${DOCS})`,
    },
  },
  unknown_key: {
    message: {
      'zh-CN': (p) => `未知字段 ${q(p.key)}`,
      en: (p) => `unknown field ${q(p.key)}`,
    },
    hint: {
      'zh-CN': (p) =>
        p.suggestion ? `是否应为 ${q(p.suggestion)}？` : `此处可用的字段：${listZh(p.known)}`,
      en: (p) =>
        p.suggestion ? `did you mean ${q(p.suggestion)}?` : `fields allowed here: ${list(p.known)}`,
    },
  },
  invalid_type: {
    message: {
      'zh-CN': (p) =>
        `应为${orNames(p.expected, 'zh-CN')}，实际是${p.value ? ` ${s(p.value)}` : typeName(p.received, 'zh-CN')}`,
      en: (p) =>
        `expected ${orNames(p.expected, 'en')}, found ${p.value ? s(p.value) : typeName(p.received, 'en')}`,
    },
    hint: {
      'zh-CN': (p) =>
        p.optional && p.expected === 'number' && UNKNOWN.test(s(p.value))
          ? '此字段可不填：不知道就删掉这一行；要填就写数字，不加引号，如 60'
          : p.expected === 'number' && p.received === 'string'
            ? '数字不加引号，如 2015'
            : p.expected === 'string' && p.received === 'number'
              ? `加上引号，写成文本："${s(p.value)}"`
              : p.expected === 'array'
                ? '写成列表，每项一行，以“- ”开头'
                : `见 ${DOCS}`,
      en: (p) =>
        p.optional && p.expected === 'number' && UNKNOWN.test(s(p.value))
          ? 'this field is optional: when unknown, delete the line; otherwise write a number without quotes, e.g. 60'
          : p.expected === 'number' && p.received === 'string'
            ? 'write numbers without quotes, e.g. 2015'
            : p.expected === 'string' && p.received === 'number'
              ? `put it in quotes to make it text: "${s(p.value)}"`
              : p.expected === 'array'
                ? 'write a list, one item per line starting with "- "'
                : `see ${DOCS}`,
    },
  },
  not_finite: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 不是有限的数字：请写普通的数字，如 545000`,
      en: (p) => `${s(p.value)} is not a finite number: write an ordinary number, e.g. 545000`,
    },
  },
  invalid_value: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 不是可用的值：请写 ${listZh(p.options)} 之一`,
      en: (p) => `${s(p.value)} is not allowed here: write one of ${list(p.options)}`,
    },
    hint: {
      'zh-CN': (p) => (p.suggestion ? `是否应为 ${q(p.suggestion)}？` : ''),
      en: (p) => (p.suggestion ? `did you mean ${q(p.suggestion)}?` : ''),
    },
  },
  empty_list: {
    message: {
      'zh-CN': () => '列表是空的：至少写一项',
      en: () => 'the list is empty: write at least one item',
    },
  },
  empty_text: {
    message: {
      'zh-CN': () => '不能为空：请写上内容',
      en: () => 'must not be empty: write the text',
    },
  },
  too_small: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 太小：应不小于 ${s(p.minimum)}`,
      en: (p) => `${s(p.value)} is too small: it must be at least ${s(p.minimum)}`,
    },
  },
  too_big: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 太大：应不大于 ${s(p.maximum)}`,
      en: (p) => `${s(p.value)} is too large: it must be at most ${s(p.maximum)}`,
    },
    hint: {
      'zh-CN': () => '检查是否多写了几个 0',
      en: () => 'check for extra zeros',
    },
  },
  not_integer: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 不是整数：请写整数`,
      en: (p) => `${s(p.value)} is not a whole number: write a whole number`,
    },
  },
  money_format: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 不是金额：请写成 545000 或 "54.5万"`,
      en: (p) => `${s(p.value)} is not an amount: write 545000 or "54.5万"`,
    },
    hint: {
      'zh-CN': () => '金额以元为单位；可用“万”“亿”，不要写货币符号或其他文字',
      en: () => 'amounts are in yuan; 万 and 亿 are allowed, no currency signs or words',
    },
  },
  money_fraction: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 含不足一元的零头：金额请写整数元，如 545000`,
      en: (p) => `${s(p.value)} has a fraction of a yuan: write whole yuan, e.g. 545000`,
    },
    hint: { 'zh-CN': () => '四舍五入到元', en: () => 'round to the nearest yuan' },
  },
  money_negative: {
    message: {
      'zh-CN': (p) => `金额不能为负数：${s(p.value)}`,
      en: (p) => `an amount cannot be negative: ${s(p.value)}`,
    },
    hint: {
      'zh-CN': () => '退款和支出不属于收入；请写正数或删除这一行',
      en: () => 'refunds and spending are not income; write a positive amount or remove the line',
    },
  },
  money_too_large: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 超过 1000 亿元，应是笔误`,
      en: (p) => `${s(p.value)} is more than 100 billion yuan (1000亿); probably a typo`,
    },
    hint: {
      'zh-CN': () => '金额以元为单位，如 545000 或 "54.5万"',
      en: () => 'amounts are in yuan, e.g. 545000 or "54.5万"',
    },
  },
  money_not_finite: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 不是有限的数字：请写以元为单位的金额，如 545000`,
      en: (p) => `${s(p.value)} is not a finite number: write the amount in yuan, e.g. 545000`,
    },
  },
  count_format: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 不是数量：请写成 40、"40余"、"近40" 或 "约5000"`,
      en: (p) => `${s(p.value)} is not a count: write 40, "40余", "近40" or "约5000"`,
    },
    hint: {
      'zh-CN': (p) =>
        p.count === undefined
          ? ''
          : p.activity
            ? `去掉“${s(p.written)}”，写 "${s(p.count)}"：单位由服务类型 ${s(p.activity)} 决定${p.unit ? `（organization.yaml 中为“${s(p.unit)}”）` : '（organization.yaml 的 activity_types）'}`
            : `去掉“${s(p.written)}”，写 "${s(p.count)}"${p.unit ? `：单位固定为${s(p.unit)}` : '：只写数字'}`,
      en: (p) =>
        p.count === undefined
          ? ''
          : p.activity
            ? `drop "${s(p.written)}" and write "${s(p.count)}": the activity type ${s(p.activity)} gives the unit${p.unit ? ` ("${s(p.unit)}" in organization.yaml)` : ' (activity_types in organization.yaml)'}`
            : `drop "${s(p.written)}" and write "${s(p.count)}"${p.unit ? `: the unit is always ${s(p.unit)}` : ': the number only'}`,
    },
  },
  date_format: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 不是日期：请写成 2015、2015-08 或 2015-12-31`,
      en: (p) => `${s(p.value)} is not a date: write 2015, 2015-08 or 2015-12-31`,
    },
  },
  date_invalid: {
    message: {
      'zh-CN': (p) => `${s(p.value)} 不是真实存在的日期（月份 01–12，日不超过当月天数）`,
      en: (p) =>
        `${s(p.value)} is not a real date (months 01–12, days within the month): write e.g. 2015-12-31`,
    },
  },
  id_format: {
    message: {
      'zh-CN': (p) =>
        `${s(p.value)} 不能作为编号：只用小写字母、数字、- 和 _，以字母或数字开头，如 youth-camp`,
      en: (p) =>
        `${s(p.value)} cannot be an id: use lower-case letters, digits, - and _, starting with a letter or digit, e.g. youth-camp`,
    },
    hint: {
      'zh-CN': (p) => (p.suggestion ? `是否应为 ${q(p.suggestion)}？` : ''),
      en: (p) => (p.suggestion ? `did you mean ${q(p.suggestion)}?` : ''),
    },
  },
  staff_headcount_or_members: {
    message: {
      'zh-CN': () => '请写 headcount（人数）或 members（人员列表）',
      en: () => 'write headcount (the number of staff) or members (the list of staff)',
    },
  },
  staff_headcount_mismatch: {
    message: {
      'zh-CN': (p) => `headcount 为 ${s(p.headcount)}，但 members 列出了 ${s(p.members)} 人`,
      en: (p) => `headcount is ${s(p.headcount)} but members lists ${s(p.members)} people`,
    },
    hint: {
      'zh-CN': () => '改正人数，或删除 headcount（将按 members 计数）',
      en: () => 'correct the number, or remove headcount (members are then counted)',
    },
  },
  schema: {
    message: { 'zh-CN': (p) => s(p.detail), en: (p) => s(p.detail) },
    hint: { 'zh-CN': () => `见 ${DOCS}`, en: () => `see ${DOCS}` },
  },

  // ── cross-file rules (pass 3) ───────────────────────────────────────────────────────────────
  year_mismatch: {
    message: {
      'zh-CN': (p) => `year 写的是 ${s(p.found)}，但文件在 ${s(p.folder)} 年的文件夹中`,
      en: (p) => `year says ${s(p.found)} but the file is in the ${s(p.folder)} folder`,
    },
    hint: {
      'zh-CN': (p) => `改为 year: ${s(p.folder)}，或把文件移到 ${s(p.found)} 文件夹`,
      en: (p) => `write year: ${s(p.folder)}, or move the file to the ${s(p.found)} folder`,
    },
  },
  duplicate_project: {
    message: {
      'zh-CN': (p) => `项目编号 ${q(p.id)} 重复：已在 ${s(p.first)} 使用`,
      en: (p) => `the project id ${q(p.id)} is used twice: also at ${s(p.first)}`,
    },
    hint: {
      'zh-CN': () => '同一年中每个项目的编号必须不同',
      en: () => 'each project of a year needs its own id',
    },
  },
  unknown_project: {
    message: {
      'zh-CN': (p) =>
        `${s(p.year)} 年${p.earlier ? '及以前' : ''}的 projects.yaml 中没有编号为 ${q(p.id)} 的项目`,
      en: (p) =>
        `there is no project with the id ${q(p.id)} in the projects.yaml of ${s(p.year)}${p.earlier ? ' or an earlier year' : ''}`,
    },
    hint: didYouMean,
  },
  unknown_category: {
    message: {
      'zh-CN': (p) => `项目类别 ${q(p.id)} 未在 organization.yaml 的 project_categories 中定义`,
      en: (p) =>
        `the project category ${q(p.id)} is not defined in organization.yaml (project_categories)`,
    },
    hint: didYouMean,
  },
  unknown_activity: {
    message: {
      'zh-CN': (p) => `服务类型 ${q(p.id)} 未在 organization.yaml 的 activity_types 中定义`,
      en: (p) =>
        `the activity type ${q(p.id)} is not defined in organization.yaml (activity_types)`,
    },
    hint: didYouMean,
  },
  unknown_funding_kind: {
    message: {
      'zh-CN': (p) => `资金来源类型 ${q(p.id)} 未在 organization.yaml 的 funding_kinds 中定义`,
      en: (p) => `the funding kind ${q(p.id)} is not defined in organization.yaml (funding_kinds)`,
    },
    hint: didYouMean,
  },
  total_mismatch: {
    message: {
      'zh-CN': (p) =>
        `total 写的是 ${formatYuan(Number(p.stated), 'zh-CN')}，但各行合计 ${formatYuan(Number(p.sum), 'zh-CN')}（相差 ${formatYuan(Number(p.diff), 'zh-CN', true)}）`,
      en: (p) =>
        `total says ${formatYuan(Number(p.stated), 'en')} but the lines add up to ${formatYuan(Number(p.sum), 'en')} (difference ${formatYuan(Number(p.diff), 'en', true)})`,
    },
    hint: {
      'zh-CN': () => '改正 total 或有误的行；也可删除 total，由各行自动合计',
      en: () => 'correct the total or the wrong line, or remove total (the lines are summed)',
    },
  },
  sum_too_large: {
    message: {
      'zh-CN': (p) =>
        p.what === 'count'
          ? `数量合计到这里超过 ${formatCount(p.limit)}，无法精确计算`
          : `金额合计到这里超过 ${formatYuan(Number(p.limit), 'zh-CN')}，无法精确计算`,
      en: (p) =>
        p.what === 'count'
          ? `the counts add up to more than ${formatCount(p.limit)} here, too large to add exactly`
          : `the amounts add up to more than ${formatYuan(Number(p.limit), 'en')} here, too large to add exactly`,
    },
    hint: {
      'zh-CN': () => '检查是否多写了几个 0，或同一行重复了很多次',
      en: () => 'check for extra zeros, or a line repeated many times',
    },
  },
  year_all_zero: {
    message: {
      'zh-CN': (p) =>
        `${s(p.year)} 年的收入、人员和项目都是 0：统计会把这一年当作收入降为 0（−100%）`,
      en: (p) =>
        `every figure of ${s(p.year)} is 0 (income, staff, projects): the statistics would read it as income falling to 0 (−100%)`,
    },
    hint: {
      'zh-CN': () =>
        '这一年没有数据，就删除这个文件夹（缺少的年份不计增长率，见 docs/stats.md）；有数据则填入实际数字',
      en: () =>
        'for a year without data, delete the folder (a missing year has no growth rate, see docs/stats.md); otherwise write the real figures',
    },
  },
  date_range: {
    message: {
      'zh-CN': (p) => `结束日期 ${s(p.end)} 早于开始日期 ${s(p.start)}`,
      en: (p) => `the end date ${s(p.end)} is before the start date ${s(p.start)}`,
    },
    hint: {
      'zh-CN': () => '检查是否写反或年份有误',
      en: () => 'check whether they are swapped or a year is wrong',
    },
  },
  narrative_link: {
    message: {
      'zh-CN': (p) => `正文中的链接 ${s(p.url)} 不会生效，报告里会原样显示 Markdown 源码`,
      en: (p) =>
        `the link to ${s(p.url)} is not followed: the report would show the Markdown source`,
    },
    hint: {
      'zh-CN': () => '把网址作为普通文字写出，例如：协会网站 www.example.org',
      en: () => 'write the address as plain text, e.g. "our website, www.example.org"',
    },
  },
  narrative_image: {
    message: {
      'zh-CN': (p) =>
        `正文中的图片 ${s(p.url)} 不会被读取：报告只接受内嵌的 PNG/JPEG/GIF/WebP 图片`,
      en: (p) => `the image ${s(p.url)} is not loaded: a report only takes images embedded inline`,
    },
    hint: {
      'zh-CN': () => '把图片写成 data:image/png;base64,… 内嵌，或删去这一行',
      en: () => 'embed it as data:image/png;base64,…, or remove it',
    },
  },
  unknown_figure: {
    message: {
      'zh-CN': (p) => `文中引用的数字 {{${s(p.name)}}} 无法识别：${figureReasonText('zh-CN', p)}`,
      en: (p) => `the figure {{${s(p.name)}}} cannot be used: ${figureReasonText('en', p)}`,
    },
    hint: {
      'zh-CN': () => '可引用的数字见 docs/figures.md',
      en: () => 'the figures you can use are listed in docs/figures.md',
    },
  },
  // ── warnings: the data is valid, the report would not show it as written ────────────────────
  glyph_missing: {
    message: {
      'zh-CN': (p) =>
        `“${s(p.char)}”（${s(p.codePoints)}）不在报告所用的字体中，将印成 ${s(p.placeholder)}`,
      en: (p) =>
        `"${s(p.char)}" (${s(p.codePoints)}) is in none of the report's fonts: it will print as ${s(p.placeholder)}`,
    },
    hint: {
      'zh-CN': () =>
        '改用文字或常用字写出（如“中国国旗”），或删去；表情符号、国旗和 𠀀 这类生僻字不在 Noto Serif SC / Noto Sans SC 中',
      en: () =>
        'write it another way (a word, or a common character), or remove it: emoji, flags and rare characters such as 𠀀 are not in Noto Serif SC / Noto Sans SC',
    },
  },
  markdown_emphasis: {
    message: {
      'zh-CN': (p) => `“${s(p.mark)}”没有成对，或不能读作加粗，将原样印出`,
      en: (p) =>
        `"${s(p.mark)}" has no pair or cannot be read as bold here: it will print as written`,
    },
    hint: {
      'zh-CN': () => '加粗写成 **文字**，两个 ** 成对且在同一段内；不需要加粗就删去',
      en: () => 'write bold as **text**, both ** in the same paragraph; or remove them',
    },
  },
  glyph_replaced: {
    message: {
      'zh-CN': (p) =>
        `${s(p.year)} 年报告中有 ${s(p.count)} 个字符不在内置字体中，已印成 ${s(p.placeholder)}：${s(p.list)}`,
      en: (p) =>
        `${s(p.year)}: ${s(p.count)} ${Number(p.count) === 1 ? 'character' : 'characters'} in none of the bundled fonts printed as ${s(p.placeholder)}: ${s(p.list)}`,
    },
    hint: {
      'zh-CN': () => '运行 report validate 查看每个字符的位置',
      en: () => 'run `report validate` to see where each one is',
    },
  },
};

export function hasMessage(code: string): boolean {
  return Object.hasOwn(entries, code);
}

/** The message and hint of a finding, in the given language. */
export function describe(
  code: string,
  params: Params,
  lang: Locale,
): { message: string; hint?: string } {
  const entry = entries[code];
  if (!entry) return { message: s(params.detail) || code };
  // A mapping or a list has no text to quote: it is named by its kind instead of left blank
  // (invalid_type names the kind itself).
  const shown =
    code !== 'invalid_type' &&
    'value' in params &&
    (params.value === '' || params.value === undefined)
      ? { ...params, value: typeName(params.received ?? 'null', lang) }
      : params;
  const message = entry.message[lang](shown);
  const hint = entry.hint?.[lang](shown);
  return hint ? { message, hint } : { message };
}

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() } as const;

/** zod's own wording for issues we have no message for, per parse call (never global). */
export function zodErrorMap(lang: Locale) {
  return zodLocales[lang === 'zh-CN' ? 'zh-CN' : 'en'].localeError;
}
