import { ValidationError } from '@ceu/domain';
import { describe, expect, it } from 'vitest';
import { parseSearchQuery, searchQuerySchema, validSearchQuery } from './search-query.ts';

describe('parseSearchQuery and validSearchQuery', () => {
  it('validates like the schema and returns a frozen query, arrays included', () => {
    const query = parseSearchQuery({ q: 'cpr', category: 'clinical', maxPrice: '3000' });
    expect(query).toEqual(searchQuerySchema.parse({ q: 'cpr', category: 'clinical', maxPrice: '3000' }));
    expect(Object.isFrozen(query)).toBe(true);
    expect(Object.isFrozen(query.category)).toBe(true);
    expect(() => {
      (query as { page: number }).page = 0;
    }).toThrow(TypeError);
    expect(() => parseSearchQuery({ page: '0' })).toThrow(ValidationError);
  });

  it('passes a parsed query through and validates any other', () => {
    const parsed = parseSearchQuery({ q: 'cpr' });
    expect(validSearchQuery(parsed)).toBe(parsed);
    const handMade = searchQuerySchema.parse({ q: 'cpr' });
    expect(validSearchQuery(handMade)).not.toBe(handMade);
    expect(validSearchQuery(handMade)).toEqual(handMade);
    expect(() => validSearchQuery({ ...parsed, perPage: 0 })).toThrow(ValidationError);
    expect(() => validSearchQuery({ ...parsed, q: 'x'.repeat(201) })).toThrow(/search query/);
  });
});
