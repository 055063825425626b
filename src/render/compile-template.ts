/**
 * Templates fail loudly: an isolated Handlebars instance in strict mode, known helpers only,
 * every partial reference checked before rendering, and every error reported with the
 * template file and line it comes from.
 */
import Handlebars from 'handlebars';
import { reportError, type ReportError } from '../errors.js';
import type { Locale } from '../schema/files.js';
import {
  BUILTIN_HELPERS,
  COMPILE_OPTIONS,
  cycleError,
  findPartialCycle,
  renderer,
  runPrecompiled,
  templateKey,
  whereIn,
  type HelperFn,
  type PartialRef,
  type PrecompiledTemplate,
  type RenderFn,
} from './template-runtime.js';
import type { TemplateFile, TemplateSource } from './template-source.js';

export {
  MAX_OUTPUT_CHARS,
  templateKey,
  type PrecompiledTemplate,
  type RenderFn,
} from './template-runtime.js';

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

function compileOptions(helperNames: ReadonlySet<string>): CompileOptions {
  return {
    ...COMPILE_OPTIONS,
    knownHelpers: Object.fromEntries([...helperNames].map((name) => [name, true])),
  };
}

/**
 * The template in Handlebars' precompiled form, for scripts/precompile-template.mjs: checked as
 * compileTemplate checks it (a template it would refuse throws here too), each file as the
 * source text of its specification object.
 */
export function precompileTemplate(
  source: TemplateSource,
  helpers: Record<string, HelperFn>,
): {
  key: string;
  main: string;
  partials: Record<string, string>;
  refs: Record<string, PartialRef[]>;
} {
  const hb = Handlebars.create();
  const helperNames = new Set([...BUILTIN_HELPERS, ...Object.keys(helpers)]);
  const { asts, refs } = checkedTemplate(hb, source, helperNames);
  const options = compileOptions(helperNames);
  const spec = (file: TemplateFile) =>
    String(hb.precompile(asts.get(file) as hbs.AST.Program, options));
  return {
    key: templateKey(source, helpers),
    main: spec(source.main),
    partials: Object.fromEntries([...source.partials].map(([name, file]) => [name, spec(file)])),
    refs: Object.fromEntries(refs),
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
  const ready = runPrecompiled(source, helpers, options.precompiled);
  if (ready !== null) return ready;
  const hb = Handlebars.create();
  const helperNames = new Set([...BUILTIN_HELPERS, ...Object.keys(helpers)]);
  const { asts, refs } = checkedTemplate(hb, source, helperNames);
  const compileAs = compileOptions(helperNames);
  return renderer(
    hb,
    source,
    helpers,
    (file) => hb.compile(asts.get(file) as hbs.AST.Program, compileAs),
    () => refs,
  );
}
