/**
 * Property-based fuzzing of the data path (docs/robustness.md, Fuzzing): the example data (data/)
 * is mutated — bytes, lines, YAML structure, a value of any type in any field, unicode, huge
 * values, figure references — and every case must hold to three properties:
 *
 *   1. `report validate` (runValidate, in process) answers 0 or 1 and never throws;
 *   2. every problem's file:line:col exists in the file as written;
 *   3. a data set that validates computes its statistics (`stats`, table and JSON) and renders
 *      its HTML without an error and without NaN, Infinity, undefined or [object Object].
 *
 * Used by tests/robustness/fuzz.test.ts (a few hundred cases, fixed seed) and by
 * scripts/fuzz.ts (`npm run fuzz -- --cases 100000 --seed N`).
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { isMap, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import type { Io } from '../../src/cli/io.js';
import { runStats } from '../../src/cli/stats.js';
import { runValidate } from '../../src/cli/validate.js';
import { bundledCoverage } from '../../src/infra/font-coverage.js';
import { readTemplate } from '../../src/infra/read-template.js';
import { readDataFiles, type DataFiles } from '../../src/load/read-files.js';
import { buildReports, type BuildDeps } from '../../src/pipeline.js';
import { compileTemplate } from '../../src/render/compile-template.js';
import { templateHelpers } from '../../src/render/template-helpers.js';
import { validData } from '../../src/validate/validate-dataset.js';
import { memoryWrite } from './memory-write.js';

export const EXAMPLE_DATA = fileURLToPath(new URL('../../data', import.meta.url));
const TEMPLATE = fileURLToPath(new URL('../../templates/default', import.meta.url));

// ── mutations ────────────────────────────────────────────────────────────────────────────────

export type Mutation =
  | { kind: 'bytes'; at: number; remove: number; insert: number[] }
  | { kind: 'line'; op: 'delete' | 'duplicate' | 'swap' | 'indent' | 'dedent'; at: number }
  | { kind: 'insertLine'; at: number; text: string }
  | { kind: 'raw'; node: number; source: string }
  | { kind: 'value'; node: number; value: unknown }
  | { kind: 'deleteKey'; node: number }
  | { kind: 'repeat'; node: number; times: number }
  | { kind: 'figure'; node: number; name: string };

export interface FuzzCase {
  /** Index into the data files (modulo their number). */
  file: number;
  mutations: Mutation[];
  /** A second file mutated too (cross-file rules), or null. */
  also: { file: number; mutations: Mutation[] } | null;
}

const IDS = [
  'xiaohongmao',
  'kunjing',
  'baizhou',
  'qingqing',
  'xiaoyuan070',
  'xiaozhan_daai',
  'school_social_work',
  'support',
  'children',
  'casework',
  'group',
  'classroom',
  'community_outreach',
  'training',
  'government',
  'foundation',
  'other',
  'nosuch',
];
const YEARS = ['2011', '2012', '2013', '2014', '2015', '2016'];
const FIGURE_NAMES = fc.oneof(
  fc.constantFrom(
    'year',
    'org.name',
    'org.short_name',
    'founded.year',
    'income.total',
    'income.growth',
    'income.government_share',
    'income.cagr',
    'income.multiple',
    'staff.headcount',
    'staff.volunteers',
    'projects.cumulative',
    'projects.active',
    'projects.new',
    'projects.completed',
    'services.total',
    'services.cumulative',
    'person_times.total',
    'person_times.cumulative',
    'districts',
    'awards.count',
    'media.reports',
    '',
    'income',
    'income.total.',
  ),
  fc
    .tuple(
      fc.constantFrom(
        'income.total',
        'income.growth',
        'income.government_share',
        'staff.headcount',
        'staff.volunteers',
      ),
      fc.constantFrom(...YEARS),
    )
    .map(([a, y]) => `${a}.${y}`),
  fc.tuple(fc.constantFrom(...IDS), fc.constantFrom(...IDS)).map(([p, a]) => `services.${p}.${a}`),
  fc.constantFrom(...IDS).map((p) => `funding.${p}`),
  fc.constantFrom(...IDS).map((p) => `funding.${p}.cumulative`),
  fc.constantFrom(...IDS).map((p) => `media.reports.${p}`),
  fc.constantFrom(...IDS).map((p) => `projects.cumulative.${p}`),
  fc.string({ maxLength: 12 }),
);

const HUGE_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  1e8,
  1e8 + 1,
  1e11,
  1e11 + 1,
  2 ** 31,
  2 ** 53 - 1,
  2 ** 53 + 2,
  1e21,
  1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
];

/** Text a person might (mis)type into any field. */
const WORDS = fc.constantFrom(
  '54.5万',
  '1000亿',
  '1000.5亿',
  '0.00001万',
  '99999999999999999999',
  '1,000,000元',
  '¥100',
  '40余',
  '近40',
  '约5000',
  '约',
  '近40余',
  '1e8',
  '2015-02-30',
  '2015-13',
  '2015-00-10',
  '2015',
  '15-12-31',
  'national',
  'Nationa',
  'awrd',
  'operated',
  'renewd',
  'zh-CN',
  'en',
  'fr',
  'true',
  'null',
  '',
  ' ',
  'NaN',
  'undefined',
  '[object Object]',
  '__proto__',
  'constructor',
  '{{income.total}}',
  '[link](http://example.org)',
  '![x](file:///etc/passwd)',
  '<script>alert(1)</script>',
  '\u202e\u200b\ufeff',
  '𠜎𠜱𠝹',
  'é'.normalize('NFD'),
  'a'.repeat(300),
  '中'.repeat(2000),
);

const leaf = fc.oneof(
  { weight: 3, arbitrary: WORDS },
  { weight: 2, arbitrary: fc.constantFrom(...IDS) },
  { weight: 2, arbitrary: fc.constantFrom(...HUGE_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);
const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc.dictionary(
        fc.oneof(fc.constantFrom(...IDS, 'id', 'kind', 'value', 'approx'), fc.string()),
        tie('value'),
        { maxKeys: 4 },
      ),
    },
  ),
})).value;

/** YAML source snippets that no JS value turns into: escapes, tags, anchors, odd scalars. */
const RAW = fc.oneof(
  fc.constantFrom(
    '"\\ud800"',
    '"a\\udfffb"',
    '"\\U0001F600"',
    '"\\x00"',
    '"\\0"',
    '.inf',
    '-.inf',
    '.nan',
    '0x1F',
    '0o17',
    '1e400',
    '-1e400',
    '1_000',
    '~',
    '!!binary aGVsbG8=',
    '!!timestamp 2015-01-01',
    '!!int "12"',
    '!!str 2015',
    '!custom x',
    '&a 1',
    '*a',
    '*nosuch',
    '? complex\n  : key',
    '[',
    ']',
    '{',
    '{a: 1, a: 2}',
    '[{kind: {a: 1}}]',
    '{ id: x }',
    '[ { } ]',
    '|\n  block\n  text',
    '>-\n  folded',
    'plain\n  continued\n    over lines',
    'a: b: c',
    '- - -',
    '"unterminated',
    "'unterminated",
    '#',
    '---',
    '...',
    '%YAML 1.1',
    '<<: *a',
    '@x',
    '`x',
    '\t1',
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      at: fc.nat(),
      remove: fc.nat({ max: 4 }),
      insert: fc.array(
        fc.oneof(
          fc.integer({ min: 0, max: 255 }),
          fc.constantFrom(0x0a, 0x0d, 0x20, 0x09, 0x22, 0x27, 0x3a, 0x2d, 0x23, 0x7b, 0x5b),
        ),
        { maxLength: 6 },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('line' as const),
      op: fc.constantFrom('delete', 'duplicate', 'swap', 'indent', 'dedent') as fc.Arbitrary<
        'delete' | 'duplicate' | 'swap' | 'indent' | 'dedent'
      >,
      at: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insertLine' as const),
      at: fc.nat(),
      text: RAW,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('raw' as const), node: fc.nat(), source: RAW }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('value' as const), node: fc.nat(), value: anyValue }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteKey' as const), node: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('repeat' as const),
      node: fc.nat(),
      times: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 50, max: 400 })),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('figure' as const),
      node: fc.nat(),
      name: FIGURE_NAMES,
    }),
  },
);

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({
  file: fc.nat(),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
  also: fc.option(
    fc.record({ file: fc.nat(), mutations: fc.array(mutation, { minLength: 1, maxLength: 2 }) }),
    { freq: 4 },
  ),
});

/** The nodes of a YAML text in document order, with their source ranges. */
function nodesOf(text: string) {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const nodes: { node: Node; key: boolean }[] = [];
  visit(doc, {
    Pair: (_key, pair) => {
      if (isScalar(pair.key)) nodes.push({ node: pair.key, key: true });
    },
    Scalar: (_key, node) => {
      nodes.push({ node, key: false });
    },
    Map: (_key, node) => {
      nodes.push({ node, key: false });
    },
    Seq: (_key, node) => {
      nodes.push({ node, key: false });
    },
  });
  return { doc, nodes };
}

function pick<T>(items: readonly T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

const encoder = new TextEncoder();
const lenient = new TextDecoder('utf-8', { fatal: false });

/** Applies one mutation to a file's bytes. */
export function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  if (m.kind === 'bytes') {
    const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
    const out = new Uint8Array(
      bytes.length - Math.min(m.remove, bytes.length - at) + m.insert.length,
    );
    out.set(bytes.subarray(0, at), 0);
    out.set(m.insert, at);
    out.set(bytes.subarray(at + m.remove), at + m.insert.length);
    return out;
  }
  const text = lenient.decode(bytes);
  return encoder.encode(mutateText(text, m));
}

function mutateText(text: string, m: Exclude<Mutation, { kind: 'bytes' }>): string {
  if (m.kind === 'line' || m.kind === 'insertLine') {
    const lines = text.split('\n');
    const at = m.at % lines.length;
    const line = lines[at] ?? '';
    if (m.kind === 'insertLine') lines.splice(at, 0, m.text);
    else if (m.op === 'delete') lines.splice(at, 1);
    else if (m.op === 'duplicate') lines.splice(at, 0, line);
    else if (m.op === 'swap') {
      const next = (at + 1) % lines.length;
      lines[at] = lines[next] ?? '';
      lines[next] = line;
    } else if (m.op === 'indent') lines[at] = `  ${line}`;
    else lines[at] = line.replace(/^ {1,2}/, '');
    return lines.join('\n');
  }

  let parsed;
  try {
    parsed = nodesOf(text);
  } catch {
    return text;
  }
  const { doc, nodes } = parsed;
  if (m.kind === 'raw') {
    const target = pick(nodes, m.node);
    const range = target?.node.range;
    if (!range) return text;
    return text.slice(0, range[0]) + m.source + text.slice(range[1]);
  }
  if (m.kind === 'figure') {
    const strings = nodes.filter(
      (n) => !n.key && isScalar(n.node) && typeof n.node.value === 'string',
    );
    const target = pick(strings, m.node);
    if (!target || !isScalar(target.node)) return text;
    const value = String(target.node.value);
    const cut = m.node % (value.length + 1);
    target.node.value = `${value.slice(0, cut)}{{${m.name}}}${value.slice(cut)}`;
    return stringify(doc, text);
  }
  const values = nodes.filter((n) => !n.key);
  const target = pick(values, m.node);
  if (!target) return text;
  // Find the target's parent collection and its key, then edit through the document API.
  let done = false;
  visit(doc, {
    Pair: (_key, pair, visitPath) => {
      if (done || pair.value !== target.node) return;
      done = true;
      const parent = visitPath.at(-1);
      if (m.kind === 'value') pair.value = doc.createNode(m.value);
      else if (m.kind === 'deleteKey' && isMap(parent))
        parent.items = parent.items.filter((p) => p !== pair);
      else if (m.kind === 'repeat' && isSeq(pair.value)) {
        const items = pair.value.items;
        const item = items[m.node % Math.max(1, items.length)];
        if (item) for (let i = 0; i < m.times; i++) items.push(doc.createNode(toJS(item)));
      }
      return visit.BREAK;
    },
    Seq: (_key, seq) => {
      if (done) return visit.BREAK;
      const i = seq.items.indexOf(target.node as never);
      if (i < 0) return;
      done = true;
      if (m.kind === 'value') seq.items[i] = doc.createNode(m.value);
      else if (m.kind === 'deleteKey') seq.items.splice(i, 1);
      else if (m.kind === 'repeat')
        for (let k = 0; k < m.times; k++) seq.items.push(doc.createNode(toJS(seq.items[i])));
      return visit.BREAK;
    },
  });
  return done ? stringify(doc, text) : text;
}

function toJS(node: unknown): unknown {
  const n = node as { toJSON?: () => unknown } | null | undefined;
  return typeof n?.toJSON === 'function' ? n.toJSON() : n;
}

/** The edited document as text; a document the edit cannot write keeps the text it had. */
function stringify(doc: ReturnType<typeof parseDocument>, text: string): string {
  if (doc.errors.length > 0) return text;
  try {
    return doc.toString({ lineWidth: 0 });
  } catch {
    return text;
  }
}

// ── the workspace and the properties ─────────────────────────────────────────────────────────

export interface Failure {
  kind: 'exception' | 'location' | 'message' | 'output';
  detail: string;
}

export interface Fuzzer {
  /** Runs one case: what broke (empty when every property held), and whether the data validated. */
  run(c: FuzzCase): Promise<{ failures: Failure[]; valid: boolean }>;
  /** The mutated files of the last case, by path, for a report. */
  lastFiles(): Map<string, Uint8Array>;
  close(): Promise<void>;
}

const FORBIDDEN = ['NaN', 'Infinity', 'undefined', '[object Object]'];
/** zod's internal names and default wording, which a reader should never see. */
const LEAKS =
  /expected (?:record|int|bigint|nan|symbol|never|unknown|tuple|literal|enum|nonoptional)\b|应为(?:record|int|bigint|nan|symbol|never|unknown|tuple)|Invalid input|Invalid option|无效输入|无效选项/;

export async function createFuzzer(source = EXAMPLE_DATA): Promise<Fuzzer> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'report-fuzz-'));
  const dataDir = path.join(cwd, 'data');
  await cp(source, dataDir, { recursive: true });
  const original = new Map<string, Uint8Array>();
  for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.yaml')) continue;
    const abs = path.join(entry.parentPath, entry.name);
    original.set(path.relative(cwd, abs).split(path.sep).join('/'), await readFile(abs));
  }
  const names = [...original.keys()].sort();
  const template = await readTemplate(TEMPLATE, 'zh-CN', cwd);
  const templateEn = await readTemplate(TEMPLATE, 'en', cwd);
  let dirty = new Map<string, Uint8Array>();

  const io = (out: string[]): Io => ({
    stdout: (t) => void out.push(t),
    stderr: (t) => void out.push(t),
    cwd,
    env: {},
    isTTY: false,
  });

  const setFiles = async (files: Map<string, Uint8Array>) => {
    for (const [name, bytes] of dirty)
      if (!files.has(name)) await writeFile(path.join(cwd, name), original.get(name) ?? bytes);
    for (const [name, bytes] of files) await writeFile(path.join(cwd, name), bytes);
    dirty = files;
  };

  const run = async (c: FuzzCase): Promise<{ failures: Failure[]; valid: boolean }> => {
    const files = new Map<string, Uint8Array>();
    for (const part of [c, ...(c.also ? [c.also] : [])]) {
      const name = names[part.file % names.length] as string;
      let bytes = files.get(name) ?? (original.get(name) as Uint8Array);
      for (const m of part.mutations) bytes = mutate(bytes, m);
      files.set(name, bytes);
    }
    await setFiles(files);
    const texts = new Map([...original].map(([n, b]) => [n, lenient.decode(files.get(n) ?? b)]));
    const everything = [...texts.values()].join('\n');
    // A word the data itself contains may show (YAML writes Infinity as .inf, NaN as .nan).
    const written = (token: string) =>
      everything.includes(token) ||
      (token === 'Infinity' && /\.inf/i.test(everything)) ||
      (token === 'NaN' && /\.nan/i.test(everything));
    const failures: Failure[] = [];
    const guard = async <T>(what: string, f: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await f();
      } catch (error) {
        const isData = (error as { code?: string }).code === 'DATA_INVALID';
        failures.push({
          kind: 'exception',
          detail: `${what}: ${isData ? '(data error after validate passed) ' : ''}${
            error instanceof Error ? (error.stack ?? error.message) : String(error)
          }`,
        });
        return undefined;
      }
    };

    // Property 1: validate answers 0 or 1.
    const out: string[] = [];
    const exit = await guard('validate', () =>
      runValidate({ format: 'json', data: 'data' }, io(out)),
    );
    if (exit === undefined) return { failures, valid: false };
    if (exit !== 0 && exit !== 1)
      failures.push({ kind: 'exception', detail: `validate exited ${exit}` });
    const problems = JSON.parse(out.join('')) as {
      file: string;
      line: number;
      col: number;
      message: string;
      hint?: string;
    }[];

    // Property 2: every location exists; every message is words, not internals.
    for (const p of problems) {
      const where = `${p.file}:${p.line}:${p.col}`;
      const text = texts.get(p.file);
      if (p.line === 0 && p.col === 0) {
        // the whole file or folder (a missing file)
      } else if (text === undefined) {
        failures.push({ kind: 'location', detail: `${where}: no such file (${p.message})` });
      } else {
        const lines = text.replace(/^\ufeff/, '').split('\n');
        const line = lines[p.line - 1];
        if (p.line < 1 || line === undefined || p.col < 1 || p.col > line.length + 1)
          failures.push({
            kind: 'location',
            detail: `${where}: the file has ${lines.length} lines${
              line === undefined ? '' : `, line ${p.line} has ${line.length} characters`
            } (${p.message})`,
          });
      }
      const words = `${p.message} ${p.hint ?? ''}`;
      const leaked = FORBIDDEN.filter((t) => words.includes(t) && !written(t));
      if (
        leaked.length > 0 ||
        LEAKS.test(words) ||
        p.message.trim() === '' ||
        /^\s|\s$/.test(p.message)
      )
        failures.push({ kind: 'message', detail: `${where}: "${p.message}" / "${p.hint ?? ''}"` });
    }
    if (exit !== 0) return { failures, valid: false };

    // Property 3: what validates, computes and renders.
    // The files are read once for the stats and the build (what readDataset does, then the
    // build's own read): the build validates them again, as it always does.
    const read = await guard('read', () => readDataFiles({ dataDir: 'data', cwd }));
    const dataset = read && (await guard('read', async () => validData(read)));
    if (!read || !dataset) return { failures, valid: true };
    const outputs: [string, string][] = [];
    const deps = { readDataset: async () => dataset, listDataYears: async () => [] };
    for (const { year } of dataset.years) {
      for (const json of [true, false]) {
        const buffer: string[] = [];
        await guard(`stats ${year}${json ? ' --json' : ''}`, () =>
          runStats({ year: String(year), data: 'data', json }, io(buffer), deps),
        );
        outputs.push([`stats ${year}`, buffer.join('')]);
      }
    }
    await guard('build --format html', () =>
      buildReports(
        {
          years: 'all',
          dataDir: 'data',
          outDir: 'out',
          templateDir: TEMPLATE,
          formats: new Set(['html']),
          cwd,
          sourceDate: new Date(0),
          generator: 'report fuzz',
        },
        htmlDeps(dataset.organization.locale === 'en' ? templateEn : template, read, outputs),
      ),
    );
    for (const [what, output] of outputs) {
      const found = FORBIDDEN.filter((t) => output.includes(t) && !written(t));
      if (found.length > 0) {
        const at = output.indexOf(found[0] as string);
        failures.push({
          kind: 'output',
          detail: `${what} shows ${found.join(', ')}: …${output.slice(Math.max(0, at - 80), at + 40)}…`,
        });
      }
    }
    return { failures, valid: true };
  };

  return {
    run,
    lastFiles: () => dirty,
    close: () => rm(cwd, { recursive: true, force: true }),
  };
}

/** The pipeline's dependencies for an HTML build in memory: the case's data as read, no browser, fonts or writes. */
function htmlDeps(
  template: Awaited<ReturnType<typeof readTemplate>>,
  files: DataFiles,
  outputs: [string, string][],
): BuildDeps {
  return {
    readData: async () => files,
    readTemplate: async () => template,
    compileTemplate: async (source, { locale, lang }) => {
      const render = compileTemplate(source, templateHelpers(locale), { lang });
      return { render: async (view) => render(view), close: async () => undefined };
    },
    drawChart: async (input) => {
      // The chart's data as the drawer gets it: checked like the page.
      outputs.push([`chart ${input.id}`, JSON.stringify(input, (_k, v: unknown) => show(v))]);
      return Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    },
    fontCss: async () => '',
    fontCoverage: () => bundledCoverage(),
    openPrinter: () => {
      throw new Error('no printer in the fuzzer');
    },
    readPageHint: async () => null,
    beginWrite: memoryWrite((f) => {
      if (typeof f.data === 'string') outputs.push([`build ${f.path}`, f.data]);
    }),
    now: () => new Date(0),
    warn: () => {},
  };
}

/** JSON.stringify drops undefined and writes NaN as null: keep them visible. */
function show(value: unknown): unknown {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

/** Runs `cases` cases from `seed`, counting failures instead of stopping at the first. */
export async function fuzz(options: {
  cases: number;
  seed: number;
  onProgress?: (done: number, failures: number) => void;
  onFailure?: (c: FuzzCase, failures: Failure[], files: Map<string, Uint8Array>) => void;
  /** Asked before each case: true ends the run early (Ctrl-C), with the totals so far. */
  stop?: () => boolean;
}): Promise<{
  cases: number;
  exceptions: number;
  locations: number;
  messages: number;
  outputs: number;
  valid: number;
}> {
  const fuzzer = await createFuzzer();
  const totals = { cases: 0, exceptions: 0, locations: 0, messages: 0, outputs: 0, valid: 0 };
  try {
    await fc.check(
      fc.asyncProperty(fuzzCase, async (c) => {
        if (options.stop?.()) throw new Error('stopped'); // ends fc.check; not counted
        const { failures, valid } = await fuzzer.run(c);
        totals.cases++;
        if (valid) totals.valid++;
        for (const f of failures) {
          if (f.kind === 'exception') totals.exceptions++;
          else if (f.kind === 'location') totals.locations++;
          else if (f.kind === 'message') totals.messages++;
          else totals.outputs++;
        }
        if (failures.length > 0) options.onFailure?.(c, failures, fuzzer.lastFiles());
        options.onProgress?.(
          totals.cases,
          totals.exceptions + totals.locations + totals.messages + totals.outputs,
        );
        return true;
      }),
      { numRuns: options.cases, seed: options.seed, endOnFailure: true },
    );
  } finally {
    await fuzzer.close();
  }
  return totals;
}
