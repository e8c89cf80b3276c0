/** What the drift check looks at after a crawl, before anything is written. */
export interface DriftInput {
  /** Valid courses this crawl found. */
  found: number;
  rejected: number;
  /** Courses found by the last crawl that ended `ok`, if any. */
  lastGoodFound: number | undefined;
  /** Pages fetched and handed to the adapter. */
  pagesParsed: number;
  /** Of those, pages whose extraction reported problems (or threw). */
  pagesWithProblems: number;
}

/** A yield below this share of the last good crawl means the site's layout changed under us. */
export const DRIFT_YIELD_RATIO = 0.5;

/**
 * Why this crawl looks like layout drift, or undefined when it does not. Drift is judged on the evidence
 * the crawl has: a yield collapse against the last good crawl, most pages no longer parsing, most records
 * failing validation, or nothing found at all.
 */
export function detectDrift(input: DriftInput): string | undefined {
  if (input.pagesParsed > 0 && input.pagesWithProblems > input.pagesParsed / 2) {
    return `${input.pagesWithProblems} of ${input.pagesParsed} pages no longer parse`;
  }
  if (input.found === 0) {
    return input.rejected > 0
      ? `no valid courses: all ${input.rejected} records failed validation`
      : `no courses found on ${input.pagesParsed} pages`;
  }
  if (input.rejected > input.found) {
    return `most records fail validation (${input.rejected} rejected, ${input.found} valid)`;
  }
  if (input.lastGoodFound !== undefined && input.found < input.lastGoodFound * DRIFT_YIELD_RATIO) {
    return `yield fell to ${input.found} courses from ${input.lastGoodFound} in the last good crawl`;
  }
  return undefined;
}
