import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema, searchAnswerSchema } from './openapi/answer-schemas.ts';
import type { RunningHttpServer } from './node/node-server.ts';
import { serveTestApp } from './testing/served-test-app.ts';
import { TEST_ADMIN_TOKEN, type TestApp } from './testing/test-app.ts';

/**
 * Hostile input: whatever a client sends, the answer is a 4xx problem document that says why, never a 5xx, and
 * the server keeps answering normal requests afterwards. Every case runs twice: in process (`app.request`) and
 * through Node's HTTP server with Node's fetch, where an answer can still be lost on the way (a connection reset
 * while the client is sending, a refused body left on a kept-alive connection).
 */
let t: TestApp;
let running: RunningHttpServer;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, running, close } = await serveTestApp());
});
afterAll(() => close());

interface Case {
  name: string;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const recommend = (
  name: string,
  body: string | Uint8Array,
  headers: Record<string, string> = JSON_HEADERS,
): Case => ({
  name,
  method: 'POST',
  path: '/v1/recommendations',
  headers,
  body,
});
const withRequest = (name: string, extra: Record<string, unknown>) =>
  recommend(name, JSON.stringify({ credential: 'CMA', ...extra }));
const nested = (depth: number, open: string, close: string, inner = '1') =>
  open.repeat(depth) + inner + close.repeat(depth);

const CASES: Case[] = [
  // Malformed JSON
  ...[
    '{',
    '[',
    'nul',
    '{"credential":}',
    "{'credential':'CMA'}",
    '{"credential":"CMA",}',
    '\u0000',
    'NaN',
    '{"a":1}{"b":2}',
  ].map((body) => recommend(`malformed JSON ${JSON.stringify(body).slice(0, 30)}`, body)),
  recommend('invalid UTF-8 bytes', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
  // JSON, but not an object
  ...['null', '[]', 'true', '42', '"CMA"', '1e999'].map((body) =>
    recommend(`JSON ${body} instead of an object`, body),
  ),
  // Wrong content types
  recommend('text/plain', '{"credential":"CMA"}', { 'Content-Type': 'text/plain' }),
  recommend('form', 'credential=CMA', { 'Content-Type': 'application/x-www-form-urlencoded' }),
  recommend('multipart', '--x\r\n\r\n--x--', { 'Content-Type': 'multipart/form-data; boundary=x' }),
  recommend('xml', '<credential>CMA</credential>', { 'Content-Type': 'application/xml' }),
  recommend('no content type', '{"credential":"CMA"}', {}),
  recommend('look-alike media type', '{"credential":"CMA"}', { 'Content-Type': 'application/jsonx' }),
  recommend('huge content type', '{"credential":"CMA"}', { 'Content-Type': `text/${'x'.repeat(5000)}` }),
  // Wrong types
  recommend('credential is a number', '{"credential":1}'),
  withRequest('earned is a string', { earned: 'lots' }),
  withRequest('activities is an object', { activities: {} }),
  withRequest('preferences is an array', { preferences: [] }),
  withRequest('cycleEnd is a number', { cycleEnd: 20250101 }),
  withRequest('timeLimitMs is a string', { timeLimitMs: 'fast' }),
  recommend('credentials is a string', '{"credentials":"CMA"}'),
  withRequest('budget is a boolean', { preferences: { budgetCents: true } }),
  withRequest('formats hold objects', { preferences: { formats: [{ online: true }] } }),
  // Huge bodies
  withRequest('1 MiB of padding', {
    activities: [{ date: '2025-01-01', points: 1, title: 'x'.repeat(1 << 20) }],
  }),
  recommend('5 MiB of spaces', ' '.repeat(5 << 20)),
  // Deep nesting
  recommend(
    'deeply nested arrays',
    `{"credential":"CMA","preferences":{"formats":${nested(100_000, '[', ']')}}}`,
  ),
  recommend('deeply nested objects', `{"credential":"CMA","earned":${nested(20_000, '{"a":', '}')}}`),
  recommend('deep nesting at the top', nested(120_000, '[', ']')),
  // Prototype pollution
  recommend('__proto__ at the top', '{"credential":"CMA","__proto__":{"polluted":true}}'),
  recommend('constructor.prototype', '{"credential":"CMA","constructor":{"prototype":{"polluted":true}}}'),
  recommend('__proto__ in preferences', '{"credential":"CMA","preferences":{"__proto__":{"polluted":true}}}'),
  recommend('__proto__ as an earned key', '{"credential":"CMA","earned":{"__proto__":{"total":1}}}'),
  recommend(
    '__proto__ in a per-credential map',
    '{"credentials":["CMA"],"cycleEnd":{"__proto__":"2026-01-01"}}',
  ),
  {
    name: '__proto__ in the query',
    path: '/v1/courses?__proto__[polluted]=1&constructor[prototype][polluted]=1',
  },
  { name: 'constructor in the query', path: '/v1/courses?constructor=1' },
  // Absurd numbers
  withRequest('budget 1e308', { preferences: { budgetCents: 1e308 } }),
  withRequest('negative budget', { preferences: { budgetCents: -1 } }),
  withRequest('fractional cents', { preferences: { budgetCents: 10.5 } }),
  withRequest('unsafe integer', { preferences: { hourValueCents: 2 ** 53 + 2 } }),
  withRequest('points with three decimals', { earned: { total: 1.234 } }),
  withRequest('points 1e300', { earned: { total: 1e300 } }),
  withRequest('negative points', { earned: { clinical: -3 } }),
  withRequest('solver time zero', { timeLimitMs: 0 }),
  withRequest('solver time of a day', { timeLimitMs: 86_400_000 }),
  { name: 'price 1e400', path: '/v1/courses?maxPrice=1e400' },
  { name: 'page -1', path: '/v1/courses?page=-1' },
  { name: 'page 1e9', path: '/v1/courses?page=1000000000' },
  { name: 'perPage 0', path: '/v1/courses?perPage=0' },
  { name: 'hours NaN', path: '/v1/courses?maxHours=NaN' },
  { name: 'price Infinity', path: '/v1/courses?minPrice=Infinity' },
  // Impossible dates
  ...[
    '2025-02-30',
    '2025-13-01',
    '0000-00-00',
    '9999-12-31',
    '2025-2-3',
    'yesterday',
    '2025-02-28T00:00:00Z',
  ].map((date) => withRequest(`cycle end ${date}`, { cycleEnd: date })),
  withRequest('activity on 2024-02-30', { activities: [{ date: '2024-02-30', points: 2 }] }),
  // Very long strings
  withRequest('301-character title', {
    activities: [{ date: '2025-01-01', points: 1, title: 't'.repeat(301) }],
  }),
  withRequest('long unknown key', { ['k'.repeat(100_000)]: 1 }),
  { name: '10 000-character q', path: `/v1/courses?q=${'a'.repeat(10_000)}` },
  { name: '201-character q', path: `/v1/courses?q=${'a'.repeat(201)}` },
  { name: '1 000-character id', path: `/v1/courses/ace:${'x'.repeat(1000)}` },
  { name: '5 000-character path', path: `/v1/courses/${'x'.repeat(5000)}` },
  { name: 'bad percent-encoding in the path', path: '/v1/courses/%E0%A4%A' },
  { name: 'bad percent-encoding in the query', path: '/v1/courses?q=%E0%A4%A&sort=%' },
  { name: 'control characters in an id', path: '/v1/courses/ace:%00%01' },
  // Very long arrays
  withRequest('2 001 activities', {
    activities: Array.from({ length: 2001 }, () => ({ date: '2025-01-01', points: 1 })),
  }),
  withRequest('5 001 completed courses', {
    preferences: { completedCourseIds: Array.from({ length: 5001 }, (_, i) => `ace:c${i}`) },
  }),
  withRequest('a million-element array', { preferences: { formats: Array(40_000).fill(0) } }),
  { name: '21 categories', path: `/v1/courses?${Array(21).fill('category=clinical').join('&')}` },
  // Unknown methods and wrong methods
  ...['FOO', 'PROPFIND', 'PATCH', 'DELETE', 'PUT'].map((method) => ({
    name: `${method} on a route`,
    method,
    path: '/v1/providers',
  })),
  { name: 'FOO on an unknown route', method: 'FOO', path: '/v1/whatever' },
  { name: 'GET on the recommendation route', path: '/v1/recommendations' },
  // Admin abuse
  {
    name: 'admin with a huge token',
    method: 'POST',
    path: '/v1/admin/reindex',
    headers: { Authorization: `Bearer ${'a'.repeat(8000)}` },
  },
  {
    name: 'admin with a token of the right length',
    method: 'POST',
    path: '/v1/admin/reindex',
    headers: { Authorization: `Bearer ${'a'.repeat(TEST_ADMIN_TOKEN.length)}` },
  },
  {
    name: 'admin without a token',
    method: 'POST',
    path: '/v1/admin/crawl',
    headers: JSON_HEADERS,
    body: '{"providers":["ace"]}',
  },
];

const requestInit = ({ method = 'GET', headers = {}, body }: Case): RequestInit => ({
  method,
  headers,
  ...(body !== undefined ? { body: body as BodyInit } : {}),
});

async function expectProblemAnswer(res: Response): Promise<void> {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const problem = problemSchema.parse(await res.json());
  expect(problem.status).toBe(res.status);
  expect(problem.detail.length).toBeGreaterThan(0);
  expect(problem.detail.length).toBeLessThanOrEqual(1000);
  for (const issue of problem.errors ?? []) expect(issue.message.length).toBeLessThanOrEqual(300);
}

describe('hostile input over a real connection (Node fetch)', () => {
  // A rejected fetch (`fetch failed`: reset, other side closed) fails the case: the answer must arrive.
  it.each(CASES)('$name → a 4xx problem arrives', async (c) => {
    await expectProblemAnswer(
      await fetch(`${running.url}${c.path ?? '/v1/recommendations'}`, requestInit(c)),
    );
  });
});

describe('hostile input', () => {
  it.each(CASES)('$name → a 4xx problem', async (c) => {
    await expectProblemAnswer(await t.app.request(c.path ?? '/v1/recommendations', requestInit(c)));
  });

  it('leaves no prototype polluted and the server healthy', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect((await t.app.request('/healthz')).status).toBe(200);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const res = await t.app.request('/v1/courses?q=cardiology');
    expect(res.status).toBe(200);
    expect(searchAnswerSchema.parse(await res.json()).total).toBeGreaterThan(0);
    const plan = await t.app.request('/v1/recommendations', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: '{"credential":"CMA"}',
    });
    expect(plan.status, await plan.clone().text()).toBe(200);
    expect(t.logs.filter((line) => typeof line.status === 'number' && line.status >= 500)).toEqual([]);
  });
});
