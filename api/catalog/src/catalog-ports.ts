/**
 * What the served catalog offers the rest of the API: the catalog being served, a view of it that is kept
 * current, and the recommender over it. The HTTP app reads through these; this package implements them.
 */
import type { Bundle, Course, CrawlRun, Recommendation, RecommendationRequest } from '@ceu/domain';

/** A provider as `GET /v1/providers` shows it. */
export interface ProviderStatus {
  id: string;
  name: string;
  url?: string;
  courseCount: number;
  bundles: Bundle[];
  /** The newest crawl run of this provider, whatever its outcome; null when it was never crawled. */
  lastCrawl: CrawlRun | null;
  /** When a crawl of it last ended `ok`. */
  lastSuccessfulCrawlAt: string | null;
  /** Its courses come from the bundled sample catalog, not from a crawl or an import. */
  sampleData: boolean;
}

/**
 * The catalog being served at one moment, swapped whole when the store changes. Treat it as immutable: the
 * search index, the recommender and cached answers are built from these very objects.
 */
export interface ServedCatalog {
  /** Changes whenever the served data changes (store revision + which providers are sample). */
  revision: string;
  courses: Course[];
  courseById: Map<string, Course>;
  bundles: Bundle[];
  providers: ProviderStatus[];
  /** Providers whose part of the catalog is the bundled sample data. */
  sampleProviders: Set<string>;
}

/** Where the app reads the catalog; the composition root keeps it in step with the catalog store. */
export interface CatalogView {
  current(): ServedCatalog;
}

/** The recommender over the served catalog (rebuilt by the composition root when the catalog changes). */
export interface RecommenderPort {
  recommend(
    request: RecommendationRequest,
    /** `today` (YYYY-MM-DD) comes from the app's clock, for cycle and lapse checks. */
    options: { timeLimitMs: number; today: string },
  ): Recommendation | Promise<Recommendation>;
}
