/**
 * Fuzz run of the recommender: 1,000 random requests at 1k and 1,000 at 20k courses, spread over the shapes
 * of the synthetic generator (`SYNTHETIC_SHAPES`): every credential mix (each alone, every pair, every
 * triple, all four), fresh or partly earned, with budgets, hour limits, hour values, memberships, owned
 * bundles, completed courses and exclusions (`randomRequest`). Counts the requests that reach the solver's
 * time limit (the default 2 s: the answer is not `optimal`, or took that long) and prints the first few
 * as JSON, each reproducible alone.
 *
 * Run: `pnpm bench recommend-fuzz` (`--quick`: 200 requests per size); `pnpm bench recommend` runs it too.
 * Reproduce one request: `node --conditions=@ceu/source --import tsx tests/bench/src/recommend-fuzz.bench.ts --repro '<one JSON line
 * of the list>'`.
 */
import { createRecommender } from '@ceu/recommender';
import {
  CREDENTIAL_MIXES,
  randomRequest,
  seededRandom,
  syntheticCatalog,
  SYNTHETIC_SHAPES,
  type SyntheticShape,
} from '@ceu/testkit';
import { type RecommendationRequest } from '@ceu/domain';
import {
  costProvenOf,
  count,
  fmt,
  printTable,
  quantile,
  TIME_LIMIT_MS,
  timedRecommend,
  TODAY,
} from './recommend-measure.ts';

const CATALOG_SEED = 11;
const quick = process.argv.includes('--quick');
const SIZES = [1_000, 20_000];
const REQUESTS = quick ? 200 : 1_000;
const LISTED = 10;
const SHAPES = Object.keys(SYNTHETIC_SHAPES) as SyntheticShape[];

/** What reproduces one request: the catalog (shape, size, seed), the day and the request. */
interface Case {
  shape: SyntheticShape;
  courses: number;
  seed: number;
  today: string;
  request: RecommendationRequest;
}

const reproAt = process.argv.indexOf('--repro');
if (reproAt >= 0) {
  const c = JSON.parse(process.argv[reproAt + 1] ?? '') as Case & { ms?: number };
  const recommender = createRecommender(
    syntheticCatalog({ seed: c.seed, courses: c.courses, shape: c.shape }),
  );
  for (let run = 1; run <= 2; run++) {
    const t = performance.now();
    const answer = recommender.recommend(c.request, { today: c.today });
    const { plan, optimal, lowerBoundCents, feasible, notes } = answer;
    console.log(
      JSON.stringify({
        run,
        ms: Math.round(performance.now() - t),
        optimal,
        costProven: costProvenOf(answer),
        feasible,
        totalCostCents: plan.totalCostCents,
        totalHours: plan.totalHours,
        lowerBoundCents,
        notes,
      }),
    );
  }
  process.exit(0);
}

interface Outcome {
  shape: SyntheticShape;
  courses: number;
  ms: number;
  optimal: boolean;
  costProven: boolean | undefined;
  feasible: boolean;
  hitLimit: boolean;
  /** The recommender threw (counted apart, neither optimal nor at the limit). */
  error?: string;
  case: Case;
}

const outcomes: Outcome[] = [];
const started = performance.now();
for (const size of SIZES) {
  const prepared = SHAPES.map((shape, s) => {
    const catalog = syntheticCatalog({ seed: CATALOG_SEED, courses: size, shape });
    return { shape, catalog, recommender: createRecommender(catalog), rand: seededRandom(size + s) };
  });
  for (let k = 0; k < REQUESTS; k++) {
    const { shape, catalog, recommender, rand } = prepared[k % prepared.length]!;
    const request = randomRequest(rand, catalog, {
      maxNeed: 10 + Math.floor(rand() * 51),
      mixes: CREDENTIAL_MIXES,
      freshShare: 0.2,
    });
    const { ms, answer, error } = timedRecommend(recommender, request);
    outcomes.push({
      shape,
      courses: size,
      ms,
      optimal: answer?.optimal ?? false,
      costProven: answer ? costProvenOf(answer) : undefined,
      feasible: answer?.feasible ?? false,
      hitLimit: answer !== undefined && (!answer.optimal || ms >= TIME_LIMIT_MS),
      ...(error !== undefined ? { error } : {}),
      case: { shape, courses: size, seed: CATALOG_SEED, today: TODAY, request },
    });
  }
  console.error(
    `recommend-fuzz: ${count(size)} courses done (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
}

const anyCostProven = outcomes.some((o) => o.costProven !== undefined);
const line = (label: string, size: string, list: Outcome[]): string[] => {
  const times = list.map((o) => o.ms);
  const hit = list.filter((o) => o.hitLimit);
  const errors = list.filter((o) => o.error !== undefined).length;
  return [
    size,
    label,
    count(list.length),
    fmt(quantile(times, 0.5)),
    fmt(quantile(times, 0.95)),
    fmt(quantile(times, 0.99)),
    fmt(Math.max(...times)),
    `${hit.length} (${((100 * hit.length) / list.length).toFixed(1)} %)`,
    `${list.filter((o) => !o.optimal && o.error === undefined).length}`,
    anyCostProven ? `${hit.filter((o) => o.costProven === true).length}/${hit.length}` : 'n/a',
    `${list.filter((o) => !o.feasible && o.error === undefined).length}`,
    errors === 0 ? '0' : `**${errors}**`,
  ];
};
console.log('### Recommender fuzz: random requests over the catalog shapes\n');
console.log(
  `${count(REQUESTS)} random requests per size, one shape after the other (each request asked once, on a ` +
    `catalog prepared beforehand): every credential mix, fresh or partly earned, budgets, hour limits, hour ` +
    `values, memberships, owned bundles, completed courses, exclusions. "hit the time limit": not optimal, or ` +
    `${TIME_LIMIT_MS / 1000} s or more (the default limit). "cost proven": of those, answers whose ` +
    '`costProven` is true (n/a: the field is not in the answers). "infeasible": a shortfall, or the budget ' +
    'or hour limit cannot be met (answers, not failures). "threw": the recommender threw an exception.\n',
);
const rows: string[][] = [];
for (const size of SIZES) {
  for (const shape of SHAPES)
    rows.push(
      line(
        shape,
        count(size),
        outcomes.filter((o) => o.courses === size && o.shape === shape),
      ),
    );
  rows.push(
    line(
      '**all shapes**',
      `**${count(size)}**`,
      outcomes.filter((o) => o.courses === size),
    ),
  );
}
printTable(
  [
    'courses',
    'shape',
    'requests',
    'p50',
    'p95',
    'p99',
    'max',
    'hit the time limit',
    'not optimal',
    'cost proven',
    'infeasible',
    'threw',
  ],
  rows,
  'rlrrrrrrrrrr',
);
const hit = outcomes.filter((o) => o.hitLimit);
console.log(
  `\n${hit.length} of ${count(outcomes.length)} requests hit the time limit` +
    (hit.length > 0
      ? `; the first ${Math.min(LISTED, hit.length)} (reproduce one with ` +
        "`node --conditions=@ceu/source --import tsx tests/bench/src/recommend-fuzz.bench.ts --repro '<line>'`):\n"
      : '.'),
);
if (hit.length > 0) {
  console.log('```json');
  for (const o of hit.slice(0, LISTED))
    console.log(JSON.stringify({ ...o.case, ms: Math.round(o.ms), optimal: o.optimal }));
  console.log('```');
}
const threw = outcomes.filter((o) => o.error !== undefined);
if (threw.length > 0) {
  console.log(
    `\n**${threw.length} requests made the recommender throw**; the first ${Math.min(LISTED, threw.length)}:\n`,
  );
  console.log('```json');
  for (const o of threw.slice(0, LISTED)) console.log(JSON.stringify({ ...o.case, error: o.error }));
  console.log('```');
}
console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s.`);
