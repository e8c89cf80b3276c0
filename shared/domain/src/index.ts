/**
 * @module @ceu/domain — what every part of CEU Finder speaks: the catalog, request and answer schemas (zod,
 * the single source of validation, types and OpenAPI), the credential rules with their sources, what a
 * person still needs (`stillNeeded`) and how a recommendation request reads, the canonical catalog form,
 * and the errors the API and CLI understand.
 */
export { canonicalBundle, canonicalCatalog, canonicalCourse, serializeCatalog } from './catalog/canonical.ts';
export { parseCatalogText, parseJsonText } from './catalog/parse-catalog.ts';
export { CeuError, ValidationError, parseOrThrow, zodIssues } from './errors.ts';
export type { CeuErrorCode, FieldIssue } from './errors.ts';
export { CREDENTIAL_RULES, courseValue } from './rules/credential-rules.ts';
export { requestedCredentials, stillNeededFor } from './rules/requested-needs.ts';
export type { RequirementId } from './rules/still-needed.ts';
export { bundleSchema } from './schema/bundle.ts';
export type { Bundle } from './schema/bundle.ts';
export { catalogSchema } from './schema/catalog.ts';
export type { Catalog } from './schema/catalog.ts';
export {
  CATEGORIES,
  CREDENTIAL_IDS,
  approvalBodySchema,
  categorySchema,
  courseDurationSchema,
  coursePoints,
  courseSchema,
  credentialIdSchema,
  formatSchema,
  planningGaps,
} from './schema/course.ts';
export type {
  Category,
  Course,
  CourseFormat,
  CourseInput,
  CredentialId,
  Credit,
  ListedPrice,
} from './schema/course.ts';
export { httpUrlSchema, isoDateSchema, providerIdSchema, recordIdSchema } from './schema/primitives.ts';
export { crawlRunSchema, crawlSummarySchema, formatCounts } from './schema/provider.ts';
export type { CrawlRun, CrawlSummary, IncompleteCounts, Provider } from './schema/provider.ts';
export {
  planStepSchema,
  recommendationRequestSchema,
  recommendationSchema,
} from './schema/recommendation.ts';
export type {
  Activity,
  EarnedSummary,
  LeftOut,
  PlanBundle,
  PlanStep,
  Preferences,
  Recommendation,
  RecommendationRequest,
} from './schema/recommendation.ts';
