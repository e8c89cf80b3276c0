import {
  Meilisearch,
  MeilisearchApiError,
  type EnqueuedTaskPromise,
  type Index,
  type Task,
} from 'meilisearch';
import { CeuError, recordIdSchema, type Course } from '@ceu/domain';
import type { ProviderNames } from '../course-facts.ts';
import type { SearchBackend, SearchStats } from '../search-backend.ts';
import { FACET_FIELDS, validSearchQuery, type SearchQuery, type SearchResult } from '../search-query.ts';
import {
  encodeId,
  MEILI_SETTINGS,
  PRIMARY_KEY,
  toMeiliDocument,
  type MeiliDocument,
} from './meili-document.ts';
import { meiliFilter, meiliSort, meiliText } from './meili-filter.ts';

/** Options of {@link createMeiliSearch}. */
export interface MeiliSearchOptions {
  /** Meilisearch's URL (`MEILI_URL`). */
  url: string;
  /** An API key with search and index rights (`MEILI_API_KEY`); it stays on the server. */
  apiKey?: string;
  /** The index that serves searches; default `courses`. Rebuilds use `<indexName>_next` and swap it in. */
  indexName?: string;
  /** Provider display names, searchable like the provider id. */
  providerNames?: ProviderNames;
  /** How long to wait for one indexing task, in ms; default 10 minutes. */
  taskTimeoutMs?: number;
  /** Documents per addition request; default 10 000. */
  batchSize?: number;
}

/**
 * The Meilisearch backend, chosen when `MEILI_URL` is set. Answers like the embedded engine (same conformance
 * suite). Settings are applied before documents; a rebuild fills a fresh index and swaps it in atomically with
 * `swapIndexes`; every task is awaited and a failed task becomes a `CeuError` whose cause is Meilisearch's error.
 *
 * @example
 * const search = createMeiliSearch({ url: config.meiliUrl, apiKey: config.meiliApiKey });
 * await search.rebuild(store.courses());
 */
export function createMeiliSearch(options: MeiliSearchOptions): SearchBackend {
  return new MeiliSearch(options);
}

class MeiliSearch implements SearchBackend {
  readonly name = 'meilisearch';
  private readonly client: Meilisearch;
  private readonly indexName: string;
  private readonly providerNames: ProviderNames;
  private readonly taskTimeoutMs: number;
  private readonly batchSize: number;
  private ready: Promise<void> | undefined;
  /** Writes run one after another: a rebuild and an upsert never interleave their tasks. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(options: MeiliSearchOptions) {
    this.client = new Meilisearch({
      host: options.url,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    });
    this.indexName = options.indexName ?? 'courses';
    if (!/^[a-zA-Z0-9_-]{1,200}$/.test(this.indexName)) {
      throw new CeuError('invalid-input', `invalid Meilisearch index name "${this.indexName}"`);
    }
    this.providerNames = { ...options.providerNames };
    this.taskTimeoutMs = options.taskTimeoutMs ?? 600_000;
    this.batchSize = options.batchSize ?? 10_000;
  }

  private get index(): Index<MeiliDocument> {
    return this.client.index<MeiliDocument>(this.indexName);
  }

  /** Creates the serving index with its settings if it does not exist yet (once per process). */
  private ensureIndex(): Promise<void> {
    this.ready ??= this.createWithSettings(this.indexName).catch((error: unknown) => {
      this.ready = undefined; // try again on the next call
      throw error;
    });
    return this.ready;
  }

  private async createWithSettings(uid: string): Promise<void> {
    try {
      await this.client.getIndex(uid);
    } catch (error) {
      if (!isNotFound(error, 'index_not_found'))
        throw unavailable(`cannot read Meilisearch index "${uid}"`, error);
      await this.task(this.client.createIndex(uid, { primaryKey: PRIMARY_KEY }), `create index "${uid}"`, [
        'index_already_exists',
      ]);
    }
    await this.task(this.client.index(uid).updateSettings(MEILI_SETTINGS), `apply settings to "${uid}"`);
  }

  /** Awaits a task; a failed or timed-out task (or a failed request) is an error with the cause attached. */
  private async task(enqueued: EnqueuedTaskPromise, what: string, tolerated: string[] = []): Promise<Task> {
    let task: Task;
    try {
      task = await enqueued.waitTask({ timeout: this.taskTimeoutMs, interval: 50 });
    } catch (error) {
      throw unavailable(`Meilisearch could not ${what}`, error);
    }
    if (task.status === 'succeeded') return task;
    if (task.status === 'failed' && task.error && tolerated.includes(task.error.code)) return task;
    throw new CeuError(
      'unavailable',
      `Meilisearch task ${task.uid} (${what}) ${task.status}: ${task.error?.message ?? 'no detail'}`,
      { cause: task.error ?? task },
    );
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work, work);
    this.writes = run.catch(() => undefined);
    return run;
  }

  private async addDocuments(uid: string, courses: Course[]): Promise<void> {
    const index = this.client.index<MeiliDocument>(uid);
    for (let start = 0; start < courses.length; start += this.batchSize) {
      const documents = courses
        .slice(start, start + this.batchSize)
        .map((c) => toMeiliDocument(c, this.providerNames));
      await this.task(
        index.addDocuments(documents, { primaryKey: PRIMARY_KEY }),
        `index ${documents.length} courses`,
      );
    }
  }

  upsert(courses: Course[]): Promise<void> {
    return this.serial(async () => {
      await this.ensureIndex();
      // The last of several versions of one id wins, as in one batch replace.
      const byId = new Map(courses.map((course) => [course.id, course]));
      await this.addDocuments(this.indexName, [...byId.values()]);
    });
  }

  remove(ids: string[]): Promise<void> {
    return this.serial(async () => {
      // Ids no course can have are not in the index; leaving them out keeps the task from failing on them.
      const keys = ids.filter((id) => recordIdSchema.safeParse(id).success).map(encodeId);
      if (keys.length === 0) return;
      await this.ensureIndex();
      await this.task(this.index.deleteDocuments(keys), `remove ${keys.length} courses`);
    });
  }

  rebuild(courses: Course[]): Promise<void> {
    return this.serial(async () => {
      const ids = new Set<string>();
      for (const course of courses) {
        if (ids.has(course.id)) throw new CeuError('invalid-input', `duplicate course id "${course.id}"`);
        ids.add(course.id);
      }
      await this.ensureIndex();
      // A fresh index, settings first, then documents; searches keep hitting the old index until the swap.
      const next = `${this.indexName}_next`;
      await this.client.deleteIndexIfExists(next).catch((error: unknown) => {
        throw unavailable(`cannot drop the leftover index "${next}"`, error);
      });
      await this.createWithSettings(next);
      try {
        await this.addDocuments(next, courses);
        await this.task(
          this.client.swapIndexes([{ indexes: [this.indexName, next], rename: false }]),
          'swap indexes',
        );
      } finally {
        // After the swap `next` holds the old documents; after a failure, the half-built ones. Either way: drop it.
        await this.client.deleteIndexIfExists(next).catch(() => undefined);
      }
    });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const parsed = validSearchQuery(query);
    await this.ensureIndex();
    let response;
    try {
      response = await this.index.search(meiliText(parsed.q), {
        filter: meiliFilter(parsed),
        facets: [...FACET_FIELDS],
        sort: meiliSort(parsed.sort),
        page: parsed.page,
        hitsPerPage: parsed.perPage,
        matchingStrategy: 'last',
        attributesToRetrieve: ['course'],
      });
    } catch (error) {
      throw unavailable('Meilisearch search failed', error);
    }
    const facets = {} as SearchResult['facets'];
    for (const field of FACET_FIELDS) facets[field] = { ...response.facetDistribution?.[field] };
    return {
      hits: response.hits.map((hit) => hit.course),
      total: response.totalHits,
      page: parsed.page,
      perPage: parsed.perPage,
      facets,
    };
  }

  async get(id: string): Promise<Course | undefined> {
    // An id no course can have (empty, too long for Meilisearch once encoded, …) is simply not found.
    if (!recordIdSchema.safeParse(id).success) return undefined;
    await this.ensureIndex();
    try {
      const document = await this.index.getDocument<Pick<MeiliDocument, 'course'>>(encodeId(id), {
        fields: ['course'],
      });
      return document.course;
    } catch (error) {
      if (isNotFound(error, 'document_not_found')) return undefined;
      throw unavailable(`cannot read course "${id}" from Meilisearch`, error);
    }
  }

  async stats(): Promise<SearchStats> {
    try {
      await this.ensureIndex();
      const stats = await this.index.getStats();
      return { backend: this.name, documents: stats.numberOfDocuments, ready: true };
    } catch {
      return { backend: this.name, documents: 0, ready: false };
    }
  }

  async close(): Promise<void> {
    await this.writes;
  }
}

function isNotFound(error: unknown, code: string): boolean {
  return (
    error instanceof MeilisearchApiError && (error.cause?.code === code || error.response.status === 404)
  );
}

function unavailable(message: string, cause: unknown): CeuError {
  if (cause instanceof CeuError) return cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new CeuError('unavailable', `${message}${detail}`, { cause });
}
