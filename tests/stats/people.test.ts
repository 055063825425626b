/**
 * Volunteers and beneficiaries (people.yaml): the second example's figures through
 * `report stats` (JSON and text), quoted in prose and shown among the key figures in both
 * languages; the bad inputs — kinds that do not add up to the stated total, a volunteer count
 * that contradicts staff.yaml, a figure the year does not state — each a located error.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildHtml } from '../robustness/build-html.js';
import { fakeIo } from '../support/fake-io.js';
import { linesWith, makeData, removeMadeData } from '../validate/helpers.js';

afterAll(removeMadeData);
const ROOT = path.resolve(import.meta.dirname, '../..');

const stats = async (args: string[]) => {
  const run = fakeIo(ROOT);
  const code = await main(
    ['node', 'report', 'stats', '2024', '--data', 'examples/qinghe/data', ...args],
    run.io,
  );
  expect(code).toBe(0);
  return run.stdout();
};

describe('people.yaml in the statistics', () => {
  it('report stats --json: counts as written, kinds by largest remainder, change on 2023', async () => {
    const p = JSON.parse(await stats(['--json'])).people;
    expect(p.volunteers.people).toEqual({ value: 120, approx: null });
    expect(p.volunteers.hours).toEqual({ value: 3200, approx: 'over' });
    // 3200 on 2600: +600, +23.1 %.
    expect(p.volunteers.hoursChange.amount).toBe(600);
    expect(p.volunteers.hoursChange.ratio).toBeCloseTo(600 / 2600, 12);
    expect(p.beneficiaries.people).toEqual({ value: 680, approx: null });
    expect(p.beneficiaries.personTimes).toEqual({ value: 5200, approx: 'about' });
    expect(p.beneficiaries.peopleChange.ratio).toBeCloseTo(140 / 540, 12);
    // 310, 250, 120 of 680: 455.88, 367.65, 176.47 per mille; floors 455 + 367 + 176 = 998,
    // the two largest remainders (.88, .65) get one each: 456, 368, 176.
    expect(
      p.beneficiaries.byKind.map((k: { kind: string; sharePermille: number }) => [
        k.kind,
        k.sharePermille,
      ]),
    ).toEqual([
      ['儿童', 456],
      ['长者', 368],
      ['社区居民', 176],
    ]);
  });

  it('report stats: a table of volunteers and people served', async () => {
    const out = await stats([]);
    expect(out).toContain('志愿者与服务对象');
    expect(out).toMatch(/志愿服务时长\s+3200余小时\s+\+23\.1%/);
    expect(out).toMatch(/儿童\s+310人\s+45\.6%\s+约2600人次/);
  });

  it('the JSON of a year without people.yaml has no people part', async () => {
    const run = fakeIo(ROOT);
    await main(['node', 'report', 'stats', '2015', '--json'], run.io);
    expect(JSON.parse(run.stdout())).not.toHaveProperty('people');
  });
});

const PEOPLE = `year: 2015
volunteers: { hours: "1200余" }
beneficiaries:
  by_kind:
    - { kind: 儿童, people: 80, person_times: 900 }
    - { kind: 长者, people: 40, person_times: 300 }
`;

describe('people.yaml in the report', () => {
  it('quotes its figures in prose and shows them among the key figures (zh-CN)', async () => {
    const { cwd } = await makeData({
      '2015/people.yaml': PEOPLE,
      '2015/narrative.yaml': (await import('node:fs'))
        .readFileSync(path.join(ROOT, 'tests/fixtures/data/minimal/2015/narrative.yaml'), 'utf8')
        .replace(
          '服务 {{person_times.total}}。',
          '志愿者 {{volunteers.people}} 贡献 {{volunteers.hours}}，服务 {{beneficiaries.people}}、{{beneficiaries.person_times}}。',
        ),
    });
    const { html } = await buildHtml(cwd);
    const plain = html.replace(/<[^>]+>/g, '');
    // The total of the kinds when no total is written; staff.yaml's 60 volunteers.
    expect(plain).toContain('志愿者 60人 贡献 1200余小时，服务 120人、1200人次。');
    expect(plain).toContain('志愿服务1200余小时志愿者60人');
    expect(plain).toContain('服务对象120人1200人次 · 儿童80人 · 长者40人');
  });

  it('in English', async () => {
    const { cwd } = await makeData({
      'organization.yaml': (await import('node:fs'))
        .readFileSync(path.join(ROOT, 'tests/fixtures/data/minimal/organization.yaml'), 'utf8')
        .replace('locale: zh-CN', 'locale: en'),
      '2015/people.yaml': PEOPLE,
    });
    const plain = (await buildHtml(cwd)).html.replace(/<[^>]+>/g, '');
    expect(plain).toContain('Volunteer hours1,200+ hours60 volunteers');
    expect(plain).toContain('People served120 people1,200 person-times');
  });

  it('leaves the key figures of a year without people.yaml as they were', async () => {
    const { cwd } = await makeData();
    const plain = (await buildHtml(cwd)).html.replace(/<[^>]+>/g, '');
    expect(plain).not.toContain('志愿服务');
    expect(plain).not.toContain('服务对象');
  });
});

describe('people.yaml, bad input', () => {
  it('kinds not adding up, volunteers against staff.yaml, a bad count: each at its line', async () => {
    expect(
      await linesWith({
        '2015/people.yaml': `year: 2015
volunteers: { people: 65, hours: 十 }
beneficiaries:
  people: 130
  by_kind:
    - { kind: 儿童, people: 80 }
    - { kind: 长者, people: 40 }
`,
      }),
    ).toEqual([
      "data/2015/people.yaml:2:23 volunteers.people  65 volunteers here, but staff.yaml's volunteers says 60",
      'data/2015/people.yaml:2:34 volunteers.hours  "十" is not a count: write 40, "40余", "近40" or "约5000"',
      'data/2015/people.yaml:4:11 beneficiaries.people  people served says 130 but by_kind adds up to 120',
    ]);
  });

  it('a figure the year does not state, at its place', async () => {
    const lines = await linesWith({
      '2015/people.yaml': 'year: 2015\nvolunteers: { people: 60 }\n',
      '2015/narrative.yaml': (await import('node:fs'))
        .readFileSync(path.join(ROOT, 'tests/fixtures/data/minimal/2015/narrative.yaml'), 'utf8')
        .replace('服务 {{person_times.total}}', '志愿服务 {{volunteers.hours}}'),
    });
    expect(lines).toEqual([
      expect.stringMatching(
        /^data\/2015\/narrative.yaml:4:\d+ opening {2}.*people.yaml of 2015 does not state volunteers.hours/,
      ),
    ]);
  });
});
