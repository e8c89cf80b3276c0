import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /widget.js and /', () => {
  it('serves the widget script, loadable from any origin', async () => {
    const res = await t.app.request('/widget.js', { headers: { Origin: 'https://clinic.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('etag')).toBeTruthy();
    expect(await res.text()).toContain('ceu-finder');
  });

  it('serves a demo page that embeds the widget against this server', async () => {
    const res = await t.app.request('http://127.0.0.1:8787/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script src="http://127.0.0.1:8787/widget.js" defer></script>');
    expect(html).toContain('<ceu-finder api="http://127.0.0.1:8787">');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
  });
});
