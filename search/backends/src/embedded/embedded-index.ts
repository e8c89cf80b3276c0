import { CeuError, type Course } from '@ceu/domain';
import { compareIds, courseCategories, pricePerPoint, type ProviderNames } from '../course-facts.ts';
import {
  FACET_FIELDS,
  type FacetField,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
} from '../search-query.ts';
import { findTerms, type TermMatch } from '../text/fuzzy-terms.ts';
import { isAscii, MAX_QUERY_WORDS, queryWords, tokenize, typoBudget } from '../text/normalize.ts';
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
import {
  andInto,
  countAnd,
  createBitset,
  fullBitset,
  hasBit,
  orInto,
  setBit,
  slotsOf,
  type Bitset,
} from './bitset.ts';

/** Searchable fields, most important first (Meilisearch's attribute ranking follows this order). */
const FIELD_COUNT = 4; // title, description, provider name, provider id
/** Separates fields in the forward index; crossing it puts words "far apart" for proximity. */
const SEPARATOR = 0xffffffff;
const MAX_PAIR_PROXIMITY = 7;
/** "Not seen yet" for a word's last position: far enough back that any distance from it exceeds the cap. */
const NEVER = -1e9;

type OrderedSort = Exclude<SearchSort, 'relevance'>;

/** The build yields every SLICE + 1 courses in its per-course loops (a few milliseconds of work). */
const SLICE = 4095;

interface BuildOptions {
  providerNames?: ProviderNames;
}

interface FacetValue {
  /** The value as first seen in the catalog (facet keys are shown as published). */
  value: string;
  bits: Bitset;
  /** Its index among all facet values of the index (any field): where its count goes while counting. */
  id: number;
}

/** How many query words' term matches an index remembers (the same words recur across searches)… */
const TERM_CACHE_WORDS = 4096;
/** …and how many matches in all (a short prefix can match thousands of terms): a few MB at most. */
const TERM_CACHE_MATCHES = 1 << 17;

/**
 * An immutable, column-oriented index of a set of courses: a sorted vocabulary with postings (document slot,
 * best field, first position) and a forward index for proximity; typed-array columns for ranges and sorts;
 * one bitset per facet value, so that filters are word-wise AND/OR and facet counts are popcounts.
 *
 * Slots are assigned in id order, so "order by id" is slot order and the relevance key can end with the slot.
 */
export class EmbeddedIndex {
  readonly size: number;
  private readonly courses: Course[];
  private readonly slotById: Map<string, number>;
  private readonly terms: string[];
  private readonly postStart: Uint32Array;
  private readonly postDocs: Uint32Array;
  private readonly postInfo: Uint16Array;
  private readonly fwdStart: Uint32Array;
  private readonly fwdTerms: Uint32Array;
  /**
   * Price and hours of each slot side by side (`2 * slot`, `2 * slot + 1`): a range test reads one place.
   * NaN where the course does not publish it, which fails every comparison, so no range ever matches it.
   */
  private readonly priceHours: Float64Array;
  private readonly orders: Record<OrderedSort, Uint32Array>;
  private readonly ranks: Record<OrderedSort, Uint32Array>;
  private readonly facets: Record<FacetField, Map<string, FacetValue>>;
  /** Per facet field, its values in the order facet counts are listed (by value), sorted once per build. */
  private readonly facetOrder: Record<FacetField, FacetValue[]>;
  /**
   * Per slot, its facet values as a bitmask over value ids (`facetWords` words per slot): counting a few
   * hundred candidates this way reads one small entry each, where a popcount per value reads every bitset.
   */
  private readonly slotFacets: Uint32Array;
  private readonly facetWords: number;
  private readonly facetValueCount: number;
  /** Facet values per course, on average (chooses between the two ways of counting). */
  private readonly facetsPerSlot: number;
  /**
   * The vocabulary terms each recent query word matches (key: prefix flag + word), in insertion order so the
   * oldest goes first when full. Bounded, and owned by this immutable index: a new catalog starts empty.
   */
  private readonly termCache = new Map<string, TermMatch[]>();
  /** Matches held by {@link termCache}, summed over its words. */
  private termCacheMatches = 0;
  /** Per vocabulary term, which query words it matches (bit k = word k); reset after each query. */
  private readonly termWords: Uint16Array;
  /** Working memory of {@link proximity}, per query word: last position seen and closest distance to the next. */
  private readonly lastAt = new Int32Array(MAX_QUERY_WORDS);
  private readonly bestGap = new Int32Array(MAX_QUERY_WORDS);
  /**
   * Per-query working memory, allocated once per index and reused: searches are synchronous, so two never
   * share it at the same time, and reuse keeps large short-lived buffers (and GC pauses) out of the hot path.
   */
  private scratchSpace: Scratch | undefined;

  private constructor(parts: {
    courses: Course[];
    terms: string[];
    postStart: Uint32Array;
    postDocs: Uint32Array;
    postInfo: Uint16Array;
    fwdStart: Uint32Array;
    fwdTerms: Uint32Array;
    price: Float64Array;
    hours: Float64Array;
    orders: Record<OrderedSort, Uint32Array>;
    facets: Record<FacetField, Map<string, FacetValue>>;
    slotFacets: Uint32Array;
    facetValueCount: number;
    facetsPerSlot: number;
  }) {
    this.size = parts.courses.length;
    this.courses = parts.courses;
    this.slotById = new Map(parts.courses.map((course, slot) => [course.id, slot]));
    this.terms = parts.terms;
    this.postStart = parts.postStart;
    this.postDocs = parts.postDocs;
    this.postInfo = parts.postInfo;
    this.fwdStart = parts.fwdStart;
    this.fwdTerms = parts.fwdTerms;
    this.priceHours = new Float64Array(parts.price.length * 2);
    for (let slot = 0; slot < parts.price.length; slot++) {
      this.priceHours[2 * slot] = parts.price[slot] as number;
      this.priceHours[2 * slot + 1] = parts.hours[slot] as number;
    }
    this.orders = parts.orders;
    this.ranks = {
      price: inverse(parts.orders.price),
      '-price': inverse(parts.orders['-price']),
      hours: inverse(parts.orders.hours),
      pricePerPoint: inverse(parts.orders.pricePerPoint),
    };
    this.facets = parts.facets;
    this.facetOrder = {} as Record<FacetField, FacetValue[]>;
    for (const field of FACET_FIELDS) {
      this.facetOrder[field] = [...parts.facets[field].values()].sort((a, b) => compareIds(a.value, b.value));
    }
    this.slotFacets = parts.slotFacets;
    this.facetValueCount = parts.facetValueCount;
    this.facetWords = facetWordsOf(parts.facetValueCount);
    this.facetsPerSlot = parts.facetsPerSlot;
    this.termWords = new Uint16Array(parts.terms.length);
  }

  /** Builds the index of `courses` (ids must be unique) in one go. */
  static build(input: readonly Course[], options: BuildOptions = {}): EmbeddedIndex {
    const steps = EmbeddedIndex.steps(input, options);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Builds the index in slices of a few milliseconds, yielding to the event loop between them, so that a
   * rebuild of 100k courses (about a second of work) never stalls the server's other requests.
   */
  static async buildAsync(input: readonly Course[], options: BuildOptions = {}): Promise<EmbeddedIndex> {
    const steps = EmbeddedIndex.steps(input, options);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The build, as a generator that yields at every slice boundary. */
  private static *steps(
    input: readonly Course[],
    options: BuildOptions,
  ): Generator<void, EmbeddedIndex, void> {
    if (input.length > MAX_DOCUMENTS) {
      throw new CeuError(
        'invalid-input',
        `the embedded engine holds at most ${MAX_DOCUMENTS} courses (got ${input.length})`,
      );
    }
    const courses = [...input].sort((a, b) => compareIds(a.id, b.id));
    for (let i = 1; i < courses.length; i++) {
      if ((courses[i] as Course).id === (courses[i - 1] as Course).id) {
        throw new CeuError('invalid-input', `duplicate course id "${(courses[i] as Course).id}"`);
      }
    }
    const n = courses.length;
    const providerNames = options.providerNames ?? {};

    // 1. Words of every field, a temporary id per distinct word, the forward index in temporary ids.
    const vocabulary = new Map<string, number>();
    const forward = new GrowableIds(n * 48 + 16);
    const fwdStart = new Uint32Array(n + 1);
    const providerWords = new Map<string, string[][]>();
    const addWords = (words: readonly string[]) => {
      for (const word of words) forward.push(termId(vocabulary, word));
    };
    for (let slot = 0; slot < n; slot++) {
      if ((slot & SLICE) === SLICE) yield;
      const course = courses[slot] as Course;
      fwdStart[slot] = forward.length;
      scanWords(course.title, vocabulary, forward);
      forward.push(SEPARATOR);
      if (course.description) scanWords(course.description, vocabulary, forward);
      forward.push(SEPARATOR);
      let provider = providerWords.get(course.provider);
      if (!provider) {
        const name = providerNames[course.provider];
        provider = [name ? tokenize(name) : [], tokenize(course.provider)];
        providerWords.set(course.provider, provider);
      }
      addWords(provider[0] as string[]);
      forward.push(SEPARATOR);
      addWords(provider[1] as string[]);
      forward.push(SEPARATOR);
    }
    fwdStart[n] = forward.length;
    const forwardTemp = forward.array();

    yield;
    // 2. Sorted vocabulary (the fuzzy matcher walks it as a trie); forward index renumbered to sorted ids.
    const terms = [...vocabulary.keys()].sort();
    const sortedId = new Uint32Array(terms.length);
    for (let i = 0; i < terms.length; i++) sortedId[vocabulary.get(terms[i] as string) as number] = i;
    const fwdTerms = forwardTemp;
    for (let i = 0; i < fwdTerms.length; i++) {
      const t = fwdTerms[i] as number;
      if (t !== SEPARATOR) fwdTerms[i] = sortedId[t] as number;
    }

    yield;
    // 3. Postings in one flat array (CSR): count documents per term, then fill in slot order.
    const V = terms.length;
    const lastSeen = new Int32Array(V).fill(-1);
    const postStart = new Uint32Array(V + 1);
    for (let slot = 0; slot < n; slot++) {
      if ((slot & SLICE) === SLICE) yield;
      for (let p = fwdStart[slot] as number, end = fwdStart[slot + 1] as number; p < end; p++) {
        const t = fwdTerms[p] as number;
        if (t === SEPARATOR || lastSeen[t] === slot) continue;
        lastSeen[t] = slot;
        postStart[t + 1] = (postStart[t + 1] as number) + 1;
      }
    }
    for (let t = 0; t < V; t++) postStart[t + 1] = (postStart[t + 1] as number) + (postStart[t] as number);
    const postDocs = new Uint32Array(postStart[V] as number);
    const postInfo = new Uint16Array(postStart[V] as number);
    const fill = postStart.slice(0, V);
    lastSeen.fill(-1);
    for (let slot = 0; slot < n; slot++) {
      if ((slot & SLICE) === SLICE) yield;
      let field = 0;
      let position = 0;
      for (let p = fwdStart[slot] as number, end = fwdStart[slot + 1] as number; p < end; p++) {
        const t = fwdTerms[p] as number;
        if (t === SEPARATOR) {
          field++;
          position = 0;
          continue;
        }
        // Fields come in rank order, so the first occurrence is the best field and the earliest position.
        if (lastSeen[t] !== slot) {
          lastSeen[t] = slot;
          const k = fill[t] as number;
          postDocs[k] = slot;
          postInfo[k] = packFieldPosition(Math.min(field, FIELD_COUNT - 1), position);
          fill[t] = k + 1;
        }
        position++;
      }
    }

    yield;
    // 4. Columns, sort orders and facet bitsets.
    const price = new Float64Array(n);
    const hours = new Float64Array(n);
    const perPoint = new Float64Array(n);
    const facets = {} as Record<FacetField, Map<string, FacetValue>>;
    for (const field of FACET_FIELDS) facets[field] = new Map();
    let facetValueCount = 0;
    // Each slot's facet value ids, in one list (CSR), made into per-slot bitmasks once all ids are known.
    const slotFacetStart = new Uint32Array(n + 1);
    const slotFacetIds = new GrowableIds(n * 8 + 16);
    const addFacet = (field: FacetField, value: string, slot: number) => {
      const key = value.toLowerCase();
      let entry = facets[field].get(key);
      if (!entry) {
        entry = { value, bits: createBitset(n), id: facetValueCount++ };
        facets[field].set(key, entry);
      }
      // Values that differ only in case are one facet value: listed once per course.
      if (hasBit(entry.bits, slot)) return;
      setBit(entry.bits, slot);
      slotFacetIds.push(entry.id);
    };
    for (let slot = 0; slot < n; slot++) {
      if ((slot & SLICE) === SLICE) yield;
      slotFacetStart[slot] = slotFacetIds.length;
      const course = courses[slot] as Course;
      price[slot] = course.priceCents ?? NaN;
      hours[slot] = course.hours ?? NaN;
      perPoint[slot] = pricePerPoint(course) ?? NaN;
      for (const category of courseCategories(course)) addFacet('category', category, slot);
      addFacet('provider', course.provider, slot);
      addFacet('format', course.format, slot);
      for (const body of course.approvedBy) addFacet('approvedBy', body, slot);
      for (const credential of course.acceptedFor) addFacet('credential', credential, slot);
    }
    slotFacetStart[n] = slotFacetIds.length;
    yield;
    const facetWords = facetWordsOf(facetValueCount);
    const slotFacets = new Uint32Array(n * facetWords);
    const ids = slotFacetIds.array();
    for (let slot = 0; slot < n; slot++) {
      for (let p = slotFacetStart[slot] as number, end = slotFacetStart[slot + 1] as number; p < end; p++) {
        const id = ids[p] as number;
        const at = slot * facetWords + (id >>> 5);
        slotFacets[at] = (slotFacets[at] as number) | (1 << (id & 31));
      }
    }
    yield;
    const byPrice = orderBy(sortKeys(price, 1));
    yield;
    const byPriceDesc = orderBy(sortKeys(price, -1));
    yield;
    const byHours = orderBy(sortKeys(hours, 1));
    yield;
    const byPerPoint = orderBy(sortKeys(perPoint, 1));
    yield;
    const orders: Record<OrderedSort, Uint32Array> = {
      price: byPrice,
      '-price': byPriceDesc,
      hours: byHours,
      pricePerPoint: byPerPoint,
    };
    return new EmbeddedIndex({
      courses,
      terms,
      postStart,
      postDocs,
      postInfo,
      fwdStart,
      fwdTerms,
      price,
      hours,
      orders,
      facets,
      slotFacets,
      facetValueCount,
      facetsPerSlot: n === 0 ? 0 : ids.length / n,
    });
  }

  get(id: string): Course | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.courses[slot];
  }

  has(id: string): boolean {
    return this.slotById.has(id);
  }

  /** Every course, in id order. */
  all(): readonly Course[] {
    return this.courses;
  }

  /** Answers a validated query. Synchronous from start to end, so it always sees one whole index. */
  search(query: SearchQuery): SearchResult {
    const scratch = this.scratch();
    const candidates = scratch.candidates;
    candidates.set(scratch.all);
    for (const field of FACET_FIELDS) {
      const wanted = query[field];
      if (!wanted || wanted.length === 0) continue;
      if (wanted.length === 1) {
        // One value (the usual filter): its bitset is the union.
        const entry = this.facets[field].get((wanted[0] as string).toLowerCase());
        if (entry) andInto(candidates, entry.bits);
        else candidates.fill(0);
        continue;
      }
      const union = scratch.union.fill(0);
      for (const value of wanted) {
        const entry = this.facets[field].get(value.toLowerCase());
        if (entry) orInto(union, entry.bits);
      }
      andInto(candidates, union);
    }

    const { words, lastIsPrefix } = queryWords(query.q);
    let matches: TermMatch[][] | undefined;
    if (words.length > 0) {
      matches = words.map((word, k) => this.termMatches(word, lastIsPrefix && k === words.length - 1));
      // Meilisearch's default matching strategy ("last") drops words from the end: a document must
      // match the first word, and ranks higher the more of the following words it also matches.
      const first = scratch.union.fill(0);
      for (const match of matches[0] as TermMatch[]) {
        for (
          let p = this.postStart[match.index] as number, end = this.postStart[match.index + 1] as number;
          p < end;
          p++
        ) {
          setBit(first, this.postDocs[p] as number);
        }
      }
      andInto(candidates, first);
    }
    // Ranges last: they test each remaining candidate, and the text usually leaves few.
    if (
      query.minPrice !== undefined ||
      query.maxPrice !== undefined ||
      query.minHours !== undefined ||
      query.maxHours !== undefined
    ) {
      this.applyRanges(candidates, query);
    }

    const slots = slotsOf(candidates, scratch.slots);
    const total = slots.length;
    const facets = this.countFacets(candidates, slots);
    const offset = (query.page - 1) * query.perPage;
    let page: ArrayLike<number> = [];
    if (offset < total) {
      const end = Math.min(total, offset + query.perPage);
      if (query.sort === 'relevance') {
        page = matches ? this.rankByRelevance(slots, matches, offset, end) : slots.subarray(offset, end);
      } else {
        page = this.inOrder(query.sort, candidates, slots, offset, end);
      }
    }
    const hits: Course[] = [];
    for (let i = 0; i < page.length; i++) hits.push(this.courses[page[i] as number] as Course);
    return { hits, total, page: query.page, perPage: query.perPage, facets };
  }

  /** The vocabulary terms a query word matches, from the index's bounded cache when the word was seen lately. */
  private termMatches(word: string, prefix: boolean): TermMatch[] {
    const key = (prefix ? '1' : '0') + word;
    let matches = this.termCache.get(key);
    if (matches === undefined) {
      matches = findTerms(this.terms, word, typoBudget(word), prefix);
      if (matches.length <= TERM_CACHE_MATCHES) {
        // Oldest first out, until both bounds hold with the new word in.
        while (
          this.termCache.size >= TERM_CACHE_WORDS ||
          this.termCacheMatches + matches.length > TERM_CACHE_MATCHES
        ) {
          const [oldest, held] = this.termCache.entries().next().value as [string, TermMatch[]];
          this.termCache.delete(oldest);
          this.termCacheMatches -= held.length;
        }
        this.termCache.set(key, matches);
        this.termCacheMatches += matches.length;
      }
    }
    return matches;
  }

  /**
   * Keeps the candidates within the query's price and hours ranges. A range on a field tests `value >= min &&
   * value <= max`, which an unknown value (NaN) never passes; a field without a range is not read at all.
   */
  private applyRanges(candidates: Bitset, query: SearchQuery): void {
    const byPrice = query.minPrice !== undefined || query.maxPrice !== undefined;
    const byHours = query.minHours !== undefined || query.maxHours !== undefined;
    const minPrice = query.minPrice ?? -Infinity;
    const maxPrice = query.maxPrice ?? Infinity;
    const minHours = query.minHours ?? -Infinity;
    const maxHours = query.maxHours ?? Infinity;
    for (let w = 0; w < candidates.length; w++) {
      let word = candidates[w] as number;
      let rest = word;
      while (rest !== 0) {
        const low = rest & -rest;
        rest ^= low;
        const slot = (w << 5) + (31 - Math.clz32(low));
        if (byPrice) {
          const price = this.priceHours[2 * slot] as number;
          if (!(price >= minPrice && price <= maxPrice)) {
            word &= ~low;
            continue;
          }
        }
        if (byHours) {
          const hours = this.priceHours[2 * slot + 1] as number;
          if (!(hours >= minHours && hours <= maxHours)) word &= ~low;
        }
      }
      candidates[w] = word;
    }
  }

  /**
   * Per facet field, value → matching candidates. Few candidates (the usual case after a text query): walk
   * each one's facet values. Many: one popcount of the intersection per facet value. Same counts either way.
   */
  private countFacets(candidates: Bitset, slots: Uint32Array): SearchResult['facets'] {
    const counts = this.scratch().facetCounts.fill(0);
    const total = slots.length;
    const words = this.facetWords;
    if (total * (words + this.facetsPerSlot) < this.facetValueCount * candidates.length) {
      const masks = this.slotFacets;
      for (let i = 0; i < total; i++) {
        const base = (slots[i] as number) * words;
        for (let w = 0; w < words; w++) {
          let mask = masks[base + w] as number;
          while (mask !== 0) {
            const low = mask & -mask;
            mask ^= low;
            const id = (w << 5) + (31 - Math.clz32(low));
            counts[id] = (counts[id] as number) + 1;
          }
        }
      }
    } else {
      for (const field of FACET_FIELDS) {
        for (const entry of this.facetOrder[field]) counts[entry.id] = countAnd(candidates, entry.bits);
      }
    }
    const out = {} as SearchResult['facets'];
    for (const field of FACET_FIELDS) {
      const byValue: Record<string, number> = {};
      for (const entry of this.facetOrder[field]) {
        const count = counts[entry.id] as number;
        if (count > 0) byValue[entry.value] = count;
      }
      out[field] = byValue;
    }
    return out;
  }

  /** Candidates in a precomputed order (price, hours, … then id). Overwrites `slots`. */
  private inOrder(
    sort: OrderedSort,
    candidates: Bitset,
    slots: Uint32Array,
    offset: number,
    end: number,
  ): ArrayLike<number> {
    const order = this.orders[sort];
    if (slots.length * 16 < this.size) {
      // Few candidates: sort their ranks rather than walk the whole order.
      const rank = this.ranks[sort];
      for (let i = 0; i < slots.length; i++) slots[i] = rank[slots[i] as number] as number;
      slots.sort();
      const out = slots.subarray(offset, end);
      for (let i = 0; i < out.length; i++) out[i] = order[out[i] as number] as number;
      return out;
    }
    const out: number[] = [];
    let seen = 0;
    for (let i = 0; i < order.length && seen < end; i++) {
      const slot = order[i] as number;
      if (!hasBit(candidates, slot)) continue;
      if (seen >= offset) out.push(slot);
      seen++;
    }
    return out;
  }

  /**
   * Meilisearch's ranking rules in order — words, typo, proximity, attribute, exactness — then id, packed into
   * one exact float key per candidate so that a native numeric sort ranks them. Proximity, the costly rule,
   * is computed only for the groups of equal (words, typo) that overlap the requested page.
   */
  private rankByRelevance(slots: Uint32Array, matches: TermMatch[][], offset: number, end: number): number[] {
    const total = slots.length;
    const wordCount = matches.length;
    // Per candidate (by its rank in `slots`) and query word: best typo count, best (field, position) and
    // whether some match is exact, packed in one cell (ranking-keys.ts). Laid out candidate by candidate,
    // so the walks below touch memory in order instead of jumping across arrays the size of the catalog.
    const size = total * wordCount;
    const scratch = this.scratch();
    if (scratch.wordState.length < size) scratch.wordState = new Uint32Array(size);
    const state = scratch.wordState;
    state.fill(NO_MATCH, 0, size);
    const postDocs = this.postDocs;
    const postInfo = this.postInfo;
    for (let k = 0; k < wordCount; k++) {
      for (const match of matches[k] as TermMatch[]) {
        const typos = match.typos;
        const exact = match.exact ? 1 : 0;
        // Postings and candidates are both in slot order: merge them, galloping over candidates, so that
        // many short posting lists (a prefix matching many terms) do not each walk every candidate.
        let i = 0;
        for (
          let p = this.postStart[match.index] as number, stop = this.postStart[match.index + 1] as number;
          p < stop;
          p++
        ) {
          const slot = postDocs[p] as number;
          if ((slots[i] as number) < slot) {
            // Dense postings usually need one step; gallop only past a longer run.
            i++;
            if (i < total && (slots[i] as number) < slot) i = gallop(slots, i, slot);
          }
          if (i === total) break;
          if ((slots[i] as number) !== slot) continue;
          const at = i * wordCount + k;
          state[at] = mergeMatch(state[at] as number, typos, postInfo[p] as number, exact);
        }
      }
    }

    const keys = scratch.keys.subarray(0, total);
    for (let i = 0; i < total; i++) {
      const slot = slots[i] as number;
      const base = i * wordCount;
      let words = 0;
      let typos = 0;
      let attribute = 0;
      let position = 0;
      let inexact = 0;
      while (words < wordCount) {
        const word = state[base + words] as number;
        const typo = matchTypos(word);
        if (typo === UNMATCHED_TYPOS) break;
        typos += typo;
        const best = matchInfo(word);
        attribute += fieldOf(best);
        position += positionOf(best);
        if (!matchExact(word)) inexact++;
        words++;
      }
      keys[i] = relevanceKey(wordCount - words, typos, attribute, position, inexact, slot);
    }
    if (wordCount > 1) {
      // Proximity refines only the groups that straddle the page; the order between groups is already final.
      keys.sort();
      let from = offset;
      while (from > 0 && keyGroup(keys[from - 1] as number) === keyGroup(keys[offset] as number)) from--;
      let to = end;
      while (to < total && keyGroup(keys[to] as number) === keyGroup(keys[end - 1] as number)) to++;
      this.markTerms(matches, true);
      try {
        for (let i = from; i < to; i++) {
          const key = keys[i] as number;
          const slot = keySlot(key);
          const words = wordCount - keyMissingWords(key);
          if (words === 2) {
            // The two words' first positions in their best field, from the merge above: side by side and in
            // order means proximity 1, the least there is, without walking the course's words. (Positions
            // below the cap are exact; at the cap they may stand for later ones.)
            const at = lowerSlot(slots, slot) * wordCount;
            const first = matchInfo(state[at] as number);
            const second = matchInfo(state[at + 1] as number);
            if (second === first + 1 && positionOf(first) < MAX_POSITION - 1) {
              keys[i] = withProximity(key, 1);
              continue;
            }
          }
          if (words > 1) keys[i] = withProximity(key, this.proximity(slot, words));
        }
      } finally {
        this.markTerms(matches, false);
      }
      keys.subarray(from, to).sort();
    } else {
      keys.sort();
    }
    const out: number[] = [];
    for (let i = offset; i < end; i++) out.push(keySlot(keys[i] as number));
    return out;
  }

  private scratch(): Scratch {
    const n = this.size;
    this.scratchSpace ??= {
      all: fullBitset(n),
      candidates: createBitset(n),
      union: createBitset(n),
      slots: new Uint32Array(n),
      keys: new Float64Array(n),
      facetCounts: new Uint32Array(this.facetValueCount),
      wordState: new Uint32Array(0),
    };
    return this.scratchSpace;
  }

  private markTerms(matches: TermMatch[][], on: boolean): void {
    for (let k = 0; k < matches.length; k++) {
      for (const match of matches[k] as TermMatch[]) {
        this.termWords[match.index] = on ? (this.termWords[match.index] as number) | (1 << k) : 0;
      }
    }
  }

  /** Sum over consecutive matched query words of their closest distance in the document (at most 7 each). */
  private proximity(slot: number, words: number): number {
    if (words === 2) return this.pairProximity(slot);
    const last = this.lastAt;
    const best = this.bestGap;
    for (let k = 0; k < words; k++) {
      last[k] = NEVER;
      best[k] = MAX_PAIR_PROXIMITY;
    }
    let position = 0;
    for (let p = this.fwdStart[slot] as number, end = this.fwdStart[slot + 1] as number; p < end; p++) {
      const t = this.fwdTerms[p] as number;
      if (t === SEPARATOR) {
        position += MAX_PAIR_PROXIMITY + 1;
        continue;
      }
      const mask = this.termWords[t] as number;
      if (mask !== 0) {
        for (let k = 0; k < words; k++) {
          if ((mask & (1 << k)) === 0) continue;
          if (k > 0) best[k - 1] = Math.min(best[k - 1] as number, position - (last[k - 1] as number));
          // The next word seen before this one: reversed order costs one more.
          if (k + 1 < words) best[k] = Math.min(best[k] as number, position - (last[k + 1] as number) + 1);
        }
        for (let k = 0; k < words; k++) if ((mask & (1 << k)) !== 0) last[k] = position;
      }
      position++;
    }
    let sum = 0;
    for (let k = 0; k + 1 < words; k++) sum += Math.min(best[k] as number, MAX_PAIR_PROXIMITY);
    return sum;
  }
  /**
   * {@link proximity} for two matched words (most multi-word queries), with the state in locals. Stops as
   * soon as the words are adjacent in order (distance 1), which no later position can improve.
   */
  private pairProximity(slot: number): number {
    let last0 = NEVER;
    let last1 = NEVER;
    let best = MAX_PAIR_PROXIMITY;
    let position = 0;
    for (let p = this.fwdStart[slot] as number, end = this.fwdStart[slot + 1] as number; p < end; p++) {
      const t = this.fwdTerms[p] as number;
      if (t === SEPARATOR) {
        position += MAX_PAIR_PROXIMITY + 1;
        continue;
      }
      const mask = this.termWords[t] as number;
      if (mask !== 0) {
        // Both distances use the positions seen before this term, as the general loop does.
        if ((mask & 1) !== 0 && position - last1 + 1 < best) best = position - last1 + 1;
        if ((mask & 2) !== 0 && position - last0 < best) best = position - last0;
        if (best === 1) return 1;
        if ((mask & 1) !== 0) last0 = position;
        if ((mask & 2) !== 0) last1 = position;
      }
      position++;
    }
    return best;
  }
}

interface Scratch {
  all: Bitset;
  candidates: Bitset;
  union: Bitset;
  slots: Uint32Array;
  keys: Float64Array;
  /** Per facet value id, its count in the current answer. */
  facetCounts: Uint32Array;
  /** Per candidate and query word, the best match (see rankByRelevance); grown when a query needs more. */
  wordState: Uint32Array;
}

/**
 * Ascending sort keys for a column read in `direction` (1 ascending, −1 descending): an unknown value (NaN)
 * becomes +Infinity, so it comes after every known one in both directions, as in Meilisearch.
 */
function sortKeys(column: Float64Array, direction: 1 | -1): Float64Array {
  const keys = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const value = column[i] as number;
    keys[i] = Number.isNaN(value) ? Infinity : direction * value;
  }
  return keys;
}

/** Slots in ascending key order, ties (unknowns among them: ∞ − ∞ is NaN, falsy) by slot (= id order). */
function orderBy(keys: Float64Array): Uint32Array {
  const order = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) order[i] = i;
  return order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
}

/**
 * The first index after `from` whose value is at least `value`, in ascending `sorted` (whose value at `from`
 * is below it), or its length: steps that double, then a binary search within the last step.
 */
function gallop(sorted: Uint32Array, from: number, value: number): number {
  let low = from;
  let step = 1;
  let high = from + 1;
  while (high < sorted.length && (sorted[high] as number) < value) {
    low = high;
    step *= 2;
    high = low + step;
  }
  if (high > sorted.length) high = sorted.length;
  // sorted[low] < value; sorted[high] >= value, or high is the length.
  while (low + 1 < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid;
    else high = mid;
  }
  return high;
}

/** The index of `slot` in ascending `slots`, which hold it. */
function lowerSlot(slots: Uint32Array, slot: number): number {
  let low = 0;
  let high = slots.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((slots[mid] as number) < slot) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Words of a per-slot facet bitmask: one bit per facet value, at least one word. */
function facetWordsOf(valueCount: number): number {
  return Math.max(1, Math.ceil(valueCount / 32));
}

function inverse(order: Uint32Array): Uint32Array {
  const rank = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) rank[order[i] as number] = i;
  return rank;
}

/** A Uint32Array that grows by doubling: the forward index is written before its length is known. */
class GrowableIds {
  private data: Uint32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Uint32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  array(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

function termId(vocabulary: Map<string, number>, word: string): number {
  let id = vocabulary.get(word);
  if (id === undefined) {
    id = vocabulary.size;
    vocabulary.set(word, id);
  }
  return id;
}

/**
 * Writes the word ids of a text to the forward index. ASCII text (nearly all of it) is scanned in place,
 * without the intermediate arrays of `tokenize`, which dominate build time and garbage at 100k courses;
 * anything else goes through `tokenize`, the one definition of a word.
 */
function scanWords(text: string, vocabulary: Map<string, number>, out: GrowableIds): void {
  if (!isAscii(text)) {
    for (const word of tokenize(text)) out.push(termId(vocabulary, word));
    return;
  }
  const lower = text.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    const isWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (isWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(termId(vocabulary, lower.slice(start, i)));
      start = -1;
    }
  }
}
