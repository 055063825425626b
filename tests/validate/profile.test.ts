/**
 * The organisation profile (organization.yaml `profile:`) and its images: the credit code's
 * GB 32100 check character, and every way an image path can fail, each at its line and column;
 * a build with any of them exits 1 and writes nothing.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkDataset } from '../../src/read-dataset.js';
import { checkCreditCode } from '../../src/schema/credit-code.js';
import { sniffImage } from '../../src/schema/images.js';
import { fakeIo } from '../support/fake-io.js';
import { MINIMAL, makeData, removeMadeData } from './helpers.js';

afterAll(removeMadeData);

const organization = await readFile(path.join(MINIMAL, 'organization.yaml'), 'utf8');
/** organization.yaml of the minimal data set with `profile` lines appended (indented by 2). */
const withProfile = (lines: string) => ({
  'organization.yaml': `${organization}profile:\n${lines}`,
});
/** The line the appended profile starts on (the minimal file's lines + 1). */
const FIRST = organization.split('\n').length;

function png(width: number, height: number): Uint8Array {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#3d9a5b';
  ctx.fillRect(0, 0, width, height);
  return canvas.encodeSync('png');
}

/** A PNG header claiming 30 000 × 30 000 pixels (a decompression bomb is refused before decoding). */
function hugePngHeader(): Uint8Array {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'ascii');
  bytes.writeUInt32BE(30_000, 16);
  bytes.writeUInt32BE(30_000, 20);
  bytes[24] = 8;
  bytes[25] = 2;
  return bytes;
}

async function problems(
  files: Record<string, string | Uint8Array | null>,
  setup?: (data: string) => Promise<void>,
) {
  const { cwd, dataDir } = await makeData(files);
  await setup?.(path.join(cwd, dataDir));
  const result = await checkDataset({ cwd, dataDir, lang: 'en' });
  return {
    result,
    cwd,
    lines: result.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.path}  ${p.message}`),
  };
}

describe('the unified social credit code (GB 32100)', () => {
  it('accepts published codes and finds the check character', () => {
    for (const code of ['91350100M000100Y43', '91110108551385082Q', '914403001922038216'])
      expect(checkCreditCode(code)).toEqual({ ok: true });
    expect(checkCreditCode('91350100M000100Y44')).toEqual({
      ok: false,
      reason: 'check',
      expected: '3',
      found: '4',
    });
    expect(checkCreditCode('91350100O000100Y43')).toMatchObject({ reason: 'character', char: 'O' });
    expect(checkCreditCode('9135010')).toMatchObject({ reason: 'length', length: 7 });
  });

  it('reports a wrong check character at its line and column, in both languages', async () => {
    const files = withProfile('  registration:\n    credit_code: 52330100MJ00000012\n');
    const { lines } = await problems(files);
    expect(lines).toEqual([
      `data/organization.yaml:${FIRST + 2}:18 profile.registration.credit_code  the unified social credit code "52330100MJ00000012" fails its check: GB 32100 calls for "1" as the last character, not "2"`,
    ]);
    const { cwd, dataDir } = await makeData(files);
    const zh = await checkDataset({ cwd, dataDir, lang: 'zh-CN' });
    expect(zh.problems[0]?.message).toBe(
      '统一社会信用代码 "52330100MJ00000012" 的校验码不对：按 GB 32100 应为“1”，这里是“2”',
    );
  });

  it('accepts the whole profile, and a valid code in lower case', async () => {
    const { result } = await problems(
      withProfile(
        [
          '  mission: 陪伴儿童成长',
          '  vision: 人人参与的社区',
          '  registration:',
          '    credit_code: 52330100mj00000011',
          '    registered_with: 某区民政局',
          '    supervisor: 某区民政局',
          '    date: 2012-03-18',
          '    legal_representative: 张某',
          '  board: [{ name: 张某, role: 理事长 }]',
          '  supervisors: [{ name: 李某, role: 监事 }]',
          '  contacts: { address: 某路 1 号, phone: 0000-0000, wechat: 示例 }',
          '',
        ].join('\n'),
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.dataset?.organization.profile?.board).toEqual([{ name: '张某', role: '理事长' }]);
  });
});

describe('images named by the data', () => {
  const logo = (file: string) => withProfile(`  logo:\n    file: ${file}\n`);
  const at = `data/organization.yaml:${FIRST + 2}:11 profile.logo.file`;

  it('reads a logo inside the data folder, re-encoded to its printed size', async () => {
    const { result } = await problems({ ...logo('images/logo.png') }, async (data) => {
      await mkdir(path.join(data, 'images'));
      await writeFile(path.join(data, 'images/logo.png'), png(2400, 1200));
    });
    expect(result.problems).toEqual([]);
    const image = result.dataset?.images?.get('logo:images/logo.png');
    // 50 mm × 25 mm at 300 dpi: 590 pixels wide, not 2400.
    expect(image).toMatchObject({ widthMm: 50, heightMm: 25, widthPx: 590, heightPx: 295 });
    expect(image?.src.startsWith('data:image/png;base64,')).toBe(true);
  });

  it('refuses a path with ".." and an absolute path, before reading anything', async () => {
    expect((await problems(logo('../secret.png'))).lines).toEqual([
      `${at}  the image path "../secret.png" contains "..": only images in the data folder are read`,
    ]);
    expect((await problems(logo('/etc/passwd'))).lines).toEqual([
      `${at}  the image path "/etc/passwd" is absolute: only images in the data folder are read`,
    ]);
  });

  it('refuses a symlink that leads out of the data folder', async () => {
    const { lines } = await problems(logo('images/logo.png'), async (data) => {
      await mkdir(path.join(data, 'images'));
      await writeFile(path.join(data, '../outside.png'), png(10, 10));
      await symlink(path.join(data, '../outside.png'), path.join(data, 'images/logo.png'));
    });
    expect(lines).toEqual([
      `${at}  the image "images/logo.png" leads outside the data folder (a symbolic link); it is not read`,
    ]);
  });

  it('refuses a text file renamed .jpg, a folder, and a missing file', async () => {
    const setup = async (data: string) => {
      await mkdir(path.join(data, 'images/folder.jpg'), { recursive: true });
      await writeFile(path.join(data, 'images/notes.jpg'), '这不是图片\n');
    };
    expect((await problems(logo('images/notes.jpg'), setup)).lines).toEqual([
      `${at}  "images/notes.jpg" is not a JPEG, PNG or WebP image (judged by its content, not its name)`,
    ]);
    expect((await problems(logo('images/folder.jpg'), setup)).lines).toEqual([
      `${at}  "images/folder.jpg" is not a regular file (a folder or a device)`,
    ]);
    expect((await problems(logo('images/nothing.png'), setup)).lines).toEqual([
      `${at}  there is no image "images/nothing.png"`,
    ]);
  });

  it('refuses a 30 000 × 30 000 PNG from its header, without decoding it', async () => {
    const { lines } = await problems(logo('images/bomb.png'), async (data) => {
      await mkdir(path.join(data, 'images'));
      await writeFile(path.join(data, 'images/bomb.png'), hugePngHeader());
    });
    expect(lines).toEqual([
      `${at}  the image "images/bomb.png" is 30000×30000 pixels, over the limit (50 megapixels, at most 20000 a side); not decoded`,
    ]);
  });

  it('a build with a bad image exits 1, names the line, and writes nothing', async () => {
    const { cwd } = await makeData(logo('../secret.png'));
    const run = fakeIo(cwd);
    const code = await main(
      ['node', 'report', 'build', '2015', '--format', 'html', '--lang', 'en'],
      run.io,
    );
    expect(code).toBe(1);
    expect(run.stderr()).toContain(
      `data/organization.yaml:${FIRST + 2}:11  profile.logo.file  the image path "../secret.png" contains ".."`,
    );
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it('tells the image types by their bytes', () => {
    expect(sniffImage(png(3, 2))).toEqual({ type: 'png', width: 3, height: 2 });
    const canvas = createCanvas(5, 4);
    expect(sniffImage(canvas.encodeSync('jpeg'))).toEqual({ type: 'jpeg', width: 5, height: 4 });
    expect(sniffImage(canvas.encodeSync('webp'))).toMatchObject({
      type: 'webp',
      width: 5,
      height: 4,
    });
    expect(sniffImage(new TextEncoder().encode('GIF89a......'))).toBeNull();
  });
});
