/** The tool serves any organisation: an English one gets an English report, same rigour. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { poppler, runCli, tempDir } from './cli.js';

describe('an organisation whose locale is en', () => {
  it('gets an English report: labels, money, dates, numbering, no Chinese left from the template', async () => {
    const dir = tempDir('english');
    const result = await runCli(['build', '2015'], {
      cwd: dir,
      env: { SOURCE_DATE_EPOCH: '1451520000' },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const html = readFileSync(join(dir, 'out/2015/report.html'), 'utf8');
    expect(html).toMatch(/<html lang="en">/);
    const text = poppler('pdftotext', join(dir, 'out/2015/report.pdf')).replace(/\s+/g, ' ');
    for (const phrase of [
      'Riverside Community Trust',
      'Annual Report 2015',
      '31 December 2015',
      'Contents',
      'The year at a glance',
      'In 2015 our income reached ¥200,000, 33.3% more than the year before.',
      '1. Our capacity',
      'Income grew to ¥200,000; 75.0% came from government.',
      'Volunteers made 40+ visits to older neighbours.',
      'Youth 1 · Older people 1',
      'Table 1 Income 2014–2015',
      'Figure 1 Income 2014–2015 by source',
    ]) {
      expect(text).toContain(phrase);
    }
    // Everything the template and the tool add is English; the data has no Chinese either.
    expect(text).not.toMatch(/[\u3400-\u9fff]/);
    const alts = [...html.matchAll(/ alt="([^"]*)"/g)].map((m) => m[1]).join(' ');
    expect(alts).toContain('Government');
    expect(alts).not.toMatch(/[\u3400-\u9fff]/);
  });

  it('validates with English messages', async () => {
    const dir = tempDir('english');
    const result = await runCli(['validate'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('data valid: 2 years, 2 projects');
  });
});

describe('report build --all', () => {
  it('builds every year that has a narrative with one command', async () => {
    const dir = tempDir('english');
    const narrative = readFileSync(join(dir, 'data/2015/narrative.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'data/2014/narrative.yaml'),
      narrative
        .replace('year: 2015', 'year: 2014')
        .replace(
          /Good Neighbours[\s\S]*?home_visit\}\} to older neighbours\.\n/,
          'Homework Club\n        body: Started.\n',
        )
        .replace('2015-12-31', '2014-12-31')
        .replace('Annual Report 2015', 'Annual Report 2014'),
    );
    writeFileSync(join(dir, 'data/2013.txt'), 'not a year folder');
    const result = await runCli(['build', '--all'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^2014: out\/2014\/report\.html, out\/2014\/report\.pdf \(\d+ pages\)$/m,
    );
    expect(result.stdout).toMatch(
      /^2015: out\/2015\/report\.html, out\/2015\/report\.pdf \(\d+ pages\)$/m,
    );
    expect(poppler('pdftotext', join(dir, 'out/2014/report.pdf'))).toContain('Annual Report 2014');
  });
});
