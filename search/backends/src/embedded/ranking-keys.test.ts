/**
 * The packed numbers carry the ranking rules' order; a field that overflows into its neighbour, or two fields
 * swapped in a helper, would reorder results only for some queries, which the search tests can miss.
 */
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_WORDS } from '../text/normalize.ts';
import {
  fieldOf,
  keyGroup,
  keyMissingWords,
  keySlot,
  matchExact,
  matchInfo,
  matchTypos,
  MAX_DOCUMENTS,
  MAX_POSITION,
  mergeMatch,
  NO_MATCH,
  packFieldPosition,
  positionOf,
  relevanceKey,
  UNMATCHED_TYPOS,
  withProximity,
} from './ranking-keys.ts';

const words = MAX_QUERY_WORDS;
// The largest value each field can take with the most query words (see the layout in ranking-keys.ts).
const most = {
  missing: words,
  typos: 2 * words,
  proximity: 7 * (words - 1),
  attribute: 3 * words,
  position: 511,
  inexact: words,
  slot: MAX_DOCUMENTS - 1,
};

describe('ranking keys', () => {
  it('packs a posting so that a better field, then an earlier position, compares lower', () => {
    const info = packFieldPosition(2, 40);
    expect([fieldOf(info), positionOf(info)]).toEqual([2, 40]);
    expect(positionOf(packFieldPosition(3, 1e6))).toBe(MAX_POSITION);
    expect(fieldOf(packFieldPosition(3, 1e6))).toBe(3);
    expect(packFieldPosition(1, MAX_POSITION)).toBeLessThan(packFieldPosition(2, 0));
    expect(packFieldPosition(1, 4)).toBeLessThan(packFieldPosition(1, 5));
  });

  it("keeps a query word's fewest typos, best posting and exactness, each on its own", () => {
    expect(matchTypos(NO_MATCH)).toBe(UNMATCHED_TYPOS);
    expect(matchExact(NO_MATCH)).toBe(false);
    let state = mergeMatch(NO_MATCH, 2, packFieldPosition(1, 5), 1);
    expect([matchTypos(state), matchInfo(state), matchExact(state)]).toEqual([
      2,
      packFieldPosition(1, 5),
      true,
    ]);
    // Fewer typos in a worse place: the typo count improves, the posting does not, exactness stays.
    state = mergeMatch(state, 1, packFieldPosition(3, 0), 0);
    expect([matchTypos(state), matchInfo(state), matchExact(state)]).toEqual([
      1,
      packFieldPosition(1, 5),
      true,
    ]);
    // A better place with more typos: only the posting improves.
    state = mergeMatch(state, 2, packFieldPosition(0, 7), 0);
    expect([matchTypos(state), matchInfo(state), matchExact(state)]).toEqual([
      1,
      packFieldPosition(0, 7),
      true,
    ]);
    // The largest values do not spill into a neighbouring field.
    const edge = mergeMatch(NO_MATCH, 0, packFieldPosition(3, MAX_POSITION), 0);
    expect([matchTypos(edge), matchInfo(edge), matchExact(edge)]).toEqual([
      0,
      packFieldPosition(3, MAX_POSITION),
      false,
    ]);
  });

  it('gives every field of a relevance key back at its largest, exactly', () => {
    const key = withProximity(
      relevanceKey(most.missing, most.typos, most.attribute, most.position, most.inexact, most.slot),
      most.proximity,
    );
    expect(Number.isSafeInteger(key)).toBe(true);
    expect([keyMissingWords(key), keySlot(key)]).toEqual([most.missing, most.slot]);
    expect(keyGroup(key)).toBe(keyGroup(relevanceKey(most.missing, most.typos, 0, 0, 0, 0)));
    expect(relevanceKey(0, 0, 0, 10_000, 0, 0)).toBe(relevanceKey(0, 0, 0, most.position, 0, 0));
  });

  it('orders by each rule in turn: one step of a rule outweighs every rule below it at its largest', () => {
    const { typos, proximity, attribute, position, inexact, slot } = most;
    const steps: [string, number, number][] = [
      [
        'missing words',
        relevanceKey(1, 0, 0, 0, 0, 0),
        withProximity(relevanceKey(0, typos, attribute, position, inexact, slot), proximity),
      ],
      [
        'typos',
        relevanceKey(0, 1, 0, 0, 0, 0),
        withProximity(relevanceKey(0, 0, attribute, position, inexact, slot), proximity),
      ],
      ['proximity', withProximity(0, 1), relevanceKey(0, 0, attribute, position, inexact, slot)],
      ['attribute', relevanceKey(0, 0, 1, 0, 0, 0), relevanceKey(0, 0, 0, position, inexact, slot)],
      ['position', relevanceKey(0, 0, 0, 1, 0, 0), relevanceKey(0, 0, 0, 0, inexact, slot)],
      ['inexact words', relevanceKey(0, 0, 0, 0, 1, 0), relevanceKey(0, 0, 0, 0, 0, slot)],
    ];
    for (const [rule, step, below] of steps) expect(step, rule).toBeGreaterThan(below);
  });
});
