/**
 * @module @ceu/testkit — for tests and benchmarks only (lint keeps it out of production code).
 * - Synthetic catalogs, one generator per use, all seeded: `syntheticCatalog` (the recommender's catalog
 *   shapes, any size), `appCatalog` (a realistic catalog with providers for the API's tests and the load
 *   bench), `syntheticCourses` (search text with real, made-up or foreign vocabularies), `variedCatalog`
 *   (unicode, unsorted arrays, CPR cards: the store's and CLI's round trips).
 * - Requests: `randomRequest`, `credentialMixRequests`; `seededRandom`.
 * - Oracles: `bruteForceRecommend`, the HiGHS model (`buildHighsModel`, `loadHighs`) and the independent plan
 *   checker `checkPlan`.
 * - `startTestSite`: a real HTTP server on port 0 for crawler tests.
 * - `startPostgresCluster`: a throwaway PostgreSQL server (temp directory, free port); `createDatabase`.
 */
export { SYNTHETIC_PROVIDERS, TOPICS, appCatalog } from './app-catalog.ts';
export { bruteForceRecommend } from './brute-force-recommend.ts';
export { checkPlan } from './check-plan.ts';
export { buildHighsModel } from './highs-model.ts';
export { loadHighs } from './load-highs.ts';
export { CREDENTIAL_MIXES, credentialMixRequests, randomInstance, randomRequest } from './random-instance.ts';
export type { EarnedVariant } from './random-instance.ts';
export { VOCABULARIES, syntheticCourses, vocabulary } from './search-catalog.ts';
export type { VocabularyKind } from './search-catalog.ts';
export { seededRandom } from './seeded-random.ts';
export { SYNTHETIC_SHAPES, syntheticCatalog } from './synthetic-catalog.ts';
export type { SyntheticShape } from './synthetic-catalog.ts';
export { coursePage, listingPage, send, sendCached, startTestSite } from './test-site.ts';
export type { Route, TestCourse, TestSite } from './test-site.ts';
export { withBargainCourse } from './bargain-course.ts';
export { variedCatalog } from './varied-catalog.ts';
export { createDatabase, findPostgresBin, startPostgresCluster } from './postgres-cluster.ts';
export type { PostgresCluster } from './postgres-cluster.ts';
export { testPostgres } from './test-postgres.ts';
