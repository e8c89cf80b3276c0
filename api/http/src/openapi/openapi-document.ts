import { z } from 'zod';
import { searchQuerySchema } from '@ceu/search';
import { bundleSchema, courseSchema, crawlRunSchema, recommendationRequestSchema } from '@ceu/domain';
import { adminCrawlRequestSchema } from '../routes/admin-routes.ts';
import {
  adminCrawlAnswerSchema,
  adminReindexAnswerSchema,
  credentialsAnswerSchema,
  healthAnswerSchema,
  problemSchema,
  providersAnswerSchema,
  readyAnswerSchema,
  recommendationAnswerSchema,
  searchAnswerSchema,
} from './answer-schemas.ts';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required: boolean;
  description: string;
  schema: JsonSchema;
  style?: string;
  explode?: boolean;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<
    string,
    | {
        description: string;
        headers?: Record<string, unknown>;
        content?: Record<string, { schema: JsonSchema }>;
      }
    | { $ref: string }
  >;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Partial<Record<'get' | 'post', OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

/** Answer schemas by component name (generated for what the API sends: zod's output side). */
const ANSWERS = {
  Course: courseSchema,
  Bundle: bundleSchema,
  CrawlRun: crawlRunSchema,
  SearchAnswer: searchAnswerSchema,
  ProvidersAnswer: providersAnswerSchema,
  CredentialsAnswer: credentialsAnswerSchema,
  RecommendationAnswer: recommendationAnswerSchema,
  HealthAnswer: healthAnswerSchema,
  ReadyAnswer: readyAnswerSchema,
  AdminCrawlAnswer: adminCrawlAnswerSchema,
  AdminReindexAnswer: adminReindexAnswerSchema,
  Problem: problemSchema,
} satisfies Record<string, z.ZodType>;

/** Request schemas by component name (generated for what the API accepts: zod's input side). */
const REQUESTS = {
  RecommendationRequest: recommendationRequestSchema,
  AdminCrawlRequest: adminCrawlRequestSchema,
} satisfies Record<string, z.ZodType>;

/** What each search parameter means; the types and bounds come from `searchQuerySchema` itself. */
const SEARCH_PARAMETER_DOCS: Record<keyof typeof searchQuerySchema.shape, string> = {
  q: 'Words to find in title and description; typo-tolerant, the last word matches as a prefix.',
  category:
    'Content area of the credit (repeat for several: any of them). A course whose credits are not published matches none.',
  provider: 'Provider id (`aama`, `relias`, `ace`, …; repeat for several).',
  format: 'Course format (repeat for several).',
  approvedBy: 'Approving body, e.g. `AAMA` (repeat for several).',
  credential: 'Credential whose recertification accepts the course (repeat for several).',
  minPrice: 'Lowest price, in US cents. A course without a published US price never matches a price range.',
  maxPrice: 'Highest price, in US cents. A course without a published US price never matches a price range.',
  minHours: 'Fewest contact hours. A course whose hours are not published never matches an hours range.',
  maxHours: 'Most contact hours. A course whose hours are not published never matches an hours range.',
  sort: '`relevance` (default), `price`, `-price` (highest first), `hours`, `pricePerPoint`. Courses whose value is not published (no US price, no hours, no points) come last in either direction.',
  page: 'Page number, from 1.',
  perPage: 'Hits per page (at most 100).',
};

function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, {
    io,
    // Refinements (real calendar days, id prefixes) cannot be expressed in JSON Schema; the server checks them.
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(Object.entries(generated.schemas).map(([id, schema]) => [id, strip(schema)]));
}

/** A repeatable filter (`one | one[]` in zod) is an exploded array parameter in OpenAPI. */
function searchParameters(): OpenApiParameter[] {
  return Object.entries(searchQuerySchema.shape).map(([name, schema]) => {
    const generated = strip(z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }));
    const anyOf = generated.anyOf as JsonSchema[] | undefined;
    const array = anyOf?.find((s) => s.type === 'array');
    const description = SEARCH_PARAMETER_DOCS[name as keyof typeof SEARCH_PARAMETER_DOCS];
    return array
      ? { name, in: 'query', required: false, description, schema: array, style: 'form', explode: true }
      : { name, in: 'query', required: false, description, schema: generated };
  });
}

const RATE_LIMITED = { $ref: '#/components/responses/RateLimited' };

/**
 * The OpenAPI 3.1 document of the API, generated from the zod schemas that validate requests and describe
 * answers (zod 4's `z.toJSONSchema`: JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
 */
export function buildOpenApiDocument(version = '0.1.0'): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'CEU Finder API',
      version,
      description:
        'Search continuing-education courses for medical assistants and get the provably cheapest plan to ' +
        'recertify (CMA, RMA, NCMA, CCMA). Money is integer US cents, dates are ISO 8601. Every error is an ' +
        'RFC 9457 problem document. GET answers carry an ETag (send If-None-Match for a 304) and Cache-Control; ' +
        'every answer carries RateLimit-Policy and RateLimit headers.',
    },
    paths: {
      '/v1/courses': {
        get: {
          operationId: 'searchCourses',
          summary: 'Search courses',
          description:
            'Text search with filters, facet counts, sorting and paging. Filters of one parameter combine with OR, ' +
            'different parameters with AND. Unknown parameters are refused.',
          tags: ['catalog'],
          parameters: searchParameters(),
          responses: {
            '200': {
              description: 'One page of matching courses with facet counts.',
              content: json(ref('SearchAnswer')),
            },
            '400': problem('A parameter is invalid; `errors` names each.'),
            '414': problem('The query string is too long.'),
            '429': RATE_LIMITED,
          },
        },
      },
      '/v1/courses/{id}': {
        get: {
          operationId: 'getCourse',
          summary: 'One course',
          tags: ['catalog'],
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              description: 'Course id `<provider>:<key>`, URL-encoded.',
              schema: { type: 'string', maxLength: 200 },
            },
          ],
          responses: {
            '200': { description: 'The course.', content: json(ref('Course')) },
            '400': problem('The id is malformed.'),
            '404': problem('No course has this id.'),
            '429': RATE_LIMITED,
          },
        },
      },
      '/v1/providers': {
        get: {
          operationId: 'listProviders',
          summary: 'Providers with course counts, bundles and the last crawl',
          tags: ['catalog'],
          responses: {
            '200': { description: 'Every provider.', content: json(ref('ProvidersAnswer')) },
            '429': RATE_LIMITED,
          },
        },
      },
      '/v1/credentials': {
        get: {
          operationId: 'listCredentials',
          summary: 'Recertification rules of CMA, RMA, NCMA and CCMA, each figure with its source',
          tags: ['rules'],
          responses: {
            '200': { description: 'The rules.', content: json(ref('CredentialsAnswer')) },
            '429': RATE_LIMITED,
          },
        },
      },
      '/v1/recommendations': {
        post: {
          operationId: 'recommend',
          summary: 'The cheapest plan to meet what is still needed',
          description:
            'Give the credential (or several), what was earned (a summary or the transcript) and preferences; the ' +
            'answer is the minimum-cost plan with a lower bound proving it optimal, or the shortfall when no plan ' +
            'exists. `steps[0]` is what to take next. The solver time is capped by the server.',
          tags: ['plan'],
          requestBody: { required: true, content: json(ref('RecommendationRequest')) },
          responses: {
            '200': { description: 'The plan.', content: json(ref('RecommendationAnswer')) },
            '400': problem('The body is malformed JSON or a field is invalid; `errors` names each.'),
            '413': problem('The body is too large.'),
            '415': problem('The body is not sent as application/json.'),
            '429': RATE_LIMITED,
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          tags: ['reference'],
          responses: {
            '200': { description: 'The OpenAPI 3.1 document.', content: json({ type: 'object' }) },
          },
        },
      },
      '/docs': {
        get: {
          operationId: 'docs',
          summary: 'The API reference, as a page to read',
          tags: ['reference'],
          responses: {
            '200': { description: 'HTML.', content: { 'text/html': { schema: { type: 'string' } } } },
          },
        },
      },
      '/widget.js': {
        get: {
          operationId: 'widget',
          summary: 'The embeddable widget',
          description:
            'Embed with `<script src="https://HOST/widget.js" defer></script>` and `<ceu-finder api="https://HOST"></ceu-finder>`.',
          tags: ['widget'],
          responses: {
            '200': {
              description: 'JavaScript.',
              content: { 'text/javascript': { schema: { type: 'string' } } },
            },
          },
        },
      },
      '/': {
        get: {
          operationId: 'demoPage',
          summary: 'A page that embeds the widget',
          tags: ['widget'],
          responses: {
            '200': { description: 'HTML.', content: { 'text/html': { schema: { type: 'string' } } } },
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'Liveness',
          tags: ['operations'],
          responses: { '200': { description: 'The process answers.', content: json(ref('HealthAnswer')) } },
        },
      },
      '/readyz': {
        get: {
          operationId: 'ready',
          summary: 'Readiness: catalog loaded, search index ready',
          tags: ['operations'],
          responses: {
            '200': { description: 'Ready to serve.', content: json(ref('ReadyAnswer')) },
            '503': problem('Not ready yet (or the search backend is down).'),
          },
        },
      },
      '/v1/admin/crawl': {
        post: {
          operationId: 'adminCrawl',
          summary: 'Crawl providers now',
          description:
            'Starts a crawl (202) or, with `wait: true`, answers with its summaries when it ends (200).',
          tags: ['admin'],
          security: [{ adminToken: [] }],
          requestBody: { required: false, content: json(ref('AdminCrawlRequest')) },
          responses: {
            '200': { description: 'The crawl ended (wait: true).', content: json(ref('AdminCrawlAnswer')) },
            '202': { description: 'The crawl started.', content: json(ref('AdminCrawlAnswer')) },
            '400': problem('The body is invalid (e.g. an unknown provider).'),
            '401': problem('Missing or wrong bearer token.'),
            '403': problem('Admin routes are off (CEU_ADMIN_TOKEN unset).'),
            '409': problem('A crawl is already running.'),
          },
        },
      },
      '/v1/admin/reindex': {
        post: {
          operationId: 'adminReindex',
          summary: 'Rebuild the search index from the catalog',
          tags: ['admin'],
          security: [{ adminToken: [] }],
          responses: {
            '200': { description: 'The index was rebuilt.', content: json(ref('AdminReindexAnswer')) },
            '401': problem('Missing or wrong bearer token.'),
            '403': problem('Admin routes are off (CEU_ADMIN_TOKEN unset).'),
          },
        },
      },
    },
    components: {
      schemas: { ...components(ANSWERS, 'output'), ...components(REQUESTS, 'input') },
      responses: {
        RateLimited: {
          description: 'Too many requests from this client; wait for Retry-After seconds.',
          headers: {
            'Retry-After': { schema: { type: 'integer' } },
            RateLimit: { schema: { type: 'string' }, description: '`limit=N, remaining=N, reset=S`' },
            'RateLimit-Policy': {
              schema: { type: 'string' },
              description: '`N;w=S`: N requests per S seconds.',
            },
          },
          content: { 'application/problem+json': { schema: ref('Problem') } },
        },
      },
      securitySchemes: {
        adminToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The CEU_ADMIN_TOKEN the server was started with.',
        },
      },
    },
  };
}
