/**
 * finance.yaml (optional, per year): expenditure by the categories of the 民间非营利组织会计制度,
 * net assets at the start and end of the year, the audit, and the legal spending rules the
 * organisation says apply to it (thresholds are data, with the legal defaults below).
 */
import { z } from 'zod';
import { dateSchema, idSchema, moneySchema, parseMoney, textSchema, yearSchema } from './values.js';

/** 业务活动成本, 管理费用, 筹资费用, 其他费用. */
export const EXPENDITURE_CATEGORIES = ['programme', 'management', 'fundraising', 'other'] as const;
export type ExpenditureCategory = (typeof EXPENDITURE_CATEGORIES)[number];
export const AUDIT_OPINIONS = ['unqualified', 'qualified', 'adverse', 'disclaimer'] as const;

/**
 * The spending rules of 《关于慈善组织开展慈善活动年度支出和管理费用的规定》 (民政部、财政部、
 * 国家税务总局, 2016): for charities with public fundraising status, charitable-activity spending
 * at least 70 % of the previous year's total income, and management costs at most 10 %
 * (foundations, art. 7) or 13 % (social organisations and social service organisations, art. 8)
 * of the year's total spending.
 */
export const SPENDING_RULES = {
  public_foundation: {
    minProgrammeVsPreviousIncome: 0.7,
    maxManagementShare: 0.1,
    source: '《关于慈善组织开展慈善活动年度支出和管理费用的规定》（2016）第七条',
  },
  public_charity: {
    minProgrammeVsPreviousIncome: 0.7,
    maxManagementShare: 0.13,
    source: '《关于慈善组织开展慈善活动年度支出和管理费用的规定》（2016）第八条',
  },
} as const;

/** A ratio as staff write it: `0.7`, `70%`, `"13 %"`. */
const ratioSchema = z.union([z.number(), z.string()]).transform((raw, ctx) => {
  const m = typeof raw === 'string' ? /^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$/.exec(raw) : null;
  const value = typeof raw === 'number' ? raw : m ? Number(m[1]) / 100 : NaN;
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    ctx.addIssue({
      code: 'custom',
      input: raw,
      params: { key: 'ratio_format' },
      message: 'ratio_format',
    });
    return z.NEVER;
  }
  return value;
});

/** Net assets may be negative (a deficit): `-12000` or `"-1.2万"`. */
const signedMoneySchema = z.union([z.number(), z.string()]).transform((raw, ctx) => {
  const negative = typeof raw === 'number' ? raw < 0 : /^\s*-/.test(raw);
  const magnitude = typeof raw === 'number' ? Math.abs(raw) : raw.replace(/^\s*-\s*/, '');
  const parsed = moneySchema.safeParse(magnitude);
  if (!parsed.success) {
    const key =
      typeof magnitude === 'string' && 'error' in parseMoney(magnitude)
        ? (parseMoney(magnitude) as { error: string }).error
        : 'money_format';
    ctx.addIssue({ code: 'custom', input: raw, params: { key }, message: key });
    return z.NEVER;
  }
  return negative ? -parsed.data : parsed.data;
});

export const financeSchema = z.strictObject({
  year: yearSchema,
  expenditure: z.strictObject({
    /** Optional stated total; must equal the sum of the lines. */
    total: moneySchema.optional(),
    lines: z
      .array(
        z.strictObject({
          category: z.enum(EXPENDITURE_CATEGORIES),
          /** A finer line inside the category: 人员费用, 活动费用 … */
          item: textSchema.optional(),
          amount: moneySchema,
          project: idSchema.optional(),
        }),
      )
      .min(1),
  }),
  net_assets: z
    .strictObject({ start: signedMoneySchema.optional(), end: signedMoneySchema.optional() })
    .optional(),
  audit: z
    .strictObject({
      firm: textSchema,
      opinion: z.enum(AUDIT_OPINIONS),
      report_no: textSchema.optional(),
      date: dateSchema.optional(),
    })
    .optional(),
  /** The legal spending rules that apply to the organisation; a missed threshold is a warning. */
  spending_rules: z
    .array(
      z.strictObject({
        rule: z.enum(['public_foundation', 'public_charity', 'custom']),
        /** Overrides (or, for `custom`, states) the thresholds. */
        min_programme_vs_previous_income: ratioSchema.optional(),
        max_management_share: ratioSchema.optional(),
        /** Where the rule comes from; required words for a custom rule. */
        source: textSchema.optional(),
      }),
    )
    .default([]),
});

export type Finance = z.output<typeof financeSchema>;
