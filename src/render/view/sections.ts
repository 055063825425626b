/** The numbered sections of the narrative, their subsections and figures, and the contents. */
import type { Narrative } from '../../schema/files.js';
import { toChineseNumeral } from '../format.js';
import type { FactsView } from './facts.js';
import type { FigureView, FiguresAt } from './placement.js';
import { text, type Strings } from './strings.js';

export interface SubsectionView {
  anchor: string;
  heading: string;
  bodyHtml: string;
  facts: FactsView | null;
  subsections: SubsectionView[];
  figures: FigureView[];
}
export interface SectionView {
  id: string;
  anchor: string;
  heading: string;
  bodyHtml: string;
  subsections: SubsectionView[];
  figures: FigureView[];
}
export interface TocEntry {
  /** 1 a section (or the key-figures panel), 2 a subsection, 3 a subsection of that. */
  level: 1 | 2 | 3;
  anchor: string;
  label: string;
  /** Id of the element that shows the page number (filled in when the PDF is printed). */
  pageId: string;
}

/** The id of the key-figures panel's heading (partials/key-figures.hbs), listed first in the contents. */
export const KEY_FIGURES_ANCHOR = 'key-figures';

export interface SectionParts {
  strings: Strings;
  /** Markdown to HTML; its headings go below the given level. */
  markdown: (source: string, below: number) => string;
  facts: (project: string | undefined) => FactsView | null;
  figuresAt: FiguresAt;
}

export function buildSections(
  narrative: Narrative,
  parts: SectionParts,
): { sections: SectionView[]; toc: TocEntry[] } {
  const { strings, markdown: md, facts, figuresAt } = parts;
  const numeral = (n: number) =>
    text(strings, 'numerals') === 'chinese' ? toChineseNumeral(n) : String(n);
  // The key-figures panel opens the report (its heading carries the id KEY_FIGURES_ANCHOR).
  const toc: TocEntry[] = [
    {
      level: 1,
      anchor: KEY_FIGURES_ANCHOR,
      label: text(strings, 'keyFigures'),
      pageId: `page-of-${KEY_FIGURES_ANCHOR}`,
    },
  ];
  const entry = (level: TocEntry['level'], anchor: string, label: string) =>
    toc.push({ level, anchor, label, pageId: `page-of-${anchor}` });
  const sections = narrative.sections.map((section, i): SectionView => {
    const anchor = `section-${section.id}`;
    const heading = `${text(strings, 'sectionNumber', { n: numeral(i + 1) })}${section.title}`;
    entry(1, anchor, heading);
    const subsections = section.subsections.map((sub, j): SubsectionView => {
      const subAnchor = `${anchor}-${j + 1}`;
      // {section} and {sub}: the numbers above, for a locale whose numbers nest (1, 1.1, 1.1.1).
      const subHeading = `${text(strings, 'subsectionNumber', { section: i + 1, n: j + 1 })}${sub.title}`;
      entry(2, subAnchor, subHeading);
      return {
        anchor: subAnchor,
        heading: subHeading,
        bodyHtml: md(sub.body, 3),
        facts: facts(sub.project),
        subsections: sub.subsections.map((subsub, k) => {
          const subsubAnchor = `${subAnchor}-${k + 1}`;
          const number = text(strings, 'subsubsectionNumber', {
            section: i + 1,
            sub: j + 1,
            n: k + 1,
          });
          entry(3, subsubAnchor, `${number}${subsub.title}`);
          return {
            anchor: subsubAnchor,
            heading: `${number}${subsub.title}`,
            bodyHtml: md(subsub.body, 4),
            facts: facts(subsub.project),
            subsections: [],
            figures: [],
          };
        }),
        figures: figuresAt(section.id, j, section.subsections.length),
      };
    });
    return {
      id: section.id,
      anchor,
      heading,
      bodyHtml: md(section.body, 2),
      subsections,
      figures: figuresAt(section.id, null, section.subsections.length),
    };
  });
  return { sections, toc };
}
