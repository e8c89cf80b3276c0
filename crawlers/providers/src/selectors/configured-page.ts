import * as cheerio from 'cheerio';
import type { CourseDraft, DraftProvenance, Extraction, FetchedPage, PageRequest } from '@ceu/crawl-engine';
import { courseKey } from '../jsonld/course-keys.ts';
import { extractStructuredDataPage } from '../jsonld/extract-page.ts';
import { httpLink, NOT_PAGES } from '../jsonld/page-links.ts';
import type { JsonLdProviderConfig } from '../jsonld/providers-file.ts';
import { applyCreditRules } from './credit-rules.ts';
import { readBundles } from './read-bundles.ts';
import { readBlock, type SelectorReading } from './read-selectors.ts';
import { patternKey } from './site-keys.ts';
import { matchesAnyUrlPattern } from './url-patterns.ts';

/** Draft fields a selector may set; for each, the fields it replaces (a price replaces a foreign price, …). */
const REPLACES: Readonly<Record<string, readonly string[]>> = {
  priceCents: ['priceCents', 'listedPrice'],
  listedPrice: ['priceCents', 'listedPrice'],
  hours: ['hours'],
  duration: ['duration'],
};

/**
 * A page of a configured provider: its structured data first (courses of the configured schema.org types),
 * then the selector blocks whose `urls` match the page. A block without `item` reads the page as one course
 * and, when the page's structured data holds exactly one course, fills and overrides that course's fields;
 * an item whose url is a structured course's url does the same for that course; any other item is a course
 * of its own, keyed by its url, else by the page and its position. Then the credit rules run on every course
 * without credits by category. Links to follow come from `follow`, else every link on the page (the adapter
 * keeps those inside the start URLs' folders).
 */
export async function extractConfiguredPage(
  page: FetchedPage,
  config: JsonLdProviderConfig,
  baseUrl: string,
): Promise<Extraction> {
  const structured = await extractStructuredDataPage(page, config, { courseTypes: config.courseTypes });
  const provenance: Record<string, DraftProvenance> = { ...structured.provenance };
  const courses: CourseDraft[] = structured.courses.map((course) => ({ ...course }));
  const rejected = [...(structured.rejected ?? [])];
  const $ = cheerio.load(page.body);
  const readings = new Map<string, SelectorReading>();
  const structuredIds = new Set(courses.map((c) => c.id));

  const readsKind = readerOfKind(config, page.request.kind);
  for (const [b, block] of (config.courses ?? []).entries()) {
    if (!readsKind(block.kind)) continue;
    if (block.urls !== undefined && !matchesAnyUrlPattern(page.url, block.urls, baseUrl)) continue;
    for (const reading of readBlock($, block, page.url, config.id, baseUrl)) {
      const target =
        block.item === undefined
          ? courses.length === 1 && structuredIds.has(courses[0]!.id)
            ? courses[0]
            : undefined
          : courses.find(
              (c) =>
                structuredIds.has(c.id) && reading.fields.url !== undefined && c.url === reading.fields.url,
            );
      if (target) {
        overlay(target, reading, provenance);
        readings.set(target.id, reading);
        continue;
      }
      const url = reading.fields.url ?? (block.item === undefined ? page.url : undefined);
      // The operator's key pattern first (ids as the site names its courses), else the url or position.
      const key =
        (url !== undefined && config.courseKey !== undefined
          ? patternKey(url, config.courseKey, baseUrl)
          : undefined) ?? courseKey(url === undefined ? {} : { url }, page.url, reading.position);
      let id = `${config.id}:${key}`;
      if (courses.some((c) => c.id === id)) id = `${id}~${b + 1}.${reading.position}`;
      if (url !== undefined && new URL(url).host !== new URL(page.url).host) {
        // A card linking to another host is not this provider's course page: the crawl could never read it.
        rejected.push({
          id,
          reason: 'off-site-url',
          detail: `${page.url}: item ${reading.position} of ${block.item ?? 'the page'} links to ${url}`,
        });
        continue;
      }
      if (reading.fields.title === undefined) {
        rejected.push({
          id,
          reason: 'no-title',
          detail: `${page.url}: item ${reading.position} of ${block.item ?? 'the page'} has no title (${reading.missing['title'] ?? 'no title selector'})`,
        });
        continue;
      }
      const course: CourseDraft = {
        id,
        provider: config.id,
        ...reading.fields,
        url: url ?? page.url,
        format: reading.fields.format ?? config.format,
      };
      provenance[id] = {
        sources: {
          ...reading.sources,
          ...(reading.fields.url === undefined
            ? { url: block.item === undefined ? 'the page' : 'the page (no url selector)' }
            : {}),
          ...(reading.fields.format === undefined ? { format: `configuration format ${config.format}` } : {}),
        },
        missing: { ...reading.missing },
      };
      courses.push(course);
      readings.set(id, reading);
    }
  }

  for (const course of courses) {
    const reading = readings.get(course.id);
    const outcome = applyCreditRules(
      {
        course,
        stated: reading?.credits ?? [],
        labels: reading?.labels ?? [],
        approvedBy: config.approvedBy,
        acceptedFor: config.acceptedFor,
      },
      config.credits,
    );
    const record = (provenance[course.id] ??= { sources: {}, missing: {} });
    if (outcome.credits) {
      course.credits = outcome.credits;
      delete record.missing['credits'];
    }
    if (course.approvedBy === undefined || reading?.fields.approvedBy === undefined)
      record.sources['approvedBy'] ??= 'configuration approvedBy';
    if (course.acceptedFor === undefined || reading?.fields.acceptedFor === undefined)
      record.sources['acceptedFor'] ??= 'configuration acceptedFor';
    course.approvedBy = outcome.approvedBy;
    course.acceptedFor = outcome.acceptedFor;
    Object.assign(record.sources, outcome.sources);
    if (outcome.missing['credits'] !== undefined && (course.credits ?? []).length === 0)
      record.missing['credits'] = outcome.missing['credits'];
  }

  const follow = config.follow ? followLinks($, page, config, baseUrl) : structured.follow;
  const bundleBlocks = (config.bundles ?? []).filter((block) => readsKind(block.kind));
  const bundles = readBundles($, bundleBlocks, page.url, config.id, baseUrl);
  return {
    courses,
    bundles: bundles.bundles,
    follow,
    problems: [...structured.problems, ...bundles.problems],
    rejected,
    provenance,
  };
}

/**
 * Which blocks read a page requested as `kind`: when the configuration names that kind, its blocks and the
 * unnamed ones (so a page asked for as a `course` is read as one, as `ceu probe --kind` expects); any other
 * kind (`page`, a kind the provider does not name) is read by every block.
 */
function readerOfKind(
  config: JsonLdProviderConfig,
  kind: string,
): (blockKind: string | undefined) => boolean {
  const named = declaredKinds(config);
  if (!named.has(kind)) return () => true;
  return (blockKind) => blockKind === undefined || blockKind === kind;
}

/** The page kinds the provider's blocks name. */
function declaredKinds(config: JsonLdProviderConfig): Set<string> {
  return new Set(
    [...(config.courses ?? []), ...(config.bundles ?? [])].flatMap((block) =>
      block.kind === undefined ? [] : [block.kind],
    ),
  );
}

/** A selector reading over a structured-data course: the fields the selectors found replace the course's. */
function overlay(
  course: CourseDraft,
  reading: SelectorReading,
  provenance: Record<string, DraftProvenance>,
): void {
  const record = (provenance[course.id] ??= { sources: {}, missing: {} });
  const target = course as Record<string, unknown>;
  for (const [field, value] of Object.entries(reading.fields)) {
    if (value === undefined) continue;
    for (const replaced of REPLACES[field] ?? [field]) delete target[replaced];
    target[field] = value;
    delete record.missing[field];
  }
  Object.assign(record.sources, reading.sources);
  for (const [field, why] of Object.entries(reading.missing)) {
    // A selector that found nothing leaves what the structured data said; probe shows both.
    if (record.sources[field] === undefined) record.missing[field] = why;
    else record.missing[`${field} (selector)`] = why;
  }
  // The page's own credits field with categories replaces the structured data's credits.
  if (reading.credits.some((c) => c.category !== undefined)) course.credits = [];
}

/**
 * The links `follow` names: the `href` of every element a `links` selector matches (or of the links inside
 * it), and every link on the page whose URL matches a `urls` pattern.
 */
function followLinks(
  $: cheerio.CheerioAPI,
  page: FetchedPage,
  config: JsonLdProviderConfig,
  baseUrl: string,
): PageRequest[] {
  const follow = config.follow!;
  const base = httpLink($('base[href]').attr('href') ?? '', page.url) ?? page.url;
  const found: string[] = [];
  const add = (href: string | undefined) => {
    const url = httpLink(href ?? '', base);
    if (url && !NOT_PAGES.test(new URL(url).pathname)) found.push(url);
  };
  for (const selector of follow.links ?? []) {
    $(selector).each((_, el) => {
      const node = $(el);
      if (node.attr('href') !== undefined) add(node.attr('href'));
      else node.find('a[href]').each((_, a) => add($(a).attr('href')));
    });
  }
  if (follow.urls) {
    $('a[href], link[rel="next"][href]').each((_, el) => {
      const url = httpLink($(el).attr('href') ?? '', base);
      if (url && matchesAnyUrlPattern(url, follow.urls!, baseUrl)) add(url);
    });
  }
  return [...new Set(found)].map((url) => ({ url, kind: 'page' }));
}
