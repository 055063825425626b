/**
 * Templates fail loudly: an isolated Handlebars instance in strict mode, known helpers only,
 * every partial reference checked before rendering, and every error reported with the
 * template file and line it comes from.
 */
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { reportError, type ReportError } from '../errors.js';
import type { Locale } from '../schema/files.js';
import type { TemplateFile, TemplateSource } from './template-source.js';

type HelperFn = (...args: unknown[]) => unknown;
export type RenderFn = (view: object) => string;

/** Helpers Handlebars itself provides and templates may use. */
const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with'];

/** The rendered HTML is capped: a runaway loop fails with a message instead of exhausting memory. */
export const MAX_OUTPUT_CHARS = 64_000_000;

/** Where in a template: the file, with :line:col when known. */
function whereIn(file: TemplateFile, line?: number, col?: number): string {
  return line === undefined
    ? file.file
    : `${file.file}:${line}${col === undefined ? '' : `:${col}`}`;
}

interface Node {
  type: string;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

/** Walks a parsed template and reports unknown partials, dynamic partials and unknown helpers. */
function lintTemplate(
  file: TemplateFile,
  ast: hbs.AST.Program,
  partials: ReadonlySet<string>,
  helpers: ReadonlySet<string>,
): ReportError[] {
  const problems: ReportError[] = [];
  const at = (node: Node) =>
    [node.loc?.start.line, node.loc === undefined ? undefined : node.loc.start.column + 1] as const;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const node = value as Node;
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      const name = node.name as Node & { original?: unknown };
      if (name.type !== 'PathExpression' && name.type !== 'StringLiteral') {
        problems.push(reportError('templateDynamicPartial', { where: whereIn(file, ...at(node)) }));
      } else if (!partials.has(String(name.original))) {
        problems.push(
          reportError('templateUnknownPartial', {
            where: whereIn(file, ...at(node)),
            name: String(name.original),
            known: [...partials].sort(),
          }),
        );
      }
    }
    if (
      node.type === 'MustacheStatement' ||
      node.type === 'BlockStatement' ||
      node.type === 'SubExpression'
    ) {
      const path = node.path as Node & { original?: unknown; parts?: unknown[] };
      const params = (node.params as unknown[] | undefined) ?? [];
      const hash = node.hash as { pairs?: unknown[] } | undefined;
      const isCall =
        node.type !== 'MustacheStatement' || params.length > 0 || (hash?.pairs?.length ?? 0) > 0;
      if (path.type === 'PathExpression' && isCall && !helpers.has(String(path.original))) {
        problems.push(
          reportError('templateUnknownHelper', {
            where: whereIn(file, ...at(node)),
            name: String(path.original),
            known: [...helpers].sort(),
          }),
        );
      }
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'loc') visit(child);
  };
  visit(ast.body);
  return problems;
}

/** A `{{> name}}` in a template: where it is, and whether it renders whenever its file does. */
interface PartialRef {
  target: string;
  line: number;
  col: number;
  /** Not inside any block: {{#if}}, {{#each}}… can end a recursion, a bare {{> name}} cannot. */
  always: boolean;
}

function partialRefs(ast: hbs.AST.Program): PartialRef[] {
  const refs: PartialRef[] = [];
  const visit = (value: unknown, always: boolean): void => {
    if (Array.isArray(value)) return value.forEach((v) => visit(v, always));
    if (typeof value !== 'object' || value === null) return;
    const node = value as Node;
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      const name = node.name as Node & { original?: unknown };
      if (name.type === 'PathExpression' || name.type === 'StringLiteral')
        refs.push({
          target: String(name.original),
          line: node.loc?.start.line ?? 1,
          col: (node.loc?.start.column ?? 0) + 1,
          always,
        });
    }
    const nested = node.type === 'BlockStatement' || node.type === 'PartialBlockStatement';
    for (const [key, child] of Object.entries(node))
      if (key !== 'loc')
        visit(child, always && !(nested && (key === 'program' || key === 'inverse')));
  };
  visit(ast.body, true);
  return refs;
}

/** A chain of partials that leads back to its start, and the {{> name}} that closes it. */
interface PartialCycle {
  names: string[];
  file: TemplateFile;
  ref: PartialRef;
}

/** The first cycle among the partials, following only the references `follow` accepts. */
function findPartialCycle(
  partials: ReadonlyMap<string, TemplateFile>,
  refs: ReadonlyMap<string, PartialRef[]>,
  follow: (ref: PartialRef) => boolean,
): PartialCycle | null {
  const done = new Set<string>();
  const stack: string[] = [];
  const walk = (name: string): PartialCycle | null => {
    stack.push(name);
    for (const ref of (refs.get(name) ?? []).filter(follow)) {
      const at = stack.indexOf(ref.target);
      if (at >= 0)
        return {
          names: [...stack.slice(at), ref.target],
          file: partials.get(name) as TemplateFile,
          ref,
        };
      if (!done.has(ref.target) && partials.has(ref.target)) {
        const found = walk(ref.target);
        if (found) return found;
      }
    }
    stack.pop();
    done.add(name);
    return null;
  };
  for (const name of [...partials.keys()].sort()) {
    if (done.has(name)) continue;
    const found = walk(name);
    if (found) return found;
  }
  return null;
}

function cycleError(cycle: PartialCycle, ranOut: boolean): ReportError {
  return reportError('templatePartialCycle', {
    where: whereIn(cycle.file, cycle.ref.line, cycle.ref.col),
    tag: `{{> ${cycle.ref.target}}}`,
    first: String(cycle.names[0]),
    chain: cycle.names.join(' → '),
    self: cycle.names.length === 2,
    ranOut,
  });
}

/** Whether an error is V8 running out of stack (Handlebars may pass it on as its own Exception). */
function isStackOverflow(error: unknown): boolean {
  // Not every RangeError: "Invalid string length" is one too, and is not a recursion.
  return error instanceof Error && error.message.includes('Maximum call stack size exceeded');
}

function parseTemplate(hb: typeof Handlebars, file: TemplateFile): hbs.AST.Program {
  if (typeof file.source !== 'string')
    throw reportError('templateNotText', { where: whereIn(file) });
  try {
    return hb.parse(file.source);
  } catch (error) {
    const message = (error as Error).message;
    const line = /on line (\d+)/.exec(message)?.[1];
    const detail = message.split('\n').slice(-1)[0] ?? message;
    throw reportError('templateSyntax', {
      where: whereIn(file, line === undefined ? undefined : Number(line)),
      detail,
    });
  }
}

class OutputTooLarge extends Error {}

function tooLarge(main: TemplateFile): ReportError {
  return reportError('templateTooLarge', { file: main.file, max: MAX_OUTPUT_CHARS });
}

/** The file in which a render-time error happened: set by the innermost template that saw it. */
const errorFile = new WeakMap<object, TemplateFile>();

function wrap(file: TemplateFile, fn: Handlebars.TemplateDelegate): Handlebars.TemplateDelegate {
  return (context, options) => {
    try {
      return fn(context, options);
    } catch (error) {
      if (typeof error === 'object' && error !== null && !errorFile.has(error))
        errorFile.set(error, file);
      throw error;
    }
  };
}

type TemplateSpec = Parameters<typeof Handlebars.template>[0];

/**
 * A template compiled ahead of time (scripts/precompile-template.mjs writes the built-in one
 * into dist/ at build time): Handlebars' own precompiled form of each file, and the key of the
 * sources, helpers and options it was compiled from. It is code, so it only ever comes from
 * dist/, never from a cache a run writes.
 */
export interface PrecompiledTemplate {
  key: string;
  main: TemplateSpec;
  partials: Record<string, TemplateSpec>;
}

const COMPILE_OPTIONS = { strict: true, knownHelpersOnly: true, preventIndent: true } as const;

function compileOptions(helperNames: ReadonlySet<string>): CompileOptions {
  return {
    ...COMPILE_OPTIONS,
    knownHelpers: Object.fromEntries([...helperNames].map((name) => [name, true])),
  };
}

/** Everything the compiled code depends on: Handlebars, the options, the helpers, the sources. */
export function templateKey(source: TemplateSource, helpers: Record<string, HelperFn>): string {
  const partials = [...source.partials].map(([name, file]) => [name, file.source]);
  return createHash('sha256')
    .update(
      JSON.stringify([
        1,
        Handlebars.VERSION,
        COMPILE_OPTIONS,
        [...BUILTIN_HELPERS, ...Object.keys(helpers)].sort(),
        source.main.source,
        partials.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      ]),
    )
    .digest('hex');
}

/** Parses every file of the template and refuses it as compileTemplate would. */
function checkedTemplate(
  hb: typeof Handlebars,
  source: TemplateSource,
  helperNames: ReadonlySet<string>,
): { asts: Map<TemplateFile, hbs.AST.Program>; refs: Map<string, PartialRef[]> } {
  const partialNames = new Set(source.partials.keys());
  const files = [source.main, ...source.partials.values()];
  const asts = new Map(files.map((file) => [file, parseTemplate(hb, file)]));
  const problems = files.flatMap((file) =>
    lintTemplate(file, asts.get(file) as hbs.AST.Program, partialNames, helperNames),
  );
  if (problems.length > 0) {
    throw reportError('templateProblems', {
      lines: problems.map((p) => ({ en: p.messageIn('en'), 'zh-CN': p.messageIn('zh-CN') })),
      hint: {
        en: problems[0]?.hintIn('en') ?? '',
        'zh-CN': problems[0]?.hintIn('zh-CN') ?? '',
      },
    });
  }
  // A partial that always includes itself (directly or through others) is refused before
  // rendering; one that does so only under a condition is named if the render runs out of stack.
  const refs = partialRefMap(source, asts);
  const endless = findPartialCycle(source.partials, refs, (ref) => ref.always);
  if (endless) throw cycleError(endless, false);
  return { asts, refs };
}

function partialRefMap(
  source: TemplateSource,
  asts: ReadonlyMap<TemplateFile, hbs.AST.Program>,
): Map<string, PartialRef[]> {
  return new Map(
    [...source.partials].map(([name, file]) => [
      name,
      partialRefs(asts.get(file) as hbs.AST.Program),
    ]),
  );
}

/**
 * The template in Handlebars' precompiled form, for scripts/precompile-template.mjs: checked as
 * compileTemplate checks it (a template it would refuse throws here too), each file as the
 * source text of its specification object.
 */
export function precompileTemplate(
  source: TemplateSource,
  helpers: Record<string, HelperFn>,
): { key: string; main: string; partials: Record<string, string> } {
  const hb = Handlebars.create();
  const helperNames = new Set([...BUILTIN_HELPERS, ...Object.keys(helpers)]);
  const { asts } = checkedTemplate(hb, source, helperNames);
  const options = compileOptions(helperNames);
  const spec = (file: TemplateFile) =>
    String(hb.precompile(asts.get(file) as hbs.AST.Program, options));
  return {
    key: templateKey(source, helpers),
    main: spec(source.main),
    partials: Object.fromEntries([...source.partials].map(([name, file]) => [name, spec(file)])),
  };
}

/**
 * Compiles a template. Its errors carry both languages (the catalogue in src/errors.ts); `lang`
 * is accepted for callers that pass the reader's language and no longer changes anything.
 * `precompiled`, when it was made from exactly these sources, helpers and options (its key),
 * is used instead of parsing, checking and compiling them again: the same code, already built.
 */
export function compileTemplate(
  source: TemplateSource,
  helpers: Record<string, HelperFn>,
  options: { lang?: Locale; precompiled?: PrecompiledTemplate | null } = {},
): RenderFn {
  const hb = Handlebars.create();
  const helperNames = new Set([...BUILTIN_HELPERS, ...Object.keys(helpers)]);
  const ready =
    options.precompiled != null && options.precompiled.key === templateKey(source, helpers)
      ? options.precompiled
      : null;
  const checked = ready === null ? checkedTemplate(hb, source, helperNames) : null;
  // Only a render that runs out of stack needs the partials' references: then they are read.
  let refs = checked?.refs;
  const partialRefsNow = () =>
    (refs ??= partialRefMap(
      source,
      new Map(
        [source.main, ...source.partials.values()].map((file) => [file, parseTemplate(hb, file)]),
      ),
    ));

  for (const [name, fn] of Object.entries(helpers)) {
    hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  }
  // Output is counted while it is produced: a loop of small pieces stops at the cap instead of
  // growing to V8's string limit first. (Nested output is counted at each level: an upper bound.)
  let produced = 0;
  const builtinEach = hb.helpers['each'] as Handlebars.HelperDelegate;
  hb.registerHelper(
    'each',
    function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
      const counted = (item: unknown, data?: Handlebars.RuntimeOptions) => {
        const out = options.fn(item, data);
        produced += out.length;
        if (produced > MAX_OUTPUT_CHARS) throw new OutputTooLarge();
        return out;
      };
      return builtinEach.call(this, context, { ...options, fn: counted });
    },
  );
  const compiled = (file: TemplateFile, spec: TemplateSpec | undefined) =>
    wrap(
      file,
      checked === null
        ? hb.template(spec as TemplateSpec)
        : hb.compile(checked.asts.get(file) as hbs.AST.Program, compileOptions(helperNames)),
    );
  for (const [name, file] of source.partials) {
    hb.registerPartial(name, compiled(file, ready?.partials[name]));
  }
  const main = compiled(source.main, ready?.main);

  return (view) => {
    let html: string;
    produced = 0;
    try {
      // Prototype properties stay unreachable: Handlebars' defaults, never loosened here.
      html = main(view);
    } catch (error) {
      if (error instanceof OutputTooLarge) throw tooLarge(source.main);
      if (isStackOverflow(error)) {
        const cycle = findPartialCycle(source.partials, partialRefsNow(), () => true);
        if (cycle) throw cycleError(cycle, true);
      }
      const file =
        (typeof error === 'object' && error !== null && errorFile.get(error)) || source.main;
      const message = error instanceof Error ? error.message : String(error);
      const m = / - (\d+):(\d+)$/.exec(message);
      const text = m ? message.slice(0, m.index) : message;
      const where = whereIn(file, m ? Number(m[1]) : undefined, m ? Number(m[2]) + 1 : undefined);
      const field = /^"(.+)" not defined in .*$/.exec(text)?.[1];
      throw field === undefined
        ? reportError('templateRenderError', { where, detail: text }, { cause: error })
        : reportError('templateFieldMissing', { where, field });
    }
    if (html.length > MAX_OUTPUT_CHARS) throw tooLarge(source.main);
    return html;
  };
}
