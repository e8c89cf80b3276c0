import * as cheerio from 'cheerio';
import type {
  CourseDraft,
  DraftProvenance,
  Extraction,
  FetchedPage,
  PageRequest,
  RejectedDraft,
} from '@ceu/crawl-engine';
import { courseKey, uniqueKeys } from './course-keys.ts';
import { NodeGraph, type StructuredNode } from './node-graph.ts';
import { httpLink, NOT_PAGES } from './page-links.ts';
import { parseJsonLdBlock } from './parse-json-ld-block.ts';
import type { JsonLdProviderConfig } from './providers-file.ts';
import { readCourse } from './read-course.ts';
import { readJsonLdBlock } from './read-json-ld.ts';
import { readRdfSyntax } from './read-rdf.ts';
import { typeKeys } from './schema-terms.ts';

/** schema.org types read as courses unless a caller says otherwise (a later issue lets operators add Product or Event). */
export const DEFAULT_COURSE_TYPES: readonly string[] = ['Course'];

export interface ExtractOptions {
  /** Node types that are courses (`Course`, `schema:Course`, a full IRI); a node with any of them is one. */
  courseTypes?: readonly string[];
}

/**
 * An HTML page: every course node of its structured data (JSON-LD, microdata and RDFa, read into one
 * graph) becomes one draft, whatever else it is typed as and however deeply it is nested; a course node
 * without a name is rejected (`no-name`); every link becomes a page to visit (the engine keeps the crawl on
 * the provider's host and counts what it skips). A JSON-LD block that cannot be read, even repaired, is a
 * problem (counted for drift) and a rejected record (`unreadable-json-ld`), and never hides the page's
 * other blocks.
 */
export async function extractStructuredDataPage(
  page: FetchedPage,
  config: JsonLdProviderConfig,
  options: ExtractOptions = {},
): Promise<Extraction> {
  const $ = cheerio.load(page.body);
  const base = httpLink($('base[href]').attr('href') ?? '', page.url) ?? page.url;
  const graph = new NodeGraph();
  const problems: string[] = [];
  const rejected: RejectedDraft[] = [];
  let block = 0;
  $('script').each((_, el) => {
    // `application/ld+json`, in any case, with or without parameters (`; charset=utf-8`).
    const type = ($(el).attr('type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/ld+json') return;
    block++;
    const parsed = parseJsonLdBlock($(el).text());
    if (parsed.kind === 'unreadable') {
      // It may have held courses: a problem for drift, and a rejected record so the run's counts say so.
      problems.push(`JSON-LD block ${block} is malformed: ${parsed.reason}`);
      rejected.push({
        id: `${config.id}:${new URL(page.url).pathname}#json-ld-block-${block}`,
        reason: 'unreadable-json-ld',
        detail: `${page.url}: JSON-LD block ${block} cannot be read, even repaired: ${parsed.reason}`,
      });
    } else if (parsed.kind === 'read') readJsonLdBlock(parsed.value, graph, block, base);
  });
  // The parsers run only when the page has their markup at all: most pages have neither.
  if (/\sitemtype\s*=/i.test(page.body)) {
    const problem = await readRdfSyntax('microdata', page.body, base, graph);
    if (problem) problems.push(problem);
  }
  if (/\stypeof\s*=/i.test(page.body)) {
    const problem = await readRdfSyntax('rdfa', page.body, base, graph);
    if (problem) problems.push(problem);
  }
  if (graph.truncated)
    problems.push(
      `structured data too large or too deeply nested: read only part of it (${graph.nodes.length} nodes)`,
    );

  const courseTypes = typeKeys(options.courseTypes ?? DEFAULT_COURSE_TYPES);
  const nodes = graph.nodes.filter((node) => node.hasType(courseTypes));
  const context = { graph, pageUrl: page.url, baseUrl: base, config };
  const readings = nodes.map((node) => readCourse(node, context));
  const keys = uniqueKeys(readings.map((reading, i) => courseKey(reading.key, page.url, i + 1)));
  const courses: CourseDraft[] = [];
  const provenance: Record<string, DraftProvenance> = {};
  readings.forEach((reading, i) => {
    const id = `${config.id}:${keys[i]!}`;
    if (reading.title === undefined) {
      rejected.push({
        id,
        reason: 'no-name',
        detail: `${page.url}: course node ${i + 1} of the page (${nodes[i]!.where}) has no name`,
      });
    } else {
      courses.push({ id, ...reading.fields });
      provenance[id] = structuredProvenance(reading.fields, nodes[i]!);
    }
  });

  const follow: PageRequest[] = [];
  const seen = new Set<string>();
  $('a[href], link[rel="next"][href]').each((_, el) => {
    const url = httpLink($(el).attr('href') ?? '', base);
    if (!url || seen.has(url) || NOT_PAGES.test(new URL(url).pathname)) return;
    seen.add(url);
    follow.push({ url, kind: 'page' });
  });
  return { courses, bundles: [], follow, problems, rejected, provenance };
}

/** Where each field of a structured-data course came from (the node and its property), and why others are missing. */
const STRUCTURED_SOURCES: Readonly<Record<string, string>> = {
  title: 'name',
  description: 'description',
  url: 'url (else its IRI, else the page)',
  priceCents: 'offers (US dollars)',
  listedPrice: 'offers (another currency)',
  hours: 'timeRequired / courseWorkload',
  duration: 'timeRequired (a calendar length)',
  credits: 'numberOfCredits with a category in about / keywords',
  format: 'courseMode / eventAttendanceMode (else online)',
};
const STRUCTURED_MISSING: Readonly<Record<string, string>> = {
  description: 'no description',
  priceCents: 'no US-dollar price in the offers',
  hours: 'no timeRequired / courseWorkload in hours',
  credits: 'no numberOfCredits with a category word in about / keywords',
};

function structuredProvenance(fields: Omit<CourseDraft, 'id'>, node: StructuredNode): DraftProvenance {
  const at = `${node.where} (${node.syntax}) node ${node.position + 1}`;
  const sources: Record<string, string> = {};
  const missing: Record<string, string> = {};
  for (const [field, property] of Object.entries(STRUCTURED_SOURCES)) {
    const value = (fields as Record<string, unknown>)[field];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0))
      sources[field] = `${at} ${property}`;
  }
  for (const [field, why] of Object.entries(STRUCTURED_MISSING)) {
    const value = (fields as Record<string, unknown>)[field];
    const listed = field === 'priceCents' && fields.listedPrice !== undefined;
    if (!listed && (value === undefined || (Array.isArray(value) && value.length === 0)))
      missing[field] = `${at}: ${why}`;
  }
  return { sources, missing };
}
