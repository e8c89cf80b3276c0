import { describe, expect, it } from 'vitest';
import { serializeCatalog } from '../catalog/canonical.ts';
import { parseCatalogText } from '../catalog/parse-catalog.ts';
import { ValidationError } from '../errors.ts';
import { courseSchema } from './course.ts';

const valid = {
  id: 'ace:neuro-101',
  provider: 'ace',
  title: 'The Role of Medical Assistants in Neurology',
  url: 'https://ace.example.org/courses/neuro-101',
  priceCents: 1500,
  hours: 1.5,
  credits: [{ category: 'clinical', points: 1.5 }],
  format: 'online',
};

describe('courseSchema', () => {
  it('accepts a minimal course and fills the arrays', () => {
    const course = courseSchema.parse(valid);
    expect(course).toMatchObject({ bundleIds: [], approvedBy: [], acceptedFor: [] });
  });

  it.each([
    ['a relative URL', { url: '/courses/1' }, 'url'],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'url'],
    ['a data: URL', { url: 'data:text/html,hi' }, 'url'],
    ['fractional cents', { priceCents: 10.5 }, 'priceCents'],
    ['a negative price', { priceCents: -1 }, 'priceCents'],
    ['a price as a string', { priceCents: '15.00' }, 'priceCents'],
    ['zero hours', { hours: 0 }, 'hours'],
    ['an unknown category', { credits: [{ category: 'surgical', points: 1 }] }, 'credits.0.category'],
    [
      'a category twice',
      {
        credits: [
          { category: 'clinical', points: 1 },
          { category: 'clinical', points: 2 },
        ],
      },
      'credits',
    ],
    ['an id of another provider', { id: 'relias:neuro-101' }, 'id'],
    ['an id with a space', { id: 'ace:neuro 101' }, 'id'],
    ['a member price above the price', { memberPriceCents: 2000 }, 'memberPriceCents'],
    ['an empty title', { title: '   ' }, 'title'],
    ['control characters', { title: 'Bad\u0000title' }, 'title'],
    ['an unknown format', { format: 'podcast' }, 'format'],
    ['an unknown credential', { acceptedFor: ['CNA'] }, 'acceptedFor.0'],
  ])('refuses %s', (_name, patch, path) => {
    const result = courseSchema.safeParse({ ...valid, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('catalog files', () => {
  it('serialise canonically: parse → serialise is a fixed point', () => {
    const text = serializeCatalog(
      parseCatalogText(
        JSON.stringify({
          bundles: [],
          courses: [
            { ...valid, id: 'ace:b', approvedBy: ['IACET', 'AAMA', 'AAMA'], acceptedFor: ['RMA', 'CMA'] },
            {
              ...valid,
              id: 'ace:a',
              credits: [
                { category: 'general', points: 1 },
                { category: 'clinical', points: 0.5 },
              ],
            },
          ],
        }),
      ),
    );
    const parsed = JSON.parse(text) as { courses: { id: string; approvedBy: string[] }[] };
    expect(parsed.courses.map((c) => c.id)).toEqual(['ace:a', 'ace:b']);
    expect(parsed.courses[1]?.approvedBy).toEqual(['AAMA', 'IACET']);
    expect(serializeCatalog(parseCatalogText(text))).toBe(text);
  });

  it('name a syntax error and a bad record', () => {
    expect(() => parseCatalogText('{"courses": [}')).toThrow(ValidationError);
    let caught: unknown;
    try {
      parseCatalogText(JSON.stringify({ courses: [valid, { ...valid, id: 'ace:2', hours: -1 }] }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues[0]?.path).toBe('courses.1.hours');
  });
});
