/**
 * A printer that keeps its page from print to print (what `report preview --pdf` uses) prints
 * the same bytes as a fresh page, print after print, and stays locked down: a page that tries
 * to load something from the network is refused on the kept page as on the first.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createPrinter } from '../../src/infra/chromium-printer.js';
import { CHROMIUM, htmlDoc, sampleMeta } from './print-helpers.js';

// A table with header cells: Chromium names their structure elements after DOM node ids.
const TABLE = htmlDoc(
  `<h1>收入</h1><table><thead><tr><th>来源</th><th>金额</th></tr></thead>
   <tbody><tr><td>政府</td><td>150000</td></tr><tr><td>基金会</td><td>50000</td></tr></tbody></table>`,
);
const FETCHES = htmlDoc(`<p>图</p><img src="http://example.com/x.png" alt="x">`);

const fresh = createPrinter({ executablePath: CHROMIUM });
const kept = createPrinter({ executablePath: CHROMIUM, keepPage: true });
afterAll(async () => {
  await fresh.close();
  await kept.close();
});

describe('a printer that keeps its page', () => {
  it('prints the bytes a fresh page prints, again and again, and stays locked down', async () => {
    const expected = Buffer.from((await fresh.print({ html: TABLE, metadata: sampleMeta })).pdf);
    for (let i = 0; i < 3; i += 1) {
      const printed = await kept.print({ html: TABLE, metadata: sampleMeta });
      expect(Buffer.from(printed.pdf).equals(expected), `print ${i + 1}`).toBe(true);
      const refused = await kept.print({ html: FETCHES, metadata: sampleMeta });
      expect(refused.blocked.map((b) => b.url)).toEqual(['http://example.com/x.png']);
    }
  });
});
