/** timeline.yaml (大事记): each event a real date and some words, located when not. */
import { afterAll, describe, expect, it } from 'vitest';
import { linesWith, removeMadeData } from './helpers.js';

afterAll(removeMadeData);

describe('timeline.yaml', () => {
  it('accepts dated events and reports an impossible date and an empty event at their place', async () => {
    expect(
      await linesWith({
        '2015/timeline.yaml': 'year: 2015\nevents:\n  - { date: 2015-03, event: 项目启动 }\n',
      }),
    ).toEqual([]);
    expect(
      await linesWith({
        '2015/timeline.yaml':
          'year: 2015\nevents:\n  - { date: 2015-02-30, event: 项目启动 }\n  - { date: 2015-05, event: "" }\n',
      }),
    ).toEqual([
      'data/2015/timeline.yaml:3:13 events.0.date  "2015-02-30" is not a real date (months 01–12, days within the month): write e.g. 2015-12-31',
      'data/2015/timeline.yaml:4:29 events.1.event  must not be empty: write the text',
    ]);
  });
});
