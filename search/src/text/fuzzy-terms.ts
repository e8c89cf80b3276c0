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
  const maxDepth = m + maxTypos + 1;
  const rows: Int32Array[] = [];
  for (let j = 0; j <= maxDepth; j++) rows.push(new Int32Array(m + 1));
  const row0 = rows[0] as Int32Array;
  for (let c = 0; c <= m; c++) row0[c] = c;
  // Best distance between the word and any prefix of the current path, per depth (prefix mode).
  const bestPrefix = new Int32Array(maxDepth + 1);
  bestPrefix[0] = m;

  let path = '';
  let i = 0;
  while (i < sorted.length) {
    const term = sorted[i] as string;
    // A typo on the first letter costs two: it takes one from the budget and adds one to the cost.
    const firstLetterCost = term.charCodeAt(0) !== word.charCodeAt(0) ? 1 : 0;
    const budget = maxTypos - firstLetterCost;
    if (budget < 0) {
      // No term of this first letter can match: jump past the whole block.
      i = prefixEnd(sorted, term.charAt(0), i);
      path = '';
      continue;
    }
    // Rows up to the common prefix with the previous path are still valid.
    let shared = 0;
    const limit = Math.min(path.length, term.length);
    while (shared < limit && path.charCodeAt(shared) === term.charCodeAt(shared)) shared++;
    let pruned = -1;
    let depth = shared;
    for (let j = shared + 1; j <= term.length && j <= maxDepth; j++) {
      const row = rows[j] as Int32Array;
      const prev = rows[j - 1] as Int32Array;
      const ch = term.charCodeAt(j - 1);
      row[0] = j;
      let rowMin = j;
      for (let c = 1; c <= m; c++) {
        const wc = word.charCodeAt(c - 1);
        let v = (prev[c - 1] as number) + (wc === ch ? 0 : 1);
        const del = (prev[c] as number) + 1;
        if (del < v) v = del;
        const ins = (row[c - 1] as number) + 1;
        if (ins < v) v = ins;
        if (j > 1 && c > 1 && wc === term.charCodeAt(j - 2) && word.charCodeAt(c - 2) === ch) {
          const tr = ((rows[j - 2] as Int32Array)[c - 2] as number) + 1;
          if (tr < v) v = tr;
        }
        row[c] = v;
        if (v < rowMin) rowMin = v;
      }
      const last = row[m] as number;
      bestPrefix[j] = Math.min(bestPrefix[j - 1] as number, last);
      depth = j;
      if (rowMin > budget) {
        pruned = j;
        break;
      }
    }
    path = term.slice(0, depth);
    if (pruned > 0) {
      // Every term sharing this prefix ends the same way: matched by an earlier prefix, or not at all.
      const end = prefixEnd(sorted, term.slice(0, pruned), i);
      const best = bestPrefix[pruned - 1] as number;
      if (prefix && best <= budget) {
        for (let k = i; k < end; k++) out.push({ index: k, typos: best + firstLetterCost, exact: false });
      }
      i = end;
      continue;
    }
    if (term.length > maxDepth) {
      // Longer than any match can be, but a prefix of it may have matched.
      const best = bestPrefix[maxDepth] as number;
      if (prefix && best <= budget) out.push({ index: i, typos: best + firstLetterCost, exact: false });
      i++;
      continue;
    }
    const full = (rows[term.length] as Int32Array)[m] as number;
    const d = prefix ? (bestPrefix[term.length] as number) : full;
    if (d <= budget) out.push({ index: i, typos: d + firstLetterCost, exact: full === 0 });
    i++;
  }
  return out;
}
