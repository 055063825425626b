/** Pass 2: each file against its schema; every issue at the value (or key) it concerns. */
import { afterAll, describe, expect, it } from 'vitest';
import { linesWith, problemsWith, removeMadeData } from './helpers.js';

afterAll(removeMadeData);

const incomeLine = (amount: string) => ({
  '2015/income.yaml': `year: 2015\nlines:\n  - source: 区民政局\n    kind: government\n    amount: ${amount}\n`,
});

describe('wrong types (D5)', () => {
  it('points at the value: a quoted year and a numeric id', async () => {
    expect(
      await linesWith({
        '2015/staff.yaml': 'year: "2015"\nheadcount: 2\n',
        '2015/projects.yaml':
          'year: 2015\nprojects:\n  - id: 123\n    name: x\n    category: youth\n    role: operated\n    status: new\n',
      }),
    ).toEqual([
      'data/2015/projects.yaml:3:9 projects.0.id  expected text, found 123',
      'data/2015/staff.yaml:1:7 year  expected a number, found "2015"',
    ]);
  });

  it('says what to write instead, in Chinese too', async () => {
    const [problem] = await problemsWith(
      { '2015/staff.yaml': 'year: "2015"\nheadcount: 2\n' },
      'zh-CN',
    );
    expect(problem).toMatchObject({
      line: 1,
      col: 7,
      message: '应为数字，实际是 "2015"',
      hint: '数字不加引号，如 2015',
    });
  });

  it('reports a missing field at the mapping that lacks it', async () => {
    expect(
      await linesWith({
        '2015/income.yaml': 'year: 2015\nlines:\n  - source: a\n    kind: government\n',
      }),
    ).toEqual(['data/2015/income.yaml:3:5 lines.0.amount  the field amount is missing']);
  });

  it('reports an empty list and an empty text', async () => {
    expect(await linesWith({ '2015/income.yaml': 'year: 2015\nlines: []\n' })).toEqual([
      'data/2015/income.yaml:2:8 lines  the list is empty: write at least one item',
    ]);
    expect(
      await linesWith(
        incomeLine('5').valueOf() && { '2015/staff.yaml': 'year: 2015\nmembers:\n  - role: ""\n' },
      ),
    ).toEqual(['data/2015/staff.yaml:3:11 members.0.role  must not be empty: write the text']);
  });

  it('offers the closest allowed value for a misspelt option', async () => {
    const [problem] = await problemsWith({
      '2014/projects.yaml':
        'year: 2014\nprojects:\n  - id: after-school\n    name: x\n    category: youth\n    role: operate\n    status: new\n',
    });
    expect(problem).toMatchObject({
      file: 'data/2014/projects.yaml',
      line: 6,
      col: 11,
      path: 'projects.0.role',
      message: '"operate" is not allowed here: write one of operated, assisted',
      hint: 'did you mean "operated"?',
    });
  });

  it('reports staff with neither headcount nor members, and a headcount that disagrees', async () => {
    expect(await linesWith({ '2015/staff.yaml': 'year: 2015\n' })).toEqual([
      'data/2015/staff.yaml:1:1   write headcount (the number of staff) or members (the list of staff)',
    ]);
    expect(
      await linesWith({
        '2015/staff.yaml': 'year: 2015\nheadcount: 3\nmembers:\n  - role: 社工\n',
      }),
    ).toEqual(['data/2015/staff.yaml:2:12 headcount  headcount is 3 but members lists 1 people']);
  });
});

describe('unknown keys (D10)', () => {
  it('points at the key and suggests the closest field', async () => {
    const problems = await problemsWith({
      '2015/income.yaml': 'year: 2015\nlines:\n  - source: a\n    kind: government\n    amout: 5\n',
    });
    expect(problems.map((p) => [`${p.line}:${p.col}`, p.path, p.message, p.hint])).toEqual([
      [
        '3:5',
        'lines.0.amount',
        'the field amount is missing',
        'add a line amount: … (see docs/data-format.md)',
      ],
      ['5:5', 'lines.0.amout', 'unknown field "amout"', 'did you mean "amount"?'],
    ]);
  });

  it('catches a top-level typo and a nested one, in Chinese', async () => {
    const problems = await problemsWith(
      {
        'organization.yaml':
          'nmae: 示例\nfounded: 2012\nvocabularies:\n' +
          '  project_categories: [{id: youth, label: 青少年, lable: x}, {id: elderly, label: 长者}]\n' +
          '  activity_types: [{id: casework, label: 个案, unit: 个}, {id: group_work, label: 小组, unit: 节}]\n',
      },
      'zh-CN',
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.path} ${p.message} | ${p.hint}`)).toEqual([
      '1:1 name 缺少必填字段 name | 添加一行 name: …（见 docs/data-format.md）',
      '1:1 nmae 未知字段 "nmae" | 是否应为 "name"？',
      '4:48 vocabularies.project_categories.0.lable 未知字段 "lable" | 是否应为 "label"？',
    ]);
  });

  it('lists the allowed fields when nothing is close', async () => {
    const [problem] = await problemsWith({
      '2015/staff.yaml': 'year: 2015\nheadcount: 2\nzzz: 1\n',
    });
    expect(problem?.hint).toBe('fields allowed here: year, headcount, members, volunteers');
  });
});

describe('amounts (D6, D7)', () => {
  it.each([
    ['-500', '5:13', 'an amount cannot be negative: -500'],
    ['"-5万"', '5:13', 'an amount cannot be negative: "-5万"'],
    ['.inf', '5:13', '.inf is not a finite number: write an ordinary number, e.g. 545000'],
    ['1e400', '5:13', '1e400 is not a finite number: write an ordinary number, e.g. 545000'],
    ['.nan', '5:13', '.nan is not a finite number: write an ordinary number, e.g. 545000'],
    [
      '12345678901234567890',
      '5:13',
      '12345678901234567890 is more than 100 billion yuan (1000亿); probably a typo',
    ],
    ['"2000亿"', '5:13', '"2000亿" is more than 100 billion yuan (1000亿); probably a typo'],
    ['54.5万x', '5:13', '"54.5万x" is not an amount: write 545000 or "54.5万"'],
    ['"$5000"', '5:13', '"$5000" is not an amount: write 545000 or "54.5万"'],
    ['54.5', '5:13', '54.5 has a fraction of a yuan: write whole yuan, e.g. 545000'],
    [
      '"54.56789万"',
      '5:13',
      '"54.56789万" has a fraction of a yuan: write whole yuan, e.g. 545000',
    ],
    ['true', '5:13', 'expected a number or text, found true'],
  ])('rejects amount: %s', async (amount, at, message) => {
    expect(await linesWith(incomeLine(amount))).toEqual([
      `data/2015/income.yaml:${at} lines.0.amount  ${message}`,
    ]);
  });

  it('says what to write in Chinese: 「"54.5万x" 不是金额」', async () => {
    const [problem] = await problemsWith(incomeLine('"54.5万x"'), 'zh-CN');
    expect(problem?.message).toBe('"54.5万x" 不是金额：请写成 545000 或 "54.5万"');
  });

  it.each(['545000', '"545,000元"', '"54.5万"', '"0.5亿"'])(
    'accepts amount: %s',
    async (amount) => {
      expect(await linesWith(incomeLine(amount))).toEqual([]);
    },
  );
});

describe('counts and dates', () => {
  const services = (value: string) => ({
    '2014/projects.yaml': `year: 2014\nprojects:\n  - id: after-school\n    name: x\n    category: youth\n    role: operated\n    status: new\n    services:\n      casework: ${value}\n`,
  });

  it.each([
    ['四十余', '"四十余" is not a count: write 40, "40余", "近40" or "约5000"'],
    ['"近40余"', '"近40余" is not a count: write 40, "40余", "近40" or "约5000"'],
    ['-3', '-3 is too small: it must be at least 0'],
    ['2.5', '2.5 is not a whole number: write a whole number'],
  ])('rejects the count %s', async (value, message) => {
    expect(await linesWith(services(value))).toEqual([
      `data/2014/projects.yaml:9:17 projects.0.services.casework  ${message}`,
    ]);
  });

  it.each(['40', '"40余"', '近40', '约5000', '{value: 40, approx: over}'])(
    'accepts the count %s',
    async (value) => {
      expect(await linesWith(services(value))).toEqual([]);
    },
  );

  it.each([
    [
      '2015-13-01',
      '"2015-13-01" is not a real date (months 01–12, days within the month): write e.g. 2015-12-31',
    ],
    [
      '2015-02-30',
      '"2015-02-30" is not a real date (months 01–12, days within the month): write e.g. 2015-12-31',
    ],
    ['2015/08', '"2015/08" is not a date: write 2015, 2015-08 or 2015-12-31'],
    ['2015年8月', '"2015年8月" is not a date: write 2015, 2015-08 or 2015-12-31'],
  ])('rejects the date %s', async (value, message) => {
    expect(
      await linesWith({
        '2015/staff.yaml': `year: 2015\nmembers:\n  - role: 社工\n    joined: ${value}\n`,
      }),
    ).toEqual([`data/2015/staff.yaml:4:13 members.0.joined  ${message}`]);
  });

  it('rejects an id with capitals or spaces, and a service key that is not an id', async () => {
    expect(
      await linesWith({
        '2014/projects.yaml':
          'year: 2014\nprojects:\n  - id: After School\n    name: x\n    category: youth\n    role: operated\n    status: new\n    services:\n      Bad Key: 3\n',
      }),
    ).toEqual([
      'data/2014/projects.yaml:3:9 projects.0.id  "After School" cannot be an id: use lower-case letters, digits, - and _, starting with a letter or digit, e.g. youth-camp',
      'data/2014/projects.yaml:9:7 projects.0.services.Bad Key  "Bad Key" cannot be an id: use lower-case letters, digits, - and _, starting with a letter or digit, e.g. youth-camp',
    ]);
  });
});

describe('all problems in one run', () => {
  it('reports problems from several files together, sorted by file, line, col', async () => {
    const lines = await linesWith({
      '2014/staff.yaml': 'year: 2014\nheadcount: -1\n',
      '2015/income.yaml':
        'year: 2015\nlines:\n  - {source: a, kind: government, amount: x}\n  - {source: b, kind: government, amount: -1}\n',
      '2015/staff.yaml': 'year: 2015\n\theadcount: 2\n',
    });
    expect(lines).toEqual([
      'data/2014/staff.yaml:2:12 headcount  -1 is too small: it must be at least 0',
      'data/2015/income.yaml:3:43 lines.0.amount  "x" is not an amount: write 545000 or "54.5万"',
      'data/2015/income.yaml:4:43 lines.1.amount  an amount cannot be negative: -1',
      'data/2015/staff.yaml:2:1   a tab is used for indentation',
    ]);
  });
});
