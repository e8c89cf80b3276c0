const NON_WORD = /[^\p{L}\p{N}]+/u;
const ASCII = /^\p{ASCII}*$/u;
const MARKS = /\p{M}+/gu;

/** Whether a text is plain ASCII (the fast paths of folding and word scanning). */
export function isAscii(text: string): boolean {
  return ASCII.test(text);
}

/**
 * Folds text the way Meilisearch's tokenizer does for Latin scripts: compatibility decomposition, accents
 * dropped, lower case. `Phlébotomie` → `phlebotomie`.
 */
export function foldText(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** Splits folded text into words: runs of letters and digits; everything else separates. */
export function tokenize(text: string): string[] {
  const words = foldText(text).split(NON_WORD);
  let start = 0;
  let end = words.length;
  if (end > 0 && words[0] === '') start = 1;
  if (end > start && words[end - 1] === '') end -= 1;
  return start === 0 && end === words.length ? words : words.slice(start, end);
}

/** Meilisearch considers only the first ten words of a query; so do we, in every backend. */
export const MAX_QUERY_WORDS = 10;

export interface QueryWords {
  words: string[];
  /** The last word is matched as a prefix unless the query ends with a separator (the user finished it). */
  lastIsPrefix: boolean;
}

/** The words of a search query, as the engines match them. */
export function queryWords(q: string | undefined): QueryWords {
  if (q === undefined) return { words: [], lastIsPrefix: false };
  const all = tokenize(q);
  const words = all.slice(0, MAX_QUERY_WORDS);
  const lastChar = foldText(q).at(-1) ?? '';
  const truncated = all.length > MAX_QUERY_WORDS;
  return { words, lastIsPrefix: words.length > 0 && !truncated && !NON_WORD.test(lastChar) };
}

/**
 * Meilisearch's default typo tolerance: no typo below 5 letters, one from 5, two from 9
 * (`minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }`).
 */
export function typoBudget(word: string): number {
  const length = [...word].length;
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}
