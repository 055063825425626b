/**
 * The error catalogue: every expected failure has a stable code, its exit code (the table in
 * README.md), and a message that says what happened, why, and what to do, in Chinese and in
 * English (`MESSAGES`). Expected failures (ReportError) print without a stack, in the reader's
 * language (src/cli/main.ts); anything else is a bug and prints one.
 */

export const ExitCode = {
  ok: 0,
  invalidData: 1,
  usage: 2,
  template: 3,
  browser: 4,
  output: 5,
  internal: 70,
  sigint: 130,
  sigterm: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const catalogue = {
  DATA_INVALID: ExitCode.invalidData,
  DATA_NOT_FOUND: ExitCode.invalidData,
  USAGE: ExitCode.usage,
  TEMPLATE_INVALID: ExitCode.template,
  BROWSER_NOT_FOUND: ExitCode.browser,
  BROWSER_FAILED: ExitCode.browser,
  OUTPUT_FAILED: ExitCode.output,
  INTERRUPTED: ExitCode.sigint,
} as const satisfies Record<string, ExitCode>;
export type ErrorCode = keyof typeof catalogue;

/** The languages of every message. */
export type MessageLang = 'zh-CN' | 'en';
export const MESSAGE_LANGS: readonly MessageLang[] = ['zh-CN', 'en'];

/** A text in both languages. */
export type Localized = Record<MessageLang, string>;

/**
 * A message's text: both languages, or one string written in one language (`lang` on the error
 * says which; the data problems are put into words in the report's language before they arrive).
 */
export type Text = string | Localized;

export function localize(text: Text, lang: MessageLang): string {
  return typeof text === 'string' ? text : text[lang];
}

export class ReportError extends Error {
  readonly code: ErrorCode;
  /** The English hint (or the hint as written, when it is one string). */
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;
  /** The message and hint in both languages, when the catalogue wrote them. */
  readonly text: { message: Text; hint: Text | undefined };
  /** The language a one-string message is written in, when known. */
  readonly lang: MessageLang | undefined;

  constructor(
    code: ErrorCode,
    message: Text,
    options: { hint?: Text; cause?: unknown; exitCode?: ExitCode; lang?: MessageLang } = {},
  ) {
    const english = options.lang ?? 'en';
    super(
      localize(message, english),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ReportError';
    this.code = code;
    this.hint = options.hint === undefined ? undefined : localize(options.hint, english);
    this.exitCode = options.exitCode ?? catalogue[code];
    this.text = { message, hint: options.hint };
    this.lang = options.lang;
  }

  /** The message in `lang` (a one-string message as it was written). */
  messageIn(lang: MessageLang): string {
    return localize(this.text.message, lang);
  }

  hintIn(lang: MessageLang): string | undefined {
    return this.text.hint === undefined ? undefined : localize(this.text.hint, lang);
  }

  /**
   * The language to print this error in: a one-string message decides (its line and the words
   * around it then agree), else the reader's.
   */
  printLang(reader: MessageLang): MessageLang {
    const oneString =
      typeof this.text.message === 'string' ||
      (this.text.hint !== undefined && typeof this.text.hint === 'string');
    return oneString && this.lang !== undefined ? this.lang : reader;
  }
}

export function isReportError(error: unknown): error is ReportError {
  return error instanceof ReportError;
}

/**
 * The same failure with its message rewritten in each language (a year put in front, a sentence
 * added), keeping its code, exit code and hint.
 */
export function rewordError(
  error: ReportError,
  reword: (message: string, lang: MessageLang) => string,
): ReportError {
  const message =
    typeof error.text.message === 'string' && error.lang !== undefined
      ? reword(error.text.message, error.lang)
      : {
          en: reword(error.messageIn('en'), 'en'),
          'zh-CN': reword(error.messageIn('zh-CN'), 'zh-CN'),
        };
  return new ReportError(error.code, message, {
    exitCode: error.exitCode,
    ...(error.text.hint === undefined ? {} : { hint: error.text.hint }),
    ...(typeof message === 'string' && error.lang !== undefined ? { lang: error.lang } : {}),
    cause: error,
  });
}

// ── The catalogue ────────────────────────────────────────────────────────────────────────────

interface Entry<P> {
  code: ErrorCode;
  message: (p: P) => Localized;
  hint?: (p: P) => Localized;
  /** Parameters to show the message with (the catalogue test prints every entry). */
  example: P;
}

const entry = <P>(e: Entry<P>): Entry<P> => e;

/** A list in either language: 2012, 2013 / 2012、2013. */
const list = (items: readonly (string | number)[], lang: MessageLang) =>
  items.join(lang === 'zh-CN' ? '、' : ', ');

/** The parent folder of a path as written (out/2015/report.pdf → out/2015). */
const parentOf = (p: string) => p.replace(/[\\/][^\\/]*$/, '') || '.';

export const MESSAGES = {
  // ── usage (the command line) ──
  notAYear: entry({
    code: 'USAGE',
    example: { text: '15', command: 'build' },
    message: ({ text }: { text: string; command: string }) => ({
      en: `"${text}" is not a year`,
      'zh-CN': `“${text}”不是年份`,
    }),
    hint: ({ command }) => ({
      en: `write the year with 4 digits, e.g. report ${command} 2015`,
      'zh-CN': `年份写四位数字，例如 report ${command} 2015`,
    }),
  }),
  yearAndAll: entry({
    code: 'USAGE',
    example: {},
    message: () => ({
      en: 'give a year or --all, not both',
      'zh-CN': '请只写年份或 --all，不要同时写',
    }),
    hint: () => ({
      en: 'report build 2015, or report build --all',
      'zh-CN': 'report build 2015，或 report build --all',
    }),
  }),
  whichYear: entry({
    code: 'USAGE',
    example: {},
    message: () => ({ en: 'which year?', 'zh-CN': '要生成哪一年的报告？' }),
    hint: () => ({
      en: 'report build 2015, or report build --all',
      'zh-CN': 'report build 2015，或用 report build --all 生成所有年份',
    }),
  }),
  unknownFormat: entry({
    code: 'USAGE',
    example: { format: 'docx' },
    message: ({ format }: { format: string }) => ({
      en: `unknown format "${format}"`,
      'zh-CN': `不认识的格式“${format}”`,
    }),
    hint: () => ({
      en: 'use --format html, --format pdf or --format html,pdf',
      'zh-CN': '请写 --format html、--format pdf 或 --format html,pdf',
    }),
  }),
  emptyPath: entry({
    code: 'USAGE',
    example: { flag: 'out', shown: '""', what: 'folder', omit: 'out/', example: '--out reports' },
    message: ({ flag, shown, what }: EmptyPath) => ({
      en: `--${flag} ${shown} names no ${what === 'folder' ? 'folder' : 'browser program'}`,
      'zh-CN': `--${flag} ${shown} 没有指明${what === 'folder' ? '文件夹' : '浏览器程序'}`,
    }),
    hint: ({ flag, what, omit, example }) => ({
      en: `omit --${flag} ${omit === 'template' ? 'to use the built-in template' : omit === 'search' ? 'to search for one' : `to use ${omit}`}, or give ${what === 'folder' ? 'a folder' : 'a browser program'}, e.g. ${example}`,
      'zh-CN': `不写 --${flag} ${omit === 'template' ? '即使用内置模板' : omit === 'search' ? '即自动查找' : `即使用 ${omit}`}，或写明${what === 'folder' ? '文件夹' : '浏览器程序'}，例如 ${example}`,
    }),
  }),
  badTimeout: entry({
    code: 'USAGE',
    example: { text: '"-1"', max: 86400 },
    message: ({ text, max }: { text: string; max: number }) => ({
      en: `--timeout ${text} is not a number of seconds above 0 and at most ${max} (one day), in plain digits`,
      'zh-CN': `--timeout ${text} 不是有效的秒数：须为大于 0、不超过 ${max}（一天）的十进制数`,
    }),
    hint: () => ({ en: 'e.g. --timeout 120', 'zh-CN': '例如 --timeout 120' }),
  }),
  outInsideData: entry({
    code: 'USAGE',
    example: { out: 'data/out', data: 'data', same: false },
    message: ({ out, data, same }: { out: string; data: string; same: boolean }) => ({
      en: same
        ? `--out ${out} is the data folder ${data} itself: the report files would be written among the data files`
        : `--out ${out} is inside the data folder ${data}: the report files would be written among the data files`,
      'zh-CN': same
        ? `--out ${out} 就是数据文件夹 ${data}：报告文件会混进数据文件中`
        : `--out ${out} 位于数据文件夹 ${data} 之内：报告文件会混进数据文件中`,
    }),
    hint: () => ({
      en: 'write the report outside the data folder, e.g. --out out (the default)',
      'zh-CN': '请输出到数据文件夹之外，例如 --out out（默认值）',
    }),
  }),
  badSourceDateEpoch: entry({
    code: 'USAGE',
    example: { raw: 'yesterday' },
    message: ({ raw }: { raw: string }) => ({
      en: `SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${raw}".`,
      'zh-CN': `环境变量 SOURCE_DATE_EPOCH 应为自 1970 年起的整秒数，实际是“${raw}”`,
    }),
    hint: () => ({
      en: 'For example SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it.',
      'zh-CN': '例如 SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)，或删去这个变量',
    }),
  }),

  // ── data ──
  dataFolderNotFound: entry({
    code: 'DATA_NOT_FOUND',
    example: { dir: 'my-data' },
    message: ({ dir }: { dir: string }) => ({
      en: `data folder not found: ${dir}`,
      'zh-CN': `找不到数据文件夹：${dir}`,
    }),
    hint: ({ dir }) => ({
      en: `run from the folder that contains ${dir}/, or pass --data <folder>`,
      'zh-CN': `请在包含 ${dir}/ 的文件夹中运行，或用 --data 指明数据文件夹`,
    }),
  }),
  noDataForYear: entry({
    code: 'DATA_NOT_FOUND',
    example: { year: 2020, available: [2014, 2015] },
    message: ({ year }: { year: number; available: number[] }) => ({
      en: `There is no data for the year ${year}.`,
      'zh-CN': `没有 ${year} 年的数据`,
    }),
    hint: ({ available }) => ({
      en: `Years with data: ${available.length === 0 ? 'none' : list(available, 'en')}.`,
      'zh-CN': `有数据的年份：${available.length === 0 ? '无' : list(available, 'zh-CN')}`,
    }),
  }),
  dataProblems: entry({
    code: 'DATA_INVALID',
    example: {},
    message: () => ({ en: 'the data has problems', 'zh-CN': '数据有问题' }),
    hint: () => ({
      en: 'fix each problem at the file:line:col shown, then run `report validate` again',
      'zh-CN': '按上面给出的“文件:行:列”逐一修改，然后再运行 report validate 检查',
    }),
  }),
  nothingToBuild: entry({
    code: 'DATA_NOT_FOUND',
    example: { data: 'data', years: [2014, 2015] },
    message: ({ data, years }: { data: string; years: number[] }) => ({
      en: `nothing to build: no year in ${data} (${list(years, 'en')}) has a narrative.yaml`,
      'zh-CN': `没有可构建的报告：${data} 中的年份（${list(years, 'zh-CN')}）都没有 narrative.yaml`,
    }),
    hint: ({ data, years }) => ({
      en: `a report is built for each year that has a narrative.yaml; add one, e.g. ${data}/${years.at(-1) ?? 'YYYY'}/narrative.yaml (see docs/data-format.md)`,
      'zh-CN': `每个有 narrative.yaml 的年份生成一份报告；请添加，例如 ${data}/${years.at(-1) ?? 'YYYY'}/narrative.yaml（格式见 docs/data-format.md）`,
    }),
  }),

  figureNoValue: entry({
    code: 'DATA_INVALID',
    example: {
      name: 'services.xiaohongmao.case_service',
      why: {
        en: 'the project xiaohongmao lists no case_service under services in 2015',
        'zh-CN': '项目 xiaohongmao 在 2015 年的 services 中没有 case_service',
      },
    },
    message: ({ name, why }: { name: string; why: Localized }) => ({
      en: `the figure {{${name}}} has no value: ${why.en}`,
      'zh-CN': `正文引用的数字 {{${name}}} 没有值：${why['zh-CN']}`,
    }),
    hint: () => ({
      en: 'see docs/figures.md for the figures a narrative can use',
      'zh-CN':
        '请改正或删去这个引用；正文能用的数字见 docs/figures.md，改好后可先运行 report validate 检查',
    }),
  }),
  noNarrative: entry({
    code: 'DATA_INVALID',
    example: { year: 2016, file: 'data/2016/narrative.yaml' },
    message: ({ year, file }: { year: number; file: string }) => ({
      en: `there is no narrative for ${year} (${file})`,
      'zh-CN': `${year} 年没有报告正文（${file}）`,
    }),
    hint: ({ file }) => ({
      en: `write ${file} (title, opening, sections, signature); see docs/data-format.md`,
      'zh-CN': `请编写 ${file}（标题、综述、各部分、落款），格式见 docs/data-format.md`,
    }),
  }),

  // ── template ──
  templateFileTooLarge: entry({
    code: 'TEMPLATE_INVALID',
    example: { file: 'my-template/report.hbs', bytes: 2_000_000 },
    message: ({ file, bytes }: { file: string; bytes: number }) => ({
      en: `${file} is ${bytes} bytes, over the 1 MB limit for a template file`,
      'zh-CN': `${file} 有 ${bytes} 字节，超过模板文件 1 MB 的上限`,
    }),
  }),
  templateFileUnreadable: entry({
    code: 'TEMPLATE_INVALID',
    example: { file: 'my-template/report.hbs', reason: 'ENOENT' },
    message: ({ file, reason }: { file: string; reason: string }) => ({
      en: `cannot read ${file}: ${reason}`,
      'zh-CN': `无法读取 ${file}：${reason}`,
    }),
    hint: () => ({
      en: 'a template folder holds report.hbs, partials/, styles/, locales/ and layout.json; copy templates/default to start one',
      'zh-CN':
        '模板文件夹应包含 report.hbs、partials/、styles/、locales/ 和 layout.json；可复制 templates/default 作为起点',
    }),
  }),
  templateStringsNotObject: entry({
    code: 'TEMPLATE_INVALID',
    example: { file: 'my-template/locales/zh-CN.json' },
    message: ({ file }: { file: string }) => ({
      en: `${file}: expected a JSON object of strings`,
      'zh-CN': `${file}：应为由字符串组成的 JSON 对象`,
    }),
  }),
  templateJsonInvalid: entry({
    code: 'TEMPLATE_INVALID',
    example: { file: 'my-template/layout.json', detail: 'Unexpected token', what: 'layout.json' },
    message: ({ file, detail }: { file: string; detail: string; what: string }) => ({
      en: `${file}: ${detail}`,
      'zh-CN': `${file}：JSON 格式有误（${detail}）`,
    }),
    hint: ({ what }) => ({
      en: `${what} must be valid JSON; see docs/templates.md`,
      'zh-CN': `${what} 必须是有效的 JSON，见 docs/templates.md`,
    }),
  }),
  templateRenderTimeout: entry({
    code: 'TEMPLATE_INVALID',
    example: { file: 'my-template/report.hbs', seconds: 60 },
    message: ({ file, seconds }: { file: string; seconds: number }) => ({
      en: `${file}: rendering took longer than ${seconds} s and was stopped`,
      'zh-CN': `${file}：渲染超过 ${seconds} 秒，已停止`,
    }),
    hint: () => ({
      en: 'look for a loop inside a loop over a long list; --timeout SECONDS allows more time',
      'zh-CN': '检查是否有在长列表上嵌套的循环；用 --timeout 秒数 可以放宽时间',
    }),
  }),
  templateRenderFailed: entry({
    code: 'TEMPLATE_INVALID',
    example: { file: 'my-template/report.hbs', detail: 'out of memory' },
    message: ({ file, detail }: { file: string; detail: string }) => ({
      en: `${file}: ${detail}`,
      'zh-CN': `${file}：渲染失败（${detail}）`,
    }),
  }),
  templateRenderStopped: entry({
    code: 'TEMPLATE_INVALID',
    example: { file: 'my-template/report.hbs' },
    message: ({ file }: { file: string }) => ({
      en: `${file}: the render stopped`,
      'zh-CN': `${file}：渲染中途停止`,
    }),
  }),
  templateRendererClosed: entry({
    code: 'TEMPLATE_INVALID',
    example: { file: 'my-template/report.hbs' },
    message: ({ file }: { file: string }) => ({
      en: `${file}: the renderer was closed`,
      'zh-CN': `${file}：渲染器已关闭`,
    }),
  }),

  templateNotText: entry({
    code: 'TEMPLATE_INVALID',
    example: { where: 'my-template/report.hbs' },
    message: ({ where }: { where: string }) => ({
      en: `${where}  a template must be text`,
      'zh-CN': `${where}  模板必须是文本文件`,
    }),
  }),
  templateSyntax: entry({
    code: 'TEMPLATE_INVALID',
    example: { where: 'my-template/report.hbs:3', detail: "Expecting 'EOF', got 'OPEN_ENDBLOCK'" },
    message: ({ where, detail }: { where: string; detail: string }) => ({
      en: `${where}  syntax error: ${detail}`,
      'zh-CN': `${where}  模板语法错误：${detail}`,
    }),
    hint: () => ({
      en: 'check that every {{#block}} has its {{/block}} and every {{ has its }}',
      'zh-CN': '请检查每个 {{#块}} 是否都有对应的 {{/块}}，每个 {{ 是否都有对应的 }}',
    }),
  }),
  templateDynamicPartial: entry({
    code: 'TEMPLATE_INVALID',
    example: { where: 'my-template/report.hbs:4:1' },
    message: ({ where }: { where: string }) => ({
      en: `${where}  a partial chosen at render time ({{> (…)}}) is not allowed`,
      'zh-CN': `${where}  不能在渲染时才决定用哪个片段（{{> (…)}}）`,
    }),
    hint: () => ({
      en: 'name the partial: {{> section}}',
      'zh-CN': '请直接写出片段的名字，例如 {{> section}}',
    }),
  }),
  templateUnknownPartial: entry({
    code: 'TEMPLATE_INVALID',
    example: { where: 'my-template/report.hbs:4:1', name: 'footr', known: ['footer', 'header'] },
    message: ({ where, name }: { where: string; name: string; known: string[] }) => ({
      en: `${where}  unknown partial "${name}"`,
      'zh-CN': `${where}  没有名为“${name}”的片段`,
    }),
    hint: ({ known }) => ({
      en: `partials in this template: ${known.join(', ')}`,
      'zh-CN': `这个模板的 partials/ 中有：${known.join(', ')}（请检查拼写）`,
    }),
  }),
  templateUnknownHelper: entry({
    code: 'TEMPLATE_INVALID',
    example: { where: 'my-template/report.hbs:3:1', name: 'formatMony', known: ['each', 'if'] },
    message: ({ where, name }: { where: string; name: string; known: string[] }) => ({
      en: `${where}  unknown helper "${name}"`,
      'zh-CN': `${where}  没有名为“${name}”的辅助函数（helper）`,
    }),
    hint: ({ known }) => ({
      en: `helpers: ${known.join(', ')}`,
      'zh-CN': `可用的辅助函数：${known.join(', ')}（请检查拼写）`,
    }),
  }),
  templatePartialCycle: entry({
    code: 'TEMPLATE_INVALID',
    example: {
      where: 'my-template/partials/self.hbs:2:3',
      tag: '{{> self}}',
      first: 'self',
      chain: 'self → self',
      self: true,
      ranOut: false,
    },
    message: ({
      where,
      tag,
      first,
      chain,
      self,
      ranOut,
    }: {
      where: string;
      tag: string;
      first: string;
      chain: string;
      self: boolean;
      ranOut: boolean;
    }) => ({
      en: `${where}  ${
        self
          ? `${tag} here makes the partial "${first}" include itself without end`
          : `${tag} here makes partials include each other without end: ${chain}`
      }${ranOut ? ' (the render ran out of stack)' : ''}`,
      'zh-CN': `${where}  ${
        self
          ? `这里的 ${tag} 让片段“${first}”包含它自己，渲染永远不会结束`
          : `这里的 ${tag} 让几个片段互相包含，渲染永远不会结束：${chain}`
      }${ranOut ? '（渲染时调用栈溢出）' : ''}`,
    }),
    hint: ({ tag }) => ({
      en: `remove this ${tag}; a partial may include itself only inside a block that ends, such as {{#each children}}{{> node}}{{/each}}`,
      'zh-CN': `删去这个 ${tag}；片段只能在会结束的条件中包含自己，例如 {{#each children}}{{> node}}{{/each}}`,
    }),
  }),
  templateProblems: entry({
    code: 'TEMPLATE_INVALID',
    example: {
      lines: [
        {
          en: 'my-template/report.hbs:2:3  unknown partial "footr"',
          'zh-CN': 'my-template/report.hbs:2:3  没有名为“footr”的片段',
        },
      ],
      hint: {
        en: 'partials in this template: footer',
        'zh-CN': '这个模板的 partials/ 中有：footer',
      },
    },
    message: ({ lines }: { lines: Localized[]; hint: Localized }) => ({
      en: lines.map((l) => l.en).join('\n'),
      'zh-CN': lines.map((l) => l['zh-CN']).join('\n'),
    }),
    hint: ({ hint }) => hint,
  }),
  templateTooLarge: entry({
    code: 'TEMPLATE_INVALID',
    example: { file: 'my-template/report.hbs', max: 64_000_000 },
    message: ({ file, max }: { file: string; max: number }) => ({
      en: `${file}: the rendered HTML is over ${max} characters`,
      'zh-CN': `${file}：渲染出的 HTML 超过 ${max} 个字符`,
    }),
    hint: () => ({
      en: 'look for a loop that repeats more than intended',
      'zh-CN': '请检查是否有循环重复的次数比预想的多',
    }),
  }),
  templateFieldMissing: entry({
    code: 'TEMPLATE_INVALID',
    example: { where: 'my-template/report.hbs:2:3', field: 'titel' },
    message: ({ where, field }: { where: string; field: string }) => ({
      en: `${where}  field "${field}" is not in the report data`,
      'zh-CN': `${where}  报告数据中没有“${field}”这一项`,
    }),
    hint: () => ({
      en: 'the fields a template can use are listed in docs/templates.md',
      'zh-CN': '模板能用的数据项列在 docs/templates.md 中（请检查拼写）',
    }),
  }),
  templateRenderError: entry({
    code: 'TEMPLATE_INVALID',
    example: { where: 'my-template/report.hbs:2:3', detail: 'Invalid string length' },
    message: ({ where, detail }: { where: string; detail: string }) => ({
      en: `${where}  ${detail}`,
      'zh-CN': `${where}  渲染出错：${detail}`,
    }),
    hint: () => ({
      en: 'the fields a template can use are listed in docs/templates.md',
      'zh-CN': '模板能用的数据项列在 docs/templates.md 中',
    }),
  }),
  layoutInvalid: entry({
    code: 'TEMPLATE_INVALID',
    example: {
      file: 'my-template/layout.json',
      path: 'figures.0.chart',
      detail: 'Invalid option',
      charts: ['income', 'staff'],
      tables: ['income'],
    },
    message: ({
      file,
      path,
      detail,
    }: {
      file: string;
      path: string;
      detail: string;
      charts: readonly string[];
      tables: readonly string[];
    }) => ({
      en: `${file}:${path === '' ? '' : ` ${path}:`} ${detail}`,
      'zh-CN': `${file}：${path === '' ? '' : `${path} 处`}内容不符合要求（${detail}）`,
    }),
    hint: ({ charts, tables }) => ({
      en: `each figure is { "chart": one of ${charts.join(', ')}, "section", "subsection", "widthMm", "heightMm" } or { "table": one of ${tables.join(', ')}, "section", "subsection" }; see docs/templates.md`,
      'zh-CN': `figures 中的每一项写成 { "chart": ${charts.join(', ')} 之一, "section", "subsection", "widthMm", "heightMm" } 或 { "table": ${tables.join(', ')} 之一, "section", "subsection" }；见 docs/templates.md`,
    }),
  }),
  layoutPlacedTwice: entry({
    code: 'TEMPLATE_INVALID',
    example: { file: 'my-template/layout.json', kind: 'table', id: 'income' },
    message: ({ file, kind, id }: { file: string; kind: 'chart' | 'table'; id: string }) => ({
      en: `${file}: the ${kind} ${id} is placed twice`,
      'zh-CN': `${file}：${kind === 'chart' ? '图表' : '表格'} ${id} 放了两次`,
    }),
    hint: () => ({
      en: 'place each chart and table once',
      'zh-CN': '每个图表和表格只能放一次，请删去重复的那一项',
    }),
  }),
  localeStringMissing: entry({
    code: 'TEMPLATE_INVALID',
    example: { key: 'coverTitle' },
    message: ({ key }: { key: string }) => ({
      en: `the template's locale strings lack "${key}"`,
      'zh-CN': `模板的 locales/ 文字中缺少“${key}”`,
    }),
    hint: () => ({
      en: 'copy the missing key from templates/default/locales/',
      'zh-CN': '请从 templates/default/locales/ 中把缺少的这一项复制过来',
    }),
  }),

  // ── browser ──
  browserNotFound: entry({
    code: 'BROWSER_NOT_FOUND',
    example: { install: 'apt-get install -y chromium chromium-sandbox' },
    message: () => ({
      en: 'no Chromium or Chrome found to print the PDF; the HTML was written',
      'zh-CN': '没有找到可打印 PDF 的 Chromium 或 Chrome；HTML 已生成',
    }),
    hint: ({ install }: { install: string }) => ({
      en: `install one with \`${install}\`, or pass --chrome PATH (or set CHROME_PATH)`,
      'zh-CN': `请安装浏览器（\`${install}\`），或用 --chrome 路径 指明（也可设置环境变量 CHROME_PATH）`,
    }),
  }),
  browserPathMissing: entry({
    code: 'BROWSER_NOT_FOUND',
    example: {
      source: '--chrome flag',
      path: '/opt/chrome',
      install: 'apt-get install -y chromium',
    },
    message: ({ source, path }: { source: string; path: string; install: string }) => ({
      en: `The browser given by ${source} does not exist: ${path}`,
      'zh-CN': `${source} 指定的浏览器不存在：${path}`,
    }),
    hint: ({ source, install }) => ({
      en: `Fix the path, or remove ${source} to let report search the usual places. To install one: ${install}`,
      'zh-CN': `请改正路径，或去掉 ${source}，让 report 在常见位置查找。安装浏览器：${install}`,
    }),
  }),
  fontsDidNotLoad: entry({
    code: 'BROWSER_FAILED',
    example: { families: ['Noto Sans SC'] },
    message: ({ families }: { families: string[] }) => ({
      en: `fonts did not load in Chromium: ${list(families, 'en')}`,
      'zh-CN': `Chromium 没能加载字体：${list(families, 'zh-CN')}`,
    }),
    hint: () => ({
      en: 'reinstall the dependencies (npm ci): the fonts come from @fontsource packages',
      'zh-CN': '请重新安装依赖（npm ci）：字体来自 @fontsource 软件包',
    }),
  }),
  navigatedAway: entry({
    code: 'BROWSER_FAILED',
    example: { url: 'https://example.org/' },
    message: ({ url }: { url: string }) => ({
      en: `The document navigated away from itself (to ${url}) while printing.`,
      'zh-CN': `打印时页面跳转到了别处（${url}）`,
    }),
    hint: () => ({
      en: 'Remove <meta http-equiv="refresh"> and similar from the template or the narrative HTML.',
      'zh-CN': '请从模板或正文的 HTML 中删去 <meta http-equiv="refresh"> 之类的跳转',
    }),
  }),
  printTimeout: entry({
    code: 'BROWSER_FAILED',
    example: { seconds: '60' },
    message: ({ seconds }: { seconds: string }) => ({
      en: `Printing did not finish within ${seconds} s.`,
      'zh-CN': `打印未能在 ${seconds} 秒内完成`,
    }),
    hint: () => ({
      en: 'The document may be very large (long tables): allow more time with --timeout SECONDS, or split the content.',
      'zh-CN': '文档可能太大（例如很长的表格）：用 --timeout 秒数 放宽时间，或拆分内容',
    }),
  }),
  browserCrashed: entry({
    code: 'BROWSER_FAILED',
    example: { executable: '/usr/bin/chromium' },
    message: () => ({
      en: 'Chromium stopped while printing (it crashed or was killed); no PDF was written.',
      'zh-CN': 'Chromium 在打印中途停止（崩溃或被终止），没有生成 PDF',
    }),
    hint: ({ executable }: { executable: string }) => ({
      en: `Run the build again. If it keeps happening, check free memory and that \`${executable} --version\` works.`,
      'zh-CN': `请再运行一次。如果反复出现，请检查空闲内存，并确认 \`${executable} --version\` 能运行`,
    }),
  }),
  printFailed: entry({
    code: 'BROWSER_FAILED',
    example: { detail: 'Protocol error', executable: '/usr/bin/chromium' },
    message: ({ detail }: { detail: string; executable: string }) => ({
      en: `Chromium failed while printing: ${detail}`,
      'zh-CN': `Chromium 打印失败：${detail}`,
    }),
    hint: ({ executable }) => ({
      en: `Run the build again; if it keeps failing, report it with the output of \`${executable} --version\`.`,
      'zh-CN': `请再运行一次；如果仍然失败，请附上 \`${executable} --version\` 的输出报告问题`,
    }),
  }),
  sandboxFailed: entry({
    code: 'BROWSER_FAILED',
    example: {
      executable: '/usr/bin/chromium',
      user: 'staff',
      detail: 'No usable sandbox!',
      fixes: {
        en: 'as root: apt-get install -y chromium-sandbox',
        'zh-CN': '以 root 身份运行 apt-get install -y chromium-sandbox',
      },
    },
    message: ({
      executable,
      user,
      detail,
    }: {
      executable: string;
      user: string;
      detail: string;
      fixes: Localized;
    }) => ({
      en: `Chromium at ${executable} cannot start its sandbox as ${user}:\n${detail}`,
      'zh-CN': `${executable} 的 Chromium 无法以 ${user} 身份启动沙箱：\n${detail}`,
    }),
    hint: ({ fixes }) => fixes,
  }),
  browserDidNotStart: entry({
    code: 'BROWSER_FAILED',
    example: { executable: '/usr/bin/chromium', detail: 'spawn EACCES' },
    message: ({ executable, detail }: { executable: string; detail: string }) => ({
      en: `Chromium at ${executable} did not start: ${detail}`,
      'zh-CN': `${executable} 的 Chromium 没能启动：${detail}`,
    }),
    hint: ({ executable }) => ({
      en:
        `Check that \`${executable} --headless --dump-dom about:blank\` works. In a container ` +
        'running as a non-root user without user namespaces, see README.md, "The browser".',
      'zh-CN': `请确认 \`${executable} --headless --dump-dom about:blank\` 能运行。在没有用户命名空间、以非 root 用户运行的容器中，见 README.md 的“The browser”一节`,
    }),
  }),

  // ── output ──
  outputFailed: entry({
    code: 'OUTPUT_FAILED',
    example: { target: 'out/2015/report.pdf', code: 'ENOSPC', detail: 'no space left on device' },
    message: ({ target, code, detail }: { target: string; code: string; detail: string }) => ({
      en: `Cannot write ${target}: ${code} (${detail}).`,
      'zh-CN': `无法写入 ${target}：${code}（${detail}）`,
    }),
    hint: ({ target, code }) => outputHint(code, target),
  }),
  backupKept: entry({
    code: 'OUTPUT_FAILED',
    example: { kept: ['out/2015/.report.pdf.bak'] },
    message: ({ kept }: { kept: string[] }) => ({
      en: `the previous version could not be put back and is kept as ${list(kept, 'en')}`,
      'zh-CN': `旧版本未能放回原处，保存在 ${list(kept, 'zh-CN')}`,
    }),
  }),
  pdfIdFailed: entry({
    code: 'OUTPUT_FAILED',
    example: {},
    message: () => ({
      en: 'Could not set the PDF document identifier.',
      'zh-CN': '无法写入 PDF 文档标识',
    }),
    hint: () => ({
      en: 'This is a bug in report; please file it with the PDF attached.',
      'zh-CN': '这是 report 的程序错误，请附上该 PDF 报告问题',
    }),
  }),
  noYearReplaced: entry({
    code: 'OUTPUT_FAILED',
    example: { years: 4 },
    message: ({ years }: { years: number }) => ({
      en: `No report was replaced: the files of all ${years} years are replaced together, or none.`,
      'zh-CN': `没有替换任何报告：${years} 个年份的文件要么一起替换，要么都不替换。`,
    }),
  }),

  // ── interrupts ──
  interrupted: entry({
    code: 'INTERRUPTED',
    example: { signal: 'SIGINT' },
    message: ({ signal }: { signal: string }) => ({
      en: `Interrupted by ${signal}.`,
      'zh-CN': `已被 ${signal} 中断`,
    }),
  }),
  stoppedBeforeReplace: entry({
    code: 'INTERRUPTED',
    example: {},
    message: () => ({
      en: 'Stopped by a signal before any file was replaced.',
      'zh-CN': '在替换任何文件之前被信号中断',
    }),
  }),

  // ── many organisations, a browser endpoint (src/cli/build-work.ts, src/infra/remote-browser.ts) ──
  badJobs: entry({
    code: 'USAGE',
    example: { text: '"0"' },
    message: ({ text }: { text: string }) => ({
      en: `--jobs ${text} is not a whole number from 1 to 64`,
      'zh-CN': `--jobs ${text} 无效：应为 1 到 64 的整数`,
    }),
    hint: () => ({ en: 'e.g. --jobs 4', 'zh-CN': '例如 --jobs 4' }),
  }),
  noWorkToBuild: entry({
    code: 'DATA_NOT_FOUND',
    example: { data: 'orgs/*' },
    message: ({ data }: { data: string }) => ({
      en: `nothing to build: no year folder in ${data} has a narrative.yaml`,
      'zh-CN': `没有可生成的报告：${data} 中没有含 narrative.yaml 的年份文件夹`,
    }),
    hint: () => ({
      en: 'a report is built for each year that has a narrative.yaml (see docs/data-format.md)',
      'zh-CN': '每个有 narrative.yaml 的年份生成一份报告（格式见 docs/data-format.md）',
    }),
  }),
  badBrowserUrl: entry({
    code: 'USAGE',
    example: { shown: '"localhost:9222"' },
    message: ({ shown }: { shown: string }) => ({
      en: `--browser-url ${shown} is not a browser endpoint (ws://… or http://…)`,
      'zh-CN': `--browser-url ${shown} 不是浏览器调试地址（ws://… 或 http://…）`,
    }),
    hint: () => ({
      en: 'e.g. --browser-url ws://127.0.0.1:9222/devtools/browser/<id>, or --browser-url http://127.0.0.1:9222',
      'zh-CN':
        '例如 --browser-url ws://127.0.0.1:9222/devtools/browser/<id>，或 --browser-url http://127.0.0.1:9222',
    }),
  }),
  remotePrintTimeout: entry({
    code: 'BROWSER_FAILED',
    example: { url: 'ws://127.0.0.1:9222', seconds: 60 },
    message: ({ url, seconds }: { url: string; seconds: number }) => ({
      en: `printing through ${url} did not finish within ${seconds} s; no PDF was written`,
      'zh-CN': `通过 ${url} 打印未在 ${seconds} 秒内完成；未写入 PDF`,
    }),
    hint: () => ({
      en: 'the browser pool may be overloaded: lower --jobs, or allow more time with --timeout',
      'zh-CN': '浏览器池可能过忙：减少 --jobs，或用 --timeout 放宽时间',
    }),
  }),
  remotePrintFailed: entry({
    code: 'BROWSER_FAILED',
    example: { url: 'ws://127.0.0.1:9222', detail: 'Target closed', retried: true },
    message: ({ url, detail, retried }: { url: string; detail: string; retried: boolean }) => ({
      en: `printing through ${url} failed${retried ? ' (tried twice)' : ''}: ${detail}; no PDF was written`,
      'zh-CN': `通过 ${url} 打印失败${retried ? '（已重试一次）' : ''}：${detail}；未写入 PDF`,
    }),
    hint: () => ({
      en: 'check that the browser at that address is running and reachable, or drop --browser-url (and REPORT_BROWSER_URL) to print with a local browser',
      'zh-CN':
        '检查该地址的浏览器是否在运行、可以访问；或去掉 --browser-url（及 REPORT_BROWSER_URL）改用本机浏览器',
    }),
  }),
} as const;

interface EmptyPath {
  flag: string;
  shown: string;
  what: 'folder' | 'program';
  /** What leaving it out means: a folder (`out/`), `template` or `search`. */
  omit: string;
  example: string;
}

function outputHint(code: string, target: string): Localized {
  const dir = parentOf(target);
  const hints: Record<string, Localized> = {
    EACCES: {
      en: `You may not write to ${dir}; choose another --out or fix its permissions.`,
      'zh-CN': `没有写入 ${dir} 的权限：请换一个 --out，或修改它的权限`,
    },
    EPERM: {
      en: `The system refused to replace ${target}; close it if it is open in a viewer, or choose another --out.`,
      'zh-CN': `系统拒绝替换 ${target}：如果它正在阅读器中打开，请先关闭；或换一个 --out`,
    },
    EROFS: {
      en: `${dir} is on a read-only file system; choose another --out.`,
      'zh-CN': `${dir} 所在的磁盘只读：请换一个 --out`,
    },
    ENOSPC: {
      en: 'The disk is full; free some space and build again.',
      'zh-CN': '磁盘已满：请腾出空间后再生成',
    },
    EDQUOT: {
      en: 'Your disk quota is used up; free some space and build again.',
      'zh-CN': '磁盘配额已用完：请腾出空间后再生成',
    },
    EISDIR: {
      en: `${target} is a directory; give a file name instead.`,
      'zh-CN': `${target} 是一个文件夹：请改用文件名`,
    },
    ENOTDIR: {
      en: `A part of ${dir} is a file, not a directory; choose another --out.`,
      'zh-CN': `${dir} 路径中的某一部分是文件而不是文件夹：请换一个 --out`,
    },
    ENAMETOOLONG: {
      en: 'The output path is too long; choose a shorter one.',
      'zh-CN': '输出路径太长：请换一个短一些的',
    },
    EMFILE: {
      en: 'Too many open files; close other programs or raise the limit (ulimit -n).',
      'zh-CN': '打开的文件太多：请关闭其他程序，或提高上限（ulimit -n）',
    },
  };
  return (
    hints[code] ?? {
      en: 'Check the output path and build again.',
      'zh-CN': '请检查输出路径后再生成',
    }
  );
}

export type MessageId = keyof typeof MESSAGES;
type ParamsOf<K extends MessageId> = (typeof MESSAGES)[K] extends Entry<infer P> ? P : never;

/** The catalogue's failure `id` with its parameters, in both languages. */
export function reportError<K extends MessageId>(
  id: K,
  params: ParamsOf<K>,
  options: { cause?: unknown; exitCode?: ExitCode } = {},
): ReportError {
  const e = MESSAGES[id] as unknown as Entry<ParamsOf<K>>;
  return new ReportError(e.code, e.message(params), {
    ...(e.hint ? { hint: e.hint(params) } : {}),
    ...options,
  });
}

/** A ReportError as plain data, to cross a worker thread (structured clone drops the class). */
export interface ErrorParts {
  code: ErrorCode;
  message: Text;
  hint?: Text;
  exitCode: ExitCode;
  lang?: MessageLang;
}

export function errorParts(error: ReportError): ErrorParts {
  return {
    code: error.code,
    message: error.text.message,
    ...(error.text.hint === undefined ? {} : { hint: error.text.hint }),
    exitCode: error.exitCode,
    ...(error.lang === undefined ? {} : { lang: error.lang }),
  };
}

/** The error `errorParts` described, in both languages as it was. */
export function errorFromParts(parts: ErrorParts): ReportError {
  return new ReportError(parts.code, parts.message, {
    ...(parts.hint === undefined ? {} : { hint: parts.hint }),
    exitCode: parts.exitCode,
    ...(parts.lang === undefined ? {} : { lang: parts.lang }),
  });
}
