/**
 * The starter data folder in Chinese: every value an obvious placeholder (某某, 示例), every
 * field explained in a comment, and a narrative that cites the computed figures, so the folder
 * validates and builds as it is and each line shows what to replace.
 */
import type { StarterText } from './starter.js';

export const starterZh: StarterText = {
  readme: ({ year, dataDir }) => `# 年度报告数据

这个文件夹由 \`report init\` 生成，里面的机构名称、金额、项目等都是**占位内容**（“某某”“示例”），
请逐个改成贵机构的真实信息。

- \`organization.yaml\`：机构信息（名称、成立日期、项目类别、服务类型及单位），只写一次。
- \`${year}/\`：${year} 年的数据，每年一个文件夹，文件夹名为四位年份：
  - \`income.yaml\` 收入、\`staff.yaml\` 人员、\`projects.yaml\` 项目（必需）；
  - \`awards.yaml\` 荣誉与媒体报道、\`narrative.yaml\` 报告正文（可选；要出报告的年份需要 narrative.yaml）。
- 往年的数据也请各建一个文件夹（复制 \`${year}/\` 再修改），增长率和累计数字要用到。某一年没有数据，就不要建这一年的文件夹。

常用命令（在本文件夹的上一级运行）：

\`\`\`sh
report validate --data ${dataDir}                    # 检查数据，逐条列出问题所在的文件、行、列
report build ${year} --data ${dataDir}               # 生成 out/${year}/report.html 和 report.pdf
report build ${year} --data ${dataDir} --format html # 只生成网页版（不需要浏览器）
\`\`\`

用 VS Code 编辑时，请安装它推荐的 YAML 扩展（Red Hat 的 YAML），输入字段时会有补全和说明，写错的
字段名会标红。编辑器读取每个文件第一行 \`# yaml-language-server: $schema=…\` 指向的说明文件，它们随
\`ngo-annual-report\` 安装在 \`node_modules\` 中：请在本文件夹的上一级运行
\`npm install ngo-annual-report\`。
`,

  organization: ({ schema, year }) => `${schema}
# 机构信息：每个机构只写一次。“某某”“示例”都是占位内容，请改成贵机构的真实信息。
# 写法：每行“字段: 值”，冒号后空一格；缩进只用空格，不用 Tab；# 之后是注释，不影响数据。
# 各字段的说明见 docs/data-format.md；改完运行 report validate 检查。

name: 某某社会工作服务中心 # 机构全称，印在封面上
short_name: 某某社工 # 简称（可删去）
founded: ${year - 3}-01 # 成立日期：写成 ${year - 3}、${year - 3}-01 或 ${year - 3}-01-15
locale: zh-CN # 报告的语言：zh-CN（中文）或 en（英文）
# 落款单位：不写则用机构全称；narrative.yaml 中的 signature.name 优先于这里
# signatory: 某某社会工作服务中心

vocabularies:
  # 项目类别：id 是编号（小写英文字母、数字、- 和 _，各年保持不变），label 是报告中显示的名称
  project_categories:
    - { id: children, label: 儿童服务类 }
    - { id: elderly, label: 长者服务类 }

  # 服务类型及其单位：projects.yaml 的 services 中只写数字，单位取自这里
  # （例如 group_work: 12 印成“12节”）
  activity_types:
    - { id: group_work, label: 小组活动, unit: 节 }
    - { id: casework, label: 个案辅导, unit: 节 }
    - { id: community_event, label: 社区活动, unit: 场 }

  # 资金来源类型：不写就用默认的六种：government 政府资助、foundation 基金会资助、
  # corporate 企业捐赠、donations 个人捐赠、service_fees 服务收费、other 其他收入。
  # 写了则以这里为准，例如：
  # funding_kinds:
  #   - { id: government, label: 政府资助 }
  #   - { id: foundation, label: 基金会资助 }
`,

  income: ({ schema, year }) => `${schema}
# ${year} 年的收入：每个资金来源写一行。金额以元为单位：100000，或加引号写 "10万"。
# 下面的来源和金额都是示例，请改成真实数字。

year: ${year} # 与文件夹的年份相同
# 全年合计（可不填）；填写时必须等于下面各行之和
# total: 150000
lines:
  - source: 某某区民政局（示例） # 资金来源
    kind: government # 资金来源类型（见 organization.yaml）
    amount: 100000 # 金额（元）
    project: example-children # 资助的项目（可删去），写 projects.yaml 中的项目编号
  - source: 某某基金会（示例）
    kind: foundation
    amount: "3万"
    project: example-elderly
  - source: 个人捐赠（示例）
    kind: donations
    amount: 20000
`,

  staff: ({ schema, year }) => `${schema}
# ${year} 年的人员：写 headcount（人数）或 members（每人一项），二选一。

year: ${year}
headcount: 3 # 专职人员数（示例）
# 或者逐个列出（与 headcount 同时写时人数必须一致）：
# members:
#   - { role: 总干事, joined: ${year - 3}-01 }
#   - { role: 社工, joined: ${year}-03, full_time: false }
volunteers: 10 # 志愿者人数（可不填：不知道就删掉这一行，不要写 0 或 –）
`,

  projects: ({ schema, year }) => `${schema}
# ${year} 年的项目，每个项目一项（以“- ”开头）。下面两个项目都是示例。
# 项目编号 id 各年保持不变：同一个编号就是同一个项目，累计数字靠它计算。

year: ${year}
projects:
  - id: example-children # 编号：小写英文字母、数字、- 和 _
    name: 某某社区儿童成长计划（示例） # 项目全称
    short_name: 儿童成长（示例） # 简称，用于表格和图表（可删去）
    category: children # 项目类别（见 organization.yaml）
    role: operated # operated 承接运营，assisted 协助运营
    status: new # new 新增，ongoing 持续，completed 结项，renewed 续签
    start: ${year}-03 # 开始日期（可删去）
    funders: # 资助方（可删去）
      - { name: 某某区民政局（示例）, kind: government, amount: 100000 }
    # 服务数量：只写数字，单位由 organization.yaml 中的服务类型决定。
    # 可写 12、"20余"、"近20"、"约20"，不要写“20余节”
    services:
      group_work: 12
      casework: "20余"
    person_times: "约300" # 服务人次：只写数字，不写“人次”
    districts: [某某区] # 服务地区
    highlight: true # true：报告中单列一小节
    summary: 为社区儿童提供小组活动和个案辅导（示例文字，请改写）。

  - id: example-elderly
    name: 某某长者关爱项目（示例）
    category: elderly
    role: assisted
    status: new
    funders:
      - { name: 某某基金会（示例）, kind: foundation, amount: "3万" }
    services:
      community_event: 4
    person_times: 120
    districts: [某某区]
`,

  awards: ({ schema, year }) => `${schema}
# ${year} 年的荣誉与媒体报道（整个文件可删去）。本年没有荣誉时写 awards: []，
# 报告中就不出现荣誉表。下面都是示例。

year: ${year}
awards:
  - name: 某某区优秀社会组织（示例） # 名称
    kind: honour # award 奖项，honour 荣誉，rating 评级，appointment 聘任
    level: district # national 国家级，provincial 省级，city 市级，district 区级，sector 行业
    issuer: 某某区民政局（示例） # 颁发单位（可删去）
    date: ${year}-12 # 日期
media:
  - outlet: 某某日报（示例） # 媒体
    reports: 1 # 报道次数
    project: example-children # 相关项目（可删去）
`,

  narrative: ({ schema, year }) => `${schema}
# ${year} 年报告的正文。文字是 Markdown：空行分段，**加粗**。
# {{…}} 会换成根据数据算出的数字（如 {{income.total}} 印成“15万元”），可引用的数字见
# docs/figures.md；改了 income.yaml 等文件，正文中的数字随之改变。
# 以 {{ 开头的一行文字要加引号，如 title: "{{year}}年度工作报告"。
# 下面的文字都是示例，请改写。

year: ${year}
title: ${year}年度工作报告

# 综述（开篇总结）
opening: |
  （示例文字，请改写。）{{year}}年，{{org.name}}运营项目{{projects.active}}个，全年收入{{income.total}}，开展直接服务{{services.total}}，服务{{person_times.total}}。

# 各部分，按顺序；报告自动编号（一、二、……），标题不写编号。
# 默认模板在 capacity、programmes、impact、shortcomings 四个部分中放入表格和图表。
sections:
  - id: capacity
    title: 组织建设
    subsections:
      - title: 机构收入
        body: |
          {{year}}年机构收入{{income.total}}，其中政府资助占{{income.government_share}}。
      - title: 人员队伍
        body: |
          机构现有专职人员{{staff.headcount}}名，志愿者{{staff.volunteers}}名。

  - id: programmes
    title: 项目开展
    body: |
      本年度运营项目{{projects.active}}个，其中新增项目{{projects.new}}个。
    subsections:
      - title: 某某社区儿童成长计划（示例）
        project: example-children # 报告在这一小节附上该项目的服务数量和资助
        body: |
          项目开展小组活动{{services.example-children.group_work}}、个案辅导{{services.example-children.casework}}。

  - id: impact
    title: 社会影响
    body: |
      本年度机构获得荣誉{{awards.count}}项，媒体报道{{media.reports}}次。

  - id: shortcomings
    title: 不足与展望
    subsections:
      - title: 资金来源
        body: |
          机构资金来源仍较单一，下一年将努力拓展基金会和社会捐赠。

signature:
  date: ${year}-12-31 # 落款日期
  # name: 某某社会工作服务中心 # 落款名称（可不填）：优先于 organization.yaml 的 signatory，再次为机构全称
`,
};
