/**
 * The example data (data/) at k× its size, for the scaling curves (`--only scaling`): every
 * year's projects repeated k times (each copy a new id and name, the same counts and funders),
 * and the narrative's sections repeated k times (each copy a new id; a copy of a section about a
 * project is about that project's copy). Everything else (organisation, staff, income, awards)
 * is the example's, so the build does the same work per project and per paragraph, k times.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

/** Writes data/ scaled by `k` (an integer ≥ 1) to `dir`; returns the byte sizes of the 2015 files. */
export function writeScaledExample(from, dir, k) {
  cpSync(from, dir, { recursive: true });
  if (k === 1) return sizesOf(dir);
  for (const year of ['2012', '2013', '2014', '2015']) {
    const projectsFile = path.join(dir, year, 'projects.yaml');
    if (existsSync(projectsFile)) {
      const doc = parse(readFileSync(projectsFile, 'utf8'));
      const copies = [];
      for (let i = 1; i < k; i += 1)
        for (const p of doc.projects)
          copies.push({
            ...p,
            id: `${p.id}_${i}`,
            name: `${p.name}（${i}）`,
            ...(p.short_name ? { short_name: `${p.short_name}${i}` } : {}),
          });
      doc.projects.push(...copies);
      writeFileSync(projectsFile, stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }));
    }
    const narrativeFile = path.join(dir, year, 'narrative.yaml');
    if (existsSync(narrativeFile)) {
      const doc = parse(readFileSync(narrativeFile, 'utf8'));
      const sections = [...doc.sections];
      for (let i = 1; i < k; i += 1) for (const s of sections) doc.sections.push(copySection(s, i));
      writeFileSync(narrativeFile, stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }));
    }
  }
  return sizesOf(dir);
}

function copySection(section, i) {
  const copy = { ...section };
  if (copy.id) copy.id = `${copy.id}-${i}`;
  if (copy.title) copy.title = `${copy.title}（${i}）`;
  if (copy.project) copy.project = `${copy.project}_${i}`;
  if (copy.subsections) copy.subsections = copy.subsections.map((s) => copySection(s, i));
  return copy;
}

function sizesOf(dir) {
  const size = (f) => readFileSync(path.join(dir, '2015', f)).length;
  return { projects: size('projects.yaml'), narrative: size('narrative.yaml') };
}
