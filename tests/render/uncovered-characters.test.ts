/** Graphemes the bundled fonts cannot draw: found for validation, replaced for print. */
import { describe, expect, it } from 'vitest';
import {
  findUncovered,
  PLACEHOLDER,
  replaceUncovered,
  type Covers,
} from '../../src/render/uncovered-characters.js';

// A stand-in for the fonts: ASCII, Latin-1 (é, but not the combining acute), ✓, □, 中文。
const covers: Covers = {
  ranges: [
    [0x20, 0x7e],
    [0xa0, 0xff],
    [0x2713, 0x2713],
    [0x25a1, 0x25a1],
    [0x3002, 0x3002],
    [0x4e2d, 0x4e2d],
    [0x6587, 0x6587],
  ],
};

describe('replaceUncovered', () => {
  it.each([
    ['a flag is one grapheme: one placeholder', '中🇨🇳文', `中${PLACEHOLDER}文`, ['🇨🇳']],
    ['a lone regional indicator', '中\u{1F1F3}。', `中${PLACEHOLDER}。`, ['\u{1F1F3}']],
    ['a ZWJ family', 'a👨‍👩‍👧b', `a${PLACEHOLDER}b`, ['👨‍👩‍👧']],
    ['an emoji with a skin-tone modifier', '👍🏽', PLACEHOLDER, ['👍🏽']],
    ['CJK Extension B', '中𠀀文', `中${PLACEHOLDER}文`, ['𠀀']],
    ['an emoji-style selector after a drawn character is dropped', '✓\uFE0F', '✓', []],
    ['a decomposed accent is composed (NFC)', 'e\u0301', 'é', []],
    ['joiners and zero-width spaces are kept', '中\u200B文\u200D', '中\u200B文\u200D', []],
    [
      'markup around a character stays intact',
      '<h2>中🇨🇳</h2>\n<p>\u{1F1F3}</p>',
      `<h2>中${PLACEHOLDER}</h2>\n<p>${PLACEHOLDER}</p>`,
      ['🇨🇳', '\u{1F1F3}'],
    ],
  ])('%s', (_name, text, printed, replaced) => {
    const result = replaceUncovered(text, covers);
    expect(result.text).toBe(printed);
    expect(result.replaced.map((r) => r.text)).toEqual(replaced);
  });

  it('returns text the fonts draw unchanged', () => {
    const text = '中文 ✓ é。'.repeat(1000);
    expect(replaceUncovered(text, covers)).toEqual({ text, replaced: [] });
  });
});

describe('findUncovered', () => {
  it('gives each grapheme with its offset and code points', () => {
    expect(findUncovered('中🇨🇳 \u{1F1F3}𠀀', covers)).toEqual([
      { index: 1, text: '🇨🇳', codePoints: 'U+1F1E8 U+1F1F3' },
      { index: 6, text: '\u{1F1F3}', codePoints: 'U+1F1F3' },
      { index: 8, text: '𠀀', codePoints: 'U+20000' },
    ]);
  });
});
