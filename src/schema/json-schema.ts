/**
 * JSON Schemas of the data files for editors (VS Code's YAML extension reads them from the
 * `# yaml-language-server: $schema=…` line at the top of each file): completion, hover help and
 * a red line under a misspelt key while typing. They are generated from the zod schemas in
 * files.ts (one source of truth, `z.toJSONSchema` on what a file may contain) and written to
 * schemas/ by `npm run schemas`; tests/schema/json-schemas.test.ts fails when they drift.
 * Only the shape of each file is here: the rules across files (a category defined in
 * organization.yaml, totals that add up, {{figures}} that exist) stay in `report validate`.
 */
import { z } from 'zod';
import {
  awardsSchema,
  incomeSchema,
  narrativeSchema,
  organizationSchema,
  projectsSchema,
  staffSchema,
} from './files.js';
import { financeSchema } from './finance.js';
import { photosSchema } from './photos.js';
import { timelineSchema } from './timeline.js';
import { peopleSchema } from './people.js';

/** The data files with a schema, by the schema's file name (`income` → income.schema.json). */
export const SCHEMA_SOURCES = {
  organization: { file: 'organization.yaml', schema: organizationSchema },
  income: { file: 'income.yaml', schema: incomeSchema },
  staff: { file: 'staff.yaml', schema: staffSchema },
  projects: { file: 'projects.yaml', schema: projectsSchema },
  awards: { file: 'awards.yaml', schema: awardsSchema },
  narrative: { file: 'narrative.yaml', schema: narrativeSchema },
  finance: { file: 'finance.yaml', schema: financeSchema },
  photos: { file: 'photos.yaml', schema: photosSchema },
  timeline: { file: 'timeline.yaml', schema: timelineSchema },
  people: { file: 'people.yaml', schema: peopleSchema },
} as const;
export type SchemaName = keyof typeof SCHEMA_SOURCES;
export const SCHEMA_NAMES = Object.keys(SCHEMA_SOURCES) as SchemaName[];

/** The folder of the package holding the schemas, and each one's file name in it. */
export const SCHEMA_DIR = 'schemas';
export const schemaFileName = (name: SchemaName) => `${name}.schema.json`;

/** [中文, English] */
type Bilingual = readonly [string, string];

const MONEY: Bilingual = [
  '金额，单位为元，整数：545000，或加引号写 "54.5万"、"1.2亿"',
  'Amount in whole yuan: 545000, or in quotes "54.5万", "1.2亿"',
];
const COUNT: Bilingual = [
  '数量：18，或加引号写 "40余"、"近40"、"约5000"；只写数字，不写单位',
  'Count: 18, or in quotes "40余" (over 40), "近40" (nearly 40), "约5000" (about 5000); no unit',
];
const DATE: Bilingual = ['日期：2015、2015-08 或 2015-12-31', 'Date: 2015, 2015-08 or 2015-12-31'];
/** Descriptions of counts with words of their own (their long form is described too). */
const COUNTS = new WeakSet<Bilingual>();
const countText = (zh: string, en: string): Bilingual => {
  const text: Bilingual = [`${zh}。${COUNT[0]}`, `${en}. ${COUNT[1]}`];
  COUNTS.add(text);
  return text;
};
const YEAR: Bilingual = [
  '年份，与所在文件夹相同，如 2015',
  'The year, the same as the folder’s, e.g. 2015',
];
const PROJECT_REF: Bilingual = [
  '项目编号（projects.yaml 中的 id）',
  'A project id (an id in projects.yaml)',
];
const FUNDING_KIND: Bilingual = [
  '资金来源类型编号，在 organization.yaml 的 funding_kinds 中定义；默认有 government、foundation、corporate、donations、service_fees、other',
  'Funding kind id, defined in organization.yaml (funding_kinds); by default government, foundation, corporate, donations, service_fees, other',
];
const MARKDOWN: Bilingual = [
  'Markdown 文字：空行分段，**加粗**；可引用数字，如 {{income.total}}（见 docs/figures.md）',
  'Markdown text: a blank line between paragraphs, **bold**; may cite figures such as {{income.total}} (docs/figures.md)',
];

const IMAGE_FILE: Bilingual = [
  '图片文件在数据文件夹中的路径，用 / 分隔，如 images/logo.png；JPEG、PNG 或 WebP',
  'The image file’s path inside the data folder, with /, e.g. images/logo.png; JPEG, PNG or WebP',
];
const IMAGE_ALT: Bilingual = [
  '图片内容的文字说明，供读屏软件朗读（可不填）',
  'What the image shows, in words, for screen readers (optional)',
];
const RATIO: Bilingual = ['比例：0.7 或加引号写 "70%"', 'A ratio: 0.7, or in quotes "70%"'];

/** The people of `profile.board` and `profile.supervisors`: a list of name, role, affiliation. */
function people(path: string, list: Bilingual, one: Bilingual): Record<string, Bilingual> {
  return {
    [path]: list,
    [`${path}[]`]: one,
    [`${path}[].name`]: ['姓名', 'Name'],
    [`${path}[].role`]: [
      '职务（可不填），如 理事长、理事、监事',
      'Position (optional), e.g. 理事长 (chair), 理事 (board member), 监事 (supervisor)',
    ],
    [`${path}[].affiliation`]: [
      '工作单位或职业（可不填），如 社区规划师',
      'Where they work or what they do (optional), e.g. community planner',
    ],
  };
}

const TITLES: Record<SchemaName, Bilingual> = {
  organization: ['机构信息（organization.yaml）', 'The organisation (organization.yaml)'],
  income: ['本年收入（income.yaml）', 'The year’s income (income.yaml)'],
  staff: ['本年人员（staff.yaml）', 'The year’s staff (staff.yaml)'],
  projects: ['本年项目（projects.yaml）', 'The year’s projects (projects.yaml)'],
  awards: ['本年荣誉与媒体报道（awards.yaml）', 'The year’s awards and media (awards.yaml)'],
  narrative: ['年度报告正文（narrative.yaml）', 'The report’s text (narrative.yaml)'],
  finance: ['本年财务（finance.yaml，可不填）', 'The year’s finances (finance.yaml, optional)'],
  photos: ['本年照片（photos.yaml，可不填）', 'The year’s photos (photos.yaml, optional)'],
  timeline: [
    '本年大事记（timeline.yaml，可不填）',
    'The year’s main events (timeline.yaml, optional)',
  ],
  people: [
    '本年志愿者与服务对象（people.yaml，可不填）',
    'The year’s volunteers and people served (people.yaml, optional)',
  ],
};

/**
 * What each field means, by its path in the file: `lines[].amount` is the amount of each item
 * of `lines`, `services.*` each value of the `services` mapping. Every property of every schema
 * has one (the test checks it), so a field added to files.ts without words here fails.
 */
const DESCRIPTIONS: Record<SchemaName, Record<string, Bilingual>> = {
  organization: {
    name: ['机构全称，印在封面上', 'The organisation’s full name, printed on the cover'],
    short_name: ['机构简称（可不填）', 'Short name (optional)'],
    founded: [
      '成立日期：2012、2012-06 或 2012-06-18',
      'Founding date: 2012, 2012-06 or 2012-06-18',
    ],
    locale: [
      '报告与提示信息的语言：zh-CN（中文，默认）或 en（英文）',
      'Language of the report and of the messages: zh-CN (Chinese, the default) or en',
    ],
    signatory: [
      '落款单位（可不填，默认机构全称）；narrative.yaml 的 signature.name 优先',
      'Who signs the report (optional, default the name); signature.name in narrative.yaml comes first',
    ],
    vocabularies: [
      '词表：其他文件使用的编号在这里定义',
      'Vocabularies: the ids the other files use are defined here',
    ],
    'vocabularies.project_categories': ['项目类别，至少一项', 'Project categories, at least one'],
    'vocabularies.project_categories[]': ['一个项目类别', 'A project category'],
    'vocabularies.project_categories[].id': [
      '编号：小写字母、数字、- 和 _，如 youth',
      'Id: lower-case letters, digits, - and _, e.g. youth',
    ],
    'vocabularies.project_categories[].label': [
      '报告中显示的名称，如 青少年服务',
      'The name shown in the report, e.g. Youth services',
    ],
    'vocabularies.activity_types': [
      '服务类型及其单位，至少一项',
      'Kinds of service with their unit, at least one',
    ],
    'vocabularies.activity_types[]': ['一个服务类型', 'A kind of service'],
    'vocabularies.activity_types[].id': [
      '编号：小写字母、数字、- 和 _，如 group_work',
      'Id: lower-case letters, digits, - and _, e.g. group_work',
    ],
    'vocabularies.activity_types[].label': [
      '报告中显示的名称，如 小组活动',
      'The name shown in the report, e.g. Group sessions',
    ],
    'vocabularies.activity_types[].unit': [
      '单位，如 节、场、次；projects.yaml 的 services 只写数字，单位取自这里',
      'The unit, e.g. 节, 场, 次 (session, event, time); counts in projects.yaml take their unit from here',
    ],
    'vocabularies.funding_kinds': [
      '资金来源类型（可不填；写了就替换默认的六种）',
      'Funding kinds (optional; a list here replaces the six default ones)',
    ],
    'vocabularies.funding_kinds[]': ['一种资金来源', 'A funding kind'],
    'vocabularies.funding_kinds[].id': [
      '编号：小写字母、数字、- 和 _，如 government',
      'Id: lower-case letters, digits, - and _, e.g. government',
    ],
    'vocabularies.funding_kinds[].label': [
      '报告中显示的名称，如 政府资助',
      'The name shown in the report, e.g. Government',
    ],
    profile: [
      '机构简介与联系方式（可不填，每一项都可不填）：报告增加“机构简介”和“联系方式”两页，封面印出标志',
      'About the organisation and how to reach it (optional, every part too): the report gets an “about us” page and a contacts page, and the logo on the cover',
    ],
    'profile.mission': ['宗旨或使命，一两句话（可不填）', 'Mission, a sentence or two (optional)'],
    'profile.vision': ['愿景（可不填）', 'Vision (optional)'],
    'profile.introduction': [
      '较长的机构介绍，空一行为新段落（可不填）',
      'A longer introduction; a blank line starts a new paragraph (optional)',
    ],
    'profile.registration': ['登记信息（可不填）', 'Registration (optional)'],
    'profile.registration.credit_code': [
      '统一社会信用代码，18 位，最后一位是校验码（可不填）',
      'Unified social credit code (统一社会信用代码), 18 characters, the last a check character (optional)',
    ],
    'profile.registration.registered_with': [
      '登记管理机关，如 苏州市民政局（可不填）',
      'Where it is registered (登记管理机关), e.g. the city civil affairs bureau (optional)',
    ],
    'profile.registration.supervisor': [
      '业务主管单位（没有就不填）',
      'The supervising body (业务主管单位); leave out if there is none',
    ],
    'profile.registration.date': [
      '登记日期（可不填）。' + DATE[0],
      'Date of registration (optional). ' + DATE[1],
    ],
    'profile.registration.legal_representative': [
      '法定代表人（可不填）',
      'Legal representative (法定代表人) (optional)',
    ],
    'profile.registration.form': [
      '组织形式，如 社会服务机构、社会团体、基金会（可不填）',
      'Legal form, e.g. 社会服务机构 (social service organisation), 社会团体, 基金会 (optional)',
    ],
    ...people(
      'profile.board',
      [
        '理事会成员，按书写顺序印出（可不填）',
        'Board members, printed in the order written (optional)',
      ],
      ['一位理事', 'One board member'],
    ),
    ...people(
      'profile.supervisors',
      [
        '监事，按书写顺序印出（可不填）',
        'Supervisors (监事), printed in the order written (optional)',
      ],
      ['一位监事', 'One supervisor'],
    ),
    'profile.contacts': [
      '联系方式（可不填，每一项都可不填）',
      'Contact details (optional, every one too)',
    ],
    'profile.contacts.address': ['地址', 'Address'],
    'profile.contacts.postcode': ['邮政编码', 'Postcode'],
    'profile.contacts.phone': ['电话', 'Phone'],
    'profile.contacts.email': ['电子邮箱', 'Email'],
    'profile.contacts.website': ['网站', 'Website'],
    'profile.contacts.wechat': ['微信公众号名称', 'Name of the WeChat official account'],
    'profile.logo': ['机构标志，印在封面上（可不填）', 'The logo, printed on the cover (optional)'],
    'profile.logo.file': IMAGE_FILE,
    'profile.logo.alt': IMAGE_ALT,
    'profile.qr_code': [
      '二维码图片，如公众号二维码，印在“联系方式”页（可不填）',
      'A QR code image, e.g. of the WeChat account, printed on the contacts page (optional)',
    ],
    'profile.qr_code.file': IMAGE_FILE,
    'profile.qr_code.alt': IMAGE_ALT,
    'profile.qr_code.caption': [
      '二维码下方的文字，如 扫码关注公众号（可不填）',
      'Words under the code, e.g. “scan to follow us” (optional)',
    ],
    partners: [
      '资助方与合作伙伴，各有编号，供 projects.yaml 引用；报告的“鸣谢”页感谢本年项目引用的伙伴（可不填）',
      'Funders and partners, each with an id that projects.yaml refers to; the report’s thank-you page names those of the year’s projects (optional)',
    ],
    'partners[]': ['一个资助方或合作伙伴', 'One funder or partner'],
    'partners[].id': [
      '编号，每个只用一次：小写字母、数字、- 和 _，如 district-civil',
      'Id, each used once: lower-case letters, digits, - and _, e.g. district-civil',
    ],
    'partners[].name': ['全称', 'The full name'],
    'partners[].kind': [
      '类别：government（政府部门）、foundation（基金会）、company（企业）、school（学校）、media（媒体）、volunteer_group（志愿者团队）或 individual（个人）',
      'Kind: government, foundation, company, school, media, volunteer_group or individual',
    ],
    'partners[].anonymous': [
      'true：报告中只写“匿名捐赠者”，不印名称（默认 false）',
      'true: the report thanks “an anonymous donor” and never prints the name (default false)',
    ],
    'partners[].note': [
      '支持内容，几个字，如 捐赠图书 200 册（可不填）',
      'What they did, in a few words, e.g. donated 200 books (optional)',
    ],
  },
  income: {
    year: YEAR,
    total: [
      '全年收入合计（可不填）；填写时须等于各行之和。' + MONEY[0],
      'The year’s total (optional); when given it must equal the sum of the lines. ' + MONEY[1],
    ],
    lines: ['收入明细，每个来源一行，至少一行', 'Income lines, one per source, at least one'],
    'lines[]': ['一笔收入', 'One income line'],
    'lines[].source': ['资金来源，如 区民政局', 'Who paid, e.g. the district civil affairs bureau'],
    'lines[].kind': FUNDING_KIND,
    'lines[].amount': MONEY,
    'lines[].project': [
      '资助的项目（可不填）：本年 projects.yaml 中的项目编号',
      'The project it funds (optional): a project id of the same year',
    ],
    'lines[].note': ['备注（可不填）', 'A note (optional)'],
    'lines[].anonymous': [
      '捐赠方要求匿名时写 true：报告中显示为“匿名捐赠”，不出现来源和备注（可不填）',
      'true when the donor asked to stay anonymous: the report shows "Anonymous donor", never the source or note (optional)',
    ],
    'lines[].partner': [
      '资助方在 organization.yaml 的 partners 中的编号（可不填）：列入“鸣谢”页',
      'The funder’s id among the partners in organization.yaml (optional): thanked on the acknowledgements page',
    ],
  },
  staff: {
    year: YEAR,
    headcount: [
      '专职人员数；与 members 二选一（都写时须一致）',
      'Number of staff; this or members (when both are given they must agree)',
    ],
    members: [
      '人员列表，每人一项；与 headcount 二选一',
      'The staff, one item each; this or headcount',
    ],
    'members[]': ['一位员工', 'One member of staff'],
    'members[].role': ['岗位，如 社工', 'Role, e.g. social worker'],
    'members[].name': ['姓名（可不填）', 'Name (optional)'],
    'members[].joined': ['入职日期（可不填）。' + DATE[0], 'Date joined (optional). ' + DATE[1]],
    'members[].full_time': [
      '是否全职：true 或 false（默认 true）',
      'Full-time: true or false (default true)',
    ],
    volunteers: [
      '志愿者人数（可不填：不知道就删掉这一行）',
      'Number of volunteers (optional: leave the line out when unknown)',
    ],
  },
  projects: {
    year: YEAR,
    projects: ['本年的项目', 'The year’s projects'],
    'projects[]': ['一个项目', 'One project'],
    'projects[].id': [
      '项目编号，各年保持不变（同一编号即同一项目）：小写字母、数字、- 和 _',
      'Project id, the same every year (same id, same project): lower-case letters, digits, - and _',
    ],
    'projects[].name': ['项目全称', 'The project’s full name'],
    'projects[].short_name': [
      '简称，用于表格和图表（可不填）',
      'Short name for tables and charts (optional)',
    ],
    'projects[].category': [
      '项目类别编号，在 organization.yaml 的 project_categories 中定义',
      'Category id, defined in organization.yaml (project_categories)',
    ],
    'projects[].role': [
      'operated（承接运营）或 assisted（协助运营）',
      'operated (run by us) or assisted (supported by us)',
    ],
    'projects[].status': [
      'new（新增）、ongoing（持续）、completed（结项）或 renewed（续签）',
      'new, ongoing, completed or renewed',
    ],
    'projects[].start': ['开始日期（可不填）。' + DATE[0], 'Start date (optional). ' + DATE[1]],
    'projects[].end': [
      '结束日期（可不填，不能早于开始日期）。' + DATE[0],
      'End date (optional, not before the start). ' + DATE[1],
    ],
    'projects[].funders': ['资助方（可不填）', 'Funders (optional)'],
    'projects[].funders[]': ['一个资助方', 'One funder'],
    'projects[].funders[].name': ['资助方名称', 'The funder’s name'],
    'projects[].funders[].kind': FUNDING_KIND,
    'projects[].funders[].amount': MONEY,
    'projects[].services': [
      '服务数量，按服务类型编号（organization.yaml 的 activity_types）：group_work: 30。只写数字，单位由服务类型决定',
      'Service counts by activity type id (organization.yaml, activity_types): group_work: 30. Numbers only: the activity type gives the unit',
    ],
    'projects[].services.*': COUNT,
    'projects[].person_times': [
      '服务人次（可不填），只写数字，如 "约1200"',
      'People served, in person-times (optional), the number only, e.g. "约1200"',
    ],
    'projects[].districts': [
      '服务地区列表，如 [姑苏区, 相城区]（可不填）',
      'Where, e.g. [Gusu, Xiangcheng] (optional)',
    ],
    'projects[].districts[]': ['一个地区', 'One district'],
    'projects[].highlight': [
      'true：在报告中单列一小节（默认 false）',
      'true: the project gets its own subsection in the report (default false)',
    ],
    'projects[].summary': [
      '项目简介（可不填）。' + MARKDOWN[0],
      'Summary (optional). ' + MARKDOWN[1],
    ],
    'projects[].partners': [
      '本年资助或支持这个项目的伙伴，写编号，如 [district-civil, donor-1]；编号在 organization.yaml 的 partners 中定义（可不填）',
      'The partners who funded or helped the project this year, by id, e.g. [district-civil, donor-1]; the ids are defined in organization.yaml (partners) (optional)',
    ],
    'projects[].partners[]': ['一个伙伴的编号', 'A partner’s id'],
    'projects[].outcomes': [
      '成效指标（可不填）：每项写名称、单位、目标值和实际值，统计计算达成率',
      'Outcome indicators (optional): each a name, unit, target and actual; the statistics add the achievement rate',
    ],
    'projects[].outcomes[]': ['一项成效指标', 'One outcome indicator'],
    'projects[].outcomes[].id': [
      '指标编号（可不填，同一项目内不重复）：正文中用 {{outcomes.项目编号.指标编号.actual}} 引用',
      'The indicator’s id (optional, unique in the project): prose quotes it as {{outcomes.PROJECT.ID.actual}}',
    ],
    'projects[].outcomes[].name': [
      '指标名称，如结对长者户数',
      'The indicator, e.g. households paired',
    ],
    'projects[].outcomes[].unit': [
      '单位（可不填），如户、人、%',
      'Its unit (optional): 户, 人, % …',
    ],
    'projects[].outcomes[].target': [
      '目标值（不小于 0，可带小数）',
      'The target (0 or more, decimals allowed)',
    ],
    'projects[].outcomes[].actual': [
      '实际值（不小于 0，可带小数）',
      'What was reached (0 or more, decimals allowed)',
    ],
  },
  awards: {
    year: YEAR,
    awards: [
      '奖项、荣誉、评级、聘任（可不填；本年没有就删去或写 awards: []）',
      'Awards, honours, ratings, appointments (optional; none this year: leave it out or write awards: [])',
    ],
    'awards[]': ['一项荣誉', 'One award'],
    'awards[].name': ['名称', 'Its name'],
    'awards[].kind': [
      'award（奖项，默认）、honour（荣誉）、rating（评级）或 appointment（聘任）',
      'award (the default), honour, rating or appointment',
    ],
    'awards[].level': [
      '级别：national（国家级）、provincial（省级）、city（市级）、district（区级）或 sector（行业）',
      'Level: national, provincial, city, district or sector',
    ],
    'awards[].issuer': ['颁发单位（可不填）', 'Issued by (optional)'],
    'awards[].date': ['日期。' + DATE[0], 'Date. ' + DATE[1]],
    'awards[].project': [
      '获奖项目（可不填）：本年或以前年份的项目编号',
      'The project (optional): a project id of this or an earlier year',
    ],
    'awards[].work': [
      '获奖作品或案例，不是项目本身时填写（可不填）',
      'The work or case that won, when not the project itself (optional)',
    ],
    'awards[].recipient': [
      '获奖者：organization（机构，默认）或个人的岗位，如 总干事',
      'Recipient: organization (the default) or the role of the person, e.g. director',
    ],
    media: ['媒体报道（可不填）', 'Media coverage (optional)'],
    'media[]': ['一家媒体的报道', 'Coverage by one outlet'],
    'media[].outlet': ['媒体名称', 'The outlet'],
    'media[].programme': ['栏目（可不填）', 'The programme (optional)'],
    'media[].reports': ['报道次数，至少 1', 'Number of reports, at least 1'],
    'media[].project': PROJECT_REF,
    'media[].date': ['日期（可不填）。' + DATE[0], 'Date (optional). ' + DATE[1]],
  },
  narrative: {
    year: YEAR,
    title: [
      '报告标题；以 {{ 开头时要加引号，如 "{{year}}年度工作总结"',
      'The report’s title; put it in quotes when it starts with {{, e.g. "{{year}} annual report"',
    ],
    opening: ['综述（开篇总结）。' + MARKDOWN[0], 'The opening summary. ' + MARKDOWN[1]],
    sections: [
      '各部分，按顺序，至少一个；报告自动编号（一、二、……）',
      'The sections, in order, at least one; the report numbers them',
    ],
    'sections[]': ['一个部分', 'One section'],
    'sections[].id': [
      '部分编号；默认模板在 capacity、programmes、impact、shortcomings 中放入表格和图表',
      'Section id; the default template puts its tables and charts in capacity, programmes, impact and shortcomings',
    ],
    'sections[].title': ['标题（不写编号）', 'Title (without a number)'],
    'sections[].body': ['正文。' + MARKDOWN[0], 'Text. ' + MARKDOWN[1]],
    'sections[].subsections': ['小节（可不填）', 'Subsections (optional)'],
    'sections[].subsections[]': ['一个小节', 'One subsection'],
    'sections[].subsections[].title': ['小节标题', 'Subsection title'],
    'sections[].subsections[].body': ['正文。' + MARKDOWN[0], 'Text. ' + MARKDOWN[1]],
    'sections[].subsections[].project': [
      '项目编号（可不填）：报告附上该项目的服务数量和资助',
      'A project id (optional): the report adds that project’s services and funding',
    ],
    'sections[].subsections[].subsections': [
      '下一级小节（可不填，不能再嵌套）',
      'One more level of subsections (optional, no deeper)',
    ],
    'sections[].subsections[].subsections[]': ['一个小节', 'One subsection'],
    'sections[].subsections[].subsections[].title': ['小节标题', 'Subsection title'],
    'sections[].subsections[].subsections[].body': ['正文。' + MARKDOWN[0], 'Text. ' + MARKDOWN[1]],
    'sections[].subsections[].subsections[].project': [
      '项目编号（可不填）',
      'A project id (optional)',
    ],
    signature: ['落款', 'The signature'],
    'signature.date': ['落款日期。' + DATE[0], 'Date of the signature. ' + DATE[1]],
    'signature.name': [
      '落款名称（可不填）；优先于 organization.yaml 的 signatory，再次是机构全称',
      'Who signs (optional); comes before signatory in organization.yaml, then the organisation’s name',
    ],
    letter: [
      '理事长致辞（可不填）：印在目录之后的单独一页',
      'A letter from the chair (optional), printed on its own page after the contents',
    ],
    'letter.title': [
      '致辞标题（可不填，默认“理事长致辞”）',
      'The heading (optional, default “Letter from the chair”)',
    ],
    'letter.body': ['致辞正文。' + MARKDOWN[0], 'The letter. ' + MARKDOWN[1]],
    'letter.name': ['署名人', 'Who signs it'],
    'letter.role': ['署名人的职务，如理事长', 'As what they sign: Chair, Director …'],
    'letter.date': ['致辞日期。' + DATE[0], 'Date of the letter. ' + DATE[1]],
  },
  finance: {
    year: YEAR,
    expenditure: ['本年支出', 'The year’s expenditure'],
    'expenditure.total': [
      '全年支出合计（可不填）；填写时须等于各行之和。' + MONEY[0],
      'The year’s total expenditure (optional); when given it must equal the sum of the lines. ' +
        MONEY[1],
    ],
    'expenditure.lines': ['支出明细，至少一行', 'Expenditure lines, at least one'],
    'expenditure.lines[]': ['一笔支出', 'One expenditure line'],
    'expenditure.lines[].category': [
      '支出类别（《民间非营利组织会计制度》）：programme（业务活动成本）、management（管理费用）、fundraising（筹资费用）或 other（其他费用）',
      'Category (as in the NGO accounting rules): programme (业务活动成本), management (管理费用), fundraising (筹资费用) or other',
    ],
    'expenditure.lines[].item': [
      '类别下更细的名目，如 项目人员费用、办公场地（可不填）',
      'A finer line within the category, e.g. project staff, office rent (optional)',
    ],
    'expenditure.lines[].amount': MONEY,
    'expenditure.lines[].project': [
      '相关项目（可不填）：本年 projects.yaml 中的项目编号',
      'The project it was spent on (optional): a project id of the same year',
    ],
    net_assets: ['净资产（可不填）', 'Net assets (optional)'],
    'net_assets.start': [
      '年初净资产，可为负数，如 -12000 或 "-1.2万"（可不填）',
      'Net assets at the start of the year, may be negative, e.g. -12000 or "-1.2万" (optional)',
    ],
    'net_assets.end': [
      '年末净资产，可为负数（可不填）',
      'Net assets at the end of the year, may be negative (optional)',
    ],
    audit: ['审计（可不填）', 'The audit (optional)'],
    'audit.firm': ['会计师事务所名称', 'The audit firm'],
    'audit.opinion': [
      '审计意见：unqualified（标准无保留意见）、qualified（保留意见）、adverse（否定意见）或 disclaimer（无法表示意见）',
      'Audit opinion: unqualified, qualified, adverse or disclaimer',
    ],
    'audit.report_no': ['审计报告文号（可不填）', 'The audit report’s number (optional)'],
    'audit.date': [
      '审计报告日期（可不填）。' + DATE[0],
      'Date of the audit report (optional). ' + DATE[1],
    ],
    spending_rules: [
      '适用于本机构的法定支出规定；未达到时 report validate 给出警告，不影响生成报告（可不填）',
      'The legal spending rules that apply to the organisation; report validate warns when the year misses one, the report is still made (optional)',
    ],
    'spending_rules[]': ['一条支出规定', 'One spending rule'],
    'spending_rules[].rule': [
      'public_foundation（具有公开募捐资格的基金会：业务活动成本不低于上年总收入的 70%，管理费用不高于总支出的 10%）、public_charity（具有公开募捐资格的社会团体和社会服务机构：70% 和 13%）或 custom（自定）',
      'public_foundation (foundations with public fundraising status: programme costs at least 70% of last year’s income, management at most 10% of spending), public_charity (other organisations with that status: 70% and 13%) or custom',
    ],
    'spending_rules[].min_programme_vs_previous_income': [
      '业务活动成本至少占上年总收入的比例（可不填）：覆盖默认值；custom 只检查写出的比例。' +
        RATIO[0],
      'Programme costs at least this share of last year’s total income (optional): replaces the default; a custom rule checks only the shares written. ' +
        RATIO[1],
    ],
    'spending_rules[].max_management_share': [
      '管理费用至多占本年总支出的比例（可不填）：覆盖默认值；custom 只检查写出的比例。' + RATIO[0],
      'Management costs at most this share of the year’s expenditure (optional): replaces the default; a custom rule checks only the shares written. ' +
        RATIO[1],
    ],
    'spending_rules[].source': [
      '规定的出处，警告中会写出（可不填；custom 规定建议写上）',
      'Where the rule comes from, named in the warning (optional; worth writing for a custom rule)',
    ],
  },
  photos: {
    year: YEAR,
    photos: ['本年的照片（可不填）', 'The year’s photos (optional)'],
    'photos[]': ['一张照片', 'One photo'],
    'photos[].file': [
      '照片文件在数据文件夹中的路径，用 / 分隔，如 images/2024/garden.jpg；JPEG、PNG 或 WebP',
      'The photo’s path inside the data folder, with /, e.g. images/2024/garden.jpg; JPEG, PNG or WebP',
    ],
    'photos[].caption': ['图片说明，印在照片下方', 'The caption printed under the photo'],
    'photos[].alt': [
      '照片内容的文字说明，供读屏软件朗读（可不填，默认同图片说明）',
      'What the photo shows, for screen readers (optional, default the caption)',
    ],
    'photos[].credit': ['摄影者（可不填）', 'Who took it (optional)'],
    'photos[].section': [
      '放在正文哪一部分的末尾：narrative.yaml 中 sections 的 id（可不填；不填则放在正文之后的“影像记录”）',
      'The narrative section it is printed at the end of: a section id in narrative.yaml (optional; without it, the photo goes in the photo pages after the last section)',
    ],
    'photos[].project': ['照片对应的项目编号（可不填）', 'The project it shows, by id (optional)'],
    'photos[].consent': [
      '照片中的人同意发布（或无人可被辨认）时写 true；false 会被拒绝',
      'true when the people shown agreed to its publication (or no one can be recognised); false is refused',
    ],
    'photos[].minors': [
      '照片中有可辨认的未成年人时写 true（默认 false）',
      'true when children can be recognised in it (default false)',
    ],
    'photos[].guardian_consent': [
      '已取得监护人书面同意时写 true；minors 为 true 时必须写（默认 false）',
      'true when their guardians agreed in writing; required when minors is true (default false)',
    ],
  },
  people: {
    year: YEAR,
    volunteers: ['本年志愿者（可不填）', 'The year’s volunteers (optional)'],
    'volunteers.people': countText(
      '志愿者人数（可不填）；staff.yaml 也写了 volunteers 时须一致',
      'How many volunteers (optional); must agree with staff.yaml’s volunteers when both are given',
    ),
    'volunteers.hours': countText(
      '志愿服务时长（小时，可不填）',
      'Volunteer service hours (optional)',
    ),
    beneficiaries: ['本年服务对象（可不填）', 'The people served this year (optional)'],
    'beneficiaries.people': countText(
      '服务对象人数（可不填；不填时为各类之和）',
      'People served (optional; without it, the sum of the kinds)',
    ),
    'beneficiaries.person_times': countText(
      '服务人次（可不填；不填时为各类之和）',
      'Person-times (optional; without it, the sum of the kinds)',
    ),
    'beneficiaries.by_kind': [
      '按类别的服务对象（可不填）；都写了准确数时，合计须等于上面的总数',
      'The same by kind (optional); when all are exact, they must add up to the totals above',
    ],
    'beneficiaries.by_kind[]': ['一类服务对象', 'One kind of beneficiary'],
    'beneficiaries.by_kind[].kind': [
      '类别名称，如儿童、长者',
      'The kind, e.g. children, older people',
    ],
    'beneficiaries.by_kind[].people': countText(
      '这一类的人数（可不填）',
      'People of this kind (optional)',
    ),
    'beneficiaries.by_kind[].person_times': countText(
      '这一类的服务人次（可不填）',
      'Person-times of this kind (optional)',
    ),
  },
  timeline: {
    year: YEAR,
    events: [
      '本年大事，每条一个日期和一句话，至少一条；报告按日期排序',
      'The year’s main events, each a date and a line, at least one; the report puts them in date order',
    ],
    'events[]': ['一件大事', 'One event'],
    'events[].date': [
      '日期：可写到年、月或日。' + DATE[0],
      'Date: to the year, month or day. ' + DATE[1],
    ],
    'events[].event': ['发生了什么，一句话', 'What happened, in a line'],
  },
};

type JsonSchema = Record<string, unknown>;

const describeText = ([zh, en]: Bilingual) => `${zh}\n\n${en}`;

/** Adds the descriptions to the generated schema; returns the paths that have none. */
function addDescriptions(node: unknown, path: string, words: Record<string, Bilingual>): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const schema = node as JsonSchema;
  const missing: string[] = [];
  const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
  if (properties)
    for (const [key, child] of Object.entries(properties)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      const text = words[childPath];
      if (text) child['description'] = describeText(text);
      else missing.push(childPath);
      missing.push(...addDescriptions(child, childPath, words));
    }
  const items = schema['items'];
  if (items && typeof items === 'object') {
    const text = words[`${path}[]`];
    if (text) (items as JsonSchema)['description'] = describeText(text);
    missing.push(...addDescriptions(items, `${path}[]`, words));
  }
  const values = schema['additionalProperties'];
  if (values && typeof values === 'object') {
    const text = words[`${path}.*`];
    if (text) (values as JsonSchema)['description'] = describeText(text);
    else missing.push(`${path}.*`);
    missing.push(...addDescriptions(values, `${path}.*`, words));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    for (const branch of (schema[key] as unknown[] | undefined) ?? [])
      missing.push(...addDescriptions(branch, path, words));
  return missing;
}

/**
 * Fields a count or a date may be written as a mapping (`{value: 40, approx: over}`) have their
 * own inner properties; they are described once here, wherever they appear.
 */
const COUNT_PARTS: Record<string, Bilingual> = {
  value: ['数值', 'The number'],
  approx: [
    'over（余）、nearly（近）、about（约）或 null（准确数）',
    'over (余), nearly (近), about (约) or null (exact)',
  ],
};

/** The JSON Schema of one data file, with its title and every field described in both languages. */
export function dataFileJsonSchema(name: SchemaName): {
  schema: JsonSchema;
  undescribed: string[];
} {
  const source = SCHEMA_SOURCES[name];
  const generated = z.toJSONSchema(source.schema, { io: 'input', target: 'draft-2020-12' });
  const words: Record<string, Bilingual> = { ...DESCRIPTIONS[name] };
  // The long form of a count: `services.*.value`, `person_times.approx`…
  for (const [path, text] of Object.entries(DESCRIPTIONS[name]))
    if (text === COUNT || COUNTS.has(text) || path.endsWith('person_times'))
      for (const [part, partText] of Object.entries(COUNT_PARTS))
        words[`${path}.${part}`] = partText;
  const undescribed = addDescriptions(generated, '', words);
  const [zh, en] = TITLES[name];
  const { $schema, ...rest } = generated as JsonSchema;
  return {
    schema: { $schema, title: `${zh} · ${en}`, description: describeText(TITLES[name]), ...rest },
    undescribed,
  };
}

/** Every schema, as the text written to schemas/<name>.schema.json. */
export function jsonSchemaFiles(): { name: SchemaName; file: string; text: string }[] {
  return SCHEMA_NAMES.map((name) => ({
    name,
    file: schemaFileName(name),
    text: `${JSON.stringify(dataFileJsonSchema(name).schema, null, 2)}\n`,
  }));
}
