/**
 * The widget's typed client for the CEU Finder HTTP API. Types come from the shared schemas as type-only
 * imports (erased at build time), so the bundle carries no validation library.
 */
import type { Course, Recommendation, RecommendationRequest } from '@ceu/domain';
import type { SearchResult, SearchSort } from '@ceu/search';

/** What the search form asks for; arrays repeat the query parameter (OR within a field). */
export interface CourseQuery {
  q?: string;
  category?: string[];
  provider?: string[];
  format?: string[];
  approvedBy?: string[];
  credential?: string[];
  minPrice?: number;
  maxPrice?: number;
  maxHours?: number;
  sort?: SearchSort;
  page?: number;
  perPage?: number;
}

/** One requirement of a credential as `GET /v1/credentials` lists it. */
export interface CredentialRequirement {
  id: string;
  label: string;
  min: number;
}

export interface CredentialInfo {
  id: string;
  name: string;
  body?: string;
  unit?: string;
  cycleMonths?: number;
  requirements: CredentialRequirement[];
}

export interface BundleInfo {
  id: string;
  title: string;
  priceCents?: number;
  url?: string;
}

export interface ProviderInfo {
  id: string;
  name: string;
  courseCount?: number;
  bundles: BundleInfo[];
  /** Its courses come from the bundled sample catalog, not from a crawl. */
  sampleData?: boolean;
}

export type { Course, Recommendation, RecommendationRequest, SearchResult };

/** The server answered with an error (RFC 9457 problem details) or could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  searchCourses(query: CourseQuery, signal?: AbortSignal): Promise<SearchResult>;
  recommend(request: RecommendationRequest, signal?: AbortSignal): Promise<Recommendation>;
  credentials(signal?: AbortSignal): Promise<CredentialInfo[]>;
  providers(signal?: AbortSignal): Promise<ProviderInfo[]>;
}

/** Builds the query string of `GET /v1/courses`; empty values are left out. */
export function courseQueryString(query: CourseQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, string | number | string[] | undefined][]) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.set(key, String(value));
  }
  return params.toString();
}

/** A client for the API at `base` (an origin, optionally with a path prefix). */
export function createApiClient(base: string): ApiClient {
  const root = base.replace(/\/+$/, '');

  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      // No cookies: the widget runs on other origins and needs nothing but public data.
      response = await fetch(root + path, {
        ...init,
        credentials: 'omit',
        headers: { accept: 'application/json', ...init.headers },
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(0, 'unreachable', '');
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const problem = (body ?? {}) as { title?: unknown; detail?: unknown; errors?: unknown };
      throw new ApiError(
        response.status,
        typeof problem.title === 'string' ? problem.title : response.statusText,
        typeof problem.detail === 'string' ? problem.detail : '',
        Array.isArray(problem.errors) ? (problem.errors as { path: string; message: string }[]) : [],
      );
    }
    if (body === null) throw new ApiError(response.status, 'bad answer', '');
    return body as T;
  }

  /** Lists come bare or wrapped (`{ credentials: [...] }`); accept both. */
  const list = <T>(body: unknown, key: string): T[] =>
    Array.isArray(body)
      ? (body as T[])
      : Array.isArray((body as Record<string, unknown>)[key])
        ? ((body as Record<string, T[]>)[key] ?? [])
        : [];

  return {
    searchCourses: (query, signal) =>
      request<SearchResult>(`/v1/courses?${courseQueryString(query)}`, { signal: signal ?? null }),
    recommend: (body, signal) =>
      request<Recommendation>('/v1/recommendations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: signal ?? null,
      }),
    credentials: async (signal) =>
      list<CredentialInfo>(await request('/v1/credentials', { signal: signal ?? null }), 'credentials'),
    providers: async (signal) =>
      list<ProviderInfo>(await request('/v1/providers', { signal: signal ?? null }), 'providers').map(
        (p) => ({
          ...p,
          bundles: Array.isArray(p.bundles) ? p.bundles : [],
        }),
      ),
  };
}
