/**
 * Bytes of one data file → plain data plus a way back from any field path to its line:col.
 * Pure (no fs). YAML is parsed as strict YAML 1.2 core: no custom tags, no merge keys, no
 * duplicate keys, one document, bounded nesting and aliases, and keys that could touch an
 * object's prototype are refused. We convert the document ourselves instead of `toJS()`, which
 * keeps the last of duplicate keys and writes `__proto__` through to the prototype chain.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  parseDocument,
  type Document,
  type Node,
  type Scalar,
} from 'yaml';
import type { Finding, PathSegment } from '../problems/problem.js';
import {
  MAX_FILE_BYTES,
  NO_POSITION,
  unreadableFile,
  type LoadedFile,
  type Position,
} from './loaded-file.js';

export { MAX_FILE_BYTES, unreadableFile, type LoadedFile, type Position };

/** Deeper than any data file needs (about 6 levels); guards the parser's recursion. */
export const MAX_DEPTH = 64;
export const MAX_ALIASES = 100;
/** Upper bound on values produced, so aliases cannot multiply a small file into a huge one. */
const MAX_VALUES = 1_000_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Half of a UTF-16 surrogate pair without its other half: not a character. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Tags a staff member may plausibly write (`!!str 2015`); anything else is refused. */
const ALLOWED_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

export function parseYamlFile(file: string, bytes: Uint8Array): LoadedFile {
  const finding = (pos: Position, code: string, params: Record<string, unknown> = {}) => ({
    file,
    ...pos,
    path: [],
    code,
    params,
  });

  if (bytes.byteLength > MAX_FILE_BYTES)
    return unreadableFile(file, [
      finding(NO_POSITION, 'file_too_large', { size: bytes.byteLength, limit: MAX_FILE_BYTES }),
    ]);

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return unreadableFile(file, [
      finding(bytePosition(bytes, at), 'file_not_utf8', { byte: hexByte(bytes[at]) }),
    ]);
  }
  // TextDecoder already drops a leading BOM; a second one (or one after an editor's re-save) stays.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  // Positions from the text itself: the parser's LineCounter misses the line breaks inside a
  // plain scalar it gave up on, and then points several columns past the end of a short line.
  const positionOf = linePositions(text);

  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const pos = textPosition(text, control.index);
    return unreadableFile(file, [
      finding(pos, 'file_control_char', {
        char: `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
      }),
    ]);
  }

  if (!/^\s*[^\s#]/m.test(stripComments(text)))
    return unreadableFile(file, [finding(NO_POSITION, 'file_empty')]);

  const tooDeep = findExcessiveNesting(text);
  if (tooDeep !== null)
    return unreadableFile(file, [
      finding(textPosition(text, tooDeep), 'yaml_too_deep', { limit: MAX_DEPTH }),
    ]);

  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    // A `%YAML 1.1` directive must not turn `NO` into false or `2001-12-14` into a Date.
    resolveKnownTags: false,
    uniqueKeys: true,
    merge: false,
    strict: true,
    prettyErrors: false,
  });

  const findings: Finding[] = [];
  let fatal = false;
  // After the first syntax error the parser reads the rest of the file out of step, and one
  // mistake turns into a dozen "unexpected token" errors below it: only the first is reported.
  // Tabs and a second document are each a mistake of their own, reported wherever they are.
  let syntax: Finding | undefined;
  const syntaxError = (f: Finding) => {
    if (!syntax || f.line < syntax.line || (f.line === syntax.line && f.col < syntax.col))
      syntax = f;
  };
  for (const error of doc.errors) {
    if (error.code === 'DUPLICATE_KEY') continue; // reported by convert() with its path
    fatal = true;
    const pos = positionOf(error.pos[0]);
    if (error.code === 'TAB_AS_INDENT') findings.push(finding(pos, 'yaml_tab'));
    else if (error.code === 'MULTIPLE_DOCS') findings.push(finding(pos, 'yaml_multiple_docs'));
    else if (error.code === 'RESOURCE_EXHAUSTION')
      findings.push(finding(pos, 'yaml_too_deep', { limit: MAX_DEPTH }));
    else
      syntaxError(
        finding(pos, 'yaml_syntax', { detail: firstLine(error.message), yamlCode: error.code }),
      );
  }
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') continue; // reported by convert() with its path
    fatal = true;
    syntaxError(
      finding(positionOf(warning.pos[0]), 'yaml_syntax', {
        detail: firstLine(warning.message),
        yamlCode: warning.code,
      }),
    );
  }
  if (syntax) findings.push(withQuoteFix(syntax, text));

  const locator = makeLocator(doc, positionOf, text);
  if (fatal) {
    const loaded = unreadableFile(file, dedupe(findings));
    return { ...loaded, positionOf };
  }

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null))
    return { ...unreadableFile(file, [finding(NO_POSITION, 'file_empty')]), positionOf };
  if (!isMap(contents)) {
    const found = isSeq(contents) ? 'list' : 'text';
    return {
      ...unreadableFile(file, [
        finding(positionOf(contents.range?.[0] ?? 0), 'file_not_mapping', { found }),
      ]),
      positionOf,
    };
  }

  const converted = convert(doc, text, file, positionOf);
  findings.push(
    ...converted.findings.map((f) => (f.code === 'yaml_key_not_text' ? withQuoteFix(f, text) : f)),
  );
  return {
    file,
    data: converted.fatal ? undefined : converted.value,
    findings,
    reported: converted.reported,
    ...locator,
    positionOf,
  };
}

function convert(
  doc: Document,
  text: string,
  file: string,
  positionOf: (offset: number) => Position,
) {
  const findings: Finding[] = [];
  const reported: PathSegment[][] = [];
  let aliases = 0;
  let values = 0;
  let fatal = false;
  const at = (node: { range?: readonly number[] | null | undefined } | null | undefined) =>
    positionOf(node?.range?.[0] ?? 0);
  const report = (
    node: Parameters<typeof at>[0],
    path: PathSegment[],
    code: string,
    params: Record<string, unknown> = {},
  ) => {
    findings.push({ file, ...at(node), path, code, params });
    reported.push(path);
  };
  const onStack = new Set<Node>();
  /** An escape such as "\ud800" decodes to half a character: refused where it is written. */
  const reportSurrogate = (node: Node, path: PathSegment[], value: string) => {
    const unit = LONE_SURROGATE.exec(value)?.[0].charCodeAt(0) ?? 0xd800;
    const code = `\\u${unit.toString(16).toUpperCase()}`;
    const [start = 0, end = start] = node.range ?? [];
    const escape = /\\(?:u|U0000)d[89a-f][0-9a-f]{2}/i.exec(text.slice(start, end));
    report({ range: [start + (escape?.index ?? 0)] }, path, 'yaml_lone_surrogate', { code });
  };

  const walk = (input: unknown, path: PathSegment[]): unknown => {
    if (fatal) return undefined;
    if (++values > MAX_VALUES) {
      fatal = true;
      report(input as Node, [], 'yaml_alias_limit', { limit: MAX_ALIASES });
      return undefined;
    }
    let node = input as Node | null;
    if (isAlias(node)) {
      if (++aliases > MAX_ALIASES) {
        fatal = true;
        report(node, [], 'yaml_alias_limit', { limit: MAX_ALIASES });
        return undefined;
      }
      const target = node.resolve(doc) as Node | undefined;
      if (!target || onStack.has(target)) {
        fatal = true;
        report(node, path, 'yaml_syntax', { detail: `alias *${node.source} cannot be resolved` });
        return undefined;
      }
      node = target;
    }
    if (node === null || node === undefined) return null;
    if (path.length > MAX_DEPTH) {
      fatal = true;
      report(node, [], 'yaml_too_deep', { limit: MAX_DEPTH });
      return undefined;
    }
    if (node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) {
      // Point at the tag itself (`!evil`), which precedes the node's range on its line.
      const start = node.range?.[0] ?? 0;
      let bang = text.lastIndexOf('!', start);
      while (bang > 0 && text[bang - 1] === '!') bang--;
      const tagAt = bang >= 0 && !text.slice(bang, start).includes('\n') ? bang : start;
      report({ range: [tagAt] }, path, 'yaml_tag', { tag: displayTag(node.tag) });
      // Read on as if untagged; the schema's complaints under this path are suppressed.
      if (isScalar(node)) return String(node.source ?? node.value);
    }
    if (isScalar(node)) {
      if (typeof node.value === 'string' && LONE_SURROGATE.test(node.value)) {
        reportSurrogate(node, path, node.value);
        return undefined;
      }
      return node.value;
    }
    onStack.add(node);
    try {
      if (isSeq(node)) return node.items.map((item, i) => walk(item, [...path, i]));
      if (isMap(node)) {
        // No prototype: a key can never reach Object.prototype, whatever it is called.
        const out = Object.create(null) as Record<string, unknown>;
        const firstAt = new Map<string, Position>();
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const keyNode = pair.key as Node | null;
          const key = isScalar(keyNode) ? keyNode.value : undefined;
          if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') {
            report(keyNode ?? node, path, 'yaml_key_not_text');
            continue;
          }
          const name = keyName(keyNode as Scalar);
          const keyPath = [...path, name];
          if (LONE_SURROGATE.test(name)) {
            // Reported at the mapping's path: the key itself cannot be printed.
            reportSurrogate(keyNode ?? node, path, name);
            continue;
          }
          if (name === '<<') {
            report(keyNode, keyPath, 'yaml_merge_key');
            continue;
          }
          if (FORBIDDEN_KEYS.has(name)) {
            report(keyNode, keyPath, 'yaml_forbidden_key', { key: name });
            continue;
          }
          const first = firstAt.get(name);
          if (first) {
            report(keyNode, keyPath, 'yaml_duplicate_key', { key: name, firstLine: first.line });
            continue;
          }
          firstAt.set(name, at(keyNode));
          out[name] = walk(pair.value, keyPath);
        }
        return out;
      }
      return undefined;
    } finally {
      onStack.delete(node);
    }
  };

  const value = walk(doc.contents, []);
  return { value, findings: dedupe(findings), reported, fatal };
}

function makeLocator(doc: Document, positionOf: (offset: number) => Position, text: string) {
  const resolve = (node: unknown): Node | null => {
    let n = node as Node | null;
    for (let hops = 0; isAlias(n) && hops < 10; hops++) n = (n.resolve(doc) as Node) ?? null;
    return n;
  };
  /** Walks as far along `path` as the document goes. */
  const walk = (path: readonly PathSegment[]) => {
    let node = resolve(doc.contents);
    let keyNode: Node | null = null;
    let depth = 0;
    for (const segment of path) {
      let next: Node | null | undefined;
      let nextKey: Node | null = null;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && keyName(p.key) === String(segment));
        if (pair) {
          next = resolve(pair.value) ?? (pair.key as Node);
          nextKey = pair.key as Node;
        }
      } else if (isSeq(node) && typeof segment === 'number') {
        next = resolve(node.items[segment]);
      }
      if (!next) break;
      node = next;
      keyNode = nextKey;
      depth++;
    }
    return { node, keyNode, complete: depth === path.length };
  };
  const locate = (path: readonly PathSegment[], target: 'value' | 'key' = 'value'): Position => {
    const { node, keyNode, complete } = walk(path);
    const chosen = target === 'key' && complete && keyNode ? keyNode : node;
    const offset = chosen?.range?.[0];
    return offset === undefined ? NO_POSITION : positionOf(offset);
  };
  return {
    locate,
    sourceText(path: readonly PathSegment[]): string | undefined {
      const { node, complete } = walk(path);
      if (!complete || !isScalar(node) || !node.range) return undefined;
      return text.slice(node.range[0], node.range[1]).trim();
    },
    has(path: readonly PathSegment[]): boolean {
      return walk(path).complete;
    },
    locateText(path: readonly PathSegment[], needle: string, nth = 0): Position {
      const { node, complete } = walk(path);
      const range = complete && isScalar(node) ? node.range : undefined;
      if (!range) return locate(path);
      let index = range[0] - 1;
      for (let i = 0; i <= nth; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0 || index >= range[1]) return positionOf(range[0]);
      }
      return positionOf(index);
    },
  };
}

/**
 * A cheap token scan that finds pathological nesting before the parser recurses into it
 * (5 MB of `[` takes the parser 20 s and 2.6 GB). Counts open flow brackets plus, per line,
 * the indentation and the block indicators (`- - - x`): an upper bound on the real depth.
 * Returns the offset where the bound is first exceeded, or null.
 */
function findExcessiveNesting(text: string): number | null {
  const limit = MAX_DEPTH * 8;
  let offset = 0;
  let flow = 0;
  let lineDepth = 0;
  let lineStart = true;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    const start = offset;
    offset += token.length;
    if (scalarNext) {
      scalarNext = false;
      lineStart = token.endsWith('\n');
      continue;
    }
    if (token === '\u001f') {
      scalarNext = true; // the next token is a scalar's source, never structure
      continue;
    }
    if (token === '\n' || token === '\r\n') {
      lineStart = true;
      lineDepth = 0;
      continue;
    }
    if (lineStart && /^ +$/.test(token)) lineDepth += token.length;
    lineStart = false;
    if (token === '[' || token === '{') flow++;
    else if (token === ']' || token === '}') flow = Math.max(0, flow - 1);
    else if (token === '-' || token === '?' || token === ':') lineDepth++;
    if (flow + lineDepth > limit || flow > MAX_DEPTH) return start;
  }
  return null;
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*(#|---\s*$|\.\.\.\s*$|%)/.test(line))
    .join('\n');
}

/** offset → line:col in `text` (lines end at "\n"; columns count UTF-16 code units from 1). */
function linePositions(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((starts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - (starts[lo] as number) + 1 };
  };
}

function textPosition(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, col };
}

function bytePosition(bytes: Uint8Array, at: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Count characters, not bytes, up to the bad byte: it is valid UTF-8 up to there.
  const col = new TextDecoder().decode(bytes.subarray(lineStart, at)).length + 1;
  return { line, col };
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  // In streaming mode a sequence cut at the end is not an error, so "decodes" is monotonic
  // in the prefix length and a binary search finds the longest good prefix.
  const decodes = (length: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (decodes(mid)) lo = mid;
    else hi = mid - 1;
  }
  // The longest good prefix may end inside a sequence: point at that sequence's lead byte.
  for (let i = lo - 1; i >= Math.max(0, lo - 3); i--) {
    const byte = bytes[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + length > lo ? i : lo;
  }
  return lo;
}

function hexByte(byte: number | undefined): string {
  return `0x${(byte ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * A key as its field name: text as it is; a number or true/false as written, so `-1e400:` is
 * the field "-1e400" (not "-Infinity") and `0x1F:` is "0x1F" (not "31").
 */
function keyName(node: Scalar): string {
  return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
}

function displayTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.line}:${f.col}:${f.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A value that starts with `{{` (a figure reference) reads as a YAML mapping unless it is quoted:
 * `title: {{year}}年度工作总结` is a syntax error, `title: {{year}}` a mapping. The finding then
 * carries the line as it should be written (`quote`), for the hint to show.
 */
function withQuoteFix(finding: Finding, text: string): Finding {
  const line = text.split(/\r?\n/)[finding.line - 1];
  const quote = line === undefined ? undefined : quotedBraces(line);
  return quote === undefined ? finding : { ...finding, params: { ...finding.params, quote } };
}

/** The line with its `{{…}}` value in double quotes, or undefined when it has none. */
export function quotedBraces(line: string): string | undefined {
  const m =
    /^(\s*(?:-\s+)?(?:[^\s#'"{[\]},][^#:]*:\s+)?)(\{\{.*?|"\{\{[^"]*"[^#]*?)\s*(?:\s#.*)?$/.exec(
      line,
    );
  if (!m) return undefined;
  const prefix = (m[1] ?? '').trim();
  let value = m[2] ?? '';
  // "{{year}}"年度工作总结: the quotes close before the text ends; quote the whole of it.
  if (value.startsWith('"')) value = value.replace(/^"([^"]*)"/, '$1');
  const quoted = `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return prefix === '' ? quoted : `${prefix} ${quoted}`;
}
