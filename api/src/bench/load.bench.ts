/**
 * Load test of the HTTP API with autocannon, in one run: `/healthz` (the floor: the framework and middleware
 * alone), a mix of distinct realistic searches (text + filters + facets) on a 20k-course catalog, and
 * recommendations. Prints requests/s, p50 and p99 per scenario as a markdown table, and the targets.
 *
 *   pnpm exec tsx api/src/bench/load.bench.ts [--courses 20000] [--seconds 10] [--connections 50]
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { seededRandom } from '@ceu/shared';
import { TOPICS } from '../testing/synthetic-catalog.ts';

const { values } = parseArgs({
  options: {
    courses: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
});
const courses = Number(values.courses);
const seconds = Number(values.seconds);
const connections = Number(values.connections);

/** Realistic, distinct searches: 1–2 words (a fifth with a typo, some cut short as while typing) with filters. */
function searchPaths(count: number): string[] {
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const typo = (word: string) => {
    if (word.length < 5 || random() > 0.2) return word;
    const i = 1 + Math.floor(random() * (word.length - 2));
    return word.slice(0, i) + word.slice(i + 1);
  };
  const paths = new Set<string>();
  while (paths.size < count) {
    const params = new URLSearchParams();
    const words = pick(TOPICS).split(' ').slice(0, 2).map(typo);
    let q = words.join(' ');
    if (random() < 0.25) q = q.slice(0, Math.max(3, q.length - 1 - Math.floor(random() * 3)));
    params.set('q', q);
    if (random() < 0.5) params.append('category', pick(['general', 'clinical', 'administrative']));
    if (random() < 0.3)
      params.append('provider', pick(['aama', 'relias', 'ace', 'medcarecu', 'clinicalearn']));
    if (random() < 0.3)
      params.append('format', pick(['online', 'self-study', 'live-webinar', 'article-quiz']));
    if (random() < 0.4) params.set('maxPrice', String(1000 + Math.floor(random() * 80) * 100));
    if (random() < 0.3) params.append('credential', pick(['CMA', 'RMA', 'NCMA', 'CCMA']));
    if (random() < 0.3) params.append('approvedBy', 'AAMA');
    if (random() < 0.5) params.set('sort', pick(['price', '-price', 'hours', 'pricePerPoint']));
    if (random() < 0.2) params.set('page', String(2 + Math.floor(random() * 3)));
    paths.add(`/v1/courses?${params.toString()}`);
  }
  return [...paths];
}

/** Distinct recommendation requests: the four credentials, partial progress, and typical preferences. */
function recommendationBodies(count: number): string[] {
  const random = seededRandom(11);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const bodies = new Set<string>();
  while (bodies.size < count) {
    const credential = pick(['CMA', 'CMA', 'RMA', 'NCMA', 'CCMA'] as const);
    const request: Record<string, unknown> = { credential };
    if (credential === 'CMA') {
      const general = Math.floor(random() * 12);
      const clinical = Math.floor(random() * 12);
      const administrative = Math.floor(random() * 12);
      const total = general + clinical + administrative + Math.floor(random() * 20);
      request.earned = { total, general, clinical, administrative, approved: Math.floor(total * random()) };
    } else {
      request.earned = { total: Math.floor(random() * 10) };
    }
    const preferences: Record<string, unknown> = {};
    if (random() < 0.3) preferences.budgetCents = 2000 + Math.floor(random() * 30) * 1000;
    if (random() < 0.3) preferences.memberships = ['AAMA'];
    if (random() < 0.2) preferences.bundlesOwned = ['ace:membership'];
    if (random() < 0.2) preferences.formats = ['online', 'self-study', 'article-quiz'];
    if (random() < 0.2) preferences.excludeProviders = [pick(['relias', 'medcarecu'])];
    if (random() < 0.2) preferences.hourValueCents = 500 + Math.floor(random() * 20) * 100;
    if (Object.keys(preferences).length > 0) request.preferences = preferences;
    bodies.add(JSON.stringify(request));
  }
  return [...bodies];
}

interface Row {
  scenario: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  non2xx: number;
  /** Server CPU time per request (ms): robust to other load on the machine, unlike rates and latencies. */
  cpuMs: number;
}

async function load(
  url: string,
  scenario: string,
  options: Partial<autocannon.Options>,
  cycle?: { method: 'GET' | 'POST'; items: string[] },
): Promise<Row> {
  let next = 0;
  const requests: autocannon.Request[] | undefined = cycle
    ? [
        {
          method: cycle.method,
          setupRequest: (request: autocannon.Request) => {
            const item = cycle.items[next++ % cycle.items.length]!;
            return cycle.method === 'GET'
              ? { ...request, path: item }
              : {
                  ...request,
                  path: '/v1/recommendations',
                  headers: { 'content-type': 'application/json' },
                  body: item,
                };
          },
        },
      ]
    : undefined;
  const cpuBefore = await serverCpuMs();
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    ...(requests ? { requests } : {}),
    ...options,
  });
  return {
    scenario,
    connections: options.connections ?? connections,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    non2xx: result.non2xx,
    cpuMs: result.requests.total > 0 ? ((await serverCpuMs()) - cpuBefore) / result.requests.total : 0,
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(here, 'load-server.ts'), String(courses)],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let onCpu: ((cpuMs: number) => void) | undefined;
const url = await new Promise<string>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`the load server exited (${code})`)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      const parsed = JSON.parse(line) as { url?: string; cpuMs?: number };
      if (parsed.url) resolve(parsed.url);
      if (parsed.cpuMs !== undefined) onCpu?.(parsed.cpuMs);
    } catch {
      // not a log line
    }
  });
});

function serverCpuMs(): Promise<number> {
  return new Promise((resolve) => {
    onCpu = resolve;
    child.kill('SIGUSR2');
  });
}

try {
  const searches = searchPaths(3000);
  const bodies = recommendationBodies(1000);
  // Each scenario gets a short warm-up (JIT, caches, connections) before it is measured.
  await load(url, 'warm-up', { duration: 2, url: `${url}/healthz` });
  const health = await load(url, '`GET /healthz`', { url: `${url}/healthz` });
  await load(url, 'warm-up', { duration: 2 }, { method: 'GET', items: searches });
  const search = await load(
    url,
    `\`GET /v1/courses\` (${searches.length} distinct searches)`,
    {},
    { method: 'GET', items: searches },
  );
  await load(url, 'warm-up', { duration: 2, connections: 10 }, { method: 'POST', items: bodies });
  const recommendations = `\`POST /v1/recommendations\` (${bodies.length} distinct requests)`;
  const recommend = await load(url, recommendations, {}, { method: 'POST', items: bodies });
  const recommendFew = await load(
    url,
    recommendations,
    { connections: 10 },
    { method: 'POST', items: bodies },
  );
  const recommendOne = await load(
    url,
    recommendations,
    { connections: 1 },
    { method: 'POST', items: bodies },
  );

  const rows = [health, search, recommend, recommendFew, recommendOne];
  console.log(
    `Load test: ${courses.toLocaleString('en-US')} synthetic courses, autocannon ${seconds} s per scenario, server and load generator on this machine.\n`,
  );
  console.log(
    '| scenario | connections | requests | requests/s | p50 ms | p99 ms | server CPU ms/request | non-2xx | timeouts, errors |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(
      `| ${row.scenario} | ${row.connections} | ${row.requests} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.cpuMs.toFixed(3)} | ${row.non2xx} | ${row.failures - row.non2xx} |`,
    );
  }
  const ratio = search.rps / health.rps;
  const loadAverage = os.loadavg()[0]!;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log('');
  console.log(
    `- machine: ${os.cpus().length} cores, load average ${loadAverage.toFixed(1)} at the end (rates and latencies suffer when other work runs)`,
  );
  console.log(`- searches / healthz rate: ${ratio.toFixed(3)} (target ≥ 0.1: ${verdict(ratio >= 0.1)})`);
  console.log(
    `- search p99 at ${connections} connections: ${search.p99} ms (target ≤ 25 ms: ${verdict(search.p99 <= 25)})`,
  );
  const recommendVerdicts = [recommend, recommendFew, recommendOne]
    .map((row) => `${row.p99} ms at ${row.connections} (${verdict(row.p99 <= 50)})`)
    .join(', ');
  console.log(`- recommendation p99 (target ≤ 50 ms): ${recommendVerdicts}`);
  // Timeouts are a measurement (the solver is slower than the load); a non-2xx answer is a bug.
  if (rows.some((row) => row.non2xx > 0)) {
    console.log('- some requests got a non-2xx answer (see the table)');
    process.exitCode = 1;
  }
} finally {
  child.kill('SIGTERM');
}
