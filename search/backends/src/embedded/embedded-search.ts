import type { Course } from '@ceu/domain';
import type { ProviderNames } from '../course-facts.ts';
import type { SearchBackend, SearchStats } from '../search-backend.ts';
import { validSearchQuery, type SearchQuery, type SearchResult } from '../search-query.ts';
import { EmbeddedIndex } from './embedded-index.ts';

/** Options of {@link createEmbeddedSearch}. */
export interface EmbeddedSearchOptions {
  /** Provider display names, searchable like the provider id (`{ relias: 'Relias Academy' }`). */
  providerNames?: ProviderNames;
}

/**
 * The default search backend: an in-memory index, rebuilt from the catalog store at start (20k courses in well
 * under a second). Every write builds a new immutable index — in slices, so the server keeps answering — and
 * swaps it in with one assignment; a search runs synchronously on the index it started with: searches see the
 * old or the new catalog, never a mix. Writes apply in the order they were made.
 *
 * A write costs a build of the whole index (about 0.25 s at 20k courses, 1 s at 100k), so write in batches:
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
    this.index = EmbeddedIndex.build([]);
  }

  /** Writes run one after another, each on the index the previous one left; searches keep using the current one. */
  private writes: Promise<unknown> = Promise.resolve();

  private write(next: (current: EmbeddedIndex) => readonly Course[] | undefined): Promise<void> {
    const run = this.writes.then(async () => {
      const courses = next(this.index);
      if (courses === undefined) return;
      // Built aside (yielding to other requests meanwhile), then swapped in by one assignment; a failure
      // (duplicate ids) leaves the old index serving.
      this.index = await EmbeddedIndex.buildAsync(courses, { providerNames: this.providerNames });
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  upsert(courses: Course[]): Promise<void> {
    return this.write((current) => {
      if (courses.length === 0) return undefined;
      const byId = new Map<string, Course>();
      for (const course of current.all()) byId.set(course.id, course);
      for (const course of courses) byId.set(course.id, course);
      return [...byId.values()];
    });
  }

  remove(ids: string[]): Promise<void> {
    return this.write((current) => {
      const gone = new Set(ids.filter((id) => current.has(id)));
      return gone.size === 0 ? undefined : current.all().filter((course) => !gone.has(course.id));
    });
  }

  rebuild(courses: Course[]): Promise<void> {
    const snapshot = [...courses]; // the caller may reuse its array while the build runs
    return this.write(() => snapshot);
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return settle(() => this.index.search(validSearchQuery(query)));
  }

  get(id: string): Promise<Course | undefined> {
    return settle(() => this.index.get(id));
  }

  stats(): Promise<SearchStats> {
    return settle(() => ({ backend: this.name, documents: this.index.size, ready: true }));
  }

  async close(): Promise<void> {
    await this.writes;
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
