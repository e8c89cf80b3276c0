/**
 * A recommender worker thread (see recommender-pool.ts): builds its own recommender from each catalog version
 * it is sent and answers requests from it, one at a time, in the order they were posted.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { CeuError, ValidationError, type Bundle, type Course } from '@ceu/domain';
import { createRecommender, type Recommender } from '@ceu/recommender';
import type { FromWorker, ToWorker } from './recommender-protocol.ts';

if (!parentPort) throw new Error('recommender-worker.ts runs as a worker thread of the recommender pool');
const port = parentPort;
const post = (message: FromWorker) => port.postMessage(message);

let recommender: Recommender | undefined;
let version = -1;
let courses = 0;
let loadMs = 0;
let answered = 0;

function load(message: Extract<ToWorker, { type: 'catalog' }>): void {
  const started = performance.now();
  // Let go of the previous version first, so that at most one is held while the next is built.
  recommender = undefined;
  const catalog = JSON.parse(Buffer.from(message.json).toString(message.encoding)) as {
    courses: Course[];
    bundles: Bundle[];
  };
  recommender = createRecommender(catalog);
  version = message.version;
  courses = catalog.courses.length;
  loadMs = Math.round(performance.now() - started);
  post({ type: 'loaded', version, courses, loadMs });
}

function recommend(message: Extract<ToWorker, { type: 'recommend' }>): void {
  try {
    // The pool sends a catalog before any request, so a missing recommender is a broken invariant.
    if (!recommender) throw new Error('the worker received a request before any catalog');
    const answer = recommender.recommend(message.request, message.options);
    answered++;
    post({ type: 'answer', id: message.id, answer });
  } catch (error) {
    if (error instanceof CeuError && error.code !== 'internal') {
      post({
        type: 'refused',
        id: message.id,
        error: {
          code: error.code,
          message: error.message,
          ...(error instanceof ValidationError ? { issues: error.issues } : {}),
        },
      });
    } else {
      const failure = error instanceof Error ? error : new Error(String(error));
      post({
        type: 'failed',
        id: message.id,
        error: {
          name: failure.name,
          message: failure.message,
          ...(failure.stack ? { stack: failure.stack } : {}),
        },
      });
    }
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'catalog':
      load(message);
      break;
    case 'recommend':
      recommend(message);
      break;
    case 'stats': {
      // Under `node --expose-gc` (the benchmarks) the figures are what the worker holds, not its garbage.
      (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      post({
        type: 'stats',
        id: message.id,
        stats: {
          threadId,
          version,
          courses,
          loadMs,
          answered,
          heapUsed: memory.heapUsed,
          heapTotal: memory.heapTotal,
          rss: memory.rss,
        },
      });
      break;
    }
  }
});

post({ type: 'ready', threadId });
