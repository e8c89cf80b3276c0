/**
 * @module @ceu/shared — the domain: catalog and recommendation schemas (zod, the single source of
 * validation, types and OpenAPI), the credential rules with their sources, what a person still needs,
 * and the durable catalog store.
 */
export {
  providerIdSchema,
  recordIdSchema,
  providerOfId,
  httpUrlSchema,
  centsSchema,
  isoDateSchema,
  hundredths,
  plainText,
} from './schema/primitives.ts';
export {
  categorySchema,
  credentialIdSchema,
  formatSchema,
  courseKindSchema,
  approvalBodySchema,
  creditSchema,
  listedPriceSchema,
  courseDurationSchema,
  courseSchema,
  coursePoints,
  planningGaps,
  planningGapCountsSchema,
  CATEGORIES,
  CREDENTIAL_IDS,
} from './schema/course.ts';
export type {
  Category,
  CredentialId,
  CourseFormat,
  CourseKind,
  Credit,
  ListedPrice,
  Course,
  CourseInput,
  PlanningGaps,
  PlanningGapCounts,
} from './schema/course.ts';
export { bundleSchema } from './schema/bundle.ts';
export type { Bundle } from './schema/bundle.ts';
export {
  providerSchema,
  crawlOutcomeSchema,
  crawlSummarySchema,
  crawlRunSchema,
  incompleteCountsSchema,
  formatCounts,
} from './schema/provider.ts';
export type { Provider, CrawlOutcome, CrawlSummary, CrawlRun, IncompleteCounts } from './schema/provider.ts';
export { catalogSchema } from './schema/catalog.ts';
export type { Catalog } from './schema/catalog.ts';
export {
  earnedSummarySchema,
  activitySchema,
  preferencesSchema,
  recommendationRequestSchema,
  viaSchema,
  planStepSchema,
  planBundleSchema,
  coverageSchema,
  recommendationSchema,
  leftOutSchema,
} from './schema/recommendation.ts';
export type {
  EarnedSummary,
  Activity,
  Preferences,
  RecommendationRequest,
  PlanStep,
  PlanBundle,
  Recommendation,
  LeftOut,
} from './schema/recommendation.ts';

export { CeuError, ValidationError, zodIssues, parseOrThrow } from './errors.ts';
export type { CeuErrorCode, FieldIssue } from './errors.ts';

export { CREDENTIAL_RULES, courseValue, round2 } from './rules/credential-rules.ts';
export type {
  CredentialRule,
  RequirementRule,
  RuleSource,
  CprCardRule,
  CourseValue,
} from './rules/credential-rules.ts';
export { stillNeeded, addMonths, addDays } from './rules/still-needed.ts';
export type {
  StillNeeded,
  StillNeededInput,
  RequirementId,
  RequirementStatus,
} from './rules/still-needed.ts';

export { canonicalCourse, canonicalBundle, canonicalCatalog, serializeCatalog } from './catalog/canonical.ts';
export { parseCatalogText, parseJsonText } from './catalog/parse-catalog.ts';

export { CatalogStore } from './store/catalog-store.ts';
export type { ChangeSet, PriceObservation, CachedPage, ProviderSnapshot } from './store/catalog-store.ts';

// The recommender: the provably cheapest plan of courses and bundles (issue 3).
export { createRecommender, recommend } from './recommender/recommender.ts';
export type { Recommender, RecommendOptions } from './recommender/recommender.ts';
export { checkPlan } from './recommender/check-plan.ts';
export { syntheticCatalog, SYNTHETIC_SHAPES } from './testing/synthetic-catalog.ts';
export { seededRandom } from './testing/seeded-random.ts';
export type { SyntheticCatalogOptions, SyntheticShape } from './testing/synthetic-catalog.ts';
// Test and benchmark helpers (no HiGHS import here: the oracle's model is text; load HiGHS where it runs).
export { randomRequest, credentialMixRequests, CREDENTIAL_MIXES } from './testing/random-instance.ts';
export type { EarnedVariant } from './testing/random-instance.ts';
export { buildHighsModel } from './testing/highs-model.ts';
export type { HighsModel } from './testing/highs-model.ts';
