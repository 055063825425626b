/**
 * Every text the command line shows besides the error catalogue (src/errors.ts): help, the
 * words around an error, commander's own errors, the build summary, `doctor` and progress, in
 * Chinese and English. Both languages have the same keys (the type says so, and
 * tests/cli/messages.test.ts checks each text is really in its language).
 */
import type { MessageLang } from '../errors.js';

/** Command lines and what they do, shown under a command's help. */
type Examples = [string, string][];

const zh = {
  // ── help ──
  programDescription:
    '把机构每年的 YAML 数据生成年度报告（HTML 和 PDF）。先用 report validate 检查数据，再用 report build 生成报告。',
  usage: '用法：',
  arguments: '参数：',
  options: '选项：',
  commands: '命令：',
  examples: '示例：',
  defaultIs: (value: string) => `默认：${value}`,
  choicesAre: (values: string) => `可选：${values}`,
  helpOption: '显示帮助',
  helpCommand: '显示某个命令的帮助',
  versionOption: '显示版本号',
  groupInput: '数据与模板：',
  groupOutput: '输出：',
  groupPrint: '打印 PDF：',
  groupMessages: '提示信息：',
  groupOther: '其他：',
  valueDir: '文件夹',
  valuePath: '路径',
  valueSeconds: '秒数',
  valueLang: '语言',
  valueFormat: '格式',
  valueYear: '年份',
  valueCommand: '命令',
  usageValidate: '[年份] [选项]',
  usageStats: '<年份> [选项]',
  usageBuild: '[年份] [选项]',
  usageDoctor: '[选项]',
  usageProgram: '[选项] [命令]',
  validateDescription: '检查数据文件；每个问题都给出“文件:行:列”和改法',
  statsDescription: '显示某一年由数据算出的各项数字',
  buildDescription: '生成报告：<输出文件夹>/<年份>/report.html 和 report.pdf',
  doctorDescription: '检查浏览器（试打印一页）、字体、数据和输出文件夹，并说明怎样修复',
  argYearOnly: '只检查这一年（不写则检查所有年份）',
  argYear: '报告年份，例如 2015',
  optData: '数据文件夹',
  optValidateFormat: '输出格式：text（给人看）、github（GitHub Actions 标注）或 json',
  optLang: '提示信息的语言，默认为机构的语言，其次是系统语言',
  optJson: '输出给程序用的 JSON（见 docs/stats.md）',
  optAll: '生成数据文件夹中每一个有 narrative.yaml 的年份（共用一个浏览器）',
  optOut: '输出文件夹',
  optTemplate: '模板文件夹（templates/default 的副本）',
  optBuildFormat: 'html、pdf 或 html,pdf',
  optChrome: 'Chromium 或 Chrome 程序的路径（默认自动查找）',
  optTimeout: '打印一份 PDF（以及渲染自定义模板）最多用多少秒，最大 86400',
  optQuiet: '不显示进度',
  examplesProgram: [
    ['report validate', '检查所有年份的数据'],
    ['report build 2015', '生成 2015 年的报告：out/2015/report.pdf 和 report.html'],
    ['report build --all', '生成每一年的报告'],
    ['report doctor', '检查这台电脑能否生成 PDF'],
    ['report build --help', '查看某个命令的全部选项'],
  ] as Examples,
  examplesValidate: [
    ['report validate', '检查 data/ 中的所有年份'],
    ['report validate 2015', '只检查 2015 年（以及之前的年份）'],
    ['report validate --data 我的数据', '检查另一个数据文件夹'],
    ['report validate --format github', '在 GitHub Actions 中把问题标注在文件行上'],
  ] as Examples,
  examplesStats: [
    ['report stats 2015', '以表格显示 2015 年的数字'],
    ['report stats 2015 --json', '给程序使用的 JSON'],
  ] as Examples,
  examplesBuild: [
    ['report build 2015', '生成 out/2015/report.pdf 和 report.html'],
    ['report build 2015 --format html', '只生成 HTML（不需要浏览器）'],
    ['report build --all', '生成每一个有 narrative.yaml 的年份'],
    ['report build 2015 --data 我的数据 --out 报告', '指定数据和输出文件夹'],
    ['report build 2015 --quiet', '不显示进度'],
  ] as Examples,
  usageInit: '[文件夹] [选项]',
  usagePreview: '<年份> [选项]',
  initDescription: '新建一个机构的数据文件夹：一年的示例数据，每一项都有中文说明，可以直接生成报告',
  previewDescription: '在本机 127.0.0.1 上预览报告，数据或模板一保存就自动刷新',
  argInitDir: '要新建的文件夹（默认：data）',
  optInitLang: '数据文件里说明文字的语言（默认：zh-CN）',
  optInitYear: '示例数据的年份（默认：去年）',
  optPort: '端口（默认：自动找一个空闲端口）',
  optNoOpen: '不自动打开浏览器',
  optPreviewPdf: '同时在后台打印 PDF，地址为 /report.pdf',
  valuePort: '端口',
  examplesInit: [
    ['report init', '在当前文件夹下新建 data/'],
    ['report init 我的数据', '新建另一个名字的数据文件夹'],
    ['report init --lang en', '英文说明的数据文件夹'],
  ] as Examples,
  examplesPreview: [
    ['report preview 2015', '预览 2015 年的报告，并打开浏览器'],
    ['report preview 2015 --pdf', '同时预览 PDF'],
    ['report preview 2015 --port 8080 --no-open', '指定端口，不打开浏览器'],
  ] as Examples,
  optShard: '只生成全部报告中的第 K 份（共 N 份），供 CI 的多个任务分担，例如 --shard 1/3',
  optBrowserUrl: '通过已在运行的浏览器打印（ws://…；也可设环境变量 REPORT_BROWSER_URL）',
  optJobs: '同时打印的页面数（默认 2；用 --browser-url 时为 CPU 核数）',
  valueUrl: '地址',
  valueJobs: '个数',
  workShard: (index: number, count: number, mine: number, all: number) =>
    `分片 ${index}/${count}：共 ${all} 份报告，本分片生成 ${mine} 份`,
  workBuilt: (org: string | null, year: number, files: string, pages: number | null) =>
    `${org === null ? '' : `${org} `}${year} 年：${files}${pages === null ? '' : `（${pages} 页）`}`,
  workFailed: (code: string, org: string, years: string) => `错误[${code}] ${org}（${years}）：`,
  workSummary: (built: number, skipped: number, failed: number, orgs: number, seconds: string) =>
    `已生成 ${built} 份，跳过 ${skipped} 份，失败 ${failed} 份（涉及 ${orgs} 个机构），用时 ${seconds} 秒`,
  examplesDoctor: [
    ['report doctor', '检查浏览器、字体、data/ 和 out/'],
    [
      'report doctor --chrome "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"',
      '试用指定的浏览器',
    ],
  ] as Examples,

  // ── errors around the catalogue's words ──
  errorPrefix: (code: string) => `错误[${code}]：`,
  hintPrefix: '提示：',
  warningPrefix: '警告：',
  internalError: '内部错误（这是 report 的程序缺陷，请报告）：',
  commanderUnknownOption: (flag: string) => `错误：没有 ${flag} 这个选项`,
  commanderUnknownCommand: (name: string) => `错误：没有 ${name} 这个命令`,
  commanderMissingArgument: (name: string) => `错误：缺少参数 ${name}`,
  commanderOptionMissingArgument: (flags: string) => `错误：选项 ${flags} 后面需要写一个值`,
  commanderInvalidChoice: (flags: string, value: string, allowed: string) =>
    `错误：选项 ${flags} 不能取“${value}”，可选：${allowed}`,
  commanderTooManyArguments: (expected: number, got: number) =>
    `错误：参数太多，应有 ${expected} 个，实际有 ${got} 个`,
  commanderOther: (text: string) => `错误：${text}`,
  didYouMean: (names: string) => `（你是不是想写 ${names}？）`,
  seeHelp: (command: string) => `运行 ${command} --help 查看用法和示例`,

  // ── build summary ──
  builtYear: (year: number, files: string, pages: number | null) =>
    `${year} 年：${files}${pages === null ? '' : `（${pages} 页）`}`,
  notBuilt: (years: string) => `未生成（没有 narrative.yaml）：${years}`,
  builtCount: (n: number, seconds: string) => `已生成 ${n} 份报告，用时 ${seconds} 秒`,

  // ── doctor ──
  doctorOk: '✓',
  doctorNo: '✗',
  doctorFix: '解决办法：',
  doctorNames: {
    report: '程序',
    browser: '浏览器',
    fonts: '字体',
    data: '数据',
    output: '输出',
  } as Record<string, string>,
  doctorVersion: (version: string, node: string) => `${version}，Node.js ${node}`,
  doctorVersionUnknown: '版本未知',
  doctorTestPrint: (pages: number, seconds: string) => `试打印 ${pages} 页，用时 ${seconds} 秒`,
  doctorFontsOk: '已内置思源宋体和思源黑体（Noto Serif SC、Noto Sans SC），无需安装系统字体',
  doctorFontsMissing: (which: string) => `缺少字体软件包 ${which}`,
  doctorDataOk: (dir: string) => `${dir}（用 report validate 检查其中的数据）`,
  doctorDataMissing: (dir: string) => `找不到 ${dir}/organization.yaml`,
  doctorDataFix: (dir: string) =>
    `用 --data 指明数据文件夹；还没有数据时，用 report init ${dir} 新建一个`,
  doctorOutputOk: (dir: string) => `${dir} 可以写入`,
  doctorOutputFix: '用 --out 指明一个可以写入的文件夹',

  // ── progress ──
  stages: {
    validate: '检查数据',
    charts: '绘制图表',
    render: '排版 HTML',
    print: '打印 PDF',
    contents: '填写目录页码',
    write: '写入文件',
    year: '报告',
  } as Record<string, string>,
  yearLabel: (year: number) => `${year} 年`,
  contentsPass: (pass: number) => `（第 ${pass} 遍）`,
  stageStarted: (what: string) => `${what}……`,
  stageDone: (what: string, seconds: string) => `${what}：完成，用时 ${seconds} 秒`,
  yearDone: (year: number, pages: number | null, seconds: string) =>
    `${year} 年的报告已完成${pages === null ? '' : `（${pages} 页）`}，用时 ${seconds} 秒`,
  elapsed: (seconds: string) => `[${seconds} 秒]`,
};

export type CliMessages = typeof zh;

const en: CliMessages = {
  programDescription:
    'Turn an organisation’s yearly YAML data into its annual report (HTML and PDF). Check the data with report validate, then build with report build.',
  usage: 'Usage:',
  arguments: 'Arguments:',
  options: 'Options:',
  commands: 'Commands:',
  examples: 'Examples:',
  defaultIs: (value) => `default: ${value}`,
  choicesAre: (values) => `choices: ${values}`,
  helpOption: 'show this help',
  helpCommand: 'show the help of a command',
  versionOption: 'show the version number',
  groupInput: 'Data and template:',
  groupOutput: 'Output:',
  groupPrint: 'Printing the PDF:',
  groupMessages: 'Messages:',
  groupOther: 'Other:',
  valueDir: 'dir',
  valuePath: 'path',
  valueSeconds: 'seconds',
  valueLang: 'locale',
  valueFormat: 'format',
  valueYear: 'year',
  valueCommand: 'command',
  usageValidate: '[year] [options]',
  usageStats: '<year> [options]',
  usageBuild: '[year] [options]',
  usageDoctor: '[options]',
  usageProgram: '[options] [command]',
  validateDescription: 'check the data files; every problem with file:line:col and what to write',
  statsDescription: 'the figures of a year, computed from the data',
  buildDescription: 'build the report: <out>/<year>/report.html and report.pdf',
  doctorDescription: 'check browser (with a test print), fonts, data and output; say what to fix',
  argYearOnly: 'only this year (default: every year)',
  argYear: 'report year, e.g. 2015',
  optData: 'data folder',
  optValidateFormat:
    'output format: text (for people), github (GitHub Actions annotations) or json',
  optLang: 'language of messages; by default the organisation’s, else the system’s',
  optJson: 'stable JSON for scripts (see docs/stats.md)',
  optAll: 'build every year in the data folder that has a narrative.yaml (one browser)',
  optOut: 'output folder',
  optTemplate: 'template folder (a copy of templates/default)',
  optBuildFormat: 'html, pdf or html,pdf',
  optChrome: 'Chromium or Chrome executable (default: searched for)',
  optTimeout: 'longest a PDF may take to print (and a custom template to render), up to 86400',
  optQuiet: 'show no progress',
  examplesProgram: [
    ['report validate', 'check every year of the data'],
    ['report build 2015', 'build out/2015/report.pdf and report.html'],
    ['report build --all', 'build every year'],
    ['report doctor', 'check that this computer can print PDFs'],
    ['report build --help', 'every option of a command'],
  ],
  examplesValidate: [
    ['report validate', 'check every year in data/'],
    ['report validate 2015', 'only 2015 (and the years before it)'],
    ['report validate --data my-data', 'check another data folder'],
    ['report validate --format github', 'annotate the lines in GitHub Actions'],
  ],
  examplesStats: [
    ['report stats 2015', 'the figures of 2015 as a table'],
    ['report stats 2015 --json', 'JSON for scripts'],
  ],
  examplesBuild: [
    ['report build 2015', 'out/2015/report.pdf and report.html'],
    ['report build 2015 --format html', 'HTML only (no browser needed)'],
    ['report build --all', 'every year that has a narrative.yaml'],
    ['report build 2015 --data my-data --out reports', 'other data and output folders'],
    ['report build 2015 --quiet', 'no progress lines'],
  ],
  usageInit: '[dir] [options]',
  usagePreview: '<year> [options]',
  initDescription:
    'make a new data folder: one year of placeholder data, commented, ready to build',
  previewDescription:
    'serve the report on 127.0.0.1 and reload it on every save of the data or template',
  argInitDir: 'the folder to create (default: data)',
  optInitLang: 'language of the comments in the data files (default: zh-CN)',
  optInitYear: 'the year of the placeholder data (default: last year)',
  optPort: 'port on 127.0.0.1 (default: a free one)',
  optNoOpen: 'do not open the browser',
  optPreviewPdf: 'also print the PDF in the background, served at /report.pdf',
  valuePort: 'port',
  examplesInit: [
    ['report init', 'make data/ here'],
    ['report init my-data', 'a data folder with another name'],
    ['report init --lang en', 'comments in English'],
  ],
  examplesPreview: [
    ['report preview 2015', 'preview the 2015 report and open the browser'],
    ['report preview 2015 --pdf', 'the PDF too'],
    ['report preview 2015 --port 8080 --no-open', 'a given port, no browser'],
  ],
  optShard: 'build only share K of N of the reports (CI matrices), e.g. --shard 1/3',
  optBrowserUrl: 'print through a running browser (ws://…; or REPORT_BROWSER_URL)',
  optJobs: 'pages printed at once (default 2; with --browser-url, the cores)',
  valueUrl: 'url',
  valueJobs: 'n',
  workShard: (index, count, mine, all) => `shard ${index}/${count}: ${mine} of ${all} reports`,
  workBuilt: (org, year, files, pages) =>
    `${org === null ? '' : `${org} `}${year}: ${files}${pages === null ? '' : ` (${pages} pages)`}`,
  workFailed: (code, org, years) => `error[${code}] ${org} (${years}): `,
  workSummary: (built, skipped, failed, orgs, seconds) =>
    `built ${built}, skipped ${skipped}, failed ${failed} (in ${orgs} organisation${orgs === 1 ? '' : 's'}) in ${seconds} s`,
  examplesDoctor: [
    ['report doctor', 'check browser, fonts, data/ and out/'],
    ['report doctor --chrome /usr/bin/chromium', 'try a given browser'],
  ],

  errorPrefix: (code) => `error[${code}]: `,
  hintPrefix: 'hint: ',
  warningPrefix: 'warning: ',
  internalError: 'internal error (a bug in report, please report it):',
  commanderUnknownOption: (flag) => `error: unknown option '${flag}'`,
  commanderUnknownCommand: (name) => `error: unknown command '${name}'`,
  commanderMissingArgument: (name) => `error: missing required argument '${name}'`,
  commanderOptionMissingArgument: (flags) => `error: option '${flags}' argument missing`,
  commanderInvalidChoice: (flags, value, allowed) =>
    `error: option '${flags}' argument '${value}' is invalid. Allowed choices are ${allowed}.`,
  commanderTooManyArguments: (expected, got) =>
    `error: too many arguments. Expected ${expected} argument${expected === 1 ? '' : 's'} but got ${got}.`,
  commanderOther: (text) => `error: ${text}`,
  didYouMean: (names) => `(Did you mean ${names}?)`,
  seeHelp: (command) => `run ${command} --help for its usage and examples`,

  builtYear: (year, files, pages) =>
    `${year}: ${files}${pages === null ? '' : ` (${pages} pages)`}`,
  notBuilt: (years) => `not built (no narrative.yaml): ${years}`,
  builtCount: (n, seconds) => `built ${n} report${n === 1 ? '' : 's'} in ${seconds} s`,

  doctorOk: 'ok ',
  doctorNo: 'NO ',
  doctorFix: 'fix: ',
  doctorNames: {
    report: 'report',
    browser: 'browser',
    fonts: 'fonts',
    data: 'data',
    output: 'output',
  },
  doctorVersion: (version, node) => `${version} on Node.js ${node}`,
  doctorVersionUnknown: 'version unknown',
  doctorTestPrint: (pages, seconds) =>
    `test print: ${pages} page${pages === 1 ? '' : 's'} in ${seconds} s`,
  doctorFontsOk: 'Noto Sans SC and Noto Serif SC bundled (no system font needed)',
  doctorFontsMissing: (which) => `missing ${which}`,
  doctorDataOk: (dir) => `${dir} (run \`report validate\` to check it)`,
  doctorDataMissing: (dir) => `${dir}/organization.yaml not found`,
  doctorDataFix: (dir) => `pass --data DIR; to start a new data folder, report init ${dir}`,
  doctorOutputOk: (dir) => `${dir} is writable`,
  doctorOutputFix: 'pass --out DIR with a writable folder',

  stages: {
    validate: 'checking the data',
    charts: 'drawing the charts',
    render: 'laying out the HTML',
    print: 'printing the PDF',
    contents: 'filling in the contents page numbers',
    write: 'writing the files',
    year: 'report',
  },
  yearLabel: (year) => `${year}`,
  contentsPass: (pass) => ` (pass ${pass})`,
  stageStarted: (what) => `${what}…`,
  stageDone: (what, seconds) => `${what}: done in ${seconds} s`,
  yearDone: (year, pages, seconds) =>
    `${year} report done${pages === null ? '' : ` (${pages} pages)`} in ${seconds} s`,
  elapsed: (seconds) => `[${seconds} s]`,
};

export const CLI_MESSAGES: Record<MessageLang, CliMessages> = { 'zh-CN': zh, en };

export function cliMessages(lang: MessageLang): CliMessages {
  return CLI_MESSAGES[lang];
}

/** Columns a text takes on a terminal: a Chinese character (or full-width sign) takes two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch) ? 2 : 1;
  return width;
}

export function isWide(ch: string): boolean {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
    ch,
  );
}
