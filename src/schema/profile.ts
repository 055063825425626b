/**
 * The organisation's profile (机构简介 and 联系方式), kept under `profile:` in organization.yaml:
 * mission and vision, registration (统一社会信用代码 checked by its GB 32100 check character),
 * board and supervisors, contact details, a logo and a QR code. Every part is optional.
 */
import { z } from 'zod';
import { checkCreditCode } from './credit-code.js';
import { imageSchema } from './images.js';
import { dateSchema, textSchema } from './values.js';

const personSchema = z.strictObject({
  name: textSchema,
  /** 理事长, 副理事长, 理事, 监事长 …; the board's members are listed in the order written. */
  role: textSchema.optional(),
  /** Where the person works or what they do (单位/职务). */
  affiliation: textSchema.optional(),
});

/** 统一社会信用代码: 18 characters, its last one the GB 32100 check character. */
export const creditCodeSchema = z.string().superRefine((raw, ctx) => {
  const code = raw.trim().toUpperCase();
  const result = checkCreditCode(code);
  if (result.ok) return;
  const key =
    result.reason === 'length'
      ? 'credit_code_length'
      : result.reason === 'character'
        ? 'credit_code_character'
        : 'credit_code_check';
  ctx.addIssue({ code: 'custom', input: raw, params: { key, ...result }, message: key });
});

export const profileSchema = z.strictObject({
  /** 宗旨/使命: one or a few sentences (Markdown). */
  mission: textSchema.optional(),
  /** 愿景. */
  vision: textSchema.optional(),
  /** A longer introduction (Markdown), shown under 机构简介. */
  introduction: textSchema.optional(),
  registration: z
    .strictObject({
      /** 统一社会信用代码. */
      credit_code: creditCodeSchema.optional(),
      /** 登记管理机关, e.g. 苏州市民政局. */
      registered_with: textSchema.optional(),
      /** 业务主管单位 (not every organisation has one). */
      supervisor: textSchema.optional(),
      /** 登记日期. */
      date: dateSchema.optional(),
      /** 法定代表人. */
      legal_representative: textSchema.optional(),
      /** 组织形式: 社会服务机构, 社会团体, 基金会 … */
      form: textSchema.optional(),
    })
    .optional(),
  board: z.array(personSchema).default([]),
  supervisors: z.array(personSchema).default([]),
  contacts: z
    .strictObject({
      address: textSchema.optional(),
      postcode: textSchema.optional(),
      phone: textSchema.optional(),
      email: textSchema.optional(),
      website: textSchema.optional(),
      /** 微信公众号 name. */
      wechat: textSchema.optional(),
    })
    .optional(),
  logo: imageSchema.optional(),
  qr_code: imageSchema
    .extend({
      /** Words under the code, e.g. 扫码关注公众号. */
      caption: textSchema.optional(),
    })
    .optional(),
});

export type Profile = z.output<typeof profileSchema>;
