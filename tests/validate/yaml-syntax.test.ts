/** Pass 1: what the loader refuses, each at its file:line:col (catalogue rows D1–D4, D11–D14, D16–D19). */
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/read-dataset.js';
import { linesWith, makeData, problemsWith, removeMadeData } from './helpers.js';

afterAll(removeMadeData);

const staff = (text: string) => ({ '2015/staff.yaml': text });

describe('YAML syntax', () => {
  it('reports a tab used for indentation (D2)', async () => {
    expect(await linesWith(staff('year: 2015\nmembers:\n\t- role: 社工\n'))).toEqual([
      'data/2015/staff.yaml:3:1   a tab is used for indentation',
    ]);
  });

  it('reports an unclosed bracket', async () => {
    expect(await linesWith(staff('year: 2015\nheadcount: 2\nvolunteers: [60\n'))).toEqual([
      'data/2015/staff.yaml:4:1   YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('reports a list item without "- " with a hint about list items (D1)', async () => {
    const [problem] = await problemsWith({
      '2015/income.yaml': 'year: 2015\nlines:\n  - source: a\n   kind: government\n',
    });
    expect(problem).toMatchObject({
      file: 'data/2015/income.yaml',
      line: 4,
      col: 1,
      code: 'yaml_syntax',
      message: 'YAML syntax error: Sequence item without - indicator',
      hint: 'each list item starts with "- "; the fields of one item line up',
    });
  });

  it('reports a duplicate key at the second one, in both languages (D4)', async () => {
    const files = {
      '2015/income.yaml':
        'year: 2015\nlines:\n  - source: a\n    kind: government\n    amount: 5\n    amount: 500\n',
    };
    expect(await linesWith(files)).toEqual([
      'data/2015/income.yaml:6:5 lines.0.amount  the field "amount" appears twice (first on line 5)',
    ]);
    expect(await linesWith(files, 'zh-CN')).toEqual([
      'data/2015/income.yaml:6:5 lines.0.amount  字段 "amount" 重复出现（第一次在第 5 行）',
    ]);
  });

  it('never lets the last duplicate win silently: the data set is refused (D4)', async () => {
    const { cwd, dataDir } = await makeData({
      '2015/staff.yaml': 'year: 2015\nheadcount: 2\nheadcount: 3\n',
    });
    const result = await checkDataset({ cwd, dataDir });
    expect(result.dataset).toBeNull();
    expect(result.problems.map((p) => p.code)).toEqual(['yaml_duplicate_key']);
  });

  it('reports a second document (D3)', async () => {
    expect(await linesWith(staff('year: 2015\nheadcount: 2\n---\nyear: 2016\n'))).toEqual([
      'data/2015/staff.yaml:3:1   a second document starts here ("---"); a data file holds one document',
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['a comment-only file', '# nothing yet\n'],
    ['a file with only a document marker', '---\n'],
  ])('reports %s as empty, not as null data (D19)', async (_name, text) => {
    expect(await linesWith(staff(text))).toEqual([
      'data/2015/staff.yaml:1:1   expected a mapping, the file is empty',
    ]);
  });

  it('reports a file that is a list instead of a mapping', async () => {
    expect(await linesWith(staff('- a\n- b\n'))).toEqual([
      'data/2015/staff.yaml:1:1   expected a mapping of "field: value" lines, found a list',
    ]);
  });
});

describe('unsafe YAML', () => {
  it('refuses __proto__ and constructor keys at their location and pollutes nothing (D11)', async () => {
    const lines = await linesWith(
      staff(
        'year: 2015\nheadcount: 1\n__proto__:\n  polluted: true\nconstructor: {prototype: {polluted: 1}}\nprototype: 1\n',
      ),
    );
    expect(lines).toEqual([
      'data/2015/staff.yaml:3:1 __proto__  "__proto__" cannot be used as a field name',
      'data/2015/staff.yaml:5:1 constructor  "constructor" cannot be used as a field name',
      'data/2015/staff.yaml:6:1 prototype  "prototype" cannot be used as a field name',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses __proto__ nested in a list item too', async () => {
    const lines = await linesWith({
      '2015/income.yaml':
        'year: 2015\nlines:\n  - source: a\n    kind: government\n    amount: 5\n    __proto__: {polluted: true}\n',
    });
    expect(lines).toEqual([
      'data/2015/income.yaml:6:5 lines.0.__proto__  "__proto__" cannot be used as a field name',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stops an alias bomb fast, naming the file (D12)', async () => {
    let bomb = 'year: 2015\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let prev = 'a';
    for (const name of 'bcdefghi') {
      bomb += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
      prev = name;
    }
    expect(await linesWith(staff(bomb))).toEqual([
      'data/2015/staff.yaml:4:8   too many aliases (*name), more than 100; the file was not read',
    ]);
  });

  it('reports an alias that refers to itself', async () => {
    expect(await linesWith(staff('year: 2015\nheadcount: &x [*x]\n'))).toEqual([
      'data/2015/staff.yaml:2:16 headcount.0  YAML syntax error: alias *x cannot be resolved',
    ]);
  });

  it.each([
    ['5 000 brackets', '['.repeat(5000) + '1' + ']'.repeat(5000), '2:80'],
    ['2 000 000 brackets (4 MB)', '['.repeat(2_000_000) + '1' + ']'.repeat(2_000_000), '2:80'],
    ['1 000 compact list items', '\n  ' + '- '.repeat(1000) + '1', '3:1027'],
  ])('reports deep nesting (%s) as a clean problem, no RangeError (D14)', async (_n, value, at) => {
    expect(await linesWith(staff(`year: 2015\nheadcount: ${value}\n`))).toEqual([
      `data/2015/staff.yaml:${at}   nested too deeply (more than 64 levels); the file was not read`,
    ]);
  });

  it('reports 100 levels of indented mappings at the level that is too deep', async () => {
    const nested = Array.from({ length: 100 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n');
    const [problem] = await problemsWith(staff(`year: 2015\nheadcount:\n${nested} 1\n`));
    expect(problem).toMatchObject({ line: 67, col: 66, code: 'yaml_too_deep' });
  });

  it('refuses merge keys instead of pulling keys in silently (D13)', async () => {
    const lines = await linesWith(staff('year: 2015\nheadcount: 2\nmembers:\n  - <<: {role: x}\n'));
    expect(lines).toEqual([
      'data/2015/staff.yaml:4:5 members.0.<<  merge keys ("<<") are not supported',
      'data/2015/staff.yaml:4:5 members.0.role  the field role is missing',
    ]);
  });

  it.each([
    ['!evil x', 'headcount: !evil 2', '!evil', '2:12'],
    ['!!js/function', 'headcount: !!js/function "f"', '!!js/function', '2:12'],
    ['!!binary', 'headcount: !!binary aGVsbG8=', '!!binary', '2:12'],
    ['!!set', 'members: !!set {a}', '!!set', '2:10'],
    ['!!timestamp', 'headcount: !!timestamp 2001-12-14', '!!timestamp', '2:12'],
  ])('refuses the tag %s (D17)', async (_name, line, tag, at) => {
    expect(await linesWith(staff(`year: 2015\n${line}\n`))).toContain(
      `data/2015/staff.yaml:${at} ${line.split(':')[0]}  the tag ${tag} is not allowed`,
    );
  });

  it('reports a tagged list once, without follow-on complaints', async () => {
    expect(await linesWith(staff('year: 2015\nmembers: !!set {a}\n'))).toEqual([
      'data/2015/staff.yaml:2:10 members  the tag !!set is not allowed',
    ]);
  });

  it('accepts the harmless !!str tag', async () => {
    expect(
      await linesWith({ '2015/staff.yaml': 'year: 2015\nmembers:\n  - role: !!str 社工\n' }),
    ).toEqual([]);
  });

  it('keeps NO a string and a date a string under a %YAML 1.1 directive (D16)', async () => {
    const { cwd, dataDir } = await makeData({
      'organization.yaml':
        '%YAML 1.1\n---\nname: 示例\nshort_name: NO\nfounded: 2001-12-14\nvocabularies:\n' +
        '  project_categories: [{id: youth, label: 青少年}, {id: elderly, label: 长者}]\n' +
        '  activity_types: [{id: casework, label: 个案, unit: 个}, {id: group_work, label: 小组, unit: 节}]\n',
    });
    const result = await checkDataset({ cwd, dataDir });
    expect(result.problems).toEqual([]);
    expect(result.dataset?.organization.short_name).toBe('NO');
    expect(result.dataset?.organization.founded).toBe('2001-12-14');
  });
});
