import type { Category } from '@ceu/domain';
import type { CourseDraft } from '@ceu/crawl-engine';
import type { KeySource } from './course-keys.ts';
import { StructuredNode, type NodeGraph, type NodeValue } from './node-graph.ts';
import { cleanText, firstText, truncateText } from './node-text.ts';
import type { JsonLdProviderConfig } from './providers-file.ts';
import { readHours } from './read-hours.ts';
import { readPrice } from './read-price.ts';

const CATEGORY_WORDS: readonly Category[] = ['general', 'clinical', 'administrative'];
const MAX_DESCRIPTION = 5000;

export interface CourseReading {
  /** What the course's id is made from. */
  key: KeySource;
  /** Undefined when the node has no usable name: such a node is no course. */
  title: string | undefined;
  /** Every field but the id. */
  fields: Omit<CourseDraft, 'id'>;
}

export interface ReadContext {
  graph: NodeGraph;
  /** The page's URL, and the URL relative references resolve against (its `<base href>`, else the page URL). */
  pageUrl: string;
  baseUrl: string;
  config: JsonLdProviderConfig;
}

/**
 * What one schema.org Course node says, mapped onto the catalog's fields. Reads only the node itself and
 * what belongs to it (its offers, its instances): a course nested in another inherits nothing from it.
 * Pure; validation (and rejection with reasons) happens in the engine.
 */
export function readCourse(node: StructuredNode, context: ReadContext): CourseReading {
  const { config } = context;
  const instances = instancesOf(node, context.graph);
  const ownUrl = urlOf(node.values('url'), context.baseUrl);
  const iriUrl = node.iri !== undefined && /^https?:/i.test(node.iri) ? node.iri : undefined;
  const fields: Omit<CourseDraft, 'id'> = {
    provider: config.id,
    url: ownUrl ?? iriUrl ?? context.pageUrl,
  };
  const name = firstText(node.values('name'));
  // Never cut: a name longer than a title may be is rejected by validation, visibly, not shortened silently.
  const title = name === undefined ? '' : cleanText(name);
  if (title !== '') fields.title = title;
  const description = firstText(node.values('description'));
  if (description !== undefined) {
    const text = truncateText(cleanText(description), MAX_DESCRIPTION);
    if (text !== '') fields.description = text;
  }
  Object.assign(fields, readPrice(node, instances, context.graph), readHours(node, instances));
  const points = readPoints(node.values('numberOfCredits'));
  const category = readCategory(node.values('about')) ?? readCategory(node.values('keywords'));
  fields.credits = points !== undefined && category !== undefined ? [{ category, points }] : [];
  fields.approvedBy = [...config.approvedBy];
  fields.acceptedFor = [...config.acceptedFor];
  fields.format = readFormat(node, instances);
  const key: KeySource = {};
  if (node.iri !== undefined) key.iri = node.iri;
  const code = firstText(node.values('courseCode'));
  if (code !== undefined) key.courseCode = code;
  if (ownUrl !== undefined) key.url = ownUrl;
  return { key, title: title === '' ? undefined : title, fields };
}

/** Types whose nodes can be a run of a course: CourseInstance, Event and its kinds (EducationEvent, …). */
function isEventLike(node: StructuredNode): boolean {
  return node.types.some((t) => /^courseinstance$|event$/i.test(t));
}

/**
 * A course's instances: its `hasCourseInstance` (typed or not), and Events tied to it (listed in its
 * `subjectOf`, or pointing at it through any property, as an EducationEvent's `about` does).
 */
function instancesOf(course: StructuredNode, graph: NodeGraph): StructuredNode[] {
  const found = new Set(course.nodes('hasCourseInstance'));
  for (const node of course.nodes('subjectOf')) if (isEventLike(node)) found.add(node);
  for (const { node } of graph.referrers(course)) if (isEventLike(node)) found.add(node);
  found.delete(course);
  return [...found];
}

function urlOf(values: readonly NodeValue[], base: string): string | undefined {
  for (const value of values) {
    const text =
      value instanceof StructuredNode
        ? (value.iri ?? firstText(value.values('url')))
        : typeof value === 'string'
          ? value
          : undefined;
    const url = text === undefined ? undefined : httpUrl(text, base);
    if (url !== undefined) return url;
  }
  return undefined;
}

function httpUrl(value: string, base: string): string | undefined {
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** `numberOfCredits`: a number, a numeric string, or a StructuredValue's `value`. */
function readPoints(values: readonly NodeValue[]): number | undefined {
  for (const value of values) {
    const raw = value instanceof StructuredNode ? firstText(value.values('value')) : value;
    const number =
      typeof raw === 'number'
        ? raw
        : typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw)
          ? Number(raw)
          : NaN;
    if (Number.isFinite(number) && number > 0) return Math.round(number * 100) / 100;
  }
  return undefined;
}

/** A category word (general, clinical, administrative) in `about` / `keywords`: text, comma lists, or a Thing's name. */
function readCategory(values: readonly NodeValue[]): Category | undefined {
  for (const value of values) {
    const texts =
      typeof value === 'string'
        ? value.split(',')
        : value instanceof StructuredNode
          ? [firstText(value.values('name')) ?? '']
          : [];
    for (const text of texts) {
      const word = text.trim().toLowerCase();
      const category = CATEGORY_WORDS.find((c) => c === word);
      if (category) return category;
    }
  }
  return undefined;
}

/** `courseMode` / `eventAttendanceMode` of the course and its instances; online unless they say otherwise. */
function readFormat(
  course: StructuredNode,
  instances: StructuredNode[],
): 'online' | 'in-person' | 'live-webinar' {
  const modes = [course, ...instances]
    .flatMap((node) => [...node.values('courseMode'), ...node.values('eventAttendanceMode')])
    .map((value) => firstText([value]))
    .filter((mode): mode is string => mode !== undefined)
    .map((mode) => mode.toLowerCase());
  if (modes.some((m) => /onsite|on-site|in[- ]person|classroom|offlineeventattendancemode/.test(m))) {
    return 'in-person';
  }
  if (
    modes.some((m) => /synchronous|webinar|live/.test(m)) &&
    !modes.some((m) => /online|asynchronous/.test(m))
  )
    return 'live-webinar';
  return 'online';
}
