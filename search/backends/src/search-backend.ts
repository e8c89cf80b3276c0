import type { Course } from '@ceu/domain';
import type { SearchQuery, SearchResult } from './search-query.ts';

export interface SearchStats {
  backend: string;
  documents: number;
  /** Whether the index can answer queries. */
  ready: boolean;
}

/**
 * What the API needs from a search engine. Implementations: the embedded engine (default) and Meilisearch.
 * Every implementation passes the same conformance suite.
 */
export interface SearchBackend {
  readonly name: string;
  /** Adds or replaces courses by id. */
  upsert(courses: Course[]): Promise<void>;
  /** Removes courses by id; unknown ids are ignored. */
  remove(ids: string[]): Promise<void>;
  /** Replaces the whole index with these courses; searches see the old or the new index, never a mix. */
  rebuild(courses: Course[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  get(id: string): Promise<Course | undefined>;
  stats(): Promise<SearchStats>;
  close(): Promise<void>;
}
