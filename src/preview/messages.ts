/** What `report preview` says, in the reader's language. */
import type { Locale } from '../schema/files.js';

type Text = Record<Locale, string>;

const TEXT = {
  serving: {
    en: 'preview of {year}: {url}  (Ctrl-C stops)',
    'zh-CN': '{year} 年报告预览：{url}（按 Ctrl-C 停止）',
  },
  watching: {
    en: 'watching {dirs}; save a file and the page reloads',
    'zh-CN': '正在监视 {dirs}；保存文件后页面自动刷新',
  },
  built: { en: 'built in {ms} ms', 'zh-CN': '已生成，用时 {ms} 毫秒' },
  rebuilt: {
    en: '{file} changed: rebuilt in {ms} ms',
    'zh-CN': '{file} 已修改：重新生成，用时 {ms} 毫秒',
  },
  fixed: {
    en: 'fixed: rebuilt in {ms} ms, the page shows the report again',
    'zh-CN': '问题已修正：重新生成，用时 {ms} 毫秒，页面重新显示报告',
  },
  failed: {
    en: 'the page keeps the last good version until this is fixed:',
    'zh-CN': '修正以下问题之前，页面保留上一个正确的版本：',
  },
  printed: { en: 'PDF printed in {ms} ms: {url}', 'zh-CN': 'PDF 已打印，用时 {ms} 毫秒：{url}' },
  printFailed: {
    en: 'the PDF was not printed again; {url} keeps the last one:',
    'zh-CN': 'PDF 未能重新打印；{url} 保留上一份：',
  },
  noPdfYet: {
    en: 'The PDF is being printed; reload this page in a moment.',
    'zh-CN': 'PDF 正在打印，请稍后刷新本页。',
  },
  noPdfAsked: {
    en: 'No PDF in this preview: start it with `report preview {year} --pdf`.',
    'zh-CN': '本次预览不打印 PDF：请用 `report preview {year} --pdf` 启动。',
  },
  firstBuildFailed: {
    en: 'The report could not be built yet. Fix the problem below and save: this page reloads.',
    'zh-CN': '报告暂时无法生成。请修正下面的问题并保存，本页会自动刷新。',
  },
  overlayTitle: {
    en: 'The report could not be rebuilt (the last good version is shown below)',
    'zh-CN': '报告未能重新生成（下面显示的是上一个正确的版本）',
  },
  overlayClose: { en: 'Hide', 'zh-CN': '隐藏' },
  pdfLink: { en: 'PDF', 'zh-CN': 'PDF' },
  stopped: { en: 'preview stopped', 'zh-CN': '预览已停止' },
  notFound: {
    en: 'Not found: the preview serves only the files of the report it built.',
    'zh-CN': '未找到：预览只提供它生成的报告文件。',
  },
  forbiddenHost: {
    en: 'Forbidden: open the preview as http://127.0.0.1:{port}/ or http://localhost:{port}/.',
    'zh-CN': '拒绝访问：请用 http://127.0.0.1:{port}/ 或 http://localhost:{port}/ 打开预览。',
  },
  portInUse: {
    en: 'port {port} on 127.0.0.1 is already in use',
    'zh-CN': '127.0.0.1 上的端口 {port} 已被占用',
  },
  portInUseHint: {
    en: 'give another port with --port, or leave --port out to take a free one',
    'zh-CN': '用 --port 指定其他端口，或不写 --port 以自动选择空闲端口',
  },
  badPort: {
    en: '--port {value} is not a port number (0–65535)',
    'zh-CN': '--port {value} 不是有效的端口号（0–65535）',
  },
  badPortHint: {
    en: 'e.g. --port 4000, or --port 0 for a free port',
    'zh-CN': '例如 --port 4000；--port 0 表示自动选择空闲端口',
  },
  noFolder: {
    en: 'the {what} folder {dir} does not exist, so there is nothing to preview or watch',
    'zh-CN': '{what}文件夹 {dir} 不存在，无法预览和监视',
  },
  noFolderHint: {
    en: 'run report preview in the folder that holds data/, or pass --data DIR / --template DIR',
    'zh-CN':
      '请在包含 data/ 的文件夹中运行 report preview，或用 --data 目录 / --template 目录 指定',
  },
  data: { en: 'data', 'zh-CN': '数据' },
  template: { en: 'template', 'zh-CN': '模板' },
  watchFailed: {
    en: 'watching {dir} stopped ({error}); restart the preview to watch it again',
    'zh-CN': '对 {dir} 的监视已中断（{error}）；请重新启动预览',
  },
} satisfies Record<string, Text>;

export type MessageKey = keyof typeof TEXT;

/** The message `key` in `lang`, with `{name}` replaced by `values.name`. */
export function say(
  lang: Locale,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The message `key` in both languages, for an error that is printed in the reader's language. */
export function sayBoth(
  key: MessageKey,
  values: (lang: Locale) => Record<string, string | number> = () => ({}),
): Text {
  return { en: say('en', key, values('en')), 'zh-CN': say('zh-CN', key, values('zh-CN')) };
}
