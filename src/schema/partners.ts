/**
 * Funders and partners (organization.yaml `partners:`), named once with an id that projects
 * refer to (`partners: [id, …]` in projects.yaml); the 鸣谢 page thanks those of the year.
 */
import { z } from 'zod';
import { idSchema, textSchema } from './values.js';

export const PARTNER_KINDS = [
  'government',
  'foundation',
  'company',
  'school',
  'media',
  'volunteer_group',
  'individual',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const partnerSchema = z.strictObject({
  id: idSchema,
  name: textSchema,
  kind: z.enum(PARTNER_KINDS),
  /** Thanked without the name (匿名); the name stays in the data for the organisation itself. */
  anonymous: z.boolean().default(false),
  /** What they did, in a few words: 资助青禾作业屋, 提供场地 … */
  note: textSchema.optional(),
});

export const partnersSchema = z.array(partnerSchema);
/** A project's partners by id. */
export const partnerRefsSchema = z.array(idSchema);
export type Partner = z.output<typeof partnerSchema>;
