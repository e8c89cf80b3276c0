import {
  CeuError,
  type Bundle,
  type Course,
  type Recommendation,
  type RecommendationRequest,
} from '@ceu/domain';
import { createRecommender, type Recommender } from '@ceu/recommender';
import type { RecommenderPort } from './catalog-ports.ts';

/** One catalog version as a recommender receives it. */
export interface RecommenderCatalog {
  courses: readonly Course[];
  bundles: readonly Bundle[];
  /**
   * Each course's JSON (`JSON.stringify(courses[i])`), in order, when the caller has it already: a pool of
   * worker threads sends the catalog as JSON, and LiveCatalog computes it anyway to tell changed courses apart.
   */
  courseJson?: readonly string[];
}

/** The options of one recommendation, as the route passes them. */
export interface RecommendCallOptions {
  timeLimitMs: number;
  /** YYYY-MM-DD; the recommender's own clock when absent. */
  today?: string;
}

/**
 * What answers recommendations over the served catalog. LiveCatalog hands it every new catalog version; each
 * request is answered from the version loaded when the request was made, never from a mix.
 */
export interface CatalogRecommender extends RecommenderPort {
  /** Requests made from now on are answered from this catalog version. */
  load(catalog: RecommenderCatalog): void;
  recommend(
    request: RecommendationRequest,
    options: RecommendCallOptions,
  ): Recommendation | Promise<Recommendation>;
}

/**
 * The recommender in this thread (`CEU_RECOMMENDER_WORKERS=0`): each catalog version is prepared at once,
 * and each solve runs on the event loop, so concurrent requests wait for each other.
 */
export class InProcessRecommender implements CatalogRecommender {
  private recommender: Recommender | undefined;

  load(catalog: RecommenderCatalog): void {
    this.recommender = createRecommender({ courses: catalog.courses, bundles: catalog.bundles });
  }

  recommend(request: RecommendationRequest, options: RecommendCallOptions): Recommendation {
    if (!this.recommender) throw new CeuError('unavailable', 'the recommender is still loading');
    return this.recommender.recommend(request, options);
  }
}
