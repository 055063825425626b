/**
 * `report init` as a new organisation's staff meet it: in an empty folder, then `validate` and
 * `build` on what it wrote, in Chinese and in English, with the real CLI (HTML only: the PDF of
 * such a folder is built in tests/package/pack-install.test.ts).
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaErrors, schemaNameOf } from '../support/json-schemas.js';
import { ROOT, runCli, tempDir } from './cli.js';

const YEAR = '2024';

/** The YAML files of a data folder, relative to it. */
function yamlFiles(data: string): string[] {
  return readdirSync(data, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

/** The HTML's text, without markup. */
const textOf = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<\/?span[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('report init, then validate and build, in Chinese (the default)', () => {
  const cwd = tempDir();
  const data = path.join(cwd, 'data');

  it('writes a data folder of one placeholder year, every file commented in Chinese', async () => {
    const result = await runCli(['init', '--year', YEAR], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('已新建数据文件夹 data/');
    expect(result.stdout).toContain(`report build ${YEAR} --data data`);
    expect(yamlFiles(data)).toEqual([
      `${YEAR}/awards.yaml`,
      `${YEAR}/income.yaml`,
      `${YEAR}/narrative.yaml`,
      `${YEAR}/projects.yaml`,
      `${YEAR}/staff.yaml`,
      'organization.yaml',
    ]);
    for (const file of yamlFiles(data)) {
      const text = readFileSync(path.join(data, file), 'utf8');
      const comments = text.split('\n').filter((line) => /^\s*#|\s#\s/.test(line));
      expect(comments.length, file).toBeGreaterThan(2);
      expect(comments.join('\n'), file).toMatch(/[\u4e00-\u9fff]{4}/);
      expect(text, file).toMatch(/某某|示例/);
    }
    const extensions = JSON.parse(readFileSync(path.join(data, '.vscode/extensions.json'), 'utf8'));
    expect(extensions.recommendations).toEqual(['redhat.vscode-yaml']);
    expect(
      JSON.parse(readFileSync(path.join(data, '.vscode/settings.json'), 'utf8')),
    ).toMatchObject({ 'yaml.validate': true });
  });

  it('each YAML file names its schema, and the schema (ajv) accepts the file', () => {
    for (const file of yamlFiles(data)) {
      const text = readFileSync(path.join(data, file), 'utf8');
      const name = schemaNameOf(file);
      const depth = file.split('/').length - 1;
      // No package in node_modules yet: the path where `npm install` in the folder above puts it.
      expect(text.split('\n')[0], file).toBe(
        `# yaml-language-server: $schema=${'../'.repeat(depth + 1)}node_modules/ngo-annual-report/schemas/${name}.schema.json`,
      );
      expect(schemaErrors(name, text), file).toEqual([]);
    }
  });

  it('validates', async () => {
    const result = await runCli(['validate'], { cwd });
    expect(result.stdout).toContain('数据有效：1 个年度，2 个项目');
    expect(result.code).toBe(0);
  });

  it('builds the HTML report, with the placeholder name and every figure the narrative cites', async () => {
    const result = await runCli(['build', YEAR, '--format', 'html', '--quiet'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = textOf(readFileSync(path.join(cwd, 'out', YEAR, 'report.html'), 'utf8'));
    expect(text).toContain(`某某社会工作服务中心${YEAR}年度工作报告`);
    expect(text).toContain(`${YEAR}年，某某社会工作服务中心运营项目2个，全年收入15万元`);
    expect(text).toContain('项目开展小组活动12节、个案辅导20余节。');
    expect(text).not.toContain('{{');
  });

  it('refuses to write over the folder it made, naming it, in Chinese (exit 2)', async () => {
    const before = readFileSync(path.join(data, 'organization.yaml'), 'utf8');
    const result = await runCli(['init'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('错误[USAGE]：data：文件夹已存在且不是空的');
    expect(result.stderr).toContain(data);
    expect(result.stderr).toContain('report init 不会覆盖已有的文件');
    expect(readFileSync(path.join(data, 'organization.yaml'), 'utf8')).toBe(before);
  });
});

// The PDF of a folder init wrote: tests/package/pack-install.test.ts builds it with the installed
// package, and the English template's PDF is the shared build of tests/fixtures/data/english.
describe('report init --lang en, then validate and build', () => {
  const cwd = tempDir();
  const data = path.join(cwd, 'reports-data');

  it('writes the folder in English', async () => {
    const result = await runCli(['init', 'reports-data', '--lang', 'en', '--year', YEAR], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created the data folder reports-data/');
    for (const file of yamlFiles(data)) {
      const text = readFileSync(path.join(data, file), 'utf8');
      expect(text, file).not.toMatch(/某某|示例/);
      expect(text, file).toContain('# ');
      expect(schemaErrors(schemaNameOf(file), text), file).toEqual([]);
    }
    expect(readFileSync(path.join(data, 'organization.yaml'), 'utf8')).toContain('locale: en');
  });

  it('validates, in English', async () => {
    const result = await runCli(['validate', '--data', 'reports-data'], { cwd });
    expect(result.stdout).toContain('data valid: 1 year, 2 projects');
    expect(result.code).toBe(0);
  });

  it('builds the HTML report, in English', async () => {
    const result = await runCli(
      ['build', YEAR, '--data', 'reports-data', '--format', 'html', '--quiet'],
      { cwd },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const html = textOf(readFileSync(path.join(cwd, 'out', YEAR, 'report.html'), 'utf8'));
    expect(html).toContain('Example Community Services Centre');
    expect(html).toContain(`Annual Report ${YEAR}`);
    expect(html).toContain('Example Children');
    expect(html).not.toContain('{{');
  });

  it('refuses a file of that name, in English', async () => {
    writeFileSync(path.join(cwd, 'notes'), 'keep me');
    const result = await runCli(['init', 'notes', '--lang', 'en'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('notes: a file of that name already exists');
    expect(readFileSync(path.join(cwd, 'notes'), 'utf8')).toBe('keep me');
  });
});

describe('report init: where the schema lines point', () => {
  it('at the package in node_modules of a folder above, where it is installed', async () => {
    const project = tempDir();
    mkdirSync(path.join(project, 'node_modules'));
    symlinkSync(ROOT, path.join(project, 'node_modules', 'ngo-annual-report'), 'dir');
    mkdirSync(path.join(project, 'org', 'reports'), { recursive: true });
    const result = await runCli(['init', 'org/reports/data', '--year', YEAR], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('npm install');
    const data = path.join(project, 'org/reports/data');
    for (const file of yamlFiles(data)) {
      const href = /\$schema=(\S+)/.exec(readFileSync(path.join(data, file), 'utf8'))?.[1] ?? '';
      expect(href, file).toMatch(/^(\.\.\/)+node_modules\/ngo-annual-report\/schemas\//);
      expect(existsSync(path.resolve(path.dirname(path.join(data, file)), href)), href).toBe(true);
    }
  });

  it('fills an empty folder that already exists', async () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, 'data'));
    const result = await runCli(['init', '--year', YEAR], { cwd });
    expect(result.code).toBe(0);
    expect(existsSync(path.join(cwd, 'data', YEAR, 'income.yaml'))).toBe(true);
  });
});
