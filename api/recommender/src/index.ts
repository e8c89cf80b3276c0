/**
 * @module @ceu/recommender — the provably cheapest plan of courses and bundles that covers what a person
 * still needs (branch and bound with exact bounds; docs/recommender.md). A pure function of a catalog and a
 * request: `createRecommender(catalog).recommend(request, options)`.
 */
export { createRecommender } from './recommender.ts';
export type { Recommender } from './recommender.ts';
