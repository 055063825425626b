/**
 * The letter from the chair (理事长致辞), narrative.yaml `letter:` (optional): Markdown prose
 * that may quote figures, signed by a named person in a role, dated. Printed after the contents.
 */
import { z } from 'zod';
import { dateSchema, markdownSchema, textSchema } from './values.js';

export const letterSchema = z.strictObject({
  /** The heading; default 理事长致辞 / "Letter from the chair". */
  title: textSchema.optional(),
  body: markdownSchema.min(1),
  /** Who signs it, and as what: 理事长, 名誉理事长, 总干事 … */
  name: textSchema,
  role: textSchema,
  date: dateSchema,
});
export type Letter = z.output<typeof letterSchema>;
