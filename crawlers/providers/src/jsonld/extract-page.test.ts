import { describe, expect, it } from 'vitest';
import type { CourseDraft, FetchedPage } from '@ceu/crawl-engine';
import { extractStructuredDataPage, type ExtractOptions } from './extract-page.ts';
import { parseProvidersConfig } from './providers-file.ts';

const config = parseProvidersConfig([
  {
    id: 'ce',
    name: 'Example CE',
    startUrls: ['https://ce.example.com/courses/'],
    approvedBy: ['AAMA'],
    acceptedFor: ['CMA'],
  },
])[0]!;
const PAGE = 'https://ce.example.com/courses/page';

function page(body: string, url = PAGE): FetchedPage {
  return { request: { url, kind: 'page' }, url, status: 200, contentType: 'text/html', body };
}
const scripts = (...blocks: string[]) =>
  `<!doctype html><html><head>${blocks
    .map((b) => `<script type="application/ld+json">${b}</script>`)
    .join('\n')}</head><body></body></html>`;
const jsonLd = (...nodes: unknown[]) => scripts(...nodes.map((n) => JSON.stringify(n)));
const body = (html: string) => `<!doctype html><html><head></head><body>${html}</body></html>`;
const extract = (html: string, options?: ExtractOptions) =>
  extractStructuredDataPage(page(html), config, options);
const course = (fields: Record<string, unknown>) => ({ '@type': 'Course', ...fields });
/** The one course of a page. */
async function only(html: string): Promise<CourseDraft> {
  const { courses, problems } = await extract(html);
  expect(problems).toEqual([]);
  expect(courses).toHaveLength(1);
  return courses[0]!;
}

describe('JSON-LD as published', () => {
  it('reads every ld+json script (type in any case, with parameters), top-level arrays and @graph', async () => {
    const html = `<html><head>
      <script type="Application/LD+JSON; charset=utf-8">[${JSON.stringify(course({ name: 'A' }))}]</script>
      <script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@graph': [course({ name: 'B' })] })}</script>
      <script type="text/javascript">${JSON.stringify(course({ name: 'Not data' }))}</script>
      <script>${JSON.stringify(course({ name: 'Nor this' }))}</script></head></html>`;
    expect((await extract(html)).courses.map((c) => c.title)).toEqual(['A', 'B']);
  });

  it('finds courses nested at any depth, under any property, in document order', async () => {
    const html = jsonLd({
      '@context': 'https://schema.org',
      '@type': 'WebPage',
      mainEntity: {
        '@type': 'ItemList',
        itemListElement: [
          { '@type': 'ListItem', position: 1, item: course({ name: 'Listed' }) },
          { '@type': 'ListItem', position: 2, item: { '@type': 'schema:Course', name: 'Prefixed' } },
        ],
      },
      provider: {
        '@type': 'Organization',
        hasOfferCatalog: {
          '@type': 'OfferCatalog',
          name: 'Catalog entries are not courses',
          itemListElement: [
            { '@type': 'Offer', itemOffered: { '@type': 'https://schema.org/Course', name: 'Offered' } },
          ],
        },
      },
      about: { '@type': 'course', name: 'Lower-case type' },
    });
    expect((await extract(html)).courses.map((c) => c.title)).toEqual([
      'Listed',
      'Prefixed',
      'Offered',
      'Lower-case type',
    ]);
  });

  it('reads a node with other types too as one course, and nothing else as a course', async () => {
    const html = jsonLd(
      { '@type': ['Course', 'EducationalOrganization'], name: 'Both' },
      { '@type': 'CourseInstance', name: 'An instance' },
      { '@type': 'EducationEvent', name: 'An event' },
      { '@type': 'Product', name: 'A product' },
      { '@type': 'ListItem', name: 'A list item' },
      { '@type': 'http://purl.org/other#Course', name: 'Another vocabulary' },
    );
    expect((await extract(html)).courses.map((c) => c.title)).toEqual(['Both']);
  });

  it('takes other course types when configured', async () => {
    const html = jsonLd(course({ name: 'Course' }), { '@type': 'Product', name: 'CPR card' });
    const options = { courseTypes: ['Course', 'schema:Product'] };
    expect((await extract(html, options)).courses.map((c) => c.title)).toEqual(['Course', 'CPR card']);
  });

  it('joins @id references to their definitions, in the same or another block, as one node', async () => {
    const html = jsonLd(
      {
        '@type': 'ItemList',
        itemListElement: [{ '@type': 'ListItem', item: { '@id': '/courses/a#course' } }],
      },
      { '@id': 'https://ce.example.com/courses/a#course', '@type': 'Course', name: 'Defined later' },
      {
        '@id': '/courses/a#course',
        offers: { '@id': '#offer-a' },
        hasCourseInstance: { '@id': '_:run' },
      },
      {
        '@graph': [
          { '@id': '#offer-a', '@type': 'Offer', price: 25, priceCurrency: 'USD' },
          { '@id': '_:run', '@type': 'CourseInstance', courseWorkload: 'PT2H' },
        ],
      },
    );
    const found = await only(html);
    expect(found).toMatchObject({
      id: 'ce:courses/a#course',
      title: 'Defined later',
      url: 'https://ce.example.com/courses/a#course',
      priceCents: 2500,
    });
    // A blank node label names a node only inside its own block.
    expect(found.hours).toBeUndefined();
  });

  it('reads @reverse, value objects, @list and context prefixes', async () => {
    const html = jsonLd({
      '@context': { s: 'https://schema.org/' },
      '@type': 's:Course',
      's:name': { '@value': 'Prefixed by the context', '@language': 'en' },
      's:keywords': { '@list': ['Phlebotomy', 'clinical'] },
      's:numberOfCredits': 1,
      '@reverse': { itemOffered: { '@type': 'Offer', price: '12.00', priceCurrency: 'USD' } },
    });
    expect(await only(html)).toMatchObject({
      title: 'Prefixed by the context',
      priceCents: 1200,
      credits: [{ category: 'clinical', points: 1 }],
    });
  });

  it('reports a block it cannot read without losing the blocks beside it', async () => {
    const html = scripts(
      '{"@type":"Course","name":',
      '{ // Google publishes comments\n "@type": "Course", "name": \'Repaired\', }',
      '{&quot;@type&quot;: &quot;Course&quot;, &quot;name&quot;: &quot;Decoded&quot;}',
      '<!-- {"@type": "Course", "name": "Unwrapped"} -->',
      JSON.stringify(course({ name: 'Strict' })),
    );
    const { courses, problems } = await extract(html);
    expect(courses.map((c) => c.title)).toEqual(['Repaired', 'Decoded', 'Unwrapped', 'Strict']);
    expect(problems).toEqual([expect.stringMatching(/^JSON-LD block 1 is malformed: /)]);
  });
});

describe('microdata and RDFa', () => {
  it('reads microdata: itemref, nested offers and instances, and the value rules of a, link, meta, time', async () => {
    const html = body(`
      <div itemscope itemtype="https://schema.org/Course" itemref="c1-offer c1-hours">
        <h2 itemprop="name">Coding &amp; Billing</h2>
        <a itemprop="url" href="/courses/coding">Details</a>
        <p itemprop="description">Learn <b>CPT</b> coding.</p>
        <meta itemprop="numberOfCredits" content="2"><meta itemprop="about" content="Administrative">
        <div itemprop="hasCourseInstance" itemscope itemtype="https://schema.org/CourseInstance">
          <meta itemprop="courseMode" content="onsite">
        </div>
      </div>
      <div id="c1-offer" itemprop="offers" itemscope itemtype="https://schema.org/Offer">
        <meta itemprop="priceCurrency" content="USD"><meta itemprop="price" content="49.00">$49
      </div>
      <p><time id="c1-hours" itemprop="timeRequired" datetime="PT2H">two hours</time></p>
      <div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Not a course</span></div>`);
    expect(await only(html)).toEqual({
      id: 'ce:courses/coding',
      provider: 'ce',
      url: 'https://ce.example.com/courses/coding',
      title: 'Coding & Billing',
      description: 'Learn CPT coding.',
      priceCents: 4900,
      hours: 2,
      credits: [{ category: 'administrative', points: 2 }],
      approvedBy: ['AAMA'],
      acceptedFor: ['CMA'],
      format: 'in-person',
    });
  });

  it('reads RDFa with vocab, with a declared prefix, and with the initial context schema: prefix', async () => {
    const html = body(`
      <div vocab="https://schema.org/" typeof="Course" resource="#law">
        <h2 property="name">Law and Ethics</h2>
        <div property="offers" typeof="Offer">
          <meta property="price" content="0"><meta property="priceCurrency" content="USD">
        </div>
        <meta property="timeRequired" content="PT45M">
      </div>
      <div prefix="s: http://schema.org/" typeof="s:Course">
        <span property="s:name">Phlebotomy</span>
        <div property="s:hasCourseInstance" typeof="s:CourseInstance">
          <meta property="s:courseWorkload" content="PT1H30M">
          <div property="s:offers" typeof="s:Offer">$<span property="s:price">29.95</span>
            <meta property="s:priceCurrency" content="USD"></div>
        </div>
      </div>
      <div typeof="schema:Course"><span property="schema:name">Initial context</span>
        <a property="schema:url" href="/courses/ic">more</a></div>`);
    const { courses, problems } = await extract(html);
    expect(problems).toEqual([]);
    expect(courses.map((c) => [c.id, c.title, c.priceCents, c.hours, c.url])).toEqual([
      ['ce:courses/page#law', 'Law and Ethics', 0, 0.75, 'https://ce.example.com/courses/page#law'],
      ['ce:courses/page#2', 'Phlebotomy', 2995, 1.5, PAGE],
      ['ce:courses/ic', 'Initial context', undefined, undefined, 'https://ce.example.com/courses/ic'],
    ]);
  });

  it('reads all three syntaxes of one page into one list', async () => {
    const html = `<html><head><script type="application/ld+json">${JSON.stringify(course({ name: 'From JSON-LD' }))}</script></head>
      <body><div itemscope itemtype="http://schema.org/Course"><span itemprop="name">From microdata</span></div>
      <div vocab="http://schema.org/" typeof="Course"><span property="name">From RDFa</span></div></body></html>`;
    const { courses } = await extract(html);
    expect(courses.map((c) => [c.id, c.title])).toEqual([
      ['ce:courses/page#1', 'From JSON-LD'],
      ['ce:courses/page#2', 'From microdata'],
      ['ce:courses/page#3', 'From RDFa'],
    ]);
  });
});

describe('one record per course node', () => {
  it('rejects a course node without a name, and never skips it silently', async () => {
    const html = jsonLd(
      course({ description: 'No name' }),
      course({ name: '   ' }),
      course({ name: 'Named' }),
    );
    const { courses, rejected } = await extract(html);
    expect(courses.map((c) => [c.id, c.title])).toEqual([['ce:courses/page#3', 'Named']]);
    expect(rejected).toEqual([
      { id: 'ce:courses/page#1', reason: 'no-name', detail: expect.stringContaining('JSON-LD block 1') },
      { id: 'ce:courses/page#2', reason: 'no-name', detail: expect.stringContaining('JSON-LD block 2') },
    ]);
  });

  it('gives a nested course its own record, inheriting nothing', async () => {
    const html = jsonLd(
      course({
        name: 'Parent',
        offers: { '@type': 'Offer', price: 100, priceCurrency: 'USD' },
        timeRequired: 'PT10H',
        numberOfCredits: 10,
        about: 'clinical',
        hasPart: [course({ name: 'Child', url: '/courses/child' })],
      }),
    );
    const [parent, child] = (await extract(html)).courses;
    expect(parent).toMatchObject({ title: 'Parent', priceCents: 100_00, hours: 10 });
    expect(child).toMatchObject({ title: 'Child', url: 'https://ce.example.com/courses/child', credits: [] });
    expect(child).not.toHaveProperty('priceCents');
    expect(child).not.toHaveProperty('hours');
  });

  it('never gives two nodes one id, and gives the same ids on every crawl of the page', async () => {
    const html = jsonLd(
      course({ name: 'First', url: '/courses/same' }),
      course({ name: 'Second', url: '/courses/same' }),
      course({ name: 'Coded', courseCode: 'X-1' }),
      course({ name: 'Coded too', courseCode: 'X-1' }),
      course({ name: 'Unlinked' }),
    );
    const ids = (await extract(html)).courses.map((c) => c.id);
    expect(ids).toEqual(['ce:courses/same', 'ce:courses/same~2', 'ce:X-1', 'ce:X-1~4', 'ce:courses/page#5']);
    expect((await extract(html)).courses.map((c) => c.id)).toEqual(ids);
  });

  it('reads the same node reached twice once', async () => {
    const html = jsonLd({
      '@graph': [
        course({ '@id': '#c', name: 'Once' }),
        { '@type': 'ItemList', itemListElement: [{ item: { '@id': '#c' } }, { item: { '@id': '#c' } }] },
        course({ '@id': '#c', name: 'Once' }),
      ],
    });
    expect((await extract(html)).courses.map((c) => c.id)).toEqual(['ce:courses/page#c']);
  });
});

describe('prices', () => {
  const priced = async (fields: Record<string, unknown>) => {
    const found = await only(jsonLd(course({ name: 'Priced', ...fields })));
    return { priceCents: found.priceCents, listedPrice: found.listedPrice };
  };
  const offer = (fields: Record<string, unknown>) => ({ '@type': 'Offer', ...fields });

  it('takes the lowest US-dollar price of the course’s own offers', async () => {
    expect(
      await priced({
        offers: [
          offer({ price: '1199.00', priceCurrency: 'EUR' }),
          offer({ price: '$1,299.00', priceCurrency: 'USD' }),
          offer({ price: 999, priceCurrency: 'usd' }),
        ],
      }),
    ).toEqual({ priceCents: 99_900, listedPrice: undefined });
    expect(
      await priced({
        offers: { '@type': 'AggregateOffer', lowPrice: 30, highPrice: 90, priceCurrency: 'USD' },
      }),
    ).toEqual({
      priceCents: 3000,
      listedPrice: undefined,
    });
    expect(
      await priced({
        offers: offer({
          priceSpecification: [
            {
              '@type': 'UnitPriceSpecification',
              price: 80,
              priceCurrency: 'USD',
              priceType: 'https://schema.org/StrikethroughPrice',
            },
            { '@type': 'UnitPriceSpecification', price: 60, priceCurrency: 'USD' },
          ],
        }),
      }),
    ).toEqual({ priceCents: 6000, listedPrice: undefined });
  });

  it('reads $0 from price 0 (any or no currency), "Free" and category Free', async () => {
    expect((await priced({ offers: offer({ price: '0' }) })).priceCents).toBe(0);
    expect((await priced({ offers: offer({ price: 0, priceCurrency: 'GBP' }) })).priceCents).toBe(0);
    expect((await priced({ offers: offer({ price: 'Free' }) })).priceCents).toBe(0);
    expect((await priced({ offers: offer({ category: 'Free' }) })).priceCents).toBe(0);
  });

  it('keeps another currency as published, only when no US price exists', async () => {
    expect(await priced({ offers: offer({ price: '395', priceCurrency: 'GBP' }) })).toEqual({
      priceCents: undefined,
      listedPrice: { amount: 395, currency: 'GBP' },
    });
    expect(await priced({ offers: offer({ price: '€20' }) })).toEqual({
      priceCents: undefined,
      listedPrice: { amount: 20, currency: 'EUR' },
    });
    expect(
      await priced({
        offers: [offer({ price: 20, priceCurrency: 'EUR' }), offer({ price: '$25' })],
      }),
    ).toEqual({ priceCents: 2500, listedPrice: undefined });
  });

  it('reads no price from a number without a currency, a placeholder, or a contradiction', async () => {
    for (const o of [
      { price: '25' },
      { price: '[Precio]', priceCurrency: 'UYU' },
      { price: '€12', priceCurrency: 'USD' },
    ]) {
      expect(await priced({ offers: offer(o) }), JSON.stringify(o)).toEqual({
        priceCents: undefined,
        listedPrice: undefined,
      });
    }
  });

  it('falls back to the instances’ offers: the agreed price, else the lowest', async () => {
    const instance = (price: unknown, currency = 'USD') => ({
      '@type': 'CourseInstance',
      offers: offer({ price, priceCurrency: currency }),
    });
    expect((await priced({ hasCourseInstance: [instance(40), instance('40.00')] })).priceCents).toBe(4000);
    expect((await priced({ hasCourseInstance: [instance(40), instance(35)] })).priceCents).toBe(3500);
    expect(await priced({ hasCourseInstance: [instance('395', 'GBP'), instance('440', 'GBP')] })).toEqual({
      priceCents: undefined,
      listedPrice: { amount: 395, currency: 'GBP' },
    });
    // The course's own price comes first.
    expect(
      (
        await priced({
          offers: offer({ price: 50, priceCurrency: 'USD' }),
          hasCourseInstance: [instance(35)],
        })
      ).priceCents,
    ).toBe(5000);
  });

  it('reads offers tied to the course from elsewhere: itemOffered, and Events about it', async () => {
    const html = jsonLd(course({ '@id': '#c', name: 'Tied' }), {
      '@type': 'EducationEvent',
      about: { '@id': '#c' },
      offers: offer({ price: 75, priceCurrency: 'USD' }),
    });
    expect((await only(html)).priceCents).toBe(7500);
    const direct = jsonLd(
      course({ '@id': '#c', name: 'Offered' }),
      offer({ itemOffered: { '@id': '#c' }, price: 15, priceCurrency: 'USD' }),
    );
    expect((await only(direct)).priceCents).toBe(1500);
  });

  it('never takes the price of an offer that belongs to another node', async () => {
    expect(
      await priced({
        educationalCredentialAwarded: {
          '@type': 'EducationalOccupationalCredential',
          offers: offer({ price: 5, priceCurrency: 'USD' }),
        },
        provider: {
          '@type': 'Organization',
          hasOfferCatalog: {
            '@type': 'OfferCatalog',
            itemListElement: [offer({ price: 9, priceCurrency: 'USD' })],
          },
        },
      }),
    ).toEqual({ priceCents: undefined, listedPrice: undefined });
  });

  it('reads isAccessibleForFree as $0 only when no offer says anything', async () => {
    expect((await priced({ isAccessibleForFree: true })).priceCents).toBe(0);
    expect((await priced({ isAccessibleForFree: 'True' })).priceCents).toBe(0);
    expect((await priced({ isAccessibleForFree: false })).priceCents).toBeUndefined();
    expect(
      await priced({ isAccessibleForFree: true, offers: offer({ price: 100, priceCurrency: 'INR' }) }),
    ).toEqual({
      priceCents: undefined,
      listedPrice: { amount: 100, currency: 'INR' },
    });
  });
});

describe('hours', () => {
  const timed = async (fields: Record<string, unknown>) => {
    const found = await only(jsonLd(course({ name: 'Timed', ...fields })));
    return { hours: found.hours, duration: found.duration };
  };
  const instance = (fields: Record<string, unknown>) => ({ '@type': 'CourseInstance', ...fields });

  it('reads the course’s timeRequired as contact hours', async () => {
    expect(await timed({ timeRequired: 'PT1H30M' })).toEqual({ hours: 1.5, duration: undefined });
    expect(
      await timed({ timeRequired: 'PT90M', hasCourseInstance: instance({ courseWorkload: 'PT3H' }) }),
    ).toEqual({
      hours: 1.5,
      duration: undefined,
    });
  });

  it('keeps the course’s own calendar length as duration, never as hours', async () => {
    expect(await timed({ timeRequired: 'P12W' })).toEqual({ hours: undefined, duration: 'P12W' });
    expect(
      await timed({ timeRequired: 'P9M', hasCourseInstance: [instance({ courseWorkload: 'PT6H' })] }),
    ).toEqual({
      hours: 6,
      duration: 'P9M',
    });
    // An instance's calendar length is not the course's.
    expect(await timed({ hasCourseInstance: instance({ courseWorkload: 'P2D' }) })).toEqual({
      hours: undefined,
      duration: undefined,
    });
  });

  it('takes the instances’ courseWorkload when they agree, and nothing when they differ', async () => {
    expect(await timed({ hasCourseInstance: [instance({ courseWorkload: 'PT13H' }), instance({})] })).toEqual(
      {
        hours: 13,
        duration: undefined,
      },
    );
    expect(
      await timed({
        hasCourseInstance: [instance({ courseWorkload: 'PT6H' }), instance({ courseWorkload: 'PT8H' })],
      }),
    ).toEqual({ hours: undefined, duration: undefined });
  });

  it('never reads rates, malformed values, session lengths or syllabus sections as hours', async () => {
    expect(await timed({ timeRequired: 'PT12W', courseWorkload: 'PT6H/week' })).toEqual({
      hours: undefined,
      duration: undefined,
    });
    expect(
      await timed({
        hasCourseInstance: instance({
          courseSchedule: { '@type': 'Schedule', duration: 'PT3H', repeatCount: 31 },
        }),
        syllabusSections: [{ '@type': 'Syllabus', timeRequired: 'PT6H' }],
      }),
    ).toEqual({ hours: undefined, duration: undefined });
    expect(await timed({ hasCourseInstance: instance({ courseWorkload: 'P1200H' }) })).toEqual({
      hours: undefined,
      duration: undefined,
    });
  });
});

describe('other fields', () => {
  it('decodes entities, strips HTML, collapses whitespace and caps the description', async () => {
    const found = await only(
      jsonLd(
        course({
          name: ['  Medical Law &amp; \n Ethics &#039;26 ', 'Second name'],
          description: `<p>One&nbsp;&amp;\r\n two</p><p>${'word '.repeat(2000)}</p>`,
        }),
      ),
    );
    expect(found.title).toBe("Medical Law & Ethics '26");
    expect(found.description?.startsWith('One & two word word')).toBe(true);
    expect(found.description!.length).toBeLessThanOrEqual(5000);
    expect(found.description!.endsWith('word…')).toBe(true);
  });

  it('reads markup that arrives escaped as markup', async () => {
    const found = await only(
      jsonLd(
        course({
          name: 'Escaped',
          description: '&lt;p&gt;Venipuncture &amp;amp; safety&lt;/p&gt;&lt;p&gt;Order of draw&lt;/p&gt;',
        }),
      ),
    );
    expect(found.description).toBe('Venipuncture & safety Order of draw');
  });

  it('reads a name given as an object by its first string', async () => {
    const found = await only(jsonLd(course({ name: { '@type': 'Text', text: 'Wrapped name' } })));
    expect(found.title).toBe('Wrapped name');
  });

  it('takes the url, else an http(s) @id, else the page, resolving against <base href>', async () => {
    const base = '<base href="https://ce.example.com/catalog/">';
    const withBase = (node: unknown) =>
      `<html><head>${base}<script type="application/ld+json">${JSON.stringify(node)}</script></head></html>`;
    expect((await only(withBase(course({ name: 'A', url: 'a' })))).url).toBe(
      'https://ce.example.com/catalog/a',
    );
    expect((await only(withBase(course({ name: 'B', '@id': 'b#course' })))).url).toBe(
      'https://ce.example.com/catalog/b#course',
    );
    expect((await only(withBase(course({ name: 'C', '@id': 'urn:isbn:123' })))).url).toBe(PAGE);
  });

  it('reads credits, format, and the provider’s approvals', async () => {
    const found = await only(
      jsonLd(
        course({
          name: 'Live',
          numberOfCredits: { '@type': 'StructuredValue', value: '1.5' },
          keywords: ['Phlebotomy', 'Clinical'],
          hasCourseInstance: {
            '@type': 'EducationEvent',
            eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
          },
        }),
      ),
    );
    expect(found).toMatchObject({
      credits: [{ category: 'clinical', points: 1.5 }],
      format: 'in-person',
      approvedBy: ['AAMA'],
      acceptedFor: ['CMA'],
    });
  });
});

describe('hostile pages', () => {
  const quickly = async (html: string) => {
    const started = performance.now();
    const extraction = await extract(html);
    expect(performance.now() - started).toBeLessThan(10_000);
    return extraction;
  };

  it('stops at absurd nesting depth instead of exhausting the stack', async () => {
    const depth = 20_000;
    const json = `${'{"@type":"Course","name":"Level","hasPart":'.repeat(depth)}{"@type":"Course","name":"Deepest"}${'}'.repeat(depth)}`;
    const { courses, problems } = await quickly(scripts(json));
    expect(courses.length).toBeGreaterThan(0);
    expect(courses.length).toBeLessThan(100);
    expect(problems).toEqual([expect.stringMatching(/too deeply nested/)]);
  });

  it('bounds a huge graph, and survives reference cycles', async () => {
    const many = Array.from({ length: 30_000 }, (_, i) => course({ name: `C${i}` }));
    const { courses, problems } = await quickly(jsonLd(many));
    expect(courses.length).toBe(10_000);
    expect(problems).toEqual([expect.stringMatching(/too large/)]);
    const cycle = jsonLd(
      course({ '@id': '#a', name: 'A', hasPart: { '@id': '#b' }, hasCourseInstance: { '@id': '#b' } }),
      course({ '@id': '#b', name: 'B', hasPart: { '@id': '#a' }, offers: { '@id': '#a' } }),
    );
    expect((await quickly(cycle)).courses.map((c) => c.title)).toEqual(['A', 'B']);
  });

  it('bounds deeply nested microdata and RDFa', async () => {
    const microdata = `${'<div itemscope itemtype="https://schema.org/Course" itemprop="hasPart"><span itemprop="name">x</span>'.repeat(3000)}${'</div>'.repeat(3000)}`;
    const micro = await quickly(body(microdata));
    expect(micro.courses).toHaveLength(3000);
    const rdfa = `<div vocab="https://schema.org/">${'<div property="hasPart" typeof="Course"><span property="name">x</span>'.repeat(3000)}${'</div>'.repeat(3001)}`;
    const rd = await quickly(body(rdfa));
    expect(rd.courses).toHaveLength(3000);
  });
});
