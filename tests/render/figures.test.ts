/** Every figure a narrative can cite resolves to the formatted statistic (docs/figures.md). */
import { describe, expect, it } from 'vitest';
import { isReportError, type ReportError } from '../../src/errors.js';
import { figureResolver } from '../../src/render/figures.js';
import { computeStats } from '../../src/stats/index.js';
import { exampleDataset } from '../stats/fixtures.js';

const dataset = exampleDataset();
const resolve = figureResolver(dataset, computeStats(dataset, 2015), 'zh-CN', {
  services: '次',
  personTimes: '人次',
  listSeparator: '、',
  people: '{n}人',
});

describe('figure references in narrative text', () => {
  it.each([
    ['year', '2015'],
    ['org.name', '苏州市清流社工服务中心'],
    ['org.short_name', '苏州清流'],
    ['income.total', '54.5万元'],
    ['income.total.2012', '8万元'],
    ['income.total.2014', '22万元'],
    ['income.growth', '147.7%'],
    ['income.growth.2013', '87.5%'],
    ['income.growth.2014', '46.7%'],
    ['income.growth.2012', '—'],
    ['income.change', '增长147.7%'],
    ['income.change.2013', '增长87.5%'],
    ['income.change.2012', '—'],
    ['income.change_amount', '增加32.5万元'],
    ['income.cagr', '89.6%'],
    ['income.multiple', '6.8倍'],
    ['income.government_share.2012', '100.0%'],
    ['staff.headcount', '6'],
    ['staff.headcount.2013', '3'],
    ['staff.change', '增加1人'],
    ['staff.change.2013', '增加2人'],
    ['staff.change.2012', '—'],
    ['staff.volunteers', '60'],
    ['projects.cumulative', '23'],
    ['projects.cumulative.support', '10'],
    ['projects.cumulative.children', '13'],
    ['services.c9.community_outreach', '18场'],
    ['services.c9.casework', '40余节'],
    ['services.c10.casework', '近40节'],
    ['funding.c9', '25万元'],
    ['person_times.total', '约3000人次'],
    ['districts', '相城区、姑苏区、新区、园区'],
    ['awards.count', '2'],
    ['awards.cumulative', '3'],
  ])('{{%s}} → %s', (name, expected) => {
    expect(resolve(name)).toBe(expected);
  });

  it.each([
    ['income.totl', 'there is no figure named income.totl', '没有这个数字：income.totl'],
    ['income.total.2011', 'there is no data for the year 2011', '没有这一年的数据：2011'],
    ['services.c9.classrom', 'there is no activity type classrom', '没有这个服务类型：classrom'],
    ['services.nope.casework', 'there is no project nope', '没有这个项目：nope'],
  ])('{{%s}} is refused (%s), in English and in Chinese', (name, en, zh) => {
    let error: unknown;
    try {
      resolve(name);
    } catch (e) {
      error = e;
    }
    expect(isReportError(error)).toBe(true);
    const failure = error as ReportError;
    expect(failure.code).toBe('DATA_INVALID');
    expect(failure.messageIn('en')).toBe(`the figure {{${name}}} has no value: ${en}`);
    expect(failure.messageIn('zh-CN')).toBe(`正文引用的数字 {{${name}}} 没有值：${zh}`);
    expect(failure.hintIn('zh-CN')).toContain('docs/figures.md');
  });
});
