import { describe, expect, it } from 'vitest';
import type { FetchedPage } from '@ceu/crawl-engine';
import { createJsonLdAdapter } from '../jsonld/jsonld-adapter.ts';
import { parseProvidersConfig } from '../jsonld/providers-file.ts';

const SITE = 'https://ce.example.org/';

function adapterOf(entry: Record<string, unknown>) {
  const [config] = parseProvidersConfig([
    {
      id: 'acme',
      name: 'Acme CE',
      startUrls: [`${SITE}catalog/`],
      approvedBy: ['AAMA'],
      acceptedFor: ['CMA'],
      ...entry,
    },
  ]);
  return createJsonLdAdapter(config!);
}

function page(url: string, body: string): FetchedPage {
  return { request: { url, kind: 'page' }, url, status: 200, contentType: 'text/html', body };
}

const jsonLd = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('configured pages: structured data, then selectors and credit rules', () => {
  it('reads a schema.org Product as a course only when courseTypes says so', async () => {
    const body = `<html><head>${jsonLd({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Phlebotomy Skills Module',
      offers: { '@type': 'Offer', price: '24.00', priceCurrency: 'USD' },
    })}</head><body></body></html>`;
    const url = `${SITE}catalog/phlebotomy`;
    expect((await adapterOf({}).extract(page(url, body), SITE)).courses).toEqual([]);
    const extraction = await adapterOf({ courseTypes: ['Product'] }).extract(page(url, body), SITE);
    expect(extraction.courses).toEqual([
      expect.objectContaining({
        id: 'acme:catalog/phlebotomy#1',
        title: 'Phlebotomy Skills Module',
        priceCents: 2400,
      }),
    ]);
    expect(extraction.provenance?.['acme:catalog/phlebotomy#1']?.sources['title']).toMatch(
      /^JSON-LD block 1 \(json-ld\) node 1 name$/,
    );
  });

  it('selectors fill and override the fields they name on a structured-data course, with provenance', async () => {
    const body = `<html><head>${jsonLd({
      '@context': 'https://schema.org',
      '@type': 'Course',
      name: 'Wound Care',
      description: 'Dressings.',
      offers: { '@type': 'Offer', price: 50, priceCurrency: 'USD' },
    })}</head><body><h1>Wound Care</h1><p class="sale">Today: $40.00</p><p class="len">2 contact hours</p></body></html>`;
    const adapter = adapterOf({
      courses: {
        urls: ['/catalog/*'],
        fields: { title: 'h1', price: '.sale', hours: '.len', memberPrice: '.member' },
      },
      credits: { pointsPerHour: 1, keywords: { wound: 'clinical' } },
    });
    const url = `${SITE}catalog/wound-care`;
    const extraction = await adapter.extract(page(url, body), SITE);
    expect(extraction.courses).toEqual([
      {
        // No url and no IRI in the structured data: the page and the node's position name it.
        id: 'acme:catalog/wound-care#1',
        provider: 'acme',
        url,
        title: 'Wound Care',
        description: 'Dressings.',
        priceCents: 4000,
        hours: 2,
        credits: [{ category: 'clinical', points: 2 }],
        approvedBy: ['AAMA'],
        acceptedFor: ['CMA'],
        format: 'online',
      },
    ]);
    const provenance = extraction.provenance?.['acme:catalog/wound-care#1'];
    expect(provenance?.sources).toMatchObject({
      title: 'selector h1',
      description: 'JSON-LD block 1 (json-ld) node 1 description',
      priceCents: 'selector .sale',
      hours: 'selector .len',
      credits: 'rule pointsPerHour 1, rule keywords "wound"',
      approvedBy: 'configuration approvedBy',
    });
    expect(provenance?.missing).toEqual({ memberPriceCents: 'selector .member: matched nothing' });
  });

  it('reads cards, rejects a card without a title, says why fields are missing, and follows only what follow names', async () => {
    const body = `<html><body><a href="/about">About</a>
      <div class="card"><h5><a href="/course/a">Billing Basics</a></h5><p class="hours">Self-paced</p><p class="price">Call us</p></div>
      <div class="card"><h5><a href="/course/b">Clinical Update</a></h5><p class="hours">90 minutes</p><p class="price">Price: $10</p>
        <p class="credits">1 clinical CEU</p><span class="tag">Lab</span><span class="tag">RMA</span></div>
      <div class="card"><p class="price">$5</p></div>
      <a class="next" href="/catalog/?page=2">Next »</a><a href="/course/c?ref=x">c</a></body></html>`;
    const adapter = adapterOf({
      browser: true,
      follow: { links: ['a.next'], urls: ['/course/*'] },
      courses: {
        item: '.card',
        fields: {
          title: 'h5',
          url: 'h5 a',
          hours: '.hours',
          price: '.price',
          credits: '.credits',
          acceptedFor: '.tag',
        },
      },
      credits: { pointsPerHour: 1, rules: [{ when: { category: 'clinical' }, approvedBy: ['AMT'] }] },
    });
    const extraction = await adapter.extract(page(`${SITE}catalog/`, body), SITE);
    expect(
      extraction.courses.map((c) => [c.id, c.hours, c.priceCents, c.credits, c.approvedBy, c.acceptedFor]),
    ).toEqual([
      ['acme:course/a', undefined, undefined, undefined, ['AAMA'], ['CMA']],
      ['acme:course/b', 1.5, 1000, [{ category: 'clinical', points: 1 }], ['AAMA', 'AMT'], ['RMA']],
    ]);
    expect(extraction.rejected).toEqual([
      expect.objectContaining({ id: 'acme:catalog#3', reason: 'no-title' }),
    ]);
    expect(extraction.provenance?.['acme:course/a']?.missing).toEqual({
      hours: 'selector .card .hours: no hours in "Self-paced"',
      priceCents: 'selector .card .price: no price in "Call us"',
      credits: 'no contact hours to give points per hour',
      acceptedFor: 'selector .card .tag: matched nothing',
    });
    expect(extraction.follow).toEqual([
      { url: `${SITE}catalog/?page=2`, kind: 'page', render: { waitFor: 'body' } },
      { url: `${SITE}course/a`, kind: 'page', render: { waitFor: 'body' } },
      { url: `${SITE}course/b`, kind: 'page', render: { waitFor: 'body' } },
      { url: `${SITE}course/c?ref=x`, kind: 'page', render: { waitFor: 'body' } },
    ]);
  });

  it('keys courses by the courseKey pattern and reads bundles, linked by href, under a moved base', async () => {
    const base = 'http://127.0.0.1:9/mirror/';
    const adapter = adapterOf({
      courseKey: '^/course/(?<value>[^/?]+)$',
      courses: {
        urls: ['/course/*'],
        fields: {
          title: 'h1',
          price: '.price',
          bundle: { selector: 'a.plan', attribute: 'href' },
        },
      },
      bundles: {
        urls: ['/plans/*'],
        item: 'section.plan',
        fields: { title: 'h2', price: '.cost', months: '.cost', description: 'p.about', url: 'a.join' },
      },
    });
    const course = await adapter.extract(
      page(
        `${base}course/wound-care`,
        '<h1>Wound Care</h1><p class="price">$20</p><a class="plan" href="../plans/gold">Gold</a>',
      ),
      base,
    );
    expect(course.courses).toEqual([
      expect.objectContaining({ id: 'acme:wound-care', bundleIds: ['acme:plans/gold'], priceCents: 2000 }),
    ]);
    // A url the pattern does not match keeps the default key: its path beneath the site.
    const other = await adapter.extract(page(`${base}course/wound-care?v=2`, '<h1>Wound Care</h1>'), base);
    expect(other.courses.map((c) => c.id)).toEqual(['acme:mirror/course/wound-care?v=2']);
    const plans = await adapter.extract(
      page(
        `${base}plans/all`,
        `<section class="plan"><h2>Gold</h2><p class="cost">$99.00 per year</p><p class="about">Every course.</p><a class="join" href="gold">Join</a></section>
         <section class="plan"><h2>Silver</h2><p class="cost">$49.00 / 6 months</p><a class="join" href="silver">Join</a></section>
         <section class="plan"><h2>Euro</h2><p class="cost">€40 / year</p></section>
         <section class="plan"><h2>Forever</h2><p class="cost">$400 once</p></section>`,
      ),
      base,
    );
    expect(plans.bundles).toEqual([
      {
        id: 'acme:plans/gold',
        provider: 'acme',
        title: 'Gold',
        priceCents: 9900,
        months: 12,
        url: `${base}plans/gold`,
        description: 'Every course.',
      },
      {
        id: 'acme:plans/silver',
        provider: 'acme',
        title: 'Silver',
        priceCents: 4900,
        months: 6,
        url: `${base}plans/silver`,
      },
    ]);
    expect(plans.problems).toEqual([
      expect.stringMatching(/bundle "Euro" .*no US price \(the price is not in US dollars\)/),
      expect.stringMatching(/bundle "Forever" .*no term in months .*no term/),
    ]);
    // Bundle blocks read only the pages their urls match.
    expect(
      (await adapter.extract(page(`${base}about`, '<section class="plan"><h2>X</h2></section>'), base))
        .problems,
    ).toEqual([]);
  });

  it('reads dates, places and completion limits, and refuses what is not one', async () => {
    const adapter = adapterOf({
      courses: {
        fields: {
          title: 'h1',
          date: { selector: 'time', attribute: 'datetime' },
          location: '.where',
          completeWithinMonths: '.limit',
        },
      },
    });
    const good = await adapter.extract(
      page(
        `${SITE}catalog/ws`,
        '<h1>Workshop</h1><time datetime="2027-04-09T09:00">April 9</time><p class="where">Denver, CO</p><p class="limit">Complete within twelve months</p>',
      ),
      SITE,
    );
    expect(good.courses[0]).toMatchObject({
      date: '2027-04-09',
      location: 'Denver, CO',
      completeWithinMonths: 12,
    });
    const bad = await adapter.extract(
      page(
        `${SITE}catalog/ws`,
        '<h1>Workshop</h1><time datetime="April 9">April 9</time><p class="where"> </p><p class="limit">No limit</p>',
      ),
      SITE,
    );
    const course = bad.courses[0]!;
    expect([course.date, course.location, course.completeWithinMonths]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const missing = bad.provenance?.[course.id]?.missing ?? {};
    expect(missing['date']).toMatch(/no ISO date/);
    expect(missing['location']).toMatch(/empty text/);
    expect(missing['completeWithinMonths']).toMatch(/no term/);
  });
});
