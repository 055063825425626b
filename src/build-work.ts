/**
 * A work list (src/work-list.ts) built: each organisation's share of the list goes through the
 * pipeline (src/pipeline.ts) on its own, into <out>/<organisation>/<year>/ (or <out>/<year>/ for
 * a single organisation), with one browser for all of them. An organisation that fails (invalid
 * data, a failed print) is recorded and the others go on; an interrupt stops everything.
 */
import path from 'node:path';
import { isReportError } from './errors.js';
import { buildReports, type BuildDeps, type BuildOptions, type BuildResult } from './pipeline.js';
import type { OpenPrinter, Printer } from './ports.js';
import type { OrgFolder, WorkItem } from './work-list.js';

export type WorkOptions = Omit<BuildOptions, 'years' | 'dataDir'> & {
  items: readonly WorkItem[];
  /** Pages printed at once (and organisations built at once); default 2. */
  pagesInFlight?: number;
};

export interface OrgBuilt {
  org: OrgFolder;
  results: BuildResult[];
}

export interface OrgFailed {
  org: OrgFolder;
  years: number[];
  error: unknown;
}

export interface WorkOutcome {
  built: OrgBuilt[];
  failed: OrgFailed[];
}

export async function buildWork(options: WorkOptions, deps: BuildDeps): Promise<WorkOutcome> {
  const { items, pagesInFlight = 2, ...rest } = options;
  const groups = groupByOrg(items);
  const browser = sharedPrinter(deps.openPrinter, pagesInFlight);
  const shared: BuildDeps = { ...deps, openPrinter: browser.open };
  const outcomes: (OrgBuilt | OrgFailed)[] = new Array(groups.length);
  let taken = 0;
  let stop: unknown = null;
  const lane = async () => {
    while (stop === null && taken < groups.length) {
      const i = taken++;
      const { org, years } = groups[i] as { org: OrgFolder; years: number[] };
      const outDir = org.name === null ? rest.outDir : path.join(rest.outDir, org.name);
      try {
        const summary = await buildReports(
          { ...rest, years, dataDir: org.dataDir, outDir },
          shared,
        );
        outcomes[i] = { org, results: summary.built };
      } catch (error) {
        // An interrupt, or a bug, is not one organisation's failure: it ends the run.
        if (!isReportError(error) || error.code === 'INTERRUPTED') stop = error;
        outcomes[i] = { org, years, error };
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, pagesInFlight) }, lane));
  } finally {
    await browser.close();
  }
  if (stop !== null) throw stop;
  const done = outcomes.filter((o) => o !== undefined);
  return {
    built: done.filter((o): o is OrgBuilt => 'results' in o),
    failed: done.filter((o): o is OrgFailed => 'error' in o),
  };
}

function groupByOrg(items: readonly WorkItem[]): { org: OrgFolder; years: number[] }[] {
  const groups = new Map<OrgFolder, number[]>();
  for (const { org, year } of items) groups.set(org, [...(groups.get(org) ?? []), year]);
  return [...groups].map(([org, years]) => ({ org, years }));
}

/**
 * One printer for every organisation: opened at the first ask, its close left to the end of
 * the run. A browser that is not found is asked for once, and that answer given to each build.
 */
function sharedPrinter(
  open: OpenPrinter,
  inFlight: number,
): { open: OpenPrinter; close(): Promise<void> } {
  let printer: Printer | null = null;
  const slot = limit(inFlight);
  let missing: unknown = null;
  return {
    open: () => {
      if (missing !== null) throw missing;
      if (printer === null) {
        try {
          printer = open();
        } catch (error) {
          missing = error;
          throw error;
        }
      }
      const real = printer;
      return {
        warmUp: () => real.warmUp(),
        print: (job) => slot(() => real.print(job)),
        close: async () => undefined,
      };
    },
    close: async () => printer?.close(),
  };
}

/** Runs at most `n` of the tasks given to it at once, the others waiting their turn in order. */
function limit(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
