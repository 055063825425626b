/**
 * In-memory datasets for the statistics tests: normalised values (as the loader returns them),
 * written tersely. `exampleDataset()` has the example organisation's published totals
 * (苏州市清流社工服务中心 2012–2015) so its figures can be pinned without the loader.
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
import { DEFAULT_FUNDING_KINDS } from '../../src/schema/files.js';
import type { Count } from '../../src/schema/values.js';

export const organization: Organization = {
  name: '苏州市清流社工服务中心',
  short_name: '苏州清流',
  founded: '2012-06',
  locale: 'zh-CN',
  vocabularies: {
    project_categories: [
      { id: 'support', label: '支持类' },
      { id: 'children', label: '儿童服务类' },
    ],
    activity_types: [
      { id: 'community_outreach', label: '社区宣传', unit: '场' },
      { id: 'classroom', label: '教育课堂', unit: '次' },
      { id: 'group', label: '小组活动', unit: '节' },
      { id: 'casework', label: '个案辅导', unit: '节' },
      { id: 'supervision', label: '个别督导', unit: '次' },
    ],
    funding_kinds: DEFAULT_FUNDING_KINDS,
  },
};

export function exact(value: number): Count {
  return { value, approx: null };
}

export function project(id: string, fields: Partial<Omit<Project, 'id'>> = {}): Project {
  return {
    id,
    name: `项目 ${id}`,
    category: id.startsWith('s') ? 'support' : 'children',
    role: 'operated',
    status: 'ongoing',
    funders: [],
    services: {},
    districts: [],
    highlight: false,
    ...fields,
  };
}

export interface YearInput {
  year: number;
  /** Income lines as [kind, amount]. */
  income: [string, number][];
  staff?: Partial<Omit<Staff, 'year'>>;
  projects?: Project[];
  awards?: Partial<Omit<Awards, 'year'>>;
}

export function yearData(input: YearInput): YearData {
  const income: Income = {
    year: input.year,
    lines: input.income.map(([kind, amount], i) => ({ source: `来源${i + 1}`, kind, amount })),
  };
  return {
    year: input.year,
    income,
    staff: { year: input.year, ...(input.staff ?? { headcount: 1 }) },
    projects: { year: input.year, projects: input.projects ?? [] },
    awards: { year: input.year, awards: [], media: [], ...input.awards },
    narrative: null,
  };
}

export function dataset(years: YearInput[], org: Organization = organization): Dataset {
  return { organization: org, years: years.map(yearData) };
}

const ids = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

/** New projects by year: support s1–s10 and children c1–c13, 23 by the end of 2015. */
const NEW = {
  2012: [...ids('s', 1, 2), ...ids('c', 1, 1)],
  2013: [...ids('s', 3, 4), ...ids('c', 2, 4)],
  2014: [...ids('s', 5, 7), ...ids('c', 5, 8)],
  2015: [...ids('s', 8, 10), ...ids('c', 9, 13)],
} as const;

/**
 * The example's published totals: income 8万 / 15万 / 22万 / 54.5万, staff 1 / 3 / 5 / 6,
 * 23 projects by the end of 2015 (10 support, 13 children). The split by kind and the services
 * are illustrative, with the seed's 2015 counts for 小红帽 (18 场, 39 次, 33 节, 40余 节).
 */
export function exampleDataset(): Dataset {
  return dataset([
    {
      year: 2012,
      income: [['government', 80_000]],
      staff: { headcount: 1 },
      projects: NEW[2012].map((id) => project(id, { status: 'new' })),
    },
    {
      year: 2013,
      income: [
        ['government', 140_000],
        ['foundation', 10_000],
      ],
      staff: { headcount: 3, volunteers: 20 },
      projects: [
        project('s1', { funders: [{ name: '民政局', kind: 'government', amount: 30_000 }] }),
        ...NEW[2013].map((id) => project(id, { status: 'new' })),
      ],
    },
    {
      year: 2014,
      income: [
        ['government', 200_000],
        ['foundation', 20_000],
      ],
      staff: { headcount: 5, volunteers: 35 },
      projects: [
        project('s1', { funders: [{ name: '民政局', kind: 'government', amount: 40_000 }] }),
        project('c4', { status: 'ongoing' }),
        ...NEW[2014].map((id) => project(id, { status: 'new' })),
      ],
      awards: {
        awards: [
          {
            name: '“十佳”青年社会组织',
            kind: 'honour',
            level: 'city',
            date: '2014',
            recipient: 'organization',
          },
        ],
      },
    },
    {
      year: 2015,
      income: [
        ['government', 500_000],
        ['foundation', 30_000],
        ['donations', 15_000],
      ],
      staff: {
        members: [
          { role: '总干事', full_time: true },
          { role: '社工', full_time: true },
          { role: '社工', full_time: true },
          { role: '社工', full_time: true },
          { role: '社工', full_time: true },
          { role: '财务', full_time: false },
        ],
        volunteers: 60,
      },
      projects: [
        project('s1', {
          status: 'renewed',
          funders: [{ name: '民政局', kind: 'government', amount: 50_000 }],
          services: { supervision: { value: 40, approx: 'nearly' } },
          districts: ['相城区'],
        }),
        project('c4', { status: 'completed', districts: ['姑苏区'] }),
        project('c9', {
          name: '小红帽——流动儿童知性爱己计划',
          short_name: '小红帽',
          status: 'new',
          role: 'operated',
          highlight: true,
          funders: [
            { name: '苏州市民政局', kind: 'government', amount: 150_000 },
            { name: '江苏省民政厅', kind: 'government', amount: 100_000 },
          ],
          services: {
            community_outreach: exact(18),
            classroom: exact(39),
            group: exact(33),
            casework: { value: 40, approx: 'over' },
          },
          person_times: { value: 3000, approx: 'about' },
          districts: ['姑苏区', '相城区', '新区'],
        }),
        project('c10', {
          role: 'assisted',
          status: 'new',
          services: { casework: { value: 40, approx: 'nearly' } },
          districts: ['园区'],
        }),
        ...NEW[2015]
          .filter((id) => id !== 'c9' && id !== 'c10')
          .map((id) => project(id, { status: 'new' })),
      ],
      awards: {
        awards: [
          {
            name: '4A级社会组织',
            kind: 'rating',
            level: 'city',
            date: '2015',
            recipient: 'organization',
          },
          {
            name: '江苏省社会工作优秀项目三等奖',
            kind: 'award',
            level: 'provincial',
            date: '2015',
            work: '给爱一个拥抱',
            recipient: 'organization',
          },
        ],
        media: [{ outlet: '苏州教育频道', reports: 3, project: 'c9' }],
      },
    },
  ]);
}
