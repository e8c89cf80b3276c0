/** One crawl's yield: valid courses, and of those the complete ones (credits, hours and a US price). */
export interface CrawlYield {
  found: number;
  /** Absent for runs recorded before completeness was counted. */
  complete?: number;
}

/** What the drift check looks at after a crawl, before anything is written. */
export interface DriftInput extends CrawlYield {
  complete: number;
  /** The last crawl of this provider that ended `ok`, if any. */
  lastGood: CrawlYield | undefined;
  /** Pages fetched and handed to the adapter. */
  pagesParsed: number;
  /** Of those, pages whose extraction reported problems (or threw). */
  pagesWithProblems: number;
}

/** A yield below this share of the last good crawl means the site's layout changed under us. */
export const DRIFT_YIELD_RATIO = 0.5;

/**
 * Why this crawl looks like layout drift, or undefined when it does not. Drift is a change against what
 * the same crawler read before: the number of valid courses, or of complete ones (a price selector that
 * stops matching leaves valid but priceless courses), falling below half of the last good crawl's. Data
 * quality is not drift: a first crawl of a site whose listings are mostly partial stores what is valid, and
 * its summary counts what is missing.
 */
export function detectDrift(input: DriftInput): string | undefined {
  const last = input.lastGood;
  if (last === undefined) return undefined;
  const pages =
    input.pagesWithProblems > 0
      ? `; ${input.pagesWithProblems} of ${input.pagesParsed} pages no longer parse`
      : '';
  if (input.found < last.found * DRIFT_YIELD_RATIO) {
    return `yield fell to ${input.found} courses from ${last.found} in the last good crawl${pages}`;
  }
  if (last.complete !== undefined && input.complete < last.complete * DRIFT_YIELD_RATIO) {
    return `complete courses (credits, hours and a US price) fell to ${input.complete} from ${last.complete} in the last good crawl${pages}`;
  }
  return undefined;
}
