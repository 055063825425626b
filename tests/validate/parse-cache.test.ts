/**
 * Data files that parsed cleanly are taken from the parse cache on the next run
 * (src/load/parse-cache.ts): the same data, to the bit, and the same positions when a problem
 * is reported later; a changed or damaged file is parsed again, and a file with a problem is
 * never kept.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCached, type ParseCache } from '../../src/load/parse-cache.js';
import { parseYamlFile } from '../../src/load/parse-yaml.js';
import { runCli, tempDir } from '../e2e/cli.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const PROJECTS = bytes(
  [
    'year: 2015',
    'projects:',
    '  - id: P01',
    '    title: "社区图书角"',
    '    budget: -0.0',
    '    ratio: .nan',
    '    cap: -.inf',
    '    "2016": 下一年',
    '    done: true',
    '    note: null',
    '',
  ].join('\n'),
);

function cache(): ParseCache {
  return { dir: join(tempDir(), 'cache'), parserId: 'test' };
}

describe('parse cache', () => {
  it('gives the parsed data again to the bit, and positions as a parse does', async () => {
    const c = cache();
    const first = await parseCached('/data/2015/projects.yaml', '2015/projects.yaml', PROJECTS, c);
    expect(readdirSync(c.dir)).toHaveLength(1);
    const again = await parseCached('/data/2015/projects.yaml', '2015/projects.yaml', PROJECTS, c);
    const direct = parseYamlFile('2015/projects.yaml', PROJECTS);
    expect(again.data).toStrictEqual(direct.data);
    expect(first.data).toStrictEqual(direct.data);
    const project = (again.data as { projects: Record<string, unknown>[] }).projects[0]!;
    expect(Object.is(project['budget'], -0)).toBe(true);
    expect(project['ratio']).toBeNaN();
    expect(project['cap']).toBe(-Infinity);
    expect(Object.getPrototypeOf(project)).toBeNull();
    const directProject = (direct.data as { projects: object[] }).projects[0]!;
    expect(Object.keys(project)).toEqual(Object.keys(directProject));
    expect(again.findings).toEqual([]);
    expect(again.locate(['projects', 0, 'title'])).toEqual({ line: 4, col: 12 });
    expect(again.sourceText(['projects', 0, 'title'])).toBe('"社区图书角"');
  });

  it('parses a file again once its bytes change', async () => {
    const c = cache();
    await parseCached('/data/organization.yaml', 'organization.yaml', bytes('name: 甲\n'), c);
    const edited = await parseCached(
      '/data/organization.yaml',
      'organization.yaml',
      bytes('name: 乙\n'),
      c,
    );
    expect(edited.data).toStrictEqual(parseYamlFile('organization.yaml', bytes('name: 乙\n')).data);
    expect(readdirSync(c.dir)).toHaveLength(1);
  });

  it('never keeps a file with a problem, and reports it every time', async () => {
    const c = cache();
    const duplicate = bytes('name: 甲\nname: 乙\n');
    for (let run = 0; run < 2; run++) {
      const loaded = await parseCached(
        '/data/organization.yaml',
        'organization.yaml',
        duplicate,
        c,
      );
      expect(loaded.findings.map((f) => f.code)).toEqual(['yaml_duplicate_key']);
    }
    expect(() => readdirSync(c.dir)).toThrow();
  });

  it('parses the file when the entry is damaged', async () => {
    const c = cache();
    await parseCached('/data/2015/projects.yaml', '2015/projects.yaml', PROJECTS, c);
    const [entry] = readdirSync(c.dir);
    writeFileSync(join(c.dir, entry!), '{"content":');
    const loaded = await parseCached('/data/2015/projects.yaml', '2015/projects.yaml', PROJECTS, c);
    expect(loaded.data).toStrictEqual(parseYamlFile('2015/projects.yaml', PROJECTS).data);
  });
});

describe('parse cache, through the CLI', () => {
  it('points at the same line:col when a file taken from the cache has a problem', async () => {
    const dir = tempDir('minimal');
    const income = join(dir, 'data/2015/income.yaml');
    writeFileSync(income, readFileSync(income, 'utf8').replace('kind: government', 'kind: 政府'));
    // The first run parses the file (it parses cleanly: the problem is the schema's) and keeps
    // it; the second takes it from the cache and must parse it only to say where the problem is.
    const first = await runCli(['validate', '--data', join(dir, 'data')], { cwd: dir });
    const second = await runCli(['validate', '--data', join(dir, 'data')], { cwd: dir });
    expect(first.code).toBe(1);
    expect(first.stderr + first.stdout).toMatch(/2015\/income\.yaml:5:11/);
    expect(second).toEqual(first);
  });
});
