/**
 * The starter data folder in English: the same files as starter-zh.ts, every value an obvious
 * placeholder ("Example …"), every field explained in a comment.
 */
import type { StarterText } from './starter.js';

export const starterEn: StarterText = {
  readme: ({ year, dataDir }) => `# Annual report data

This folder was made by \`report init\`. The organisation's name, the amounts, the projects are
**placeholders** ("Example …"): replace each with your organisation's own.

- \`organization.yaml\`: the organisation (name, founding date, project categories, kinds of
  service and their units), written once.
- \`${year}/\`: the data of ${year}; one folder per year, named by the four-digit year:
  - \`income.yaml\`, \`staff.yaml\`, \`projects.yaml\` (required);
  - \`awards.yaml\` (awards and media) and \`narrative.yaml\` (the report's text) (optional; a
    year needs narrative.yaml to have a report).
- Add a folder for each past year too (copy \`${year}/\` and edit it): growth rates and
  cumulative figures need them. A year without data has no folder.

Commands (run them from the folder above this one):

\`\`\`sh
report validate --data ${dataDir}                    # check the data; each problem with file, line and column
report build ${year} --data ${dataDir}               # out/${year}/report.html and report.pdf
report build ${year} --data ${dataDir} --format html # the HTML only (no browser needed)
\`\`\`

In VS Code, install the YAML extension it recommends (Red Hat's YAML): fields are completed
and explained as you type, and a misspelt field is underlined. The editor reads the schema
named on the first line of each file (\`# yaml-language-server: $schema=…\`); the schemas come
with \`ngo-annual-report\` in \`node_modules\`: run \`npm install ngo-annual-report\` in the
folder above this one.
`,

  organization: ({ schema, year }) => `${schema}
# The organisation, written once. Everything marked "Example" is a placeholder: replace it.
# One "field: value" per line, a space after the colon; indent with spaces, never tabs;
# text after # is a comment. Every field is described in docs/data-format.md; run
# report validate after editing.

name: Example Community Services Centre # full name, printed on the cover
short_name: Example Centre # short name (optional)
founded: ${year - 3}-01 # founding date: ${year - 3}, ${year - 3}-01 or ${year - 3}-01-15
locale: en # language of the report: en (English) or zh-CN (Chinese)
# Who signs the report: the name above when left out; signature.name in narrative.yaml
# comes first.
# signatory: Example Community Services Centre

vocabularies:
  # Project categories: id (lower-case letters, digits, - and _, the same every year) and the
  # label shown in the report
  project_categories:
    - { id: children, label: Children and youth }
    - { id: elderly, label: Older people }

  # Kinds of service with their unit: services in projects.yaml are numbers only and take
  # their unit from here (group_work: 12 prints as "12 sessions")
  activity_types:
    - { id: group_work, label: Group work, unit: sessions }
    - { id: casework, label: Casework, unit: sessions }
    - { id: community_event, label: Community events, unit: events }

  # Funding kinds: when left out, the six default ones: government, foundation, corporate,
  # donations, service_fees, other. A list here replaces them, e.g.:
  # funding_kinds:
  #   - { id: government, label: Government }
  #   - { id: foundation, label: Foundations }
`,

  income: ({ schema, year }) => `${schema}
# Income of ${year}: one line per source. Amounts in whole yuan: 100000, or in quotes "10万".
# The sources and amounts below are examples: replace them.

year: ${year} # the same year as the folder
# The year's total (optional); when given, it must equal the sum of the lines
# total: 150000
lines:
  - source: Example District Civil Affairs Bureau # who paid
    kind: government # funding kind (see organization.yaml)
    amount: 100000 # amount in yuan
    project: example-children # the project it funds (optional): a project id of projects.yaml
  - source: Example Foundation
    kind: foundation
    amount: "3万"
    project: example-elderly
  - source: Individual donors (example)
    kind: donations
    amount: 20000
`,

  staff: ({ schema, year }) => `${schema}
# Staff of ${year}: write headcount (a number) or members (one item per person).

year: ${year}
headcount: 3 # number of staff (example)
# or list them (when both are given, the numbers must agree):
# members:
#   - { role: Director, joined: ${year - 3}-01 }
#   - { role: Social worker, joined: ${year}-03, full_time: false }
volunteers: 10 # number of volunteers (optional: when unknown, delete the line; do not write 0 or –)
`,

  projects: ({ schema, year }) => `${schema}
# Projects of ${year}, one item each (starting with "- "). Both projects below are examples.
# A project keeps its id every year: the same id is the same project.

year: ${year}
projects:
  - id: example-children # id: lower-case letters, digits, - and _
    name: Example Children's Growth Programme # full name
    short_name: Children (example) # short name for tables and charts (optional)
    category: children # project category (see organization.yaml)
    role: operated # operated (run by us) or assisted (supported)
    status: new # new, ongoing, completed or renewed
    start: ${year}-03 # start date (optional)
    funders: # funders (optional)
      - { name: Example District Civil Affairs Bureau, kind: government, amount: 100000 }
    # Service counts: numbers only, the unit comes from the activity type in organization.yaml.
    # Write 12, "20余" (over 20), "近20" (nearly 20) or "约20" (about 20), never "20 sessions"
    services:
      group_work: 12
      casework: "20余"
    person_times: "约300" # people served: the number only
    districts: [Example District] # where
    highlight: true # true: the project gets its own subsection in the report
    summary: Group work and casework for children of the neighbourhood (example text, rewrite it).

  - id: example-elderly
    name: Example Elderly Care Project
    category: elderly
    role: assisted
    status: new
    funders:
      - { name: Example Foundation, kind: foundation, amount: "3万" }
    services:
      community_event: 4
    person_times: 120
    districts: [Example District]
`,

  awards: ({ schema, year }) => `${schema}
# Awards and media coverage of ${year} (this whole file may be deleted). With no awards this
# year, write awards: [] and the report has no awards table. Everything below is an example.

year: ${year}
awards:
  - name: Example District Outstanding Organisation # its name
    kind: honour # award, honour, rating or appointment
    level: district # national, provincial, city, district or sector
    issuer: Example District Civil Affairs Bureau # who gave it (optional)
    date: ${year}-12 # date
media:
  - outlet: Example Daily # the outlet
    reports: 1 # number of reports
    project: example-children # the project (optional)
`,

  narrative: ({ schema, year }) => `${schema}
# The text of the ${year} report. Text is Markdown: a blank line between paragraphs, **bold**.
# {{…}} is replaced with a figure computed from the data ({{income.total}} prints the year's
# income); the figures are listed in docs/figures.md, and they change with income.yaml and the
# other files. A line of text that starts with {{ needs quotes: title: "{{year}} report".
# The text below is an example: rewrite it.

year: ${year}
title: Annual Report ${year}

# The opening summary
opening: |
  (Example text, rewrite it.) In {{year}}, {{org.name}} ran {{projects.active}} projects with an income of {{income.total}}, delivering {{services.total}} of direct services to {{person_times.total}}.

# The sections, in order; the report numbers them, so the titles carry no numbers.
# The default template puts its tables and charts in capacity, programmes, impact and shortcomings.
sections:
  - id: capacity
    title: Our organisation
    subsections:
      - title: Income
        body: |
          Our income in {{year}} was {{income.total}}, {{income.government_share}} of it from government.
      - title: Staff
        body: |
          We have {{staff.headcount}} staff and {{staff.volunteers}} volunteers.

  - id: programmes
    title: Our projects
    body: |
      We ran {{projects.active}} projects this year, {{projects.new}} of them new.
    subsections:
      - title: Example Children's Growth Programme
        project: example-children # the report adds this project's services and funding here
        body: |
          The project held {{services.example-children.group_work}} of group work and {{services.example-children.casework}} of casework.

  - id: impact
    title: Our impact
    body: |
      We received {{awards.count}} awards and honours; the media reported on our work {{media.reports}} times.

  - id: shortcomings
    title: Looking ahead
    subsections:
      - title: Funding
        body: |
          Most of our funding comes from one source; next year we will seek foundations and donors.

signature:
  date: ${year}-12-31 # date of the signature
  # name: Example Community Services Centre # who signs (optional): comes before signatory in organization.yaml, then the name
`,
};
