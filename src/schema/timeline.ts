/** timeline.yaml (optional, per year): the 大事记, one line a date and what happened. */
import { z } from 'zod';
import { dateSchema, textSchema, yearSchema } from './values.js';

export const timelineSchema = z.strictObject({
  year: yearSchema,
  events: z.array(z.strictObject({ date: dateSchema, event: textSchema })).min(1),
});
export type Timeline = z.output<typeof timelineSchema>;
