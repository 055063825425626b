import { describe, expect, it } from 'vitest';
import {
  formatChineseDate,
  formatCount,
  formatDate,
  formatMoney,
  formatPermille,
  formatChange,
  formatAmountChange,
  formatYear,
  formatMultiple,
  formatPercent,
  toChineseNumeral,
} from '../../src/render/format.js';
import { parseIsoDate, type Count } from '../../src/schema/values.js';

describe('formatMoney', () => {
  it.each([
    [545_000, '54.5万元'],
    [80_000, '8万元'],
    [150_000, '15万元'],
    [220_000, '22万元'],
    [1_234_567, '123.5万元'],
    [1_234_499, '123.4万元'],
    [1_234_500, '123.5万元'], // half away from zero
    [10_000, '1万元'],
    [99_949, '10万元'],
    [9_999, '9,999元'],
    [8_500, '8,500元'],
    [0, '0元'],
    [0.4, '0元'],
    [2.5, '3元'],
    [-2.5, '−3元'],
    [-8_500, '−8,500元'],
    [-545_000, '−54.5万元'],
    [99_999_500, '1亿元'], // 10000.0万 rounds up into the next unit
    [99_999_499, '9999.9万元'],
    [99_949_000, '9994.9万元'],
    [120_000_000, '1.2亿元'],
    [125_000_000, '1.3亿元'],
    [100_000_000_000, '1000亿元'],
    [Number.NaN, '—'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('zh-CN %s → %s', (yuan, expected) => {
    expect(formatMoney(yuan, 'zh-CN')).toBe(expected);
  });

  it.each([
    [545_000, '¥545,000'],
    [80_000, '¥80,000'],
    [8_500, '¥8,500'],
    [1_234_567, '¥1,234,567'],
    [0, '¥0'],
    [-1_500, '−¥1,500'],
    [Number.NaN, '—'],
  ])('en %s → %s', (yuan, expected) => {
    expect(formatMoney(yuan, 'en')).toBe(expected);
  });
});

describe('formatPercent', () => {
  it.each([
    [0.875, {}, '87.5%'],
    [0.875, { signed: true }, '+87.5%'],
    [-0.12, {}, '−12.0%'],
    [-0.12, { signed: true }, '−12.0%'],
    [1.5, { digits: 0 }, '150%'],
    [0.12345, { digits: 2 }, '12.35%'],
    [0, { signed: true }, '0.0%'],
    [-0.0001, {}, '0.0%'], // rounds to zero: no minus sign
    [0.0005, { signed: true }, '+0.1%'],
    [12.5, {}, '1250.0%'],
    [null, {}, '—'],
    [undefined, {}, '—'],
    [Number.NaN, {}, '—'],
    [Number.POSITIVE_INFINITY, { signed: true }, '—'],
    [Number.NEGATIVE_INFINITY, {}, '—'],
  ] as const)('%s %o → %s', (ratio, options, expected) => {
    expect(formatPercent(ratio, options, 'zh-CN')).toBe(expected);
    expect(formatPercent(ratio, options, 'en')).toBe(expected);
  });
});

describe('formatMultiple', () => {
  it.each([
    [6.8125, '6.8倍', '6.8×'],
    [2, '2倍', '2×'],
    [0, '0倍', '0×'],
    [1234.5, '1234.5倍', '1,234.5×'],
    [null, '—', '—'],
    [Number.POSITIVE_INFINITY, '—', '—'],
  ])('%s → %s / %s', (x, zh, en) => {
    expect(formatMultiple(x, 'zh-CN')).toBe(zh);
    expect(formatMultiple(x, 'en')).toBe(en);
  });
});

describe('formatCount', () => {
  it.each<[Count, string, string, string, string]>([
    [{ value: 18, approx: null }, '场', '18场', 'sessions', '18 sessions'],
    [{ value: 40, approx: 'over' }, '节', '40余节', 'sessions', '40+ sessions'],
    [{ value: 40, approx: 'nearly' }, '次', '近40次', 'visits', 'nearly 40 visits'],
    [
      { value: 5000, approx: 'about' },
      '人次',
      '约5000人次',
      'person-times',
      'about 5,000 person-times',
    ],
    [
      { value: 10000, approx: 'about' },
      '人次',
      '约10000人次',
      'person-times',
      'about 10,000 person-times',
    ],
    [{ value: 500, approx: 'over' }, '次', '500余次', 'services', '500+ services'],
    [{ value: 0, approx: null }, '个', '0个', 'projects', '0 projects'],
    [{ value: 23, approx: null }, '', '23', '', '23'],
    [{ value: Number.NaN, approx: null }, '个', '—', 'projects', '—'],
  ])('%o %s → %s; %s → %s', (count, zhUnit, zh, enUnit, en) => {
    expect(formatCount(count, zhUnit, 'zh-CN')).toBe(zh);
    expect(formatCount(count, enUnit, 'en')).toBe(en);
  });
});

describe('toChineseNumeral', () => {
  it.each([
    [1, '一'],
    [6, '六'],
    [10, '十'],
    [11, '十一'],
    [12, '十二'],
    [20, '二十'],
    [31, '三十一'],
    [99, '九十九'],
    [0, '零'],
    [100, '100'],
    [-3, '-3'],
    [2.5, '2.5'],
    [Number.NaN, '—'],
  ])('%s → %s', (n, expected) => {
    expect(toChineseNumeral(n)).toBe(expected);
  });
});

describe('dates', () => {
  it.each([
    ['2015-12-31', '二〇一五年十二月三十一日'],
    ['2015-08-20', '二〇一五年八月二十日'],
    ['2012-01-10', '二〇一二年一月十日'],
    ['2000-02-29', '二〇〇〇年二月二十九日'],
    ['2015-12', '二〇一五年十二月'],
    ['2015', '二〇一五年'],
    ['2015-02-29', '2015-02-29'], // not a date: unchanged
    ['2015-13', '2015-13'],
    ['31/12/2015', '31/12/2015'],
  ])('formatChineseDate(%s) → %s', (iso, expected) => {
    expect(formatChineseDate(iso)).toBe(expected);
  });

  it.each([
    ['2015-12-31', 'zh-CN', 'long', '二〇一五年十二月三十一日'],
    ['2015-12-31', 'zh-CN', 'numeric', '2015年12月31日'],
    ['2015-08-01', 'zh-CN', 'numeric', '2015年8月1日'],
    ['2015-12', 'zh-CN', 'numeric', '2015年12月'],
    ['2015-12-31', 'en', 'long', '31 December 2015'],
    ['2015-08-01', 'en', 'long', '1 August 2015'],
    ['2015-12', 'en', 'long', 'December 2015'],
    ['2015', 'en', 'long', '2015'],
    ['2015-12-31', 'en', 'numeric', '2015-12-31'],
  ] as const)('formatDate(%s, %s, %s) → %s', (iso, locale, style, expected) => {
    expect(formatDate(iso, locale, style)).toBe(expected);
  });

  it('does not depend on the time zone: the string is the date', () => {
    // A Date-based implementation shifts 2015-12-31 to 2016-01-01 in UTC+14.
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(formatDate('2015-12-31', 'en')).toBe('31 December 2015');
      expect(formatChineseDate('2015-12-31')).toBe('二〇一五年十二月三十一日');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('parseIsoDate rejects impossible days and accepts leap days', () => {
    expect(parseIsoDate('2016-02-29')).toEqual({ year: 2016, month: 2, day: 29 });
    expect(parseIsoDate('1900-02-29')).toBeNull();
    expect(parseIsoDate('2015-04-31')).toBeNull();
    expect(parseIsoDate('2015-00')).toBeNull();
  });
});

describe('the one string of a share, a change and a year', () => {
  it.each([
    [917, '91.7%'],
    [334, '33.4%'],
    [333, '33.3%'],
    [1000, '100.0%'],
    [0, '0.0%'],
    [5, '0.5%'],
    [null, '—'],
    [NaN, '—'],
  ])('formatPermille(%s) → %s', (permille, expected) => {
    expect(formatPermille(permille)).toBe(expected);
  });

  it('reads three equal sources from the per-mille as 33.4 + 33.3 + 33.3 = 100.0 %', () => {
    const texts = [334, 333, 333].map((p) => formatPermille(p));
    expect(texts).toEqual(['33.4%', '33.3%', '33.3%']);
    expect(texts.reduce((sum, t) => sum + Number(t.slice(0, -1)) * 10, 0)).toBe(1000);
  });

  it.each([
    [1.477, 'zh-CN', '增长147.7%'],
    [-0.074, 'zh-CN', '下降7.4%'],
    [0, 'zh-CN', '持平'],
    [0.0004, 'zh-CN', '持平'],
    [null, 'zh-CN', '—'],
    [1.477, 'en', 'up 147.7%'],
    [-0.074, 'en', 'down 7.4%'],
    [0, 'en', 'unchanged'],
  ] as const)(
    'formatChange(%s, %s) → %s: the direction in words, never "增长−7.4%"',
    (ratio, locale, expected) => {
      expect(formatChange(ratio, locale)).toBe(expected);
    },
  );

  it.each([
    [1, 'zh-CN', '增加1人'],
    [-2, 'zh-CN', '减少2人'],
    [0, 'zh-CN', '持平'],
    [null, 'zh-CN', '—'],
    [1, 'en', 'up 1'],
    [-2, 'en', 'down 2'],
  ] as const)('formatAmountChange(%s, %s) → %s', (amount, locale, expected) => {
    const people = (n: number) => (locale === 'en' ? String(n) : `${n}人`);
    expect(formatAmountChange(amount, people, locale)).toBe(expected);
  });

  it('formatYear: "2015年" in Chinese, "2015" in English', () => {
    expect(formatYear(2015, 'zh-CN')).toBe('2015年');
    expect(formatYear(2015, 'en')).toBe('2015');
  });
});
