import { describe, expect, it } from 'vitest';
import { recordIdSchema } from '@ceu/domain';
import { courseKey, uniqueKeys } from './course-keys.ts';

const page = 'https://ce.example.com/courses/all?page=2';

describe('courseKey', () => {
  it('prefers the IRI (with its fragment), then courseCode, then url (with its fragment), then page and position', () => {
    const all = {
      iri: 'https://ce.example.com/courses/law#course',
      courseCode: 'LAW-1',
      url: 'https://ce.example.com/courses/law',
    };
    expect(courseKey(all, page, 1)).toBe('courses/law#course');
    expect(courseKey({ courseCode: 'LAW-1', url: all.url }, page, 1)).toBe('LAW-1');
    expect(courseKey({ url: 'https://www.example.com/courses#intro-to-cs' }, page, 1)).toBe(
      'courses#intro-to-cs',
    );
    expect(courseKey({}, page, 3)).toBe('courses/all?page=2#3');
    expect(courseKey({}, 'https://ce.example.com/', 1)).toBe('index#1');
  });

  it('keeps the key shape existing catalogs have for a course with a url', () => {
    expect(courseKey({ url: 'https://ce.example.com/courses/phlebotomy-refresher/' }, page, 1)).toBe(
      'courses/phlebotomy-refresher',
    );
  });

  it('skips a courseCode that cannot be a key, and escapes what ids refuse', () => {
    expect(courseKey({ courseCode: 'CE 204', url: 'https://x.example/a' }, page, 1)).toBe('a');
    expect(courseKey({ url: 'https://x.example/cursos/diseño gráfico' }, page, 1)).toBe(
      'cursos/dise%C3%B1o%20gr%C3%A1fico',
    );
    expect(courseKey({ iri: 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66' }, page, 1)).toBe(
      'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66',
    );
  });

  it('hashes keys longer than an id allows', () => {
    const key = courseKey({ url: `https://x.example/${'a'.repeat(300)}` }, page, 1);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(recordIdSchema.safeParse(`p:${key}`).success).toBe(true);
  });
});

describe('uniqueKeys', () => {
  it('keeps the first of a repeated key and appends the position to the others, deterministically', () => {
    expect(uniqueKeys(['a', 'b', 'a', 'a'])).toEqual(['a', 'b', 'a~3', 'a~4']);
    expect(uniqueKeys(['a', 'b', 'a', 'a'])).toEqual(uniqueKeys(['a', 'b', 'a', 'a']));
  });

  it('never hands out a key another node has by itself', () => {
    const keys = uniqueKeys(['a', 'a', 'a~2']);
    expect(keys).toEqual(['a', 'a~2.1', 'a~2']);
    expect(new Set(keys).size).toBe(3);
  });
});
