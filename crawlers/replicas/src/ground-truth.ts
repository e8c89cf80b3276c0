import { canonicalCatalog, type Catalog } from '@ceu/domain';
import { completeCourse, type CompleteCourse } from './complete-course.ts';
import { SeededRandom } from './random.ts';
import {
  PROVIDER_IDS,
  PROVIDER_NAMES,
  PUBLIC_BASE_URLS,
  withSlash,
  type ReplicaProviderId,
} from './site-paths.ts';
import { generateAama } from './truth/aama-truth.ts';
import { generateAce } from './truth/ace-truth.ts';
import { generateRelias, MEDICAL_ASSISTANT, type ReliasEntry } from './truth/relias-truth.ts';

export const DEFAULT_SEED = 20_260_401;

/** A replica catalog: every course has a price and hours (the sites print both). */
export type ReplicaCatalog = Omit<Catalog, 'courses'> & { courses: CompleteCourse[] };

/** Everything the replica sites show: the truth plus what a crawl is not meant to collect. */
export interface ReplicaWorld {
  truth: ReplicaCatalog;
  /** Every Relias course (all professions) with its filters; the truth holds the medical-assistant ones. */
  reliasEntries: ReliasEntry[];
}

/** Generates the world for given per-provider base URLs; the same seed always gives the same world. */
export function generateWorld(bases: Record<ReplicaProviderId, string>, seed = DEFAULT_SEED): ReplicaWorld {
  if (!Number.isSafeInteger(seed)) throw new TypeError(`seed must be an integer, got ${String(seed)}`);
  const rng = new SeededRandom(seed);
  const base = (id: ReplicaProviderId) => withSlash(bases[id]);
  const ace = generateAce(rng.fork('ace'), base('ace'));
  const relias = generateRelias(rng.fork('relias'), base('relias'));
  const aama = generateAama(rng.fork('aama'), base('aama'));
  const catalog = canonicalCatalog({
    courses: [
      ...aama,
      ...relias.entries.filter((e) => e.professions.includes(MEDICAL_ASSISTANT)).map((e) => e.course),
      ...ace.courses,
    ],
    bundles: [...relias.bundles, ...ace.bundles],
    providers: PROVIDER_IDS.map((id) => ({ id, name: PROVIDER_NAMES[id], url: base(id) })),
  });
  return {
    truth: { ...catalog, courses: catalog.courses.map(completeCourse) },
    reliasEntries: relias.entries,
  };
}

/** The base URLs of the three replica sites served under one origin: `${origin}/aama/` and so on. */
export function replicaBaseUrls(origin: string): Record<ReplicaProviderId, string> {
  const root = withSlash(origin);
  return {
    aama: new URL('aama/', root).href,
    relias: new URL('relias/', root).href,
    ace: new URL('ace/', root).href,
  };
}

/**
 * The catalog the replica sites at `baseUrl` are generated from, which a crawl of them must reproduce field
 * for field (`pnpm ceu replicas --print-truth`). Course ids are `<provider>:<key>`; urls point at the replica.
 *
 * @example groundTruth({ baseUrl: 'http://127.0.0.1:4100' }).courses.length // ≈ 570
 */
export function groundTruth(options: { baseUrl: string; seed?: number }): ReplicaCatalog {
  return generateWorld(replicaBaseUrls(options.baseUrl), options.seed).truth;
}

/**
 * The bundled sample catalog `pnpm start` serves on a fresh checkout: the same generator with the providers'
 * public sites as base URLs. Sample data, not crawled data; deterministic.
 */
export function sampleCatalog(): ReplicaCatalog {
  return generateWorld(PUBLIC_BASE_URLS).truth;
}
