/**
 * people.yaml (optional, per year): volunteers (how many, how many hours) and the people served
 * (people and person-times, by kind if given). Counts are written as elsewhere: `86`, `"3200余"`.
 */
import { z } from 'zod';
import { countSchema, textSchema, yearSchema } from './values.js';

export const peopleSchema = z.strictObject({
  year: yearSchema,
  volunteers: z
    .strictObject({
      /** How many volunteers served; staff.yaml's `volunteers`, when given, must agree. */
      people: countSchema.optional(),
      /** Volunteer service hours (志愿服务时长). */
      hours: countSchema.optional(),
    })
    .optional(),
  beneficiaries: z
    .strictObject({
      /** People served (服务对象人数). */
      people: countSchema.optional(),
      /** Person-times (服务人次). */
      person_times: countSchema.optional(),
      /** The same by kind of beneficiary: 儿童, 长者, 残障人士 … */
      by_kind: z
        .array(
          z.strictObject({
            kind: textSchema,
            people: countSchema.optional(),
            person_times: countSchema.optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});
export type People = z.output<typeof peopleSchema>;
