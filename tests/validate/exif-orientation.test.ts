/**
 * A phone JPEG stored on its side with EXIF Orientation 6 (turn 90° clockwise) comes out of the
 * loader upright: a portrait picture at the portrait size, its top where the photographer saw
 * it, no EXIF left; the report embeds exactly these pixels.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { jpegOrientation } from '../../src/schema/exif-orientation.js';
import { buildHtml } from '../robustness/build-html.js';
import { makeData, removeMadeData } from './helpers.js';

afterAll(removeMadeData);

/** Stored 600 × 300, red left half, blue right: upright (Orientation 6) it is 300 × 600, red on top. */
function sidewaysJpeg(orientation: number, littleEndian = false): Buffer {
  const canvas = createCanvas(600, 300);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ff0000';
  ctx.fillRect(0, 0, 300, 300);
  ctx.fillStyle = '#0000ff';
  ctx.fillRect(300, 0, 300, 300);
  const jpeg = canvas.encodeSync('jpeg', 95);
  // TIFF header, IFD0 with one entry: Orientation (0x0112), SHORT, count 1.
  const tiff = littleEndian
    ? [
        0x49,
        0x49,
        42,
        0,
        8,
        0,
        0,
        0,
        1,
        0,
        0x12,
        0x01,
        3,
        0,
        1,
        0,
        0,
        0,
        orientation,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
      ]
    : [
        0x4d,
        0x4d,
        0,
        42,
        0,
        0,
        0,
        8,
        0,
        1,
        0x01,
        0x12,
        0,
        3,
        0,
        0,
        0,
        1,
        0,
        orientation,
        0,
        0,
        0,
        0,
        0,
        0,
      ];
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(tiff)]);
  const length = payload.length + 2;
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, length >> 8, length & 0xff]), payload]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

describe('EXIF orientation', () => {
  it('reads the Orientation tag in either byte order, 1 without one', () => {
    expect(jpegOrientation(sidewaysJpeg(6))).toBe(6);
    expect(jpegOrientation(sidewaysJpeg(8, true))).toBe(8);
    expect(jpegOrientation(createCanvas(4, 4).encodeSync('jpeg'))).toBe(1);
  });

  it('a phone photo with Orientation 6 is embedded upright, portrait, without EXIF', async () => {
    const { cwd } = await makeData({
      '2015/photos.yaml':
        'year: 2015\nphotos:\n  - { file: images/phone.jpg, caption: 竖拍的照片, section: programmes, consent: true }\n',
    });
    await mkdir(path.join(cwd, 'data/images'));
    await writeFile(path.join(cwd, 'data/images/phone.jpg'), sidewaysJpeg(6));
    const { html } = await buildHtml(cwd);
    const figure = html.slice(html.indexOf('<figure class="photo">'), html.indexOf('竖拍的照片'));
    const src = /src="data:image\/jpeg;base64,([^"]+)"/.exec(figure)?.[1];
    expect(src).toBeDefined();
    const bytes = Buffer.from(src ?? '', 'base64');
    expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    const image = await loadImage(bytes);
    expect(image.height).toBeGreaterThan(image.width);
    expect(image.height / image.width).toBeCloseTo(2, 1);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const at = (x: number, y: number) => [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)];
    const [top, bottom] = [at(image.width / 2, 5), at(image.width / 2, image.height - 5)];
    expect(top[0]).toBeGreaterThan(200); // red on top
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200); // blue below
    expect(bottom[0]).toBeLessThan(60);
  });
});
