/**
 * Templates fail loudly: an isolated Handlebars instance in strict mode, known helpers only,
 * every partial reference checked before rendering, and every error reported with the
 * template file and line it comes from.
 */
import Handlebars from 'handlebars';
import { ReportError } from '../errors.js';
import type { Locale } from '../schema/files.js';
import type { TemplateFile, TemplateSource } from './template-source.js';

type HelperFn = (...args: unknown[]) => unknown;
export type RenderFn = (view: object) => string;

/** Helpers Handlebars itself provides and templates may use. */
const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with'];

/** The rendered HTML is capped: a runaway loop fails with a message instead of exhausting memory. */
export const MAX_OUTPUT_CHARS = 64_000_000;

function templateError(
  file: TemplateFile,
  line: number | undefined,
  col: number | undefined,
  message: string,
  hint?: string,
): ReportError {
  const where =
    line === undefined ? file.file : `${file.file}:${line}${col === undefined ? '' : `:${col}`}`;
  return new ReportError(
    'TEMPLATE_INVALID',
    `${where}  ${message}`,
    hint === undefined ? {} : { hint },
  );
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
        problems.push(
          templateError(
            file,
            ...at(node),
            'a partial chosen at render time ({{> (…)}}) is not allowed',
            'name the partial: {{> section}}',
          ),
        );
      } else if (!partials.has(String(name.original))) {
        const known = [...partials].sort().join(', ');
        problems.push(
          templateError(
            file,
            ...at(node),
            `unknown partial "${String(name.original)}"`,
            `partials in this template: ${known}`,
          ),
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
        const known = [...helpers].sort().join(', ');
        problems.push(
          templateError(
            file,
            ...at(node),
            `unknown helper "${String(path.original)}"`,
            `helpers: ${known}`,
          ),
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

function cycleError(cycle: PartialCycle, lang: Locale, ranOut: boolean): ReportError {
  const [first] = cycle.names;
  const tag = `{{> ${cycle.ref.target}}}`;
  const self = cycle.names.length === 2;
  const chain = cycle.names.join(' → ');
  const message =
    lang === 'zh-CN'
      ? self
        ? `这里的 ${tag} 让片段“${String(first)}”包含它自己，渲染永远不会结束`
        : `这里的 ${tag} 让几个片段互相包含，渲染永远不会结束：${chain}`
      : self
        ? `${tag} here makes the partial "${String(first)}" include itself without end`
        : `${tag} here makes partials include each other without end: ${chain}`;
  const stack = lang === 'zh-CN' ? '（渲染时调用栈溢出）' : ' (the render ran out of stack)';
  const hint =
    lang === 'zh-CN'
      ? `删去这个 ${tag}；片段只能在会结束的条件中包含自己，例如 {{#each children}}{{> node}}{{/each}}`
      : `remove this ${tag}; a partial may include itself only inside a block that ends, such as {{#each children}}{{> node}}{{/each}}`;
  return templateError(
    cycle.file,
    cycle.ref.line,
    cycle.ref.col,
    ranOut ? `${message}${stack}` : message,
    hint,
  );
}

/** Whether an error is V8 running out of stack (Handlebars may pass it on as its own Exception). */
function isStackOverflow(error: unknown): boolean {
  // Not every RangeError: "Invalid string length" is one too, and is not a recursion.
  return error instanceof Error && error.message.includes('Maximum call stack size exceeded');
}

function parseTemplate(hb: typeof Handlebars, file: TemplateFile): hbs.AST.Program {
  if (typeof file.source !== 'string')
    throw templateError(file, undefined, undefined, 'a template must be text');
  try {
    return hb.parse(file.source);
  } catch (error) {
    const message = (error as Error).message;
    const line = /on line (\d+)/.exec(message)?.[1];
    const detail = message.split('\n').slice(-1)[0] ?? message;
    throw templateError(
      file,
      line === undefined ? undefined : Number(line),
      undefined,
      `syntax error: ${detail}`,
      'check that every {{#block}} has its {{/block}} and every {{ has its }}',
    );
  }
}

class OutputTooLarge extends Error {}

function tooLarge(main: TemplateFile): ReportError {
  return new ReportError(
    'TEMPLATE_INVALID',
    `${main.file}: the rendered HTML is over ${MAX_OUTPUT_CHARS} characters`,
    { hint: 'look for a loop that repeats more than intended' },
  );
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

export function compileTemplate(
  source: TemplateSource,
  helpers: Record<string, HelperFn>,
  options: { lang?: Locale } = {},
): RenderFn {
  const lang = options.lang ?? 'en';
  const hb = Handlebars.create();
  const helperNames = new Set([...BUILTIN_HELPERS, ...Object.keys(helpers)]);
  const partialNames = new Set(source.partials.keys());
  const files = [source.main, ...source.partials.values()];
  const asts = new Map(files.map((file) => [file, parseTemplate(hb, file)]));
  const problems = files.flatMap((file) =>
    lintTemplate(file, asts.get(file) as hbs.AST.Program, partialNames, helperNames),
  );
  if (problems.length > 0) {
    throw new ReportError('TEMPLATE_INVALID', problems.map((p) => p.message).join('\n'), {
      hint: problems[0]?.hint ?? '',
    });
  }
  // A partial that always includes itself (directly or through others) is refused before
  // rendering; one that does so only under a condition is named if the render runs out of stack.
  const refs = new Map(
    [...source.partials].map(([name, file]) => [
      name,
      partialRefs(asts.get(file) as hbs.AST.Program),
    ]),
  );
  const endless = findPartialCycle(source.partials, refs, (ref) => ref.always);
  if (endless) throw cycleError(endless, lang, false);

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
  const compileOptions: CompileOptions = {
    strict: true,
    knownHelpers: Object.fromEntries([...helperNames].map((name) => [name, true])),
    knownHelpersOnly: true,
    preventIndent: true,
  };
  for (const [name, file] of source.partials) {
    hb.registerPartial(
      name,
      wrap(file, hb.compile(asts.get(file) as hbs.AST.Program, compileOptions)),
    );
  }
  const main = wrap(
    source.main,
    hb.compile(asts.get(source.main) as hbs.AST.Program, compileOptions),
  );

  return (view) => {
    let html: string;
    produced = 0;
    try {
      // Prototype properties stay unreachable: Handlebars' defaults, never loosened here.
      html = main(view);
    } catch (error) {
      if (error instanceof OutputTooLarge) throw tooLarge(source.main);
      if (isStackOverflow(error)) {
        const cycle = findPartialCycle(source.partials, refs, () => true);
        if (cycle) throw cycleError(cycle, lang, true);
      }
      const file =
        (typeof error === 'object' && error !== null && errorFile.get(error)) || source.main;
      const message = error instanceof Error ? error.message : String(error);
      const m = / - (\d+):(\d+)$/.exec(message);
      const text = m ? message.slice(0, m.index) : message;
      const friendly = text.replace(
        /^"(.+)" not defined in .*$/,
        'field "$1" is not in the report data',
      );
      throw templateError(
        file,
        m ? Number(m[1]) : undefined,
        m ? Number(m[2]) + 1 : undefined,
        friendly,
        'the fields a template can use are listed in docs/templates.md',
      );
    }
    if (html.length > MAX_OUTPUT_CHARS) throw tooLarge(source.main);
    return html;
  };
}
