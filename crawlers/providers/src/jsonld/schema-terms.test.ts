import { describe, expect, it } from 'vitest';
import { schemaLocalName, typeKeys } from './schema-terms.ts';

describe('schemaLocalName', () => {
  it.each([
    ['Course', 'Course'],
    ['schema:Course', 'Course'],
    ['SCHEMA:Course', 'Course'],
    ['http://schema.org/Course', 'Course'],
    ['https://schema.org/Course', 'Course'],
    ['https://www.schema.org/Course/', 'Course'],
    ['schema.org/Course', 'Course'],
    [' hasCourseInstance ', 'hasCourseInstance'],
  ])('%j is schema.org’s %j', (term, local) => {
    expect(schemaLocalName(term)).toBe(local);
  });

  it('follows prefixes a context maps to schema.org, and nothing else', () => {
    expect(schemaLocalName('s:name', new Map([['s', 'https://schema.org/']]))).toBe('name');
    expect(schemaLocalName('dct:conformsTo')).toBeUndefined();
    expect(schemaLocalName('http://purl.org/dc/terms/title')).toBeUndefined();
    expect(schemaLocalName('og:title')).toBeUndefined();
    expect(schemaLocalName('')).toBeUndefined();
  });
});

describe('typeKeys', () => {
  it('compares types case-insensitively, whatever spelling configured them', () => {
    expect([...typeKeys(['Course', 'schema:Product', 'https://schema.org/Event', 'foo:Bar'])]).toEqual([
      'course',
      'product',
      'event',
    ]);
  });
});
