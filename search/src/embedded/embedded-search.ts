import { parseOrThrow, type Course } from '@ceu/shared';
import type { ProviderNames } from '../course-facts.ts';
import type { SearchBackend, SearchStats } from '../search-backend.ts';
import { searchQuerySchema, type SearchQuery, type SearchResult } from '../search-query.ts';
import { EmbeddedIndex } from './embedded-index.ts';

/** Options of {@link createEmbeddedSearch}. */
export interface EmbeddedSearchOptions {
  /** Provider display names, searchable like the provider id (`{ relias: 'Relias Academy' }`). */
  providerNames?: ProviderNames;
}

/**
 * The default search backend: an in-memory index, rebuilt from the catalog store at start (20k courses in well
 * under a second). Every write builds a new immutable index and swaps it in with one assignment, and a search
 * runs synchronously on the index it started with: searches see the old or the new catalog, never a mix.
 *
 * Writes cost a rebuild of the whole index (about 1 s at 100k courses), so write in batches:
 * one `upsert` per crawl or import, not one per course.
 *
 * @example
 * const search = createEmbeddedSearch();
 * await search.rebuild(store.courses());
 * const { hits, total, facets } = await search.search(searchQuerySchema.parse({ q: 'phlebotmy', maxPrice: 3000 }));
 */
export function createEmbeddedSearch(options: EmbeddedSearchOptions = {}): SearchBackend {
  return new EmbeddedSearch(options);
}

class EmbeddedSearch implements SearchBackend {
  readonly name = 'embedded';
  private index: EmbeddedIndex;
  private readonly providerNames: ProviderNames;

  constructor(options: EmbeddedSearchOptions) {
    this.providerNames = { ...options.providerNames };
    this.index = this.build([]);
  }

  private build(courses: readonly Course[]): EmbeddedIndex {
    return EmbeddedIndex.build(courses, { providerNames: this.providerNames });
  }

  upsert(courses: Course[]): Promise<void> {
    return settle(() => {
      if (courses.length === 0) return;
      const byId = new Map<string, Course>();
      for (const course of this.index.all()) byId.set(course.id, course);
      for (const course of courses) byId.set(course.id, course);
      this.index = this.build([...byId.values()]);
    });
  }

  remove(ids: string[]): Promise<void> {
    return settle(() => {
      const gone = new Set(ids.filter((id) => this.index.has(id)));
      if (gone.size > 0) this.index = this.build(this.index.all().filter((course) => !gone.has(course.id)));
    });
  }

  rebuild(courses: Course[]): Promise<void> {
    // Built aside, then swapped in by one assignment; a failure (duplicate ids) leaves the old index serving.
    return settle(() => {
      this.index = this.build(courses);
    });
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return settle(() => this.index.search(parseOrThrow(searchQuerySchema, query, 'search query')));
  }

  get(id: string): Promise<Course | undefined> {
    return settle(() => this.index.get(id));
  }

  stats(): Promise<SearchStats> {
    return settle(() => ({ backend: this.name, documents: this.index.size, ready: true }));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Runs synchronous work behind the async interface: a throw becomes a rejected promise, never a sync throw. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
