/**
 * Generated data for the benchmark, written as the YAML files a user would keep: the data comes
 * from tests/support/generate-dataset.ts (loaded through tsx, so the TypeScript source is the
 * single generator), counts and money written back in the forms staff write ("40余", 545000).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { stringify } from 'yaml';

let generator;
/** generateDataset({ years, projectsPerYear, firstYear?, seed? }) → Dataset (normalised values). */
export async function generateDataset(options) {
  generator ??= await tsImport('../../tests/support/generate-dataset.ts', import.meta.url);
  return generator.generateDataset(options);
}

const APPROX_TEXT = { over: (v) => `${v}余`, nearly: (v) => `近${v}`, about: (v) => `约${v}` };

/** A normalised count back to what a data file says: 40, "40余", "近40", "约40". */
function rawCount(count) {
  return count.approx === null ? count.value : APPROX_TEXT[count.approx](count.value);
}

function rawProject(project) {
  const { services, person_times: personTimes, ...rest } = project;
  return {
    ...rest,
    services: Object.fromEntries(Object.entries(services).map(([k, c]) => [k, rawCount(c)])),
    ...(personTimes ? { person_times: rawCount(personTimes) } : {}),
  };
}

/** A narrative in the shape of the example's: six sections, figures referenced, highlights told. */
export function narrativeFor(yearData) {
  const year = yearData.year;
  const highlights = yearData.projects.projects.filter((p) => p.highlight).slice(0, 4);
  const featured = highlights.length > 0 ? highlights : yearData.projects.projects.slice(0, 2);
  const paragraph = (topic) =>
    `${topic}方面，机构继续完善制度建设，按照年度计划推进各项工作，` +
    `加强与政府部门、基金会和社区的合作，提升专业服务水平与服务质量。`;
  return {
    year,
    title: `${year} 年度工作总结`,
    opening:
      `${year}年，机构收入{{income.total}}，在{{districts}}开展项目{{projects.active}}个，` +
      `全年服务{{person_times.total}}。\n\n${paragraph('总体')}\n`,
    sections: [
      {
        id: 'governance',
        title: '机构治理',
        body: `${paragraph('治理')}\n\n${paragraph('财务')}\n`,
      },
      {
        id: 'capacity',
        title: '能力建设',
        body: `机构现有员工{{staff.headcount}}人。\n\n${paragraph('培训')}\n`,
      },
      {
        id: 'programmes',
        title: '项目服务',
        body: `全年开展服务{{services.total}}。\n`,
        subsections: featured.map((p) => ({
          title: p.name,
          project: p.id,
          body: `${paragraph(p.name)}\n`,
        })),
      },
      {
        id: 'impact',
        title: '社会影响',
        body: `累计服务{{person_times.cumulative}}，获得荣誉{{awards.count}}项。\n`,
      },
      { id: 'shortcomings', title: '不足与反思', body: `${paragraph('反思')}\n` },
      { id: 'plans', title: '来年计划', body: `${paragraph('规划')}\n` },
    ],
    signature: { date: `${year}-12-31` },
  };
}

const dump = (value) => stringify(value, { lineWidth: 0 });

/**
 * Writes `dataset` under `dir` (organization.yaml, <year>/*.yaml); with `narratives`, every year
 * gets a narrative.yaml so `build --all` builds them all. Returns the bytes written per file.
 */
export async function writeDataFolder(dir, dataset, { narratives = false } = {}) {
  const sizes = {};
  const put = async (file, value) => {
    const text = dump(value);
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
    sizes[file] = Buffer.byteLength(text);
  };
  await put('organization.yaml', dataset.organization);
  for (const y of dataset.years) {
    await put(`${y.year}/income.yaml`, y.income);
    await put(`${y.year}/staff.yaml`, y.staff);
    await put(`${y.year}/projects.yaml`, {
      year: y.year,
      projects: y.projects.projects.map(rawProject),
    });
    await put(`${y.year}/awards.yaml`, y.awards);
    if (narratives) await put(`${y.year}/narrative.yaml`, narrativeFor(y));
  }
  return sizes;
}

/** One year whose projects.yaml is about `bytes` long (the project count is scaled to fit). */
export async function writeLargeProjectsFolder(dir, bytes) {
  const sample = await generateDataset({ years: 1, projectsPerYear: 200, firstYear: 2015 });
  const perProject =
    Buffer.byteLength(
      dump({ year: 2015, projects: sample.years[0].projects.projects.map(rawProject) }),
    ) / 200;
  const projectsPerYear = Math.round(bytes / perProject);
  const dataset = await generateDataset({ years: 1, projectsPerYear, firstYear: 2015 });
  const sizes = await writeDataFolder(dir, dataset);
  return { projectsPerYear, sizes };
}
