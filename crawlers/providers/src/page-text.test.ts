import { describe, expect, it } from 'vitest';
import { categoryOf, credentialsIn, parseUsdCents } from './page-text.ts';

describe('page text', () => {
  it('reads content areas as our categories, whatever their case, and nothing else', () => {
    expect(categoryOf('Clinical')).toBe('clinical');
    expect(categoryOf('ADMINISTRATIVE')).toBe('administrative');
    expect(categoryOf('Legal')).toBeUndefined();
    // A hostile page's label that happens to be a property name of every object.
    expect(categoryOf('constructor')).toBeUndefined();
    expect(categoryOf('__proto__')).toBeUndefined();
  });

  it('keeps the labels that name our credentials, in order', () => {
    expect(credentialsIn(['RMA', 'CPT', 'CMA', 'toString', 'cma'])).toEqual(['RMA', 'CMA']);
  });

  it('reads dollar amounts as cents', () => {
    expect(parseUsdCents('Price: $1,050.5')).toBe(105050);
    expect(parseUsdCents('free')).toBeUndefined();
  });
});
