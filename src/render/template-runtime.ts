/**
 * What running a compiled template needs, and no more: Handlebars' runtime (a fifth of the
 * package's code, without the compiler), the helpers, the output cap, the errors that name the
 * template file. The built-in template, precompiled at build time, runs on this alone; a
 * template compiled now (src/render/compile-template.ts) runs on it too.
 */
import { createHash } from 'node:crypto';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { reportError, type ReportError } from '../errors.js';
import type { TemplateFile, TemplateSource } from './template-source.js';
import type HB from 'handlebars';

type Handlebars = typeof HB;
/** The runtime's instance: typed as the full package, of which it has the running half. */
const Runtime = HandlebarsRuntime as unknown as Handlebars;

export type HelperFn = (...args: unknown[]) => unknown;
export type RenderFn = (view: object) => string;

/** Helpers Handlebars itself provides and templates may use. */
export const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with'];

/** The rendered HTML is capped: a runaway loop fails with a message instead of exhausting memory. */
export const MAX_OUTPUT_CHARS = 64_000_000;

/** Where in a template: the file, with :line:col when known. */
export function whereIn(file: TemplateFile, line?: number, col?: number): string {
  return line === undefined
    ? file.file
    : `${file.file}:${line}${col === undefined ? '' : `:${col}`}`;
}

/** A `{{> name}}` in a template: where it is, and whether it renders whenever its file does. */
export interface PartialRef {
  target: string;
  line: number;
  col: number;
  /** Not inside any block: {{#if}}, {{#each}}… can end a recursion, a bare {{> name}} cannot. */
  always: boolean;
}

/** A chain of partials that leads back to its start, and the {{> name}} that closes it. */
export interface PartialCycle {
  names: string[];
  file: TemplateFile;
  ref: PartialRef;
}

/** The first cycle among the partials, following only the references `follow` accepts. */
export function findPartialCycle(
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

export function cycleError(cycle: PartialCycle, ranOut: boolean): ReportError {
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

class OutputTooLarge extends Error {}

function tooLarge(main: TemplateFile): ReportError {
  return reportError('templateTooLarge', { file: main.file, max: MAX_OUTPUT_CHARS });
}

/** The file in which a render-time error happened: set by the innermost template that saw it. */
const errorFile = new WeakMap<object, TemplateFile>();

function wrap(file: TemplateFile, fn: TemplateDelegate): TemplateDelegate {
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

export type TemplateSpec = Parameters<typeof Runtime.template>[0];

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
  /** Each partial's `{{> name}}` references, to name a cycle the render ran into. */
  refs: Record<string, PartialRef[]>;
}

export const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  preventIndent: true,
} as const;

/** Everything the compiled code depends on: Handlebars, the options, the helpers, the sources. */
export function templateKey(source: TemplateSource, helpers: Record<string, HelperFn>): string {
  const partials = [...source.partials].map(([name, file]) => [name, file.source]);
  return createHash('sha256')
    .update(
      JSON.stringify([
        1,
        Runtime.VERSION,
        COMPILE_OPTIONS,
        [...BUILTIN_HELPERS, ...Object.keys(helpers)].sort(),
        source.main.source,
        partials.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      ]),
    )
    .digest('hex');
}

type TemplateDelegate = HB.TemplateDelegate;

/**
 * The render function of a template whose files are compiled (`compiled`): the helpers, the
 * output cap and the errors that say which file and line. `hb` is the instance the files were
 * compiled for, `partialRefs` gives each partial's references when a render runs out of stack.
 */
export function renderer(
  hb: Handlebars,
  source: TemplateSource,
  helpers: Record<string, HelperFn>,
  compiled: (file: TemplateFile, name: string | null) => TemplateDelegate,
  partialRefs: () => ReadonlyMap<string, PartialRef[]>,
): RenderFn {
  for (const [name, fn] of Object.entries(helpers)) {
    hb.registerHelper(name, fn as HB.HelperDelegate);
  }
  // Output is counted while it is produced: a loop of small pieces stops at the cap instead of
  // growing to V8's string limit first. (Nested output is counted at each level: an upper bound.)
  let produced = 0;
  const builtinEach = hb.helpers['each'] as HB.HelperDelegate;
  hb.registerHelper('each', function (this: unknown, context: unknown, options: HB.HelperOptions) {
    const counted = (item: unknown, data?: HB.RuntimeOptions) => {
      const out = options.fn(item, data);
      produced += out.length;
      if (produced > MAX_OUTPUT_CHARS) throw new OutputTooLarge();
      return out;
    };
    return builtinEach.call(this, context, { ...options, fn: counted });
  });
  for (const [name, file] of source.partials) {
    hb.registerPartial(name, wrap(file, compiled(file, name)));
  }
  const main = wrap(source.main, compiled(source.main, null));

  return (view) => {
    let html: string;
    produced = 0;
    try {
      // Prototype properties stay unreachable: Handlebars' defaults, never loosened here.
      html = main(view);
    } catch (error) {
      if (error instanceof OutputTooLarge) throw tooLarge(source.main);
      if (isStackOverflow(error)) {
        const cycle = findPartialCycle(source.partials, partialRefs(), () => true);
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

/**
 * The template run from its precompiled form, when that was made from exactly these sources,
 * helpers and options (its key); else null, and the template must be compiled.
 */
export function runPrecompiled(
  source: TemplateSource,
  helpers: Record<string, HelperFn>,
  precompiled: PrecompiledTemplate | null | undefined,
): RenderFn | null {
  if (precompiled == null || precompiled.key !== templateKey(source, helpers)) return null;
  const hb = Runtime.create();
  const refs = new Map(Object.entries(precompiled.refs));
  return renderer(
    hb,
    source,
    helpers,
    (_file, name) =>
      hb.template(name === null ? precompiled.main : (precompiled.partials[name] as TemplateSpec)),
    () => refs,
  );
}
