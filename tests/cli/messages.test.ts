/**
 * Every message in both languages: each entry of the error catalogue (src/errors.ts) and each
 * text of the command line (src/cli/messages.ts) exists in zh-CN and en, the Chinese one in
 * Chinese and the English one without Chinese; and the CLI speaks the reader's language (--lang,
 * else the organisation's, else the system's) with no line mixing the two.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CLI_MESSAGES } from '../../src/cli/messages.js';
import { MESSAGES, reportError, type MessageId } from '../../src/errors.js';
import { ROOT } from '../e2e/cli.js';
import { FIXTURES } from '../pipeline/fakes.js';
import { fakeIo } from '../support/fake-io.js';

const HAN = /[\u4e00-\u9fff]/;

describe('the error catalogue', () => {
  const ids = Object.keys(MESSAGES) as MessageId[];

  it.each(ids)('%s: message and hint in zh-CN (Chinese) and en (no Chinese)', (id) => {
    const error = reportError(id, MESSAGES[id].example as never);
    for (const text of [error.messageIn('zh-CN'), error.hintIn('zh-CN')]) {
      if (text === undefined) continue;
      expect(text, `${id} zh-CN`).toMatch(HAN);
    }
    for (const text of [error.messageIn('en'), error.hintIn('en')]) {
      if (text === undefined) continue;
      expect(text.trim(), `${id} en`).not.toBe('');
      expect(text, `${id} en`).not.toMatch(HAN);
    }
    expect(error.hintIn('zh-CN') === undefined).toBe(error.hintIn('en') === undefined);
  });

  it('no failure outside the catalogue is written in one language only, but those listed', () => {
    const allowed = new Set([
      // These pass both languages to ReportError themselves (init's refusals, preview's port and
      // folder checks, a template's missing locale key).
      'cli/init.ts',
      'cli/preview.ts',
      'preview/serve.ts',
      'render/view/profile.ts',
      // Written in both languages, the reader's chosen where they are made (--shard, --data
      // 'orgs/*').
      'work-list.ts',
    ]);
    const src = join(ROOT, 'src');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? files(join(dir, e.name))
          : e.name.endsWith('.ts')
            ? [join(dir, e.name)]
            : [],
      );
    const direct = files(src)
      .filter((f) => /new ReportError\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(src, f).split('\\').join('/'))
      .filter((f) => f !== 'errors.ts' && !allowed.has(f));
    expect(direct).toEqual([]);
  });
});

describe('the command line’s texts', () => {
  const sample = (value: unknown): string[] => {
    if (typeof value === 'string') return [value];
    if (typeof value === 'function') return [String(value(2015, '2015', 3))];
    if (Array.isArray(value)) return value.flatMap(sample);
    if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(sample);
    return [];
  };
  const keys = Object.keys(CLI_MESSAGES['zh-CN']) as (keyof (typeof CLI_MESSAGES)['en'])[];
  // Words that are the same in both languages: symbols, names of programs and values.
  const same = new Set(['doctorOk', 'doctorNo']);

  it('both languages have the same texts', () => {
    expect(Object.keys(CLI_MESSAGES.en).sort()).toEqual([...keys].sort());
  });

  it.each(keys)('%s: Chinese in zh-CN, none in en', (key) => {
    const zh = sample(CLI_MESSAGES['zh-CN'][key]);
    const en = sample(CLI_MESSAGES.en[key]);
    expect(en.length).toBe(zh.length);
    for (const text of en) expect(text, key).not.toMatch(HAN);
    if (same.has(key)) return;
    // Each Chinese text (an example's command line aside) has Chinese in it.
    const shown = Array.isArray(CLI_MESSAGES['zh-CN'][key])
      ? (CLI_MESSAGES['zh-CN'][key] as [string, string][]).map(([, what]) => what)
      : zh.filter((t) => t.length > 0);
    // (Chinese punctuation counts: 2015……, 2015，Node.js 20)
    for (const text of shown)
      expect(text, key).toMatch(/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2026]/);
  });
});

/** The minimal data set (a Chinese organisation) in a temp folder, as data/. */
function scenario(locale?: 'en'): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-lang-'));
  cpSync(join(FIXTURES, 'minimal'), join(dir, 'data'), { recursive: true });
  if (locale) {
    const org = join(dir, 'data/organization.yaml');
    writeFileSync(org, readFileSync(org, 'utf8').replace(/^locale: .*$/m, `locale: ${locale}`));
  }
  return dir;
}

async function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const io = fakeIo(cwd);
  io.io.env = env;
  const code = await main(['node', 'report', ...args], io.io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** Lines that hold Chinese and also an English word of three letters or more. */
const mixed = (text: string) =>
  text
    .split('\n')
    .filter((l) => HAN.test(l))
    .filter((l) =>
      /\b(error|hint|warning|the|not|and|with|found|run|use|fix|report was)\b/i.test(
        l.replace(
          /report (validate|build|stats|doctor|init)|--\w+|\S+\.(yaml|md|html|pdf)|https?:\S+|docs\/\S+/g,
          '',
        ),
      ),
    );

describe('the reader’s language', () => {
  it('a Chinese organisation: every line of a usage error and a data error in Chinese', async () => {
    const dir = scenario();
    const year = await run(['build', '2016', '--format', 'html', '--quiet'], dir);
    expect(year.code).toBe(1);
    expect(year.err).toMatch(/^错误\[DATA_INVALID\]：data\/2016 {2}没有 2016 年的数据文件夹/);
    expect(year.err).toContain('  提示：按上面给出的“文件:行:列”逐一修改');
    expect(mixed(year.err.replace(/^ {4}hint: .*$/gm, ''))).toEqual([]);
    const missing = await run(['stats', '2014', '--data', 'data'], dir);
    expect(missing.code).toBe(0);
    const none = await run(['build', '--all', '--format', 'html', '--data', 'nowhere', '-q'], dir, {
      LANG: 'zh_CN.UTF-8',
    });
    expect(none.err).toBe(
      '错误[DATA_NOT_FOUND]：找不到数据文件夹：nowhere\n  提示：请在包含 nowhere/ 的文件夹中运行，或用 --data 指明数据文件夹\n',
    );
  });

  it('the same data with --lang en: all English', async () => {
    const dir = scenario();
    const result = await run(['build', '2016', '--format', 'html', '--quiet', '--lang', 'en'], dir);
    expect(result.err).toMatch(/^error\[DATA_INVALID\]: data\/2016 {2}there is no folder/);
    expect(result.err).not.toMatch(HAN);
  });

  it('an English organisation on a Chinese system: English; no organisation: the system’s', async () => {
    const en = scenario('en');
    const result = await run(['build', '15'], en, { LANG: 'zh_CN.UTF-8' });
    expect(result.err).toBe(
      'error[USAGE]: "15" is not a year\n  hint: write the year with 4 digits, e.g. report build 2015\n',
    );
    const empty = mkdtempSync(join(tmpdir(), 'report-lang-'));
    expect((await run(['build', '15'], empty, { LANG: 'zh_CN.UTF-8' })).err).toBe(
      '错误[USAGE]：“15”不是年份\n  提示：年份写四位数字，例如 report build 2015\n',
    );
    expect((await run(['build', '15'], empty, { LANG: 'C' })).err).toMatch(/^error\[USAGE\]/);
  });

  it('--data elsewhere: the hint names that folder, and its organisation decides the language', async () => {
    const dir = scenario('en');
    const data = join(dir, 'data');
    const { rmSync } = await import('node:fs');
    rmSync(join(data, '2015/narrative.yaml'));
    const result = await run(['build', '--all', '--format', 'html', '--data', data, '-q'], '/', {
      LANG: 'zh_CN.UTF-8',
    });
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `  hint: a report is built for each year that has a narrative.yaml; add one, e.g. ${data}/2015/narrative.yaml`,
    );
    expect(result.err).not.toMatch(HAN);
  });

  it('commander’s own errors in Chinese, with what to run for help', async () => {
    const dir = scenario();
    const option = await run(['build', '2015', '--bogus'], dir);
    expect(option.code).toBe(2);
    expect(option.err).toBe(
      '错误：没有 --bogus 这个选项\n运行 report build --help 查看用法和示例\n',
    );
    const command = await run(['biuld'], dir);
    expect(command.err).toBe(
      '错误：没有 biuld 这个命令\n（你是不是想写 build？）\n运行 report --help 查看用法和示例\n',
    );
    expect((await run(['stats'], dir)).err).toMatch(/^错误：缺少参数 年份\n/);
    expect((await run(['validate', '--format', 'xml'], dir)).err).toMatch(
      /^错误：选项 --format <格式> 不能取“xml”，可选：text, github, json\n/,
    );
    expect((await run(['build', '--bogus', '--lang', 'en'], dir)).err).toMatch(
      /^error: unknown option '--bogus'\n/,
    );
  });

  it.each(['validate', 'stats', 'build', 'doctor'])(
    'report %s --help: grouped options and examples, in Chinese for a Chinese organisation',
    async (command) => {
      const dir = scenario();
      const zh = await run([command, '--help'], dir);
      expect(zh.code).toBe(0);
      expect(zh.out).toMatch(/^用法：/);
      expect(zh.out).toContain('\n数据与模板：\n');
      expect(zh.out).toMatch(new RegExp(`\\n示例：\\n  report ${command}`));
      expect(mixed(zh.out)).toEqual([]);
      const en = await run([command, '--help', '--lang', 'en'], dir);
      expect(en.out).toMatch(/^Usage:/);
      expect(en.out).toContain('\nExamples:\n');
      expect(en.out).not.toMatch(HAN);
    },
  );
});
