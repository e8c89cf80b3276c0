import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseSchema } from '@ceu/domain';
import type { Extraction, FetchedPage } from '@ceu/crawl-engine';
import { normaliseDrafts } from '@ceu/crawl-engine';
import { createJsonLdAdapter } from './jsonld-adapter.ts';
import { parseProvidersConfig } from './providers-file.ts';

/**
 * The shared corpus of real pages (`../shared/real-world/`, beside the repository; see its README): read in
 * place, never copied. Every expected record must come out, in order, valid, and nothing else.
 */
const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const corpus = path.resolve(repoRoot, '../shared/real-world');
const present = fs.existsSync(path.join(corpus, 'expected.json'));

interface ExpectedCourse {
  title: string;
  priceCents: number | null | 'any';
  hours: number | null | 'any';
  descriptionStart?: string;
}
interface ExpectedPage {
  page: string;
  courses: ExpectedCourse[];
}

const config = parseProvidersConfig([
  { id: 'real', name: 'Real world', startUrls: ['https://real-world.example/pages/'] },
])[0]!;
const adapter = createJsonLdAdapter(config);

function pageOf(file: string): FetchedPage {
  const url = `https://real-world.example/${file}`;
  const body = fs.readFileSync(path.join(corpus, file), 'utf8');
  return { request: { url, kind: 'page' }, url, status: 200, contentType: 'text/html', body };
}

if (!present) {
  const reason = `real-world corpus not found at ${corpus}`;
  if (process.env.CI === 'true') {
    it('has the real-world corpus in CI', () => {
      expect.fail(`${reason}: CI must provide shared/real-world beside the repository`);
    });
  } else {
    console.warn(`skipping the real-world corpus test: ${reason}`);
  }
}

describe.skipIf(!present)('real-world course markup (shared corpus)', () => {
  const expected = present
    ? (JSON.parse(fs.readFileSync(path.join(corpus, 'expected.json'), 'utf8')) as ExpectedPage[])
    : [];

  it('covers every page of the corpus', () => {
    const files = fs.readdirSync(path.join(corpus, 'pages')).map((f) => `pages/${f}`);
    expect(expected.map((p) => p.page).sort()).toEqual(files.sort());
    expect(expected.reduce((n, p) => n + p.courses.length, 0)).toBe(55);
  });

  it.each(expected.map((p) => [p.page, p] as const))('%s', async (_, { page, courses }) => {
    const fetched = pageOf(page);
    const extraction: Extraction = await adapter.extract(fetched, 'https://real-world.example/');
    expect(extraction.problems).toEqual([]);
    const found = extraction.courses;
    expect(found.map((c) => c.title)).toHaveLength(courses.length);
    for (const [i, want] of courses.entries()) {
      const got = found[i]!;
      const label = `${page} record ${i + 1}`;
      if (want.title !== 'any') expect(got.title, label).toBe(want.title);
      if (want.priceCents !== 'any') expect(got.priceCents ?? null, label).toBe(want.priceCents);
      if (want.hours !== 'any') expect(got.hours ?? null, label).toBe(want.hours);
      if (want.descriptionStart !== undefined) {
        expect(got.description?.startsWith(want.descriptionStart), `${label}: ${got.description}`).toBe(true);
      }
    }
    expect(new Set(found.map((c) => c.id)).size, 'ids are unique').toBe(found.length);
    const normalised = normaliseDrafts(config.id, fetched.url, found, []);
    expect(normalised.rejected).toEqual([]);
    expect(normalised.courses).toHaveLength(courses.length);
    for (const course of normalised.courses) expect(courseSchema.safeParse(course).success).toBe(true);
    if (page === 'pages/schemaorg-1.html') {
      expect(extraction.rejected).toEqual([expect.objectContaining({ reason: 'no-name' })]);
    } else {
      expect(extraction.rejected ?? []).toEqual([]);
    }
  });
});
