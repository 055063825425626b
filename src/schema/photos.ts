/**
 * photos.yaml (optional, per year): image files in the data folder with caption, credit, the
 * narrative section or project they belong to, and consent. A photo showing minors needs the
 * guardians' consent recorded, else validation fails at the photo.
 */
import { z } from 'zod';
import { imagePathSchema } from './images.js';
import { idSchema, textSchema, yearSchema } from './values.js';

export const photoSchema = z
  .strictObject({
    file: imagePathSchema,
    caption: textSchema,
    /** What the picture shows, for screen readers; default the caption. */
    alt: textSchema.optional(),
    /** 摄影: who took it. */
    credit: textSchema.optional(),
    /** The narrative section (its id) the photo is printed in; default the end of the report. */
    section: idSchema.optional(),
    project: idSchema.optional(),
    /** The people shown agreed to its publication (or no one can be recognised). */
    consent: z.boolean(),
    /** Whether children can be recognised in it. */
    minors: z.boolean().default(false),
    /** Their guardians agreed in writing; required when `minors` is true. */
    guardian_consent: z.boolean().default(false),
  })
  .superRefine((photo, ctx) => {
    if (photo.minors && !photo.guardian_consent)
      ctx.addIssue({
        code: 'custom',
        input: photo.minors,
        path: ['minors'],
        params: { key: 'photo_minor_consent' },
        message: 'photo_minor_consent',
      });
    if (!photo.consent)
      ctx.addIssue({
        code: 'custom',
        input: photo.consent,
        path: ['consent'],
        params: { key: 'photo_no_consent' },
        message: 'photo_no_consent',
      });
  });

export const photosSchema = z.strictObject({
  year: yearSchema,
  photos: z.array(photoSchema).default([]),
});
export type Photos = z.output<typeof photosSchema>;
export type Photo = Photos['photos'][number];
