/**
 * Templates fail loudly: an isolated Handlebars instance in strict mode, known helpers only,
 * every partial reference checked before rendering, and every error reported with the
 * template file and line it comes from.
 */
import Handlebars from 'handlebars';
import { ReportError } from '../errors.js';
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
): RenderFn {
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
  const options: CompileOptions = {
    strict: true,
    knownHelpers: Object.fromEntries([...helperNames].map((name) => [name, true])),
    knownHelpersOnly: true,
    preventIndent: true,
  };
  for (const [name, file] of source.partials) {
    hb.registerPartial(name, wrap(file, hb.compile(asts.get(file) as hbs.AST.Program, options)));
  }
  const main = wrap(source.main, hb.compile(asts.get(source.main) as hbs.AST.Program, options));

  return (view) => {
    let html: string;
    produced = 0;
    try {
      // Prototype properties stay unreachable: Handlebars' defaults, never loosened here.
      html = main(view);
    } catch (error) {
      if (error instanceof OutputTooLarge) throw tooLarge(source.main);
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
