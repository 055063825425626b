/**
 * One zod schema per data file. These schemas are the only source of the data types:
 * `Raw*` is what a file may contain (z.input), the unprefixed type is what later stages use
 * (z.output: integer yuan, `{ value, approx }` counts, ISO date strings, defaults filled in).
 * Every object is strict, so a misspelt key is reported instead of silently dropped.
 */
import { z } from 'zod';
import {
  countSchema,
  customIssue,
  dateSchema,
  idSchema,
  markdownSchema,
  moneySchema,
  textSchema,
  yearSchema,
} from './values.js';
import type { DataImages } from './images.js';
import { financeSchema, type Finance } from './finance.js';
import { partnerRefsSchema, partnersSchema } from './partners.js';
import { photosSchema, type Photos } from './photos.js';
import { profileSchema } from './profile.js';
import { timelineSchema, type Timeline } from './timeline.js';
import { letterSchema } from './letter.js';
import { peopleSchema, type People } from './people.js';
import { outcomesSchema } from './outcomes.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

/** Funding-source kinds every organisation has unless it defines its own (zh-CN labels). */
export const DEFAULT_FUNDING_KINDS = [
  { id: 'government', label: '政府资助' },
  { id: 'foundation', label: '基金会资助' },
  { id: 'corporate', label: '企业捐赠' },
  { id: 'donations', label: '个人捐赠' },
  { id: 'service_fees', label: '服务收费' },
  { id: 'other', label: '其他收入' },
];
const DEFAULT_FUNDING_LABELS_EN: Record<string, string> = {
  government: 'Government',
  foundation: 'Foundations',
  corporate: 'Companies',
  donations: 'Individual donors',
  service_fees: 'Service fees',
  other: 'Other',
};

/** The default funding kinds, labelled in the organisation's language. */
export function defaultFundingKinds(locale: Locale): { id: string; label: string }[] {
  return DEFAULT_FUNDING_KINDS.map((kind) =>
    locale === 'en'
      ? { id: kind.id, label: DEFAULT_FUNDING_LABELS_EN[kind.id] ?? kind.id }
      : { ...kind },
  );
}

const vocabularyEntry = z.strictObject({ id: idSchema, label: textSchema });

export const organizationSchema = z
  .strictObject({
    name: textSchema,
    short_name: textSchema.optional(),
    founded: dateSchema,
    locale: localeSchema.default('zh-CN'),
    /** Who signs the report; defaults to the organisation's name. */
    signatory: textSchema.optional(),
    vocabularies: z.strictObject({
      project_categories: z.array(vocabularyEntry).min(1),
      activity_types: z.array(vocabularyEntry.extend({ unit: textSchema })).min(1),
      funding_kinds: z.array(vocabularyEntry).min(1).optional(),
    }),
    /** 机构简介 and 联系方式 (src/schema/profile.ts). */
    profile: profileSchema.optional(),
    /** Funders and partners by id (src/schema/partners.ts). */
    partners: partnersSchema.optional(),
  })
  .transform((org) => ({
    ...org,
    vocabularies: {
      ...org.vocabularies,
      funding_kinds: org.vocabularies.funding_kinds ?? defaultFundingKinds(org.locale),
    },
  }));

export const incomeSchema = z.strictObject({
  year: yearSchema,
  /** Optional stated total; must equal the sum of the lines. */
  total: moneySchema.optional(),
  lines: z
    .array(
      z.strictObject({
        source: textSchema,
        kind: idSchema,
        amount: moneySchema,
        project: idSchema.optional(),
        note: z.string().optional(),
        /** The report names the line "匿名捐赠" / "Anonymous donor", never its source. */
        anonymous: z.boolean().optional(),
        /** The funder among organization.yaml's partners, by id: thanked on the 鸣谢 page. */
        partner: idSchema.optional(),
      }),
    )
    .min(1),
});

export const staffSchema = z
  .strictObject({
    year: yearSchema,
    headcount: z.number().int().nonnegative().max(100_000).optional(),
    members: z
      .array(
        z.strictObject({
          role: textSchema,
          name: textSchema.optional(),
          joined: dateSchema.optional(),
          full_time: z.boolean().default(true),
        }),
      )
      .optional(),
    volunteers: z.number().int().nonnegative().max(10_000_000).optional(),
  })
  .superRefine((staff, ctx) => {
    if (staff.headcount === undefined && staff.members === undefined) {
      ctx.addIssue({ ...customIssue('staff_headcount_or_members', staff), path: [] });
    }
    if (
      staff.headcount !== undefined &&
      staff.members &&
      staff.members.length !== staff.headcount
    ) {
      ctx.addIssue({
        ...customIssue('staff_headcount_mismatch', staff.headcount, {
          headcount: staff.headcount,
          members: staff.members.length,
        }),
        path: ['headcount'],
      });
    }
  });

export const PROJECT_ROLES = ['operated', 'assisted'] as const;
export const PROJECT_STATUSES = ['new', 'ongoing', 'completed', 'renewed'] as const;

export const projectSchema = z.strictObject({
  /** Stable across years: the same id in two years is the same project. */
  id: idSchema,
  name: textSchema,
  short_name: textSchema.optional(),
  category: idSchema,
  role: z.enum(PROJECT_ROLES),
  status: z.enum(PROJECT_STATUSES),
  start: dateSchema.optional(),
  end: dateSchema.optional(),
  funders: z
    .array(z.strictObject({ name: textSchema, kind: idSchema, amount: moneySchema }))
    .default([]),
  /** Service counts by activity type id: `community_outreach: 18`, `casework: "40余"`. */
  services: z.record(idSchema, countSchema).default({}),
  person_times: countSchema.optional(),
  districts: z.array(textSchema).default([]),
  /** Shown with its own subsection in the report. */
  highlight: z.boolean().default(false),
  summary: markdownSchema.optional(),
  /** Ids of organization.yaml's partners who funded or helped the project this year. */
  partners: partnerRefsSchema.optional(),
  /** Outcome indicators: name, unit, target, actual (src/schema/outcomes.ts). */
  outcomes: outcomesSchema.optional(),
});

export const projectsSchema = z.strictObject({
  year: yearSchema,
  projects: z.array(projectSchema).default([]),
});

export const AWARD_LEVELS = ['national', 'provincial', 'city', 'district', 'sector'] as const;
export const AWARD_KINDS = ['award', 'honour', 'rating', 'appointment'] as const;

export const awardsSchema = z.strictObject({
  year: yearSchema,
  awards: z
    .array(
      z.strictObject({
        name: textSchema,
        kind: z.enum(AWARD_KINDS).default('award'),
        level: z.enum(AWARD_LEVELS),
        issuer: textSchema.optional(),
        date: dateSchema,
        project: idSchema.optional(),
        /** The work or case that won, when it is not the project itself. */
        work: textSchema.optional(),
        /** `organization`, or the role of the person honoured (e.g. 总干事). */
        recipient: textSchema.default('organization'),
      }),
    )
    .default([]),
  media: z
    .array(
      z.strictObject({
        outlet: textSchema,
        programme: textSchema.optional(),
        reports: z.number().int().min(1).max(100_000),
        project: idSchema.optional(),
        date: dateSchema.optional(),
      }),
    )
    .default([]),
});

const subsectionSchema = z.strictObject({
  title: textSchema,
  body: markdownSchema.default(''),
  /** Attach a project's facts (service counts, funding) to this subsection. */
  project: idSchema.optional(),
  subsections: z
    .array(
      z.strictObject({
        title: textSchema,
        body: markdownSchema.default(''),
        project: idSchema.optional(),
      }),
    )
    .default([]),
});

export const narrativeSchema = z.strictObject({
  year: yearSchema,
  title: textSchema,
  /** The opening summary, in Markdown; may reference figures as {{income.total}}. */
  opening: markdownSchema,
  /**
   * The numbered sections, in order. A template places its tables and charts by section id
   * (templates/default/layout.json: capacity, programmes, impact and shortcomings).
   */
  sections: z
    .array(
      z.strictObject({
        id: idSchema,
        title: textSchema,
        body: markdownSchema.default(''),
        subsections: z.array(subsectionSchema).default([]),
      }),
    )
    .min(1),
  signature: z.strictObject({ date: dateSchema, name: textSchema.optional() }),
  /** 理事长致辞 (src/schema/letter.ts), printed after the contents. */
  letter: letterSchema.optional(),
});

export type RawOrganization = z.input<typeof organizationSchema>;
export type Organization = z.output<typeof organizationSchema>;
export type RawIncome = z.input<typeof incomeSchema>;
export type Income = z.output<typeof incomeSchema>;
export type Staff = z.output<typeof staffSchema>;
export type Project = z.output<typeof projectSchema>;
export type Projects = z.output<typeof projectsSchema>;
export type Awards = z.output<typeof awardsSchema>;
export type Narrative = z.output<typeof narrativeSchema>;

/** The files of one year folder, each with its schema. Narrative is optional for past years. */
export const YEAR_FILES = {
  income: { file: 'income.yaml', schema: incomeSchema, required: true },
  staff: { file: 'staff.yaml', schema: staffSchema, required: true },
  projects: { file: 'projects.yaml', schema: projectsSchema, required: true },
  awards: { file: 'awards.yaml', schema: awardsSchema, required: false },
  narrative: { file: 'narrative.yaml', schema: narrativeSchema, required: false },
  finance: { file: 'finance.yaml', schema: financeSchema, required: false },
  photos: { file: 'photos.yaml', schema: photosSchema, required: false },
  timeline: { file: 'timeline.yaml', schema: timelineSchema, required: false },
  people: { file: 'people.yaml', schema: peopleSchema, required: false },
} as const;
export const ORGANIZATION_FILE = 'organization.yaml';

export interface YearData {
  year: number;
  income: Income;
  staff: Staff;
  projects: Projects;
  awards: Awards;
  narrative: Narrative | null;
  /** finance.yaml (src/schema/finance.ts), when the year has one. */
  finance?: Finance;
  /** photos.yaml (src/schema/photos.ts), when the year has one. */
  photos?: Photos;
  /** timeline.yaml (src/schema/timeline.ts), when the year has one. */
  timeline?: Timeline;
  /** people.yaml (src/schema/people.ts): volunteers and beneficiaries, when the year has one. */
  people?: People;
}

/** A year a report is made of: one with a narrative. */
export type ReportYear = YearData & { narrative: Narrative };

/** Everything the later stages see: validated, normalised, years in ascending order. */
export interface Dataset {
  organization: Organization;
  years: YearData[];
  /** The images the data names, read and re-encoded by the loader, by their path (images.ts). */
  images?: DataImages;
}
