/**
 * Progress of a build: the pipeline tells its progress port of each stage (a fake records the
 * events), and the terminal reporter shows them on stderr: plain lines in CI or when stderr is
 * not a terminal, one redrawn line on a terminal, one line per year with --all, nothing with
 * --quiet; stdout keeps only the results.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { terminalProgress } from '../../src/cli/progress.js';
import type { ProgressEvent } from '../../src/ports.js';
import { fakePrinter, FIXTURES, harness } from '../pipeline/fakes.js';
import { fakeIo } from '../support/fake-io.js';

/** What the fake progress port heard, as `start validate`, `end print 2015`, `year 2015`. */
function recorder() {
  const events: string[] = [];
  const progress = (e: ProgressEvent) =>
    void events.push(
      e.kind === 'year'
        ? `year ${e.year}`
        : [e.kind, e.stage, e.year, e.pass].filter((x) => x !== undefined).join(' '),
    );
  return { events, progress };
}

describe('the pipeline tells its progress port of each stage', () => {
  it('a first PDF build: validate, charts, layout, print with a contents pass, then the write', async () => {
    const { events, progress } = recorder();
    await harness({ deps: { progress } }).run();
    expect(events).toEqual([
      'start validate',
      'end validate',
      'start charts 2015',
      'end charts 2015',
      'start render 2015',
      'end render 2015',
      'start print 2015',
      // No page numbers yet: the contents page is filled in and the page printed again.
      'start contents 2015 1',
      'end contents 2015 1',
      'end print 2015',
      'year 2015',
      'start write',
      'end write',
    ]);
  });

  it('HTML only: no print stage', async () => {
    const { events, progress } = recorder();
    await harness({ options: { formats: new Set(['html']) }, deps: { progress } }).run();
    expect(events.filter((e) => /print|contents/.test(e))).toEqual([]);
    expect(events.at(-1)).toBe('end write');
  });

  it('a failed print ends no stage and writes nothing', async () => {
    const { events, progress } = recorder();
    const { ReportError } = await import('../../src/errors.js');
    const printer = fakePrinter({ fail: new ReportError('BROWSER_FAILED', 'crashed') });
    await expect(harness({ printer, deps: { progress } }).run()).rejects.toThrow('crashed');
    expect(events).toContain('start print 2015');
    expect(events).not.toContain('end print 2015');
    expect(events).not.toContain('start write');
  });
});

const run2015: ProgressEvent[] = [
  { kind: 'start', stage: 'validate' },
  { kind: 'end', stage: 'validate' },
  { kind: 'start', stage: 'charts', year: 2015 },
  { kind: 'end', stage: 'charts', year: 2015 },
  { kind: 'start', stage: 'print', year: 2015 },
  { kind: 'start', stage: 'contents', year: 2015, pass: 1 },
  { kind: 'end', stage: 'contents', year: 2015, pass: 1 },
  { kind: 'end', stage: 'print', year: 2015 },
  { kind: 'year', year: 2015, pages: 12 },
  { kind: 'start', stage: 'write' },
  { kind: 'end', stage: 'write' },
];

/** The events shown one by one, the clock half a second further at each. */
function show(
  events: ProgressEvent[],
  io: ReturnType<typeof fakeIo>,
  lang: 'zh-CN' | 'en',
  all = false,
) {
  let now = 0;
  const progress = terminalProgress(io.io, lang, { all, now: () => now });
  for (const event of events) {
    now += 500;
    progress.report(event);
  }
  progress.close();
  return io.stderr();
}

describe('the terminal reporter', () => {
  it('in CI: a plain line as each stage starts and ends, with the time since the start, in Chinese', () => {
    const io = fakeIo('/');
    io.io.env = { CI: 'true' };
    io.io.stderrIsTTY = true;
    const lines = show(run2015, io, 'zh-CN').split('\n');
    expect(lines).toEqual([
      '[0.5 秒] 检查数据……',
      '[1.0 秒] 检查数据：完成，用时 0.5 秒',
      '[1.5 秒] 2015 年 绘制图表……',
      '[2.0 秒] 2015 年 绘制图表：完成，用时 0.5 秒',
      '[2.5 秒] 2015 年 打印 PDF……',
      '[3.0 秒] 2015 年 填写目录页码（第 1 遍）……',
      '[3.5 秒] 2015 年 填写目录页码（第 1 遍）：完成，用时 0.5 秒',
      '[4.0 秒] 2015 年 打印 PDF：完成，用时 1.5 秒',
      '[4.5 秒] 2015 年的报告已完成（12 页），用时 3.0 秒',
      '[5.0 秒] 写入文件……',
      '[5.5 秒] 写入文件：完成，用时 0.5 秒',
      '',
    ]);
    expect(io.stdout()).toBe('');
  });

  it('stderr not a terminal: plain lines too, in English for an English reader', () => {
    const io = fakeIo('/');
    const text = show(run2015, io, 'en');
    expect(text).toMatch(
      /^\[0\.5 s\] checking the data…\n\[1\.0 s\] checking the data: done in 0\.5 s\n/,
    );
    expect(text).toMatch(/\] 2015 printing the PDF: done in \d\.\d s\n/);
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toContain('\r');
  });

  it('--all: the years’ stages are left out, one line says when each year is done', () => {
    const io = fakeIo('/');
    const text = show(
      [
        ...run2015.slice(0, 9),
        { kind: 'start', stage: 'charts', year: 2014 },
        { kind: 'end', stage: 'charts', year: 2014 },
        { kind: 'year', year: 2014, pages: null },
        ...run2015.slice(9),
      ],
      io,
      'zh-CN',
      true,
    );
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((l) => /20\d\d 年/.test(l))).toEqual([
      expect.stringMatching(/2015 年的报告已完成（12 页），用时/),
      expect.stringMatching(/2014 年的报告已完成，用时/),
    ]);
    expect(lines).toHaveLength(6); // validate ×2, two years, write ×2
  });

  it('on a terminal: one line, redrawn in place and cleared at the end', () => {
    const io = fakeIo('/');
    io.io.stderrIsTTY = true;
    io.io.columns = 40;
    const text = show(run2015, io, 'zh-CN');
    expect(text).not.toContain('\n');
    expect(text).toContain('\r\x1b[K[0.5 秒] 检查数据……');
    expect(text).toContain('2015 年 打印 PDF……');
    expect(text.endsWith('\r\x1b[K')).toBe(true);
    // No drawn line is wider than the terminal (a Chinese character takes two columns).
    for (const frame of text.split('\r\x1b[K')) {
      const width = [...frame].reduce((w, ch) => w + (/[\u3000-\uffff]/.test(ch) ? 2 : 1), 0);
      expect(width).toBeLessThan(40);
    }
  });
});

describe('report build on the command line', () => {
  const scenario = () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-progress-'));
    cpSync(join(FIXTURES, 'minimal'), join(dir, 'data'), { recursive: true });
    return dir;
  };

  it('shows progress on stderr in the organisation’s language; stdout has only the results', async () => {
    const dir = scenario();
    const run = fakeIo(dir);
    const args = ['build', '2015', '--format', 'html', '--out', join(dir, 'out')];
    expect(await main(['node', 'report', ...args], run.io)).toBe(0);
    expect(run.stderr()).toMatch(/^\[\d+\.\d 秒\] 检查数据……\n/);
    expect(run.stderr()).toMatch(/2015 年 排版 HTML：完成，用时/);
    expect(run.stderr()).toMatch(/写入文件：完成，用时 \d+\.\d 秒\n$/);
    expect(run.stdout()).not.toMatch(/秒\]/);
    expect(run.stdout()).toMatch(/^2015 年：\S+report\.html\n已生成 1 份报告，用时 \d+\.\d 秒\n$/);
  });

  it('--quiet: nothing on stderr', async () => {
    const dir = scenario();
    const run = fakeIo(dir);
    const args = ['build', '2015', '--format', 'html', '--out', join(dir, 'out'), '--quiet'];
    expect(await main(['node', 'report', ...args], run.io)).toBe(0);
    expect(run.stderr()).toBe('');
  });
});
