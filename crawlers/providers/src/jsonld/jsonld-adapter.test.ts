import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseSchema, ValidationError } from '@ceu/domain';
import type { FetchedPage } from '@ceu/crawl-engine';
import { normaliseDrafts } from '@ceu/crawl-engine';
import { createJsonLdAdapter } from './jsonld-adapter.ts';
import { parsePriceCents } from './parse-price.ts';
import { loadProvidersFile, parseProvidersConfig } from './providers-file.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

const config = parseProvidersConfig([
  {
    id: 'example-ce',
    name: 'Example CE',
    startUrls: ['https://ce.example.com/courses/'],
    approvedBy: ['AAMA'],
    acceptedFor: ['CMA', 'RMA'],
  },
])[0]!;
const adapter = createJsonLdAdapter(config);

function saved(name: string, url: string, kind = 'page'): FetchedPage {
  return { request: { url, kind }, url, status: 200, contentType: 'text/html', body: fixture(name) };
}

describe('JSON-LD adapter', () => {
  it('starts from the sitemap and the start URLs, moved to the configured base URL', () => {
    expect(adapter.defaultBaseUrl).toBe('https://ce.example.com/');
    expect(adapter.start(adapter.defaultBaseUrl)).toEqual([
      { url: 'https://ce.example.com/sitemap.xml', kind: 'sitemap' },
      { url: 'https://ce.example.com/courses/', kind: 'page' },
    ]);
    expect(adapter.start('http://127.0.0.1:4100/mirror')).toEqual([
      { url: 'http://127.0.0.1:4100/mirror/sitemap.xml', kind: 'sitemap' },
      { url: 'http://127.0.0.1:4100/mirror/courses/', kind: 'page' },
    ]);
  });

  it('reads a detail page: USD offer from an array, StructuredValue credits, Thing category, HTML description', async () => {
    // The node's @id (with its fragment) names it before its courseCode does.
    const extraction = await adapter.extract(
      saved('course-detail.html', 'https://ce.example.com/courses/coding-essentials'),
      '',
    );
    expect(extraction.problems).toEqual([]);
    expect(extraction.courses).toEqual([
      {
        id: 'example-ce:courses/coding-essentials#course',
        provider: 'example-ce',
        url: 'https://ce.example.com/courses/coding-essentials',
        title: 'Coding Essentials for the Front Office',
        description: 'Learn ICD-10 & CPT basics. Includes a final quiz.',
        priceCents: 129_900,
        hours: 2.5,
        credits: [{ category: 'administrative', points: 2.5 }],
        approvedBy: ['AAMA'],
        acceptedFor: ['CMA', 'RMA'],
        format: 'online',
      },
    ]);
    expect(courseSchema.safeParse(extraction.courses[0]).success).toBe(true);
    // Links inside the start URL's folder are followed, off-host ones handed on for the engine to skip and
    // count; the home page (outside /courses/), mailto: and the PDF are not.
    expect(extraction.follow.map((f) => f.url)).toEqual([
      'https://ce.example.com/courses/',
      'https://partner.example.net/offer',
    ]);
  });

  it('reads Courses inside @graph and ItemList, keywords in any case, string prices and numbers', async () => {
    const extraction = await adapter.extract(
      saved('graph-listing.html', 'https://ce.example.com/courses/'),
      adapter.defaultBaseUrl,
    );
    expect(extraction.courses.map((c) => [c.id, c.title, c.priceCents, c.hours, c.credits])).toEqual([
      [
        'example-ce:courses/phlebotomy-refresher',
        'Phlebotomy Refresher',
        2995,
        1,
        [{ category: 'clinical', points: 1 }],
      ],
      [
        'example-ce:courses/law-ethics',
        'Medical Law & Ethics',
        0,
        0.75,
        [{ category: 'general', points: 0.75 }],
      ],
      [
        'example-ce:courses/euro-only',
        'Euro-only Course',
        undefined,
        1,
        [{ category: 'clinical', points: 1 }],
      ],
    ]);
    expect(extraction.follow.map((f) => f.url)).toEqual([
      'https://ce.example.com/courses/phlebotomy-refresher',
      'https://ce.example.com/courses/law-ethics',
      'https://ce.example.com/courses/?page=2',
    ]);
    // The euro-only course has no USD price: it is kept, searchable, with its price as published.
    expect(extraction.courses[2]).toMatchObject({ listedPrice: { amount: 20, currency: 'EUR' } });
    expect(extraction.courses[2]).not.toHaveProperty('priceCents');
    const normalised = normaliseDrafts('example-ce', adapter.defaultBaseUrl, extraction.courses, []);
    expect(normalised.rejected).toEqual([]);
    expect(normalised.courses.map((c) => c.id)).toEqual([
      'example-ce:courses/phlebotomy-refresher',
      'example-ce:courses/law-ethics',
      'example-ce:courses/euro-only',
    ]);
  });

  it('survives malformed HTML and reports a malformed JSON-LD block as a problem', async () => {
    const extraction = await adapter.extract(
      saved('malformed.html', 'https://ce.example.com/courses/broken'),
      adapter.defaultBaseUrl,
    );
    expect(extraction.problems).toEqual([expect.stringMatching(/^JSON-LD block 1 is malformed/)]);
    expect(extraction.courses.map((c) => c.title)).toEqual(['Still Readable']);
    expect(extraction.courses[0]?.credits).toEqual([{ category: 'clinical', points: 1 }]);
    expect(extraction.follow.map((f) => f.url)).toEqual(['https://ce.example.com/courses/next']);
  });

  it('reads sitemaps and sitemap indexes', async () => {
    const sitemap = await adapter.extract(
      saved('sitemap.xml', 'https://ce.example.com/sitemap.xml', 'sitemap'),
      '',
    );
    expect(sitemap.follow).toEqual([
      { url: 'https://ce.example.com/courses/coding-essentials', kind: 'page' },
      { url: 'https://ce.example.com/courses/phlebotomy-refresher', kind: 'page' },
      { url: 'https://cdn.other.example/courses/mirror', kind: 'page' },
    ]);
    const index = await adapter.extract(
      saved('sitemap-index.xml', 'https://ce.example.com/sitemap.xml', 'sitemap'),
      '',
    );
    expect(index.follow).toEqual([{ url: 'https://ce.example.com/sitemap-courses.xml', kind: 'sitemap' }]);
    const notSitemap = await adapter.extract(
      saved('course-detail.html', 'https://ce.example.com/sitemap.xml', 'sitemap'),
      '',
    );
    expect(notSitemap.problems).toHaveLength(1);
  });
});

describe('parsePriceCents', () => {
  it.each([
    [29.95, 2995],
    ['29.95', 2995],
    ['$1,299.00', 129_900],
    ['1299', 129_900],
    ['USD 15', 1500],
    ['15 USD', 1500],
    ['$0.5', 50],
    ['Free', 0],
    [0, 0],
  ])('%j → %i cents', (input, cents) => expect(parsePriceCents(input)).toBe(cents));

  it.each([['12-20'], ['€20'], ['1,29'], ['abc'], [-5], [Number.NaN], [null], [{}], ['1.234']])(
    '%j → undefined',
    (input) => expect(parsePriceCents(input)).toBeUndefined(),
  );
});

describe('loadProvidersFile', () => {
  const write = (content: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-providers-')), 'providers.json');
    fs.writeFileSync(file, content);
    return file;
  };

  it('loads a valid file with defaults', () => {
    const file = write(
      JSON.stringify([{ id: 'acme', name: 'Acme CE', startUrls: ['https://acme.example/ce/'] }]),
    );
    expect(loadProvidersFile(file)).toEqual([
      {
        id: 'acme',
        name: 'Acme CE',
        startUrls: ['https://acme.example/ce/'],
        acceptedFor: [],
        approvedBy: [],
        courseTypes: ['Course'],
        format: 'online',
      },
    ]);
  });

  it('refuses bad files with the offending field named', () => {
    expect(() => loadProvidersFile('/nonexistent/providers.json')).toThrow(/cannot read the providers file/);
    expect(() => loadProvidersFile(write('[{'))).toThrow(/is not JSON/);
    const cases: [unknown, RegExp][] = [
      [{ id: 'x' }, /expected array/],
      [[{ id: 'Bad Id', name: 'x', startUrls: ['https://a.example/'] }], /at 0\.id/],
      [[{ id: 'a', name: 'x', startUrls: [] }], /at least one start URL/],
      [[{ id: 'a', name: 'x', startUrls: ['javascript:alert(1)'] }], /0\.startUrls\.0/],
      [
        [{ id: 'a', name: 'x', startUrls: ['https://a.example/', 'https://b.example/'] }],
        /every start URL is on a\.example/,
      ],
      [[{ id: 'a', name: 'x', startUrls: ['https://a.example/'], acceptedFor: ['XYZ'] }], /acceptedFor/],
      [[{ id: 'a', name: 'x', startUrls: ['https://a.example/'], cron: 'every day' }], /not a valid cron/],
      [
        [
          { id: 'a', name: 'x', startUrls: ['https://a.example/'] },
          { id: 'a', name: 'y', startUrls: ['https://a.example/'] },
        ],
        /appears twice/,
      ],
    ];
    for (const [content, message] of cases) {
      const error = (() => {
        try {
          loadProvidersFile(write(JSON.stringify(content)));
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, JSON.stringify(content)).toBeInstanceOf(ValidationError);
      expect((error as Error).message, JSON.stringify(content)).toMatch(message);
    }
  });
});
