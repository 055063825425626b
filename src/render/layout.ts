/**
 * Where a template puts the report's charts and tables, and how large a chart is printed: the
 * template's layout.json. The view model knows charts and tables only by id; which section of
 * the narrative shows each is the template's to say, so a template for other sections places
 * them there.
 */
import { z } from 'zod';
import { reportError } from '../errors.js';
import { CHART_IDS } from './plan-charts.js';
import { TABLE_IDS } from './view/tables.js';

export interface Placement {
  /** The id of the narrative section that shows the figure. */
  section: string;
  /**
   * The subsection (from 0) at whose end it goes; null: the end of the section, after its
   * subsections. A subsection the section does not have counts as the end of the section.
   */
  subsection: number | null;
}
export type LayoutFigure =
  | (Placement & { chart: string; widthMm: number; heightMm: number })
  | (Placement & { table: string });

export interface TemplateLayout {
  /** The layout file, for messages. */
  file: string;
  /** In reading order within each place. */
  figures: LayoutFigure[];
}

const size = z.number().positive().max(1000);
const place = {
  section: z.string().min(1),
  /** Counted from 1 in the file, as the headings are numbered. */
  subsection: z.number().int().min(1).optional(),
};
const layoutSchema = z.strictObject({
  figures: z.array(
    z.union([
      z.strictObject({ chart: z.enum(CHART_IDS), ...place, widthMm: size, heightMm: size }),
      z.strictObject({ table: z.enum(TABLE_IDS), ...place }),
    ]),
  ),
});

/** The layout from the parsed layout.json, or TEMPLATE_INVALID naming what is wrong. */
export function parseLayout(value: unknown, file: string): TemplateLayout {
  const parsed = layoutSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw reportError('layoutInvalid', {
      file,
      path: issue ? issue.path.join('.') : '',
      detail: issue?.message ?? 'invalid',
      charts: [...CHART_IDS],
      tables: [...TABLE_IDS],
    });
  }
  const seen = new Set<string>();
  const figures = parsed.data.figures.map((f): LayoutFigure => {
    const key = 'chart' in f ? `chart ${f.chart}` : `table ${f.table}`;
    if (seen.has(key))
      throw reportError('layoutPlacedTwice', {
        file,
        kind: 'chart' in f ? 'chart' : 'table',
        id: 'chart' in f ? f.chart : f.table,
      });
    seen.add(key);
    const { subsection, ...rest } = f;
    return { ...rest, subsection: subsection === undefined ? null : subsection - 1 };
  });
  return { file, figures };
}
