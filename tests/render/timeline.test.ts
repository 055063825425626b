/**
 * 大事记: each event's date printed in words. The field is read as the event's own `date`, never
 * as the template helper of that name (which printed "[object Object]").
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHtml } from '../robustness/build-html.js';

describe('the timeline page', () => {
  it('prints each event of examples/qinghe with its date', async () => {
    const { html } = await buildHtml(join(import.meta.dirname, '../../examples/qinghe'), 2024);
    const start = html.indexOf('class="timeline-list"');
    const list = html.slice(start, html.indexOf('</ol>', start));
    expect(list).not.toContain('[object Object]');
    expect(list).toContain(
      '<span class="timeline-date">二〇二四年二月二十日</span><span class="timeline-event">银发邻里互助项目启动',
    );
  });
});
