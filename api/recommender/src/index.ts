/** @module @ceu/recommender */
export { createRecommender } from './recommender.ts';
export type { Recommender } from './recommender.ts';
