/**
 * The example organisation's 2015 report, built with the real CLI and Chromium, read back the
 * way a user's viewer reads it (poppler): every fact of the seed, in the seed's order; fonts
 * embedded and extractable; tagged, bookmarked, with metadata. (Byte-identical rebuilds: the
 * two builds of tests/robustness/determinism.test.ts, X4.)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
} from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { figuresWithoutAlt } from '../../src/infra/pdf-postprocess.js';
import { readOutlinePages } from '../support/pdf.js';
import { sharedBuild } from '../support/shared-build.js';
import { poppler } from './cli.js';

/** Facts of ../shared/seed/2015-annual-summary.txt, in the order the seed states them. */
const SEED_FACTS = [
  '苏州市清流社工服务中心',
  '2015年度工作总结',
  '2012年是苏州清流落地生根的一年',
  '2013年是苏州清流埋头探索的一年',
  '2014年是苏州清流不断壮大的一年',
  '2015年是业务扎根的一年',
  '一、工作制度不断健全',
  '四次改版',
  '二、组织实力日益雄厚',
  '2012年机构总收入8万元',
  '2013年机构总收入15万元',
  '2014年机构总收入22万元',
  '2015年机构收入54.5万元',
  '2012年的1位员工',
  '2013年的3位员工',
  '2014年的5位员工',
  '2015年的6位员工',
  '三、业务领域不断拓展',
  '社工类项目23个',
  '支持类项目10个',
  '儿童服务类项目13个',
  '“小红帽”',
  '省市区三级民政部门拨款资助，共筹得项目发展资金40万元',
  '社区宣传18场，教育课堂39次，小组活动33节，个案辅导40余节',
  '2015年8月中标苏州市救助管理站“苏州市困境未成年人社会保护个案服务”项目',
  '个案服务近40节',
  '“小站大爱”',
  '80%以上的救助对象',
  '青青加油站',
  '2015年12月顺利结项',
  '百舟社会组织培育基地',
  '专题培育3次，交流互动4次，个别督导近40次，个别探访近20次',
  '四、社会影响不断扩大',
  '直接服务500余次',
  '约5000人次',
  '姑苏区、相城区、新区、园区',
  '“给爱一个拥抱”获得了江苏省社会工作优秀项目三等奖',
  '“校园070——校园正能量计划”被评为苏州市妇女儿童家庭公益项目创意大赛优秀项目',
  '被评为苏州市妇女儿童家庭公益项目创意大赛入围项目',
  '苏州市“十佳”志愿服务团队',
  '苏州社工协会优秀会员单位',
  '“十佳”青年社会组织',
  '“理事”',
  '专委会主任',
  '“专家库成员”',
  '4A级社会组织',
  '《公益姑苏，幸福旋律》的3次大力报道',
  '五、存在的不足',
  '90%以上的资金来源于政府',
  '组织治理有待加强',
  '执行项目23个',
  '约10000人次',
  '六、改进措施',
  '拓展资金渠道',
  '加强组织治理',
  '加强宣传力度',
  '苏州市清流社工服务中心',
  '二〇一五年十二月三十一日',
];

/** Where each fact is found, searching on from the previous one; -1 where it is missing. */
function positions(text: string, facts: string[]): { fact: string; at: number }[] {
  let from = 0;
  return facts.map((fact) => {
    const at = text.indexOf(fact, from);
    if (at >= 0) from = at + fact.length;
    return { fact, at };
  });
}

let dir = '';
let pdfPath = '';
let htmlPath = '';

beforeAll(async () => {
  // The one shared build of the example (also read by typography, pdf-structure and page-flow).
  const a = await sharedBuild('example');
  expect(a.stderr).toBe('');
  expect(a.code).toBe(0);
  // The example organisation is Chinese: so is the summary.
  expect(a.stdout).toMatch(/^2015 年：\S+report\.html, \S+report\.pdf（\d+ 页）$/m);
  dir = a.out;
  pdfPath = join(dir, '2015/report.pdf');
  htmlPath = join(dir, '2015/report.html');
}, 120_000);

describe('the example 2015 report', () => {
  it('states every fact of the seed, in the seed’s order, in the PDF as pdftotext reads it', () => {
    // The contents page repeats the headings: read from the opening onwards.
    const text = poppler('pdftotext', pdfPath).replace(/\s+/g, '');
    const body = text.slice(text.indexOf('年度要览'));
    expect(positions(body, SEED_FACTS.slice(2)).filter((p) => p.at < 0)).toEqual([]);
    expect(positions(text, SEED_FACTS.slice(0, 2)).filter((p) => p.at < 0)).toEqual([]);
  });

  it('states every fact of the seed, in order, in the HTML', () => {
    const html = readFileSync(htmlPath, 'utf8');
    const text = html
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<nav[\s\S]*?<\/nav>/, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/\s+/g, '');
    expect(positions(text, SEED_FACTS).filter((p) => p.at < 0)).toEqual([]);
  });

  it('embeds every font as CID TrueType: no Type 3, nothing left to the system', () => {
    const rows = poppler('pdffonts', pdfPath).split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toContain('CID TrueType');
      expect(row).not.toContain('Type 3');
      expect(row).toMatch(/Identity-H\s+yes\s+yes\s+yes/);
    }
  });

  it('is a tagged A4 PDF with the organisation’s metadata and the pinned date', () => {
    const info = poppler('pdfinfo', pdfPath, ['-isodates']);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+苏州市清流社工服务中心2015年度工作总结$/m);
    expect(info).toMatch(/^Author:\s+苏州市清流社工服务中心$/m);
    expect(info).toMatch(/^Subject:\s+\S+/m);
    expect(info).toMatch(/^Keywords:\s+\S+/m);
    expect(info).toMatch(/^Creator:\s+report \d+\.\d+\.\d+$/m);
    expect(info).toMatch(/^CreationDate:\s+2015-12-31T00:00:00/m);
    expect(info).toMatch(/^Page size:\s+594\.96 x 841\.92 pts \(A4\)$/m);
  });

  it('has bookmarks for every heading, and the contents page gives the same page numbers', async () => {
    const outline = await readOutlinePages(readFileSync(pdfPath));
    const headings = outline.filter((e) => /^[一二三四五六]、/.test(e.title)).map((e) => e.title);
    expect(headings).toEqual([
      '一、工作制度不断健全',
      '二、组织实力日益雄厚',
      '三、业务领域不断拓展',
      '四、社会影响不断扩大',
      '五、存在的不足',
      '六、改进措施',
    ]);
    const contents = poppler('pdftotext', pdfPath, ['-f', '2', '-l', '2']).replace(/\s+/g, '');
    for (const entry of outline.filter((e) => /^[一二三四五六]、|^\d、/.test(e.title))) {
      expect(contents).toContain(`${entry.title}${entry.page}`);
    }
  });

  it('has the running header and page x / y on inner pages, not on the cover', () => {
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', pdfPath))?.[1]);
    const cover = poppler('pdftotext', pdfPath, ['-f', '1', '-l', '1']).replace(/\s+/g, '');
    const third = poppler('pdftotext', pdfPath, ['-f', '3', '-l', '3']).replace(/\s+/g, '');
    expect(cover).not.toContain(`1/${pages}`);
    expect(cover.match(/苏州市清流社工服务中心/g)).toHaveLength(1);
    expect(third).toContain(`3/${pages}`);
    expect(third.startsWith('苏州市清流社工服务中心2015年度工作总结')).toBe(true);
  });

  it('is one self-contained HTML file: vector charts and fonts inline, nothing referenced outside', () => {
    const html = readFileSync(htmlPath, 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html.match(/<img src="data:image\/svg\+xml;base64,/g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).toMatch(/@font-face\s*{[^}]*src:\s*url\(["']?data:font\//);
    const refs = [
      ...html.matchAll(/(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)([^"')\s>]*)/g),
    ].map((m) => m[1] ?? '');
    expect(refs.filter((r) => !r.startsWith('data:') && !r.startsWith('#'))).toEqual([]);
    expect(html).not.toMatch(/https?:|file:/);
    expect(readdirSync(join(dir, '2015/charts')).sort()).toEqual([
      'income.svg',
      'projects.svg',
      'services.svg',
    ]);
  });

  it('gives every chart alt text that states its figures, and a data table', () => {
    const html = readFileSync(htmlPath, 'utf8');
    const alts = [...html.matchAll(/<img src="data:[^"]*" alt="([^"]*)"/g)].map((m) => m[1]);
    expect(alts).toHaveLength(3);
    expect(alts.find((a) => a?.includes('机构收入'))).toMatch(
      /政府资助：2012年7\.4万元，2013年13\.8万元，2014年20万元，2015年50万元/,
    );
    // …and the same figures as a table that screen readers find in the HTML, hidden in print.
    const tables = html.match(/<table class="chart-data[^"]*">[\s\S]*?<\/table>/g) ?? [];
    expect(tables).toHaveLength(3);
    expect(tables[0]).toMatch(/<th scope="row">2015年<\/th><td>50万元<\/td>/);
  });
});

/** Each structure element's type with the types of its child elements, in tree order. */
function structure(doc: PDFDocument): { type: string; kids: string[] }[] {
  const out: { type: string; kids: string[] }[] = [];
  const elements = (k: unknown): PDFDict[] => {
    const list = k instanceof PDFArray ? k.asArray().map((x) => doc.context.lookup(x)) : [k];
    return list.filter(
      (x): x is PDFDict => x instanceof PDFDict && x.lookup(PDFName.of('S')) instanceof PDFName,
    );
  };
  const walk = (node: PDFDict): void => {
    const kids = elements(node.lookup(PDFName.of('K')));
    out.push({
      type: String(node.lookup(PDFName.of('S'))),
      kids: kids.map((kid) => String(kid.lookup(PDFName.of('S')))),
    });
    kids.forEach(walk);
  };
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  elements(root.lookup(PDFName.of('K'))).forEach(walk);
  return out;
}

describe('the structure of the example report, for a viewer, a screen reader and a checker', () => {
  it('labels the cover by name and every other page with the number printed on it', async () => {
    const doc = await PDFDocument.load(readFileSync(pdfPath), { updateMetadata: false });
    const nums = doc.catalog
      .lookup(PDFName.of('PageLabels'), PDFDict)
      .lookup(PDFName.of('Nums'), PDFArray);
    const cover = nums.lookup(1, PDFDict).lookup(PDFName.of('P'));
    expect(cover instanceof PDFHexString || cover instanceof PDFString).toBe(true);
    expect((cover as PDFHexString).decodeText()).toBe('封面');
    const body = nums.lookup(3, PDFDict);
    expect([
      String(nums.get(2)),
      String(body.get(PDFName.of('S'))),
      String(body.get(PDFName.of('St'))),
    ]).toEqual(['1', '/D', '2']);
    // …which is the number the footer prints: page 3 (label 1 + 3 - 2 = 3) reads "3 / n".
    const third = poppler('pdftotext', pdfPath, ['-f', '3', '-l', '3']).replace(/\s+/g, '');
    expect(third).toContain(`3/${doc.getPageCount()}`);
  });

  it('opens with the bookmarks panel', async () => {
    const doc = await PDFDocument.load(readFileSync(pdfPath), { updateMetadata: false });
    expect(String(doc.catalog.get(PDFName.of('PageMode')))).toBe('/UseOutlines');
  });

  it('carries XMP metadata that says what the document info says', () => {
    const xmp = poppler('pdfinfo', pdfPath, ['-meta']);
    expect(xmp).toContain(
      '<rdf:li xml:lang="x-default">苏州市清流社工服务中心2015年度工作总结</rdf:li>',
    );
    expect(xmp).toContain(
      '<dc:creator><rdf:Seq><rdf:li>苏州市清流社工服务中心</rdf:li></rdf:Seq></dc:creator>',
    );
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>');
    expect(xmp).toContain('<xmp:CreateDate>2015-12-31T00:00:00Z</xmp:CreateDate>');
    expect(xmp).toMatch(/<xmp:CreatorTool>report \d+\.\d+\.\d+<\/xmp:CreatorTool>/);
    expect(xmp).toMatch(/<pdf:Producer>Skia\/PDF[^<]*<\/pdf:Producer>/);
  });

  it('has alt text on every /Figure, the charts among them, and the key figures as a list', async () => {
    const doc = await PDFDocument.load(readFileSync(pdfPath), { updateMetadata: false });
    expect(figuresWithoutAlt(doc)).toBe(0);
    const tree = structure(doc);
    expect(tree.filter((e) => e.type === '/Figure')).toHaveLength(3);
    expect(tree.filter((e) => e.type === '/Table').length).toBeGreaterThan(0);
    const lists = tree.filter((e) => e.type === '/L').map((e) => e.kids);
    // The cover's key figures, the contents page, then the key-figures panel: six items.
    expect(lists).toHaveLength(3);
    expect(lists[2]).toEqual(Array<string>(6).fill('/LI'));
  });

  it('marks the running header and page number as artifacts: no text outside a tag', async () => {
    const doc = await PDFDocument.load(readFileSync(pdfPath), { updateMetadata: false });
    const perPage = doc.getPages().map((page) => {
      const stream = page.node.lookup(PDFName.of('Contents'));
      if (!(stream instanceof PDFRawStream)) return { untagged: -1, artifacts: -1 };
      const lines = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1').split('\n');
      let depth = 0;
      let untagged = 0;
      for (const line of lines) {
        if (/(BDC|BMC)$/.test(line)) depth += 1;
        else if (line === 'EMC') depth -= 1;
        else if (line === 'BT' && depth === 0) untagged += 1;
      }
      return {
        untagged,
        artifacts: lines.filter((l) => l.startsWith('/Artifact <</Type /Pagination>>')).length,
      };
    });
    expect(perPage.map((p) => p.untagged)).toEqual(perPage.map(() => 0));
    expect(perPage[0]?.artifacts).toBe(0); // the cover has no header or footer
    for (const page of perPage.slice(1)) expect(page.artifacts).toBeGreaterThan(0);
  });

  it('describes every link: the contents page’s say the heading and its page', async () => {
    const doc = await PDFDocument.load(readFileSync(pdfPath), { updateMetadata: false });
    const contents = doc.getPages().flatMap((page) => {
      const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      return (annots?.asArray() ?? []).map((ref) => {
        const text = doc.context.lookup(ref, PDFDict).lookup(PDFName.of('Contents'));
        return text instanceof PDFString || text instanceof PDFHexString ? text.decodeText() : '';
      });
    });
    expect(contents.length).toBeGreaterThan(6);
    expect(contents.filter((text) => text === '')).toEqual([]);
    const outline = await readOutlinePages(readFileSync(pdfPath));
    // The contents open with the key figures (年度要览), then the first section.
    const panel = outline.find((e) => e.title === '年度要览');
    const first = outline.find((e) => e.title.startsWith('一、'));
    expect(contents[0]).toBe(`年度要览 ${panel?.page}`);
    expect(contents[1]).toBe(`${first?.title} ${first?.page}`);
  });
});

describe('the charts of the example report', () => {
  it('are vector in the PDF: no raster image at all', () => {
    const list = spawnSync('pdfimages', ['-list', pdfPath], { encoding: 'utf8' })
      .stdout.split('\n')
      .slice(2)
      .filter(Boolean);
    expect(list).toEqual([]);
  });

  it('are SVG files with no reference outside themselves', () => {
    for (const chart of readdirSync(join(dir, '2015/charts'))) {
      const svg = readFileSync(join(dir, '2015/charts', chart), 'utf8');
      expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg/);
      expect(svg).not.toMatch(/<(script|image|foreignObject)\b|href="(?!#)|url\((?!#)/);
    }
  });
});
