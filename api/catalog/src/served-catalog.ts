import type { Bundle, Catalog, Course, CrawlRun, Provider } from '@ceu/domain';
import type { ProviderStatus, ServedCatalog } from './catalog-ports.ts';

export interface ServedCatalogInput {
  /** The catalog store's content. */
  stored: Catalog;
  /** The store's revision (rises with every write, crawl runs included). */
  storeRevision: number;
  /** The bundled sample catalog; serves each provider that has no data of its own yet. */
  sample?: Catalog;
  /** Recorded crawl runs, newest first. */
  crawlRuns: readonly CrawlRun[];
  /** Providers known by configuration (adapters, CEU_PROVIDERS_FILE) even before they have data. */
  knownProviders?: readonly Provider[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * What the server serves: the stored catalog, with the bundled sample catalog filling in for every provider
 * that neither has stored records nor a successful crawl yet — labelled, so answers can say it is sample data.
 * A provider's part is replaced as a whole as soon as a crawl or an import brings its own.
 */
export function buildServedCatalog(input: ServedCatalogInput): ServedCatalog {
  const { stored, sample } = input;
  const replaced = new Set<string>();
  for (const record of [...stored.courses, ...stored.bundles]) replaced.add(record.provider);
  for (const run of input.crawlRuns) if (run.outcome === 'ok') replaced.add(run.provider);

  const sampleProviders = new Set<string>();
  const courses: Course[] = [...stored.courses];
  const bundles: Bundle[] = [...stored.bundles];
  if (sample) {
    for (const course of sample.courses) {
      if (replaced.has(course.provider)) continue;
      courses.push(course);
      sampleProviders.add(course.provider);
    }
    for (const bundle of sample.bundles) {
      if (replaced.has(bundle.provider)) continue;
      bundles.push(bundle);
      sampleProviders.add(bundle.provider);
    }
  }
  courses.sort(byId);
  bundles.sort(byId);

  const info = new Map<string, Provider>();
  for (const provider of [
    ...(sample?.providers ?? []),
    ...(input.knownProviders ?? []),
    ...(stored.providers ?? []),
  ]) {
    info.set(provider.id, provider);
  }
  const ids = new Set<string>([
    ...info.keys(),
    ...courses.map((c) => c.provider),
    ...bundles.map((b) => b.provider),
  ]);
  for (const run of input.crawlRuns) ids.add(run.provider);

  const counts = new Map<string, number>();
  for (const course of courses) counts.set(course.provider, (counts.get(course.provider) ?? 0) + 1);

  const providers: ProviderStatus[] = [...ids].sort().map((id) => {
    const known = info.get(id);
    const lastCrawl = input.crawlRuns.find((run) => run.provider === id) ?? null;
    const lastOk = input.crawlRuns.find((run) => run.provider === id && run.outcome === 'ok');
    const status: ProviderStatus = {
      id,
      name: known?.name ?? id,
      courseCount: counts.get(id) ?? 0,
      bundles: bundles.filter((b) => b.provider === id),
      lastCrawl,
      lastSuccessfulCrawlAt: lastOk?.endedAt ?? null,
      sampleData: sampleProviders.has(id),
    };
    if (known?.url) status.url = known.url;
    return status;
  });

  const sampleTag = sampleProviders.size > 0 ? `-sample.${[...sampleProviders].sort().join('.')}` : '';
  return {
    revision: `${input.storeRevision}${sampleTag}`,
    courses,
    courseById: new Map(courses.map((c) => [c.id, c])),
    bundles,
    providers,
    sampleProviders,
  };
}
