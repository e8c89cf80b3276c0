import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { demoPageHtml, widgetScript } from './index.ts';

/** The budget for everything the widget adds to a page. */
const BUDGET_GZIP_BYTES = 25 * 1024;

describe('widget.js', () => {
  it('is one minified IIFE within the 25 KiB gzip budget, with no runtime workspace code', async () => {
    const script = await widgetScript();
    const gzip = gzipSync(script, { level: 9 }).length;
    // Printed so every test run reports the figure (issue 7: "light on the page").
    console.log(
      `\n| widget.js | bytes |\n| --- | ---: |\n| minified | ${script.length} |\n| gzipped | ${gzip} |\n| budget (gzipped) | ${BUDGET_GZIP_BYTES} |\n`,
    );
    expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    expect(script.startsWith('"use strict";(()=>{') || script.startsWith('(()=>{')).toBe(true);
    expect(script).toContain('ceu-finder');
    // Only type imports of @ceu/* are allowed: zod or the store would blow the budget and need Node.
    expect(script).not.toMatch(/zod|better-sqlite3|node:|@ceu\//);
    expect(script).not.toContain('innerHTML');
  });

  it('is read once and cached', async () => {
    const [a, b] = await Promise.all([widgetScript(), widgetScript()]);
    expect(a).toBe(b);
  });
});

describe('demoPageHtml', () => {
  it('embeds the widget with the two documented tags', () => {
    const html = demoPageHtml({ apiUrl: 'https://ceu.example/' });
    expect(html).toContain('<script src="https://ceu.example/widget.js" defer></script>');
    expect(html).toContain('<ceu-finder api="https://ceu.example"></ceu-finder>');
  });

  it('escapes the API URL', () => {
    const html = demoPageHtml({ apiUrl: 'https://x.example/"><script>alert(1)</script>' });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
  });
});
