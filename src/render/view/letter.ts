/**
 * 理事长致辞: narrative.yaml's `letter`, its prose rendered like the rest of the narrative
 * (figures quoted), its signatory and date under it. Null when the narrative has none, so a
 * report without a letter is exactly the report it was before.
 */
import type { Locale, Narrative } from '../../schema/files.js';
import { formatDate } from '../format.js';
import { partString } from './profile.js';
import type { Strings } from './strings.js';

export interface LetterView {
  anchor: string;
  heading: string;
  html: string;
  name: string;
  role: string;
  date: string;
}

export function buildLetter(
  narrative: Narrative,
  locale: Locale,
  strings: Strings,
  markdown: (source: string) => string,
): LetterView | null {
  const letter = narrative.letter;
  if (!letter) return null;
  return {
    anchor: 'letter',
    heading: letter.title ?? partString(strings, 'letter', 'heading'),
    html: markdown(letter.body),
    name: letter.name,
    role: letter.role,
    date: formatDate(letter.date, locale, 'long'),
  };
}
