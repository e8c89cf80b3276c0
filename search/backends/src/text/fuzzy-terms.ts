/** A vocabulary term that a query word matches, and at what cost. */
export interface TermMatch {
  /** Index into the sorted vocabulary. */
  index: number;
  typos: number;
  /** The term is the query word itself (no typo, not a longer word reached by prefix). */
  exact: boolean;
}

/** First index in `sorted` whose term is >= `key` (code-unit order). */
export function lowerBound(sorted: readonly string[], key: string, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One past the last term that starts with `prefix`, searching from `from`. */
function prefixEnd(sorted: readonly string[], prefix: string, from: number): number {
  return lowerBound(sorted, prefix + '\uffff', from);
}

/** Whether `text` starts with the first `length` characters of `of` (no substring is made). */
function hasPrefixOf(text: string, of: string, length: number): boolean {
  if (text.length < length) return false;
  for (let i = 0; i < length; i++) if (text.charCodeAt(i) !== of.charCodeAt(i)) return false;
  return true;
}

/**
 * One past the last term from `from` on that starts with the first `length` characters of `term` (the
 * term at `from` does). Those terms are contiguous in a sorted vocabulary, so a binary search on "has the
 * prefix" finds the end without building the prefix string.
 */
function blockEnd(sorted: readonly string[], term: string, length: number, from: number): number {
  let lo = from + 1;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hasPrefixOf(sorted[mid] as string, term, length)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The edit-distance table of {@link findTerms}, one row per depth, kept between calls and grown when a longer
 * word needs it: the matcher is synchronous, so calls never share it, and a query no longer allocates rows.
 */
let table = new Int32Array(0);
let bestPrefix = new Int32Array(0);

/**
 * Finds the terms of a sorted vocabulary that a query word matches with at most `maxTypos` typos
 * (Damerau–Levenshtein, a transposition is one typo), as Meilisearch does: a typo on the first letter
 * costs two, so one-typo words must keep their first letter. With `prefix`, a term matches when one of
 * its prefixes is within the budget (`phlebotm` → `phlebotomy`).
 *
 * The vocabulary is walked as an implicit trie: terms that share a prefix share the rows of the edit
 * distance table, and a whole block of terms is skipped as soon as no extension of its prefix can come
 * within the budget. A query word costs a few thousand cell updates, not a pass over every term.
 */
export function findTerms(
  sorted: readonly string[],
  word: string,
  maxTypos: number,
  prefix: boolean,
): TermMatch[] {
  const out: TermMatch[] = [];
  if (word === '') return out;
  if (maxTypos === 0) {
    const start = lowerBound(sorted, word);
    if (!prefix) {
      if (sorted[start] === word) out.push({ index: start, typos: 0, exact: true });
      return out;
    }
    const end = prefixEnd(sorted, word, start);
    for (let i = start; i < end; i++) out.push({ index: i, typos: 0, exact: sorted[i] === word });
    return out;
  }

  const m = word.length;
  const width = m + 1;
  const maxDepth = m + maxTypos + 1;
  if (table.length < (maxDepth + 1) * width) table = new Int32Array((maxDepth + 1) * width * 2);
  if (bestPrefix.length < maxDepth + 1) bestPrefix = new Int32Array((maxDepth + 1) * 2);
  // Row j of the table (depth j on the current path) is table[j * width … j * width + m].
  const rows = table;
  const best = bestPrefix;
  for (let c = 0; c <= m; c++) rows[c] = c;
  // Best distance between the word and any prefix of the current path, per depth (prefix mode).
  best[0] = m;

  // The current path is the first `pathLength` characters of `pathTerm` (no substring is made).
  let pathTerm = '';
  let pathLength = 0;
  let i = 0;
  while (i < sorted.length) {
    const term = sorted[i] as string;
    // A typo on the first letter costs two: it takes one from the budget and adds one to the cost.
    const firstLetterCost = term.charCodeAt(0) !== word.charCodeAt(0) ? 1 : 0;
    const budget = maxTypos - firstLetterCost;
    if (budget < 0) {
      // No term of this first letter can match: jump past the whole block.
      i = blockEnd(sorted, term, 1, i);
      pathLength = 0;
      continue;
    }
    // Rows up to the common prefix with the previous path are still valid.
    let shared = 0;
    const limit = Math.min(pathLength, term.length);
    while (shared < limit && pathTerm.charCodeAt(shared) === term.charCodeAt(shared)) shared++;
    let pruned = -1;
    let depth = shared;
    for (let j = shared + 1; j <= term.length && j <= maxDepth; j++) {
      const row = j * width;
      const prev = row - width;
      const prevPrev = prev - width;
      const ch = term.charCodeAt(j - 1);
      const before = j > 1 ? term.charCodeAt(j - 2) : -1;
      rows[row] = j;
      let rowMin = j;
      for (let c = 1; c <= m; c++) {
        const wc = word.charCodeAt(c - 1);
        let v = (rows[prev + c - 1] as number) + (wc === ch ? 0 : 1);
        const del = (rows[prev + c] as number) + 1;
        if (del < v) v = del;
        const ins = (rows[row + c - 1] as number) + 1;
        if (ins < v) v = ins;
        if (j > 1 && c > 1 && wc === before && word.charCodeAt(c - 2) === ch) {
          const tr = (rows[prevPrev + c - 2] as number) + 1;
          if (tr < v) v = tr;
        }
        rows[row + c] = v;
        if (v < rowMin) rowMin = v;
      }
      const last = rows[row + m] as number;
      const bestBefore = best[j - 1] as number;
      best[j] = last < bestBefore ? last : bestBefore;
      depth = j;
      if (rowMin > budget) {
        pruned = j;
        break;
      }
    }
    pathTerm = term;
    pathLength = depth;
    if (pruned > 0) {
      // Every term sharing this prefix ends the same way: matched by an earlier prefix, or not at all.
      const end = blockEnd(sorted, term, pruned, i);
      const bestOfPrefix = best[pruned - 1] as number;
      if (prefix && bestOfPrefix <= budget) {
        for (let k = i; k < end; k++) {
          out.push({ index: k, typos: bestOfPrefix + firstLetterCost, exact: false });
        }
      }
      i = end;
      continue;
    }
    if (term.length > maxDepth) {
      // Longer than any match can be, but a prefix of it may have matched.
      const bestOfPrefix = best[maxDepth] as number;
      if (prefix && bestOfPrefix <= budget) {
        out.push({ index: i, typos: bestOfPrefix + firstLetterCost, exact: false });
      }
      i++;
      continue;
    }
    const full = rows[term.length * width + m] as number;
    const d = prefix ? (best[term.length] as number) : full;
    if (d <= budget) out.push({ index: i, typos: d + firstLetterCost, exact: full === 0 });
    i++;
  }
  return out;
}
