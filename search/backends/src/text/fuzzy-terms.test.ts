import { seededRandom, vocabulary } from '@ceu/testkit';
import { describe, expect, it } from 'vitest';
import { wordMatches } from '../conformance/search-oracle.ts';
import { findTerms, lowerBound } from './fuzzy-terms.ts';
import { queryWords, tokenize, typoBudget } from './normalize.ts';

describe('findTerms', () => {
  const terms = [
    ...new Set([...vocabulary(250, 9), 'ab', 'abc', 'abd', 'ethics', 'ethic', 'cardiology', 'x']),
  ].sort();

  it('finds exactly the terms a brute-force edit distance finds, with and without prefix', () => {
    const rnd = seededRandom(1);
    for (let i = 0; i < 120; i++) {
      let word = terms[Math.floor(rnd() * terms.length)] as string;
      // Mangle: substitute, delete, transpose or cut short.
      const at = Math.floor(rnd() * word.length);
      const op = Math.floor(rnd() * 4);
      if (op === 0) word = word.slice(0, at) + 'q' + word.slice(at + 1);
      if (op === 1) word = word.slice(0, at) + word.slice(at + 1);
      if (op === 2 && at + 1 < word.length)
        word = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
      if (op === 3) word = word.slice(0, Math.max(1, at));
      for (const prefix of [false, true]) {
        const found = findTerms(terms, word, typoBudget(word), prefix).map((m) => terms[m.index]);
        const expected = terms.filter((term) => wordMatches(word, term, prefix));
        expect(found, `${word} prefix=${prefix}`).toEqual(expected);
      }
    }
  });

  it('reports typos, a first-letter typo as two, and exact matches', () => {
    const [match] = findTerms(terms, 'xardiology', 2, false);
    expect(match).toMatchObject({ typos: 2, exact: false });
    expect(terms[match?.index ?? -1]).toBe('cardiology');
    expect(findTerms(terms, 'ethics', 1, true).map((m) => [terms[m.index], m.typos, m.exact])).toEqual([
      ['ethic', 1, false],
      ['ethics', 0, true],
    ]);
    expect(findTerms(terms, 'ethic', 1, true).map((m) => [terms[m.index], m.typos, m.exact])).toEqual([
      ['ethic', 0, true],
      ['ethics', 0, false],
    ]);
  });

  it('handles empty and very long words', () => {
    expect(findTerms(terms, '', 0, true)).toEqual([]);
    expect(findTerms(terms, 'a'.repeat(500), 2, true)).toEqual([]);
    expect(findTerms([], 'cardiology', 2, true)).toEqual([]);
  });

  it('binary-searches the sorted vocabulary', () => {
    expect(lowerBound(['a', 'b', 'd'], 'c')).toBe(2);
    expect(lowerBound(['a', 'b', 'd'], 'z')).toBe(3);
  });
});

describe('query words', () => {
  it('folds accents and case, splits on anything but letters and digits', () => {
    expect(tokenize("Émergency & First-Aid: the MA's role (2026)")).toEqual([
      'emergency',
      'first',
      'aid',
      'the',
      'ma',
      's',
      'role',
      '2026',
    ]);
    expect(tokenize('  ...  ')).toEqual([]);
  });

  it('treats the last word as a prefix unless the query ends with a separator', () => {
    expect(queryWords('phlebotomy bas')).toEqual({ words: ['phlebotomy', 'bas'], lastIsPrefix: true });
    expect(queryWords('phlebotomy basics ')).toEqual({
      words: ['phlebotomy', 'basics'],
      lastIsPrefix: false,
    });
    expect(queryWords('basics.')).toEqual({ words: ['basics'], lastIsPrefix: false });
    expect(queryWords(undefined)).toEqual({ words: [], lastIsPrefix: false });
  });

  it('keeps the first ten words', () => {
    expect(queryWords('a b c d e f g h i j k l').words).toHaveLength(10);
  });

  it('allows no typo below 5 letters, one from 5, two from 9', () => {
    expect([
      typoBudget('card'),
      typoBudget('cards'),
      typoBudget('cardiolo'),
      typoBudget('cardiolog'),
    ]).toEqual([0, 1, 1, 2]);
  });
});
