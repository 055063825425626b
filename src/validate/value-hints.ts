/**
 * Hints that need to know what the organisation defined: "did you mean" for a value that is not
 * an id (`kind: service fees`, `kind: 政府资助` → service_fees, government), for a word outside a
 * fixed list written in Chinese (`level: 市级` → city), and the unit a count must not carry
 * (`casework: "120余次"` → "120余", the unit 节 comes from the activity type). They are added to
 * the schema's findings after every pass, from the raw organisation file, so they work even when
 * that file has a mistake of its own.
 */
import type { DataFiles } from '../load/read-files.js';
import type { Finding } from '../problems/problem.js';
import { defaultFundingKinds, type Locale } from '../schema/files.js';
import { closest } from './suggest.js';

interface Term {
  id: string;
  label?: string;
  unit?: string;
}

interface Vocab {
  categories: Term[];
  activities: Term[];
  fundingKinds: Term[];
  /** Project ids by year, each year with every earlier one. */
  projectsUpTo: Map<number, string[]>;
}

/** The Chinese words staff write for the fixed lists' values (role, status, level, kind). */
const CHINESE_WORDS: Record<string, string> = {
  承接运营: 'operated',
  自主运营: 'operated',
  运营: 'operated',
  协助运营: 'assisted',
  协助: 'assisted',
  新增: 'new',
  新启动: 'new',
  新项目: 'new',
  持续: 'ongoing',
  进行中: 'ongoing',
  延续: 'ongoing',
  结项: 'completed',
  已结项: 'completed',
  完成: 'completed',
  续签: 'renewed',
  续约: 'renewed',
  国家级: 'national',
  全国: 'national',
  省级: 'provincial',
  市级: 'city',
  区级: 'district',
  县级: 'district',
  区县级: 'district',
  行业: 'sector',
  行业级: 'sector',
  奖项: 'award',
  奖: 'award',
  荣誉: 'honour',
  评级: 'rating',
  等级评估: 'rating',
  聘任: 'appointment',
  聘请: 'appointment',
};

const terms = (value: unknown): Term[] =>
  Array.isArray(value)
    ? value.flatMap((entry) => {
        const e = entry as Record<string, unknown> | null;
        return e && typeof e['id'] === 'string'
          ? [
              {
                id: e['id'],
                ...(typeof e['label'] === 'string' ? { label: e['label'] } : {}),
                ...(typeof e['unit'] === 'string' ? { unit: e['unit'] } : {}),
              },
            ]
          : [];
      })
    : [];

function vocabOf(docs: DataFiles, lang: Locale): Vocab {
  const org = docs.organization?.data as Record<string, unknown> | undefined;
  const vocab = (org?.['vocabularies'] ?? {}) as Record<string, unknown>;
  const locale = org?.['locale'] === 'en' ? 'en' : org?.['locale'] === 'zh-CN' ? 'zh-CN' : lang;
  const projectsUpTo = new Map<number, string[]>();
  const seen: string[] = [];
  for (const { year, files } of docs.years) {
    const list = (files.projects?.data as { projects?: unknown } | undefined)?.projects;
    if (Array.isArray(list))
      for (const p of list) {
        const id = (p as { id?: unknown } | null)?.id;
        if (typeof id === 'string') seen.push(id);
      }
    projectsUpTo.set(year, [...new Set(seen)]);
  }
  return {
    categories: terms(vocab['project_categories']),
    activities: terms(vocab['activity_types']),
    fundingKinds:
      vocab['funding_kinds'] === undefined
        ? defaultFundingKinds(locale)
        : terms(vocab['funding_kinds']),
    projectsUpTo,
  };
}

/** The terms a field's value must be one of, by the file and the field's path. */
function termsAt(file: string, path: readonly (string | number)[], vocab: Vocab, year: number) {
  const name = file.split('/').at(-1);
  const last = path.at(-1);
  const projects = () => (vocab.projectsUpTo.get(year) ?? []).map((id) => ({ id }));
  if (last === 'kind' && (name === 'income.yaml' || path.includes('funders')))
    return vocab.fundingKinds;
  if (name === 'projects.yaml' && last === 'category') return vocab.categories;
  if (name === 'projects.yaml' && path.at(-2) === 'services') return vocab.activities;
  if (last === 'project') return projects();
  return undefined;
}

/** The term a mistyped value meant: its label, or the id it is closest to once normalised. */
export function meantTerm(raw: string, candidates: readonly Term[]): string | undefined {
  const text = raw.trim();
  const byLabel = candidates.find((t) => t.label !== undefined && t.label.trim() === text);
  if (byLabel) return byLabel.id;
  const normal = text.toLowerCase().replace(/[\s-]+/g, '_');
  const ids = candidates.map((t) => t.id);
  const exact = ids.find((id) => id.replace(/-/g, '_') === normal.replace(/-/g, '_'));
  return exact ?? closest(normal, ids);
}

/** `"120余次"` → `"120余"`: a count with a unit after it, as it should be written. */
export function countWithoutUnit(raw: string): { count: string; unit: string } | undefined {
  const m = /^\s*(近|约|大约)?\s*([0-9][0-9,]*)\s*(余|多|\+)?\s*([^\s0-9].*?)\s*$/.exec(raw);
  if (!m || (m[1] && m[3])) return undefined;
  return {
    count: `${m[1] ?? ''}${(m[2] ?? '').replaceAll(',', '')}${m[3] ?? ''}`,
    unit: m[4] ?? '',
  };
}

/** Adds the suggestions to the findings that can use one (a new array; findings are not changed). */
export function withValueHints(findings: Finding[], docs: DataFiles, lang: Locale): Finding[] {
  let vocab: Vocab | undefined;
  const yearOf = (file: string) => {
    const m = /(?:^|\/)(\d{4})\/[^/]+$/.exec(file);
    return m ? Number(m[1]) : 0;
  };
  return findings.map((f) => {
    const raw = f.params['raw'];
    if (typeof raw !== 'string') return f;
    if (f.code === 'id_format') {
      vocab ??= vocabOf(docs, lang);
      const candidates = termsAt(f.file, f.path, vocab, yearOf(f.file));
      const suggestion = candidates ? meantTerm(raw, candidates) : undefined;
      return suggestion ? { ...f, params: { ...f.params, suggestion } } : f;
    }
    if (f.code === 'invalid_value' && f.params['suggestion'] === undefined) {
      const word = CHINESE_WORDS[raw.trim()];
      const options = f.params['options'];
      if (word && Array.isArray(options) && options.includes(word))
        return { ...f, params: { ...f.params, suggestion: word } };
      return f;
    }
    if (f.code === 'count_format') {
      const fixed = countWithoutUnit(raw);
      if (!fixed) return f;
      vocab ??= vocabOf(docs, lang);
      const activity = f.path.at(-2) === 'services' ? String(f.path.at(-1)) : undefined;
      const unit = activity
        ? vocab.activities.find((t) => t.id === activity)?.unit
        : f.path.at(-1) === 'person_times'
          ? lang === 'zh-CN'
            ? '人次'
            : 'person-times'
          : undefined;
      return {
        ...f,
        params: {
          ...f.params,
          count: fixed.count,
          written: fixed.unit,
          ...(activity ? { activity } : {}),
          ...(unit ? { unit } : {}),
        },
      };
    }
    return f;
  });
}
