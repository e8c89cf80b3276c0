/**
 * Load test of the HTTP API with autocannon, in one run: `/healthz` (the floor: the framework and middleware
 * alone), a mix of distinct realistic searches (text + filters + facets) on a 20k-course catalog, and
 * recommendations, on a server with the default recommender pool (one worker thread per core). Then
 * recommendations at 1, 10 and 50 connections compared side by side with a server with one worker and one
 * solving on its event loop (`CEU_RECOMMENDER_WORKERS=0`), in rounds where the servers take turns; what each
 * worker holds; and the workers' memory at 100k courses. Prints markdown tables and the targets. One client
 * sends everything: `CEU_RATE_LIMIT=0`.
 *
 *   pnpm bench load -- or node --expose-gc --conditions=@ceu/source --import tsx tests/bench/src/load.bench.ts [--courses 20000] [--seconds 10] [--connections 50]
 *     [--compare 1,0] [--rounds 3] [--memory-courses 100000]
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { seededRandom, appCatalog, TOPICS } from '@ceu/testkit';
import { type RecommendationRequest } from '@ceu/domain';
import { RecommenderPool } from '@ceu/catalog';
import type { WorkerStats } from '@ceu/catalog';

const { values } = parseArgs({
  options: {
    courses: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    /** Worker counts to compare with the default pool on recommendations (0: on the event loop). */
    compare: { type: 'string', default: '1,0' },
    /** Rounds of that comparison (of `--seconds` / 2 each, at least 3 s), the servers taking turns. */
    rounds: { type: 'string', default: '3' },
    /** The catalog size of the workers' memory measurement; 0 skips it. */
    'memory-courses': { type: 'string', default: '100000' },
  },
});
const courses = Number(values.courses);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const compared = values.compare
  .split(',')
  .filter((n) => n.trim() !== '')
  .map(Number);
const memoryCourses = Number(values['memory-courses']);
const rounds = Number(values.rounds);
const compareSeconds = Math.max(3, Math.round(seconds / 2));
const cores = os.availableParallelism();

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

/** A load server in its own process, with its settings. */
interface LoadServer {
  url: string;
  workers: number;
  cpuMs(): Promise<number>;
  memory(): Promise<{ workers: WorkerStats[]; main: NodeJS.MemoryUsage }>;
  stop(): void;
}

const here = path.dirname(fileURLToPath(import.meta.url));

async function startServer(workers: number | 'default'): Promise<LoadServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, CEU_RATE_LIMIT: '0' };
  if (workers === 'default') delete env.CEU_RECOMMENDER_WORKERS;
  else env.CEU_RECOMMENDER_WORKERS = String(workers);
  // --expose-gc: the workers report their heap after a collection (what they hold, not their garbage).
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--conditions=@ceu/source',
      '--import',
      'tsx',
      path.join(here, 'load-server.ts'),
      String(courses),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'], env },
  );
  const waiting = new Map<string, (line: Record<string, unknown>) => void>();
  const listening = await new Promise<{ url: string; workers: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the load server exited (${code})`)));
    createInterface({ input: child.stdout }).on('line', (text) => {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return; // not a line of ours
      }
      if (line.msg === 'listening') resolve(line as unknown as { url: string; workers: number });
      const waiter = waiting.get(String(line.msg));
      waiting.delete(String(line.msg));
      waiter?.(line);
    });
  });
  const ask = (command: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      waiting.set(command, resolve);
      child.stdin.write(`${command}\n`);
    });
  return {
    ...listening,
    cpuMs: async () => (await ask('cpu')).cpuMs as number,
    memory: async () => (await ask('memory')) as unknown as Awaited<ReturnType<LoadServer['memory']>>,
    stop: () => child.kill('SIGTERM'),
  };
}

async function load(
  server: LoadServer,
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
  const cpuBefore = await server.cpuMs();
  const result = await autocannon({
    url: server.url,
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
    cpuMs: result.requests.total > 0 ? ((await server.cpuMs()) - cpuBefore) / result.requests.total : 0,
  };
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const workersLabel = (n: number) =>
  n === 0 ? 'on the event loop (0)' : `${n} worker${n === 1 ? '' : 's'}${n === cores ? ' (default)' : ''}`;
const CONNECTIONS = [1, 10, 50];

const searches = searchPaths(3000);
const bodies = recommendationBodies(1000);
const recommendations = `\`POST /v1/recommendations\` (${bodies.length} distinct requests)`;

const all: Row[] = [];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// Every server starts first and stays up (an idle one costs memory, not CPU), so that the comparison below can
// take turns between them: whatever else runs on the machine then weighs on each about alike.
const main = await startServer('default');
const servers = new Map<number, LoadServer>([[main.workers, main]]);
try {
  for (const workers of compared) if (!servers.has(workers)) servers.set(workers, await startServer(workers));

  // Each scenario gets a short warm-up (JIT, caches, connections) before it is measured.
  await load(main, 'warm-up', { duration: 2, url: `${main.url}/healthz` });
  const health = await load(main, '`GET /healthz`', { url: `${main.url}/healthz` });
  await load(main, 'warm-up', { duration: 2 }, { method: 'GET', items: searches });
  const search = await load(
    main,
    `\`GET /v1/courses\` (${searches.length} distinct searches)`,
    {},
    { method: 'GET', items: searches },
  );
  await load(main, 'warm-up', { duration: 2, connections: 10 }, { method: 'POST', items: bodies });
  const pooled: Row[] = [];
  for (const c of [...CONNECTIONS].reverse())
    pooled.push(await load(main, recommendations, { connections: c }, { method: 'POST', items: bodies }));
  const rows = [health, search, ...pooled];
  all.push(...rows);

  console.log(
    `Load test: ${courses.toLocaleString('en-US')} synthetic courses, autocannon ${seconds} s per scenario, server and load generator on this machine (${cores} cores), recommendations on ${workersLabel(main.workers)}, CEU_RATE_LIMIT=0.\n`,
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
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log('');
  console.log(`- searches / healthz rate: ${ratio.toFixed(3)} (target ≥ 0.1: ${verdict(ratio >= 0.1)})`);
  console.log(
    `- search p99 at ${connections} connections: ${search.p99} ms (target ≤ 25 ms: ${verdict(search.p99 <= 25)})`,
  );
  const recommendVerdicts = pooled
    .map((row) => `${row.p99} ms at ${row.connections} (${verdict(row.p99 <= 50)})`)
    .join(', ');
  console.log(`- recommendation p99 (target ≤ 50 ms): ${recommendVerdicts}`);

  // The comparison: rounds of every connection count on every server in turn (the order rotates per round).
  const columns = [...servers.keys()].sort((a, b) => a - b);
  for (const workers of columns)
    await load(
      servers.get(workers)!,
      'warm-up',
      { duration: 2, connections: 10 },
      { method: 'POST', items: bodies },
    );
  const samples = new Map<string, Row[]>();
  for (let round = 0; round < rounds; round++) {
    for (const c of [...CONNECTIONS].reverse()) {
      const order = columns.map((_, i) => columns[(i + round) % columns.length]!);
      for (const workers of order) {
        const row = await load(
          servers.get(workers)!,
          recommendations,
          { connections: c, duration: compareSeconds },
          { method: 'POST', items: bodies },
        );
        all.push(row);
        samples.set(`${workers}/${c}`, [...(samples.get(`${workers}/${c}`) ?? []), row]);
      }
    }
  }
  console.log(
    `\nRecommendations (${recommendations}) by where they are solved: median of ${rounds} rounds of ${compareSeconds} s, the servers taking turns (p99 range in brackets):\n`,
  );
  console.log(
    `| connections | ${columns.map((n) => `${workersLabel(n)}: requests/s | p50 ms | p99 ms | CPU ms/request`).join(' | ')} |`,
  );
  console.log(`| ---: | ${columns.map(() => '---: | ---: | ---: | ---:').join(' | ')} |`);
  for (const c of CONNECTIONS) {
    const cells = columns.map((n) => {
      const runs = samples.get(`${n}/${c}`)!;
      const p99s = runs.map((r) => r.p99);
      return [
        median(runs.map((r) => r.rps)),
        median(runs.map((r) => r.p50)),
        `${median(p99s)} (${Math.min(...p99s)}–${Math.max(...p99s)})`,
        median(runs.map((r) => r.cpuMs)).toFixed(3),
      ].join(' | ');
    });
    console.log(`| ${c} | ${cells.join(' | ')} |`);
  }

  const reports: { setting: string; workers: WorkerStats[] }[] = [];
  for (const workers of columns.filter((n) => n > 0))
    reports.push({ setting: workersLabel(workers), workers: (await servers.get(workers)!.memory()).workers });
  memoryTable(
    `Recommender workers after the runs above (${courses.toLocaleString('en-US')} courses; heap after a collection):`,
    reports,
  );
} finally {
  for (const server of servers.values()) server.stop();
}

function memoryTable(title: string, reports: { setting: string; workers: WorkerStats[] }[]): void {
  console.log(`\n${title}\n`);
  console.log(
    '| workers | worker | courses | build ms | answered | heap used MB | heap total MB | process RSS MB |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { setting, workers } of reports) {
    for (const w of workers) {
      console.log(
        `| ${setting} | ${w.threadId} | ${w.courses} | ${w.loadMs} | ${w.answered} | ${mb(w.heapUsed)} | ${mb(w.heapTotal)} | ${mb(w.rss)} |`,
      );
    }
  }
}
if (memoryCourses > 0) {
  // The pool in this process over a bigger catalog: the workers build it and answer every request once.
  const catalog = appCatalog(memoryCourses, 2026);
  const courseJson = catalog.courses.map((c) => JSON.stringify(c));
  const pool = new RecommenderPool({ workers: cores, maxQueue: bodies.length });
  await pool.start();
  try {
    const started = performance.now();
    pool.load({ ...catalog, courseJson });
    const mainMs = performance.now() - started;
    const today = new Date().toISOString().slice(0, 10);
    await Promise.all(
      bodies.map((body) => pool.run(JSON.parse(body) as RecommendationRequest, { timeLimitMs: 2000, today })),
    );
    memoryTable(
      `Recommender workers at ${memoryCourses.toLocaleString('en-US')} courses, after answering the ${bodies.length} requests (heap after a collection; the catalog was sent in ${mainMs.toFixed(0)} ms of main-thread time):`,
      [{ setting: workersLabel(cores), workers: await pool.stats() }],
    );
  } finally {
    await pool.close();
  }
}

console.log(
  `\n- machine: ${cores} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the end (rates and latencies suffer when other work runs; the load generator shares the cores)`,
);
// Timeouts are a measurement (the solver is slower than the load); a non-2xx answer is a bug.
if (all.some((row) => row.non2xx > 0)) {
  console.log('- some requests got a non-2xx answer (see the tables)');
  process.exitCode = 1;
}
