/**
 * A project's outcome indicators (projects.yaml `outcomes:`, optional): what was aimed at and
 * what was reached, in a unit of the organisation's choosing; the statistics add the
 * achievement rate (actual / target).
 */
import { z } from 'zod';
import { idSchema, textSchema } from './values.js';

const amountSchema = z.number().nonnegative().max(1e12);

export const outcomeSchema = z.strictObject({
  /** Names the indicator in prose, `{{outcomes.PROJECT.ID.actual}}` (optional, unique in the project). */
  id: idSchema.optional(),
  /** 结对长者户数, 阅读打卡率 … */
  name: textSchema,
  /** 户, %, 本 …; none for a bare number. */
  unit: textSchema.optional(),
  target: amountSchema,
  actual: amountSchema,
});
export const outcomesSchema = z.array(outcomeSchema).min(1);
export type Outcome = z.output<typeof outcomeSchema>;
