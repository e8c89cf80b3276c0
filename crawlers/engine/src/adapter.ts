import type { BundleInput, CourseInput } from './drafts.ts';

/** One step a browser performs on a rendered page before its HTML is read. */
export type BrowserAction = { select: string; value: string } | { click: string } | { waitFor: string };

/** A page to fetch. `render` asks for a real browser: scripts run, actions apply, then the DOM is read. */
export interface PageRequest {
  url: string;
  /** The adapter's own label for the page type (`listing`, `detail`, `membership`, …), echoed back to `extract`. */
  kind: string;
  render?: { waitFor: string; actions?: BrowserAction[] };
}

/** A page as fetched: the final URL after redirects, and the body as text. */
export interface FetchedPage {
  request: PageRequest;
  url: string;
  status: number;
  contentType: string;
  body: string;
}

/**
 * What one page yields. Course and bundle drafts are partial records keyed by id; drafts of one id from
 * several pages (a listing row, then the detail page) are merged in crawl order, later fields winning.
 */
export interface Extraction {
  courses: CourseDraft[];
  bundles: BundleDraft[];
  follow: PageRequest[];
  /** Why a page that should hold data did not parse; counted for drift detection. */
  problems: string[];
  /**
   * Records the page offered that can never become courses (a Course node without a name, …): the engine
   * counts them as rejected, by reason, and logs them; they are never silently skipped.
   */
  rejected?: RejectedDraft[];
  /**
   * For `ceu probe`: per course draft id, where each field came from (`json-ld block 1 @graph[2] offers.price`,
   * `selector .card .price`, `rule pointsPerHour`), and why a field is missing (`no offers`, `selector .hours
   * matched nothing`). Adapters may leave it out; the crawl engine ignores it.
   */
  provenance?: Record<string, DraftProvenance>;
}

/** Where a draft's fields came from, and why the missing ones are missing. */
export interface DraftProvenance {
  sources: Record<string, string>;
  missing: Record<string, string>;
}

/** A record an adapter refused itself. `reason` is a short stable code (`no-name`), counted per run. */
export interface RejectedDraft {
  id: string;
  reason: string;
  /** Where and what, for the log: the page, the node's position or JSON-LD path. */
  detail?: string;
}

export type CourseDraft = Partial<CourseInput> & { id: string };
export type BundleDraft = Partial<BundleInput> & { id: string };

/**
 * A provider's crawler, minus fetching: where to start and how to read a page. `extract` is pure (no I/O),
 * so it is tested on saved pages; the crawl engine owns fetching, politeness, normalisation and storage.
 */
export interface ProviderAdapter<
  Result extends Extraction | Promise<Extraction> = Extraction | Promise<Extraction>,
> {
  readonly id: string;
  readonly name: string;
  /** The live site; `CEU_PROVIDER_<ID>_URL` overrides it. */
  readonly defaultBaseUrl: string;
  start(baseUrl: string): PageRequest[];
  /** Pure (no I/O); may be async for parsers that only stream. */
  extract(page: FetchedPage, baseUrl: string): Result;
}
