/**
 * A large, valid, deterministic Dataset for benchmarks and scale tests: the same options always
 * give the same data (a seeded PRNG, no Math.random, no clock). Values are already normalised,
 * as readDataset returns them; tests/stats/generate-dataset.test.ts checks that every generated
 * file passes its zod schema unchanged.
 *
 *   generateDataset({ years: 50, projectsPerYear: 500 })
 */
import type {
  Awards,
  Dataset,
  Income,
  Organization,
  Project,
  Staff,
  YearData,
} from '../../src/schema/files.js';
import { AWARD_KINDS, AWARD_LEVELS, DEFAULT_FUNDING_KINDS } from '../../src/schema/files.js';
import type { Count } from '../../src/schema/values.js';

export interface GenerateOptions {
  years: number;
  projectsPerYear: number;
  /** The first year; default 2000. */
  firstYear?: number;
  /** Default 1. */
  seed?: number;
}

/** mulberry32: a tiny 32-bit PRNG, good enough to spread test data, fully reproducible. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  return { next, int, pick };
}

const CATEGORIES = [
  { id: 'support', label: '支持类' },
  { id: 'children', label: '儿童服务类' },
  { id: 'elderly', label: '长者服务类' },
  { id: 'community', label: '社区发展类' },
];
const ACTIVITIES = [
  { id: 'community_outreach', label: '社区宣传', unit: '场' },
  { id: 'classroom', label: '教育课堂', unit: '次' },
  { id: 'group', label: '小组活动', unit: '节' },
  { id: 'casework', label: '个案辅导', unit: '节' },
  { id: 'supervision', label: '个别督导', unit: '次' },
  { id: 'visit', label: '个别探访', unit: '次' },
];
const DISTRICTS = ['姑苏区', '相城区', '新区', '园区', '吴中区', '吴江区', '高新区', '常熟市'];
const FUNDERS = ['市民政局', '省民政厅', '区民政局', '团市委', '妇联', '某基金会', '某企业'];
const APPROX = [null, null, null, null, 'over', 'nearly', 'about'] as const;

export function generateDataset(options: GenerateOptions): Dataset {
  const random = createRandom(options.seed ?? 1);
  const firstYear = options.firstYear ?? 2000;
  const organization: Organization = {
    name: '示例社工服务中心',
    short_name: '示例',
    founded: `${firstYear}-03`,
    locale: 'zh-CN',
    vocabularies: {
      project_categories: CATEGORIES,
      activity_types: ACTIVITIES,
      funding_kinds: DEFAULT_FUNDING_KINDS,
    },
  };

  const years: YearData[] = [];
  let running: Project[] = [];
  let nextId = 1;
  for (let i = 0; i < options.years; i += 1) {
    const year = firstYear + i;
    // About 60 % of last year's unfinished projects go on; new ones fill the year up.
    const continuing = running
      .filter((p) => p.status !== 'completed' && random.next() < 0.6)
      .slice(0, options.projectsPerYear)
      .map((p) => ({ ...project(p.id, year), category: p.category, role: p.role }));
    const fresh: Project[] = [];
    while (continuing.length + fresh.length < options.projectsPerYear) {
      fresh.push({ ...project(`p${String(nextId).padStart(6, '0')}`, year), status: 'new' });
      nextId += 1;
    }
    running = [...continuing, ...fresh];
    years.push({
      year,
      income: incomeOf(year, running),
      staff: staffOf(year, i),
      projects: { year, projects: running },
      awards: awardsOf(year, running),
      narrative: null,
    });
  }
  return { organization, years };

  function project(id: string, year: number): Project {
    const services: Record<string, Count> = {};
    for (const activity of ACTIVITIES) {
      if (random.next() < 0.5) services[activity.id] = count(1, 200);
    }
    const roll = random.next();
    return {
      id,
      name: `项目${id}`,
      ...(random.next() < 0.3 ? { short_name: `简称${id}` } : {}),
      category: random.pick(CATEGORIES).id,
      role: random.next() < 0.8 ? 'operated' : 'assisted',
      status: roll < 0.15 ? 'completed' : roll < 0.25 ? 'renewed' : 'ongoing',
      start: `${year}-${String(random.int(1, 12)).padStart(2, '0')}`,
      funders: Array.from({ length: random.int(0, 3) }, () => ({
        name: random.pick(FUNDERS),
        kind: random.pick(DEFAULT_FUNDING_KINDS).id,
        amount: random.int(1, 500) * 1_000 + random.int(0, 999),
      })),
      services,
      ...(random.next() < 0.7 ? { person_times: count(10, 5_000) } : {}),
      districts: [
        ...new Set(Array.from({ length: random.int(0, 3) }, () => random.pick(DISTRICTS))),
      ],
      highlight: random.next() < 0.02,
    };
  }

  function count(min: number, max: number): Count {
    return { value: random.int(min, max), approx: random.pick(APPROX) };
  }

  function incomeOf(year: number, projects: Project[]): Income {
    // The projects' funders, plus a few lines not tied to a project, so the total is never 0.
    const lines: Income['lines'] = projects.flatMap((p) =>
      p.funders.map((f) => ({ source: f.name, kind: f.kind, amount: f.amount, project: p.id })),
    );
    for (let k = random.int(1, 5); k > 0; k -= 1) {
      lines.push({
        source: random.pick(FUNDERS),
        kind: random.pick(DEFAULT_FUNDING_KINDS).id,
        amount: random.int(1, 100_000),
      });
    }
    return { year, lines };
  }

  function staffOf(year: number, index: number): Staff {
    const headcount = 1 + Math.floor(index / 2) + random.int(0, 3);
    if (index % 3 === 0) return { year, headcount, volunteers: random.int(0, 500) };
    return {
      year,
      members: Array.from({ length: headcount }, (_, m) => ({
        role: m === 0 ? '总干事' : '社工',
        full_time: random.next() < 0.85,
      })),
    };
  }

  function awardsOf(year: number, projects: Project[]): Awards {
    return {
      year,
      awards: Array.from({ length: random.int(0, 4) }, (_, a) => ({
        name: `奖项${year}-${a + 1}`,
        kind: random.pick(AWARD_KINDS),
        level: random.pick(AWARD_LEVELS),
        date: `${year}-${String(random.int(1, 12)).padStart(2, '0')}`,
        recipient: 'organization',
      })),
      media: Array.from({ length: random.int(0, 3) }, () => ({
        outlet: '苏州电视台',
        reports: random.int(1, 5),
        ...(projects.length > 0 && random.next() < 0.7
          ? { project: random.pick(projects).id }
          : {}),
      })),
    };
  }
}
