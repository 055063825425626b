/**
 * Data files parsed once: the plain data of a file that parsed without a single finding is kept
 * on disk, and the next run that reads the same bytes takes it from there instead of parsing
 * the YAML again (the first YAML parse of a run is about a fifth of an HTML build's CPU time,
 * most of it the parser warming up). Where a field is — needed only to report a problem — is
 * found by parsing the file then, on first use, so every message points where it did.
 *
 * The cache holds data, never code: JSON, read with JSON.parse, and checked again by the schema
 * like any file. One entry per data file (its path), replaced when the file changes, keyed by
 * the file's bytes and the parser (the yaml package and report's parse code), so a hit gives
 * exactly what parsing would. It lives beside the font and chart caches, in
 * node_modules/.cache/report-data, and holds a copy of the data files' content: deleting the
 * folder is always safe. Unwritable, it is silently not used.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedFile } from './loaded-file.js';

export interface ParseCache {
  dir: string;
  /** What parses: any change to the parser must change it. */
  parserId: string;
}

const require = createRequire(import.meta.url);
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

let defaultCache: Promise<ParseCache | null> | undefined;

/** The cache of this installation; null when the parser's code cannot be read to key it. */
export function defaultParseCache(): Promise<ParseCache | null> {
  defaultCache ??= (async () => {
    try {
      // From dist/load/ or from dist/bundle/ (scripts/bundle.mjs): the same compiled file.
      const code = Buffer.concat(
        await Promise.all(
          ['parse-yaml.js', 'loaded-file.js'].map((name) =>
            readFile(path.join(here, '../load', name)),
          ),
        ),
      );
      const yamlMain = require.resolve('yaml');
      const version = (require('yaml/package.json') as { version: string }).version;
      const marker = `${path.sep}node_modules${path.sep}`;
      const at = yamlMain.lastIndexOf(marker);
      const nodeModules =
        at >= 0 ? yamlMain.slice(0, at + marker.length - 1) : path.resolve('node_modules');
      return {
        dir: path.join(nodeModules, '.cache', 'report-data'),
        parserId: sha256(JSON.stringify([1, `yaml@${version}`, sha256(code)])),
      };
    } catch {
      return null;
    }
  })();
  return defaultCache;
}

/** parseYamlFile, through the cache when there is one. */
export async function parseCached(
  abs: string,
  file: string,
  bytes: Uint8Array,
  cache: ParseCache | null,
): Promise<LoadedFile> {
  if (cache === null) return (await parser()).parseYamlFile(file, bytes);
  const entry = path.join(cache.dir, `${sha256(`${cache.parserId}\0${abs}`)}.json`);
  const content = sha256(bytes);
  const kept = await readFile(entry, 'utf8').then(
    (text) => decodeEntry(text, content),
    () => undefined,
  );
  if (kept !== undefined) {
    if ((fromSources ??= !existsSync(compiledParser))) await parser();
    return fromCache(file, bytes, kept);
  }
  const loaded = (await parser()).parseYamlFile(file, bytes);
  if (loaded.findings.length === 0 && loaded.reported.length === 0 && loaded.data !== undefined) {
    let text: string | undefined;
    try {
      text = JSON.stringify({ content, data: encode(loaded.data) });
    } catch {
      text = undefined; // a value JSON cannot carry exactly: not cached
    }
    if (text !== undefined) {
      const tmp = `${entry}.${process.pid}.tmp`;
      await mkdir(cache.dir, { recursive: true })
        .then(() => writeFile(tmp, text))
        .then(() => rename(tmp, entry))
        .catch(() => undefined); // no cache is fine: the next run parses again
    }
  }
  return loaded;
}

type Parser = typeof import('./parse-yaml.js');

let loadedParser: Parser | undefined;

/** The YAML parser (the yaml package and src/load/parse-yaml.ts), loaded at its first use. */
async function parser(): Promise<Parser> {
  return (loadedParser ??= await import('./parse-yaml.js'));
}

const here = path.dirname(fileURLToPath(import.meta.url));
/**
 * The compiled parser: in dist/bundle/, its CommonJS copy that scripts/bundle.mjs makes beside
 * the bundle; in dist/load/, the compiled module (required as an ES module, which Node.js 20.19
 * and later do). Absent when report runs from its TypeScript sources (the tests), where
 * {@link parseCached} loads the parser first.
 */
const compiledParser =
  path.basename(here) === 'bundle'
    ? path.join(here, 'parse-yaml.cjs')
    : path.join(here, '../load/parse-yaml.js');
let fromSources: boolean | undefined;

/** The parser at once, for a cached file asked where a field is (only to report a problem). */
function parserNow(): Parser {
  return (loadedParser ??= require(compiledParser) as Parser);
}

/** A file from the cache: its data now, the parsed document only when a position is asked. */
function fromCache(file: string, bytes: Uint8Array, data: unknown): LoadedFile {
  let parsed: LoadedFile | undefined;
  const full = () => (parsed ??= parserNow().parseYamlFile(file, bytes));
  return {
    file,
    data,
    findings: [],
    reported: [],
    locate: (p, target) => full().locate(p, target),
    sourceText: (p) => full().sourceText(p),
    has: (p) => full().has(p),
    locateText: (p, needle, nth) => full().locateText(p, needle, nth),
    positionOf: (offset) => full().positionOf(offset),
  };
}

/**
 * Data as JSON, exactly: a list is ['a', …items], a mapping ['m', key, value, …] (read back
 * without a prototype, as the parser makes them), a number JSON cannot write ['n', 'NaN'] (NaN,
 * ±Infinity, -0); strings, finite numbers, true, false and null as themselves.
 */
function encode(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number')
    return Number.isFinite(value) && !Object.is(value, -0) ? value : ['n', String(value)];
  if (Array.isArray(value)) return ['a', ...value.map(encode)];
  if (typeof value === 'object' && Object.getPrototypeOf(value) === null) {
    const out: unknown[] = ['m'];
    for (const [key, item] of Object.entries(value)) out.push(key, encode(item));
    return out;
  }
  throw new TypeError(`not cached: ${typeof value}`);
}

const SPECIAL: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '0': -0,
};

function decode(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const [tag] = value;
  if (tag === 'a') return value.slice(1).map(decode);
  if (tag === 'm') {
    const out = Object.create(null) as Record<string, unknown>;
    for (let i = 1; i + 1 < value.length; i += 2) {
      const key: unknown = value[i];
      if (typeof key !== 'string') throw new TypeError('damaged cache entry');
      out[key] = decode(value[i + 1]);
    }
    return out;
  }
  if (tag === 'n' && typeof value[1] === 'string' && value[1] in SPECIAL) return SPECIAL[value[1]];
  throw new TypeError('damaged cache entry');
}

/** The data of an entry made from these bytes; undefined for another version or a damaged one. */
function decodeEntry(text: string, content: string): unknown {
  try {
    const entry = JSON.parse(text) as { content?: unknown; data?: unknown };
    return entry.content === content && entry.data !== undefined ? decode(entry.data) : undefined;
  } catch {
    return undefined;
  }
}
