/**
 * Photos (photos.yaml): a minor's photo without guardian consent fails at its line and writes
 * nothing; a 12-megapixel phone JPEG carrying GPS EXIF comes out of the PDF at no more than
 * 300 dpi for its placed size, without the EXIF block.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../support/fake-io.js';
import { makeData, removeMadeData } from '../validate/helpers.js';

afterAll(removeMadeData);

const MARKER = 'GPS-SECRET-31.2989N-120.5853E';

/** An EXIF APP1 segment: an ImageDescription with MARKER and a GPS IFD (GPSLatitudeRef N). */
function exifSegment(): Buffer {
  const text = Buffer.from(`${MARKER}\0`, 'ascii');
  const tiff = Buffer.alloc(8 + 2 + 24 + 4 + 2 + 12 + 4 + text.length);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(2, 8); // IFD0: two entries
  const gpsAt = 8 + 2 + 24 + 4;
  const textAt = gpsAt + 2 + 12 + 4;
  // ImageDescription (0x010E), ASCII.
  tiff.writeUInt16BE(0x010e, 10);
  tiff.writeUInt16BE(2, 12);
  tiff.writeUInt32BE(text.length, 14);
  tiff.writeUInt32BE(textAt, 18);
  // GPSInfo (0x8825), LONG → the GPS IFD.
  tiff.writeUInt16BE(0x8825, 22);
  tiff.writeUInt16BE(4, 24);
  tiff.writeUInt32BE(1, 26);
  tiff.writeUInt32BE(gpsAt, 30);
  tiff.writeUInt32BE(0, 34);
  tiff.writeUInt16BE(1, gpsAt); // GPS IFD: GPSLatitudeRef "N"
  tiff.writeUInt16BE(0x0001, gpsAt + 2);
  tiff.writeUInt16BE(2, gpsAt + 4);
  tiff.writeUInt32BE(2, gpsAt + 6);
  tiff.write('N\0', gpsAt + 10, 'ascii');
  tiff.writeUInt32BE(0, gpsAt + 14);
  text.copy(tiff, textAt);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'ascii'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** A 4000 × 3000 JPEG (12 megapixels) with the EXIF segment right after its SOI marker. */
function phoneJpeg(): Buffer {
  const canvas = createCanvas(4000, 3000);
  const ctx = canvas.getContext('2d');
  const gradient = ctx.createLinearGradient(0, 0, 4000, 3000);
  gradient.addColorStop(0, '#8ec5e8');
  gradient.addColorStop(1, '#6b8f3a');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, 4000, 3000);
  const jpeg = canvas.encodeSync('jpeg', 90);
  return Buffer.concat([jpeg.subarray(0, 2), exifSegment(), jpeg.subarray(2)]);
}

const photos = (extra: string) =>
  `year: 2015\nphotos:\n  - file: images/phone.jpg\n    caption: 四点半课堂\n    section: programmes\n    consent: true\n${extra}`;

async function dataWithPhoto(extra: string) {
  const made = await makeData({ '2015/photos.yaml': photos(extra) });
  await mkdir(path.join(made.cwd, 'data/images'));
  await writeFile(path.join(made.cwd, 'data/images/phone.jpg'), phoneJpeg());
  return made;
}

describe('photos', () => {
  it('a photo of minors without guardian consent fails at its line, and nothing is written', async () => {
    const { cwd } = await dataWithPhoto('    minors: true\n');
    const run = fakeIo(cwd);
    const code = await main(
      ['node', 'report', 'build', '2015', '--format', 'html', '--lang', 'en'],
      run.io,
    );
    expect(code).toBe(1);
    expect(run.stderr()).toContain(
      'data/2015/photos.yaml:7:13  photos.0.minors  the photo shows minors who can be recognised, but no guardian consent is recorded',
    );
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it('a 12-megapixel JPEG with GPS EXIF is printed at ≤ 300 dpi and without its EXIF', async () => {
    const { cwd } = await dataWithPhoto('    minors: true\n    guardian_consent: true\n');
    const source = readFileSync(path.join(cwd, 'data/images/phone.jpg'));
    expect(source.includes(MARKER)).toBe(true);
    const run = fakeIo(cwd);
    const code = await main(
      ['node', 'report', 'build', '2015', '--format', 'pdf', '--quiet'],
      run.io,
    );
    expect(run.stderr()).toBe('');
    expect(code).toBe(0);
    const pdf = path.join(cwd, 'out/2015/report.pdf');
    const bytes = readFileSync(pdf);
    expect(bytes.includes(MARKER)).toBe(false);
    expect(bytes.includes(Buffer.from('Exif\0\0', 'ascii'))).toBe(false);
    const list = spawnSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).stdout;
    const rows = list
      .split('\n')
      .slice(2)
      .filter((l) => / jpeg /.test(l))
      .map((l) => l.trim().split(/\s+/));
    expect(rows).toHaveLength(1);
    const [width = 0, height = 0, xppi = 0, yppi = 0] = [3, 4, 12, 13].map((i) =>
      Number(rows[0]?.[i]),
    );
    expect(width).toBeLessThan(4000);
    expect(width * height).toBeLessThan(2_200_000);
    expect(xppi).toBeLessThanOrEqual(300);
    expect(yppi).toBeLessThanOrEqual(300);
    expect(xppi).toBeGreaterThanOrEqual(290);
  });
});
