/**
 * 机构简介 (mission, vision, registration, board) and 联系方式 (address, phone, 公众号, QR code)
 * from organization.yaml's `profile`, and the logo the cover shows. Null when the data has none,
 * so a report without a profile is exactly the report it was before.
 */
import { ReportError } from '../../errors.js';
import { imageId } from '../../schema/image-references.js';
import { imageKey, type DataImages, type ImageKind } from '../../schema/images.js';
import type { Organization } from '../../schema/files.js';
import type { Profile } from '../../schema/profile.js';
import { formatDate } from '../format.js';
import type { Strings } from './strings.js';

export interface Row {
  label: string;
  value: string;
}
export interface PersonView {
  name: string;
  role: string;
  affiliation: string;
}
export interface ImageView {
  src: string;
  alt: string;
  widthMm: number;
  heightMm: number;
}
export interface ProfileView {
  anchor: string;
  heading: string;
  mission: string | null;
  vision: string | null;
  /** The introduction, one string per paragraph. */
  introduction: string[];
  registration: Row[];
  board: PersonView[];
  supervisors: PersonView[];
  /** Named by the template: its section captions. */
  t: Record<string, string>;
}
export interface ContactsView {
  anchor: string;
  heading: string;
  rows: Row[];
  qr: (ImageView & { caption: string | null }) | null;
}

/** A word from the template's `profile` strings (a copied template without them fails here). */
export function partString(
  strings: Strings,
  group: string,
  key: string,
  vars: Record<string, string> = {},
): string {
  const table = strings[group];
  const value =
    typeof table === 'object' && table !== null
      ? (table as Record<string, unknown>)[key]
      : undefined;
  if (typeof value !== 'string')
    throw new ReportError(
      'TEMPLATE_INVALID',
      `the template's locale strings lack "${group}.${key}"`,
      {
        hint: 'copy the missing key from templates/default/locales/',
      },
    );
  return value.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** An image of the data as the template shows it; null when the loader has none for it. */
export function imageView(
  images: DataImages | undefined,
  kind: ImageKind,
  file: string,
  alt: string,
): ImageView | null {
  const image = images?.get(imageId(kind, imageKey(file)));
  if (!image) return null;
  return { src: image.src, alt, widthMm: image.widthMm, heightMm: image.heightMm };
}

const paragraphs = (value: string | undefined) =>
  (value ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);

/** The profile parts of the view: 机构简介, 联系方式, the cover's logo. */
export function profileParts(
  org: Organization,
  images: DataImages | undefined,
  strings: Strings,
): {
  profile: ProfileView | null;
  contacts: ContactsView | null;
  logo: { src: string; alt: string; widthMm: number; heightMm: number } | undefined;
} {
  const p = org.profile;
  if (!p) return { profile: null, contacts: null, logo: undefined };
  const word = (key: string, vars: Record<string, string> = {}) =>
    partString(strings, 'profile', key, vars);
  const locale = org.locale;
  const rows = (pairs: [string, string | undefined][]): Row[] =>
    pairs.flatMap(([key, value]) => (value === undefined ? [] : [{ label: word(key), value }]));
  const people = (list: Profile['board']): PersonView[] =>
    list.map((m) => ({ name: m.name, role: m.role ?? '', affiliation: m.affiliation ?? '' }));

  const reg = p.registration;
  const registration = rows([
    ['form', reg?.form],
    ['creditCode', reg?.credit_code?.trim().toUpperCase()],
    ['registeredWith', reg?.registered_with],
    ['supervisor', reg?.supervisor],
    [
      'registrationDate',
      reg?.date === undefined ? undefined : formatDate(reg.date, locale, 'long'),
    ],
    ['legalRepresentative', reg?.legal_representative],
  ]);
  const introduction = paragraphs(p.introduction);
  const hasProfile =
    p.mission !== undefined ||
    p.vision !== undefined ||
    introduction.length > 0 ||
    registration.length > 0 ||
    p.board.length > 0 ||
    p.supervisors.length > 0;
  const profile: ProfileView | null = hasProfile
    ? {
        anchor: 'profile',
        heading: word('heading'),
        mission: p.mission ?? null,
        vision: p.vision ?? null,
        introduction,
        registration,
        board: people(p.board),
        supervisors: people(p.supervisors),
        t: {
          mission: word('mission'),
          vision: word('vision'),
          registration: word('registration'),
          board: word('board'),
          supervisors: word('supervisors'),
          name: word('name'),
          role: word('role'),
          affiliation: word('affiliation'),
        },
      }
    : null;

  const c = p.contacts;
  const contactRows = rows([
    ['address', c?.address],
    ['postcode', c?.postcode],
    ['phone', c?.phone],
    ['email', c?.email],
    ['website', c?.website],
    ['wechat', c?.wechat],
  ]);
  const qrImage = p.qr_code
    ? imageView(
        images,
        'qr_code',
        p.qr_code.file,
        p.qr_code.alt ?? word('qrAlt', { org: org.name }),
      )
    : null;
  const contacts: ContactsView | null =
    contactRows.length > 0 || qrImage
      ? {
          anchor: 'contacts',
          heading: word('contacts'),
          rows: contactRows,
          qr: qrImage ? { ...qrImage, caption: p.qr_code?.caption ?? null } : null,
        }
      : null;

  const logoImage = p.logo
    ? imageView(images, 'logo', p.logo.file, p.logo.alt ?? word('logoAlt', { org: org.name }))
    : null;
  const logo = logoImage
    ? {
        src: logoImage.src,
        alt: logoImage.alt,
        widthMm: logoImage.widthMm,
        heightMm: logoImage.heightMm,
      }
    : undefined;
  return { profile, contacts, logo };
}
