import type { Worker } from 'node:worker_threads';
import { CeuError, ValidationError, type Catalog, type RecommendationRequest } from '@ceu/domain';
import { createRecommender } from '@ceu/recommender';
import { afterEach, describe, expect, it } from 'vitest';
import { withBargainCourse, appCatalog } from '@ceu/testkit';
import { RecommenderPool, workerEntry, type RecommenderPoolOptions } from './recommender-pool.ts';

const TODAY = '2026-11-20';
const OPTIONS = { timeLimitMs: 5000, today: TODAY };

const pools: RecommenderPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

/** A started pool whose worker threads the test can see (to kill one). */
async function startPool(options: Omit<RecommenderPoolOptions, 'onWorker'>) {
  const threads: Worker[] = [];
  const pool = new RecommenderPool({ ...options, onWorker: (worker) => threads.push(worker) });
  pools.push(pool);
  await pool.start();
  return { pool, threads };
}

const REQUESTS: RecommendationRequest[] = [
  { credential: 'CMA' },
  { credential: 'CMA', earned: { total: 40, general: 10, clinical: 6, administrative: 10, approved: 25 } },
  { credential: 'RMA', earned: { total: 12 }, preferences: { memberships: ['AAMA'] } },
  { credential: 'NCMA', preferences: { formats: ['online', 'self-study'], budgetCents: 9000 } },
  { credential: 'CCMA', preferences: { bundlesOwned: ['ace:membership'], hourValueCents: 900 } },
  { credentials: ['CMA', 'RMA'], earned: { total: 20 } },
  { credential: 'RMA', earned: { total: 10 }, preferences: { providers: ['nobody'] } },
];

/** What the recommender in this thread answers, as JSON (the bytes the API would send). */
function inProcess(catalog: Catalog, request: RecommendationRequest): string {
  return JSON.stringify(createRecommender(catalog).recommend(request, OPTIONS));
}

describe('RecommenderPool', () => {
  it('answers exactly what the recommender in this thread answers', async () => {
    const catalog = appCatalog(1500, 5);
    const { pool } = await startPool({ workers: 2 });
    pool.load(catalog);
    const answers = await Promise.all(REQUESTS.map((request) => pool.recommend(request, OPTIONS)));
    const local = createRecommender(catalog);
    answers.forEach((answer, i) => {
      expect(JSON.stringify(answer)).toBe(JSON.stringify(local.recommend(REQUESTS[i]!, OPTIONS)));
    });
    // `today` reaches the workers: a cycle that ended before it lapses there as here.
    const lapsed = { credential: 'CMA', cycleEnd: '2026-06-30', earned: { total: 30 } } as const;
    for (const today of ['2026-01-15', '2027-03-01']) {
      const answer = await pool.recommend(lapsed, { timeLimitMs: 5000, today });
      expect(JSON.stringify(answer)).toBe(
        JSON.stringify(local.recommend(lapsed, { timeLimitMs: 5000, today })),
      );
    }
  });

  it('sends the catalog as JSON, the caller’s or its own, ASCII or not, with the same answers', async () => {
    const ascii = appCatalog(600, 8);
    // Titles as providers write them: accents, curly quotes, a dash, an emoji.
    const accented = {
      ...ascii,
      courses: ascii.courses.map((c, i) => (i % 3 ? c : { ...c, title: `${c.title} – l’éthique ✅` })),
    };
    const { pool } = await startPool({ workers: 1 });
    for (const catalog of [ascii, accented]) {
      for (const courseJson of [undefined, catalog.courses.map((c) => JSON.stringify(c))]) {
        pool.load({ ...catalog, ...(courseJson ? { courseJson } : {}) });
        for (const request of REQUESTS.slice(0, 3))
          expect(JSON.stringify(await pool.recommend(request, OPTIONS))).toBe(inProcess(catalog, request));
      }
    }
  });

  it('answers each request from the catalog version loaded when it was made, never a mix', async () => {
    const before = appCatalog(800, 12);
    const request = REQUESTS[1]!;
    const { pool } = await startPool({ workers: 1 });
    pool.load(before);
    const first = await pool.run(request, OPTIONS);
    // The cheapest plan's courses leave the catalog; a course that covers everything at a low price arrives.
    const planned = new Set(first.answer.plan.steps.map((s) => s.courseId));
    const { bargain, ...after } = withBargainCourse(before, planned);

    // One worker: the first request is in flight, the second waits while the catalog changes.
    const inFlight = pool.run(request, OPTIONS);
    const waiting = pool.run(request, OPTIONS);
    pool.load(after);
    const madeAfter = pool.run(request, OPTIONS);
    const [a, b, c] = await Promise.all([inFlight, waiting, madeAfter]);
    expect([a.version, b.version, c.version]).toEqual([first.version, first.version, first.version + 1]);
    expect(JSON.stringify(a.answer)).toBe(inProcess(before, request));
    expect(JSON.stringify(b.answer)).toBe(inProcess(before, request));
    expect(JSON.stringify(c.answer)).toBe(inProcess(after, request));
    expect(c.answer.plan.steps.map((s) => s.courseId)).toContain(bargain.id);
    expect(c.answer.plan.steps.some((s) => planned.has(s.courseId))).toBe(false);
  });

  it('refuses an invalid request with the same error as in this thread', async () => {
    const catalog = appCatalog(300, 2);
    const { pool, threads } = await startPool({ workers: 1 });
    pool.load(catalog);
    const local = createRecommender(catalog);
    const invalid = [
      { credential: 'XYZ', earned: { total: -5 } },
      // Valid by the schema, impossible by the rules: the parts add up to more than the total.
      { credential: 'CMA', earned: { total: 5, general: 10, clinical: 10, administrative: 10, approved: 0 } },
    ] as unknown as RecommendationRequest[];
    for (const request of invalid) {
      const expected = (() => {
        try {
          local.recommend(request, OPTIONS);
        } catch (error) {
          return error as ValidationError;
        }
        throw new Error('expected the request to be refused');
      })();
      const error = await pool.recommend(request, OPTIONS).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({
        code: 'invalid-input',
        message: expected.message,
        issues: expected.issues,
      });
    }
    // A refusal is not a failure: the same worker answers the next request.
    await pool.run(REQUESTS[0]!, OPTIONS);
    expect(pool.workers().map((w) => w.threadId)).toEqual([threads[0]!.threadId]);
  });

  it('spreads concurrent requests over the workers', async () => {
    const { pool } = await startPool({ workers: 2 });
    pool.load(appCatalog(1000, 4));
    // A request made while another is being solved does not wait for it: the idle worker takes it.
    const [first, second] = await Promise.all([
      pool.run(REQUESTS[5]!, OPTIONS),
      pool.run(REQUESTS[0]!, OPTIONS),
    ]);
    expect(first.threadId).not.toBe(second.threadId);
    expect(new Set(pool.workers().map((w) => w.threadId))).toEqual(
      new Set([first.threadId, second.threadId]),
    );

    // More requests than workers: both workers take their share.
    const answers = await Promise.all(REQUESTS.map((request) => pool.run(request, OPTIONS)));
    expect(new Set(answers.map((a) => a.threadId)).size).toBe(2);
  });

  it('answers waiting requests first come, first served', async () => {
    const { pool } = await startPool({ workers: 1 });
    pool.load(appCatalog(600, 4));
    const settled: number[] = [];
    const runs = REQUESTS.map((request, i) => pool.run(request, OPTIONS).then(() => settled.push(i)));
    expect(pool.waiting).toBe(REQUESTS.length - 1);
    await Promise.all(runs);
    expect(settled).toEqual(REQUESTS.map((_, i) => i));
  });

  it('refuses requests past its queue bound with 503', async () => {
    const { pool } = await startPool({ workers: 1, maxQueue: 2 });
    pool.load(appCatalog(300, 2));
    const accepted = [0, 1, 2].map(() => pool.recommend(REQUESTS[0]!, OPTIONS)); // one runs, two wait
    const refused = pool.recommend(REQUESTS[0]!, OPTIONS);
    await expect(refused).rejects.toMatchObject({ code: 'unavailable', message: /busy/ });
    await expect(Promise.all(accepted)).resolves.toHaveLength(3);
  });

  it('replaces a worker killed mid-flight; that request fails with 500, the next ones are answered', async () => {
    const catalog = appCatalog(20_000, 9);
    const { pool, threads } = await startPool({ workers: 1 });
    pool.load(catalog);
    // The worker is busy building 20,000 courses' recommender when it is killed, with the request sent.
    const doomed = pool.recommend(REQUESTS[1]!, OPTIONS);
    const killed = threads[0]!.threadId;
    void threads[0]!.terminate();
    await expect(doomed).rejects.toSatisfy(
      (error: unknown) => error instanceof CeuError && error.code === 'internal',
    );
    const next = await pool.run(REQUESTS[1]!, OPTIONS);
    expect(threads).toHaveLength(2);
    expect(next.threadId).toBe(threads[1]!.threadId);
    expect(next.threadId).not.toBe(killed);
    expect(JSON.stringify(next.answer)).toBe(inProcess(catalog, REQUESTS[1]!));
  });

  it('fails a request the recommender throws on with 500 and replaces that worker', async () => {
    const catalog = appCatalog(300, 2);
    const { pool, threads } = await startPool({ workers: 1 });
    pool.load(catalog);
    const first = threads[0]!.threadId;
    // Not a date: the rules throw a RangeError (the route always passes a real one).
    expect(() => createRecommender(catalog).recommend(REQUESTS[0]!, { today: 'not-a-date' })).toThrow(
      RangeError,
    );
    await expect(
      pool.recommend(REQUESTS[0]!, { timeLimitMs: 1000, today: 'not-a-date' }),
    ).rejects.toMatchObject({
      code: 'internal',
    });
    const next = await pool.run(REQUESTS[0]!, OPTIONS);
    expect(next.threadId).not.toBe(first);
    expect(next.threadId).toBe(threads[1]!.threadId);
    expect(JSON.stringify(next.answer)).toBe(inProcess(catalog, REQUESTS[0]!));
  });

  it('terminates its workers on close and refuses what waits', async () => {
    const { pool, threads } = await startPool({ workers: 2 });
    pool.load(appCatalog(300, 2));
    const exits = threads.map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
    const waiting = [0, 1, 2, 3].map((i) =>
      pool.recommend(REQUESTS[i]!, OPTIONS).then(
        () => 'answered',
        (error: CeuError) => error.code,
      ),
    );
    await pool.close();
    await Promise.all(exits);
    // Two were running (they lose their worker), two were waiting: none is left hanging.
    expect(await Promise.all(waiting)).toEqual(['unavailable', 'unavailable', 'unavailable', 'unavailable']);
    await expect(pool.recommend(REQUESTS[0]!, OPTIONS)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('reports each worker’s memory and catalog', async () => {
    const { pool } = await startPool({ workers: 2 });
    pool.load(appCatalog(500, 3));
    await Promise.all([pool.run(REQUESTS[0]!, OPTIONS), pool.run(REQUESTS[1]!, OPTIONS)]);
    const stats = await pool.stats();
    expect(stats).toHaveLength(2);
    for (const report of stats) {
      expect(report).toMatchObject({ version: 1, courses: 500 });
      expect(report.heapUsed).toBeGreaterThan(0);
    }
  });
});

describe('workerEntry', () => {
  it('runs the TypeScript source through tsx, and compiled JavaScript as it is', () => {
    const source = new URL('./recommender-pool.ts', import.meta.url).href;
    const ts = workerEntry(source);
    expect(ts.options.eval).toBe(true);
    expect(String(ts.filename)).toContain(new URL('./recommender-worker.ts', source).href);
    const js = workerEntry('file:///app/dist/catalog/recommender-pool.js');
    expect(String(js.filename)).toBe('file:///app/dist/catalog/recommender-worker.js');
    expect(js.options).toEqual({});
  });
});
