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
  level: 1 | 2;
  anchor: string;
  label: string;
  /** Id of the element that shows the page number (filled in when the PDF is printed). */
  pageId: string;
}

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
  const toc: TocEntry[] = [];
  const sections = narrative.sections.map((section, i): SectionView => {
    const anchor = `section-${section.id}`;
    const heading = `${text(strings, 'sectionNumber', { n: numeral(i + 1) })}${section.title}`;
    toc.push({ level: 1, anchor, label: heading, pageId: `page-of-${anchor}` });
    const subsections = section.subsections.map((sub, j): SubsectionView => {
      const subAnchor = `${anchor}-${j + 1}`;
      const subHeading = `${text(strings, 'subsectionNumber', { n: j + 1 })}${sub.title}`;
      toc.push({ level: 2, anchor: subAnchor, label: subHeading, pageId: `page-of-${subAnchor}` });
      return {
        anchor: subAnchor,
        heading: subHeading,
        bodyHtml: md(sub.body, 3),
        facts: facts(sub.project),
        subsections: sub.subsections.map((subsub, k) => ({
          anchor: `${subAnchor}-${k + 1}`,
          heading: `${text(strings, 'subsubsectionNumber', { n: k + 1 })}${subsub.title}`,
          bodyHtml: md(subsub.body, 4),
          facts: facts(subsub.project),
          subsections: [],
          figures: [],
        })),
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
