import type { Cheerio, CheerioAPI } from 'cheerio';
import {
  approvalBodySchema,
  categorySchema,
  credentialIdSchema,
  formatSchema,
  isoDateSchema,
  recordIdSchema,
  type Category,
} from '@ceu/domain';
import type { CourseDraft } from '@ceu/crawl-engine';
import { cleanText, htmlToText, truncateText } from '../jsonld/node-text.ts';
import { httpLink } from '../jsonld/page-links.ts';
import {
  LIST_FIELDS,
  REGEX_FLAGS,
  type CourseBlock,
  type CourseField,
  type FieldSpec,
} from './selector-config.ts';
import { siteKey } from './site-keys.ts';
import {
  readCeus,
  readDuration,
  readLabel,
  readMoney,
  readNumber,
  readTerm,
  type Reading,
} from './transforms.ts';

const MAX_DESCRIPTION = 5000;

/** A node of the parsed page (domhandler's `AnyNode`, which cheerio does not re-export). */
export type AnyNode = Exclude<Parameters<CheerioAPI['load']>[0], string | Buffer | unknown[]>;

/** Points a page states, with their category when it says one. */
export interface StatedCredit {
  points: number;
  category?: Category;
}

/** One course as a block's selectors read it. */
export interface SelectorReading {
  /** 1-based position among the block's items on the page (1 for a page that is one course). */
  position: number;
  /** The fields found (catalog names: `priceCents`, `bundleIds`, …); the course's url only when a selector gave it. */
  fields: Omit<CourseDraft, 'id'>;
  /** Credits the `credits` field read; categories may be missing (the credit rules supply them). */
  credits: StatedCredit[];
  /** Labels for the credit rules' keyword maps. */
  labels: string[];
  sources: Record<string, string>;
  missing: Record<string, string>;
}

/**
 * Reads the courses one block finds on a page: each `item` match, or the page itself when the block has no
 * item and its title selector matches. Pure; every field found says its selector, every field missing says why.
 */
export function readBlock(
  $: CheerioAPI,
  block: CourseBlock,
  pageUrl: string,
  providerId: string,
  baseUrl: string = pageUrl,
): SelectorReading[] {
  const site = { pageUrl, providerId, baseUrl };
  if (block.item === undefined) {
    const root = $.root();
    const reading = readItem($, root, block, 1, site, '');
    return reading.fields.title === undefined ? [] : [reading];
  }
  const items = $(block.item).toArray();
  return items.map((el, i) => readItem($, $(el), block, i + 1, site, `${block.item} `));
}

/** Where a page was read: its url, the provider, and the site's base URL (for keys from links). */
interface SiteOf {
  pageUrl: string;
  providerId: string;
  baseUrl: string;
}

function readItem(
  $: CheerioAPI,
  scope: Cheerio<AnyNode>,
  block: CourseBlock,
  position: number,
  site: SiteOf,
  prefix: string,
): SelectorReading {
  const reading: SelectorReading = {
    position,
    fields: {},
    credits: [],
    labels: [],
    sources: {},
    missing: {},
  };
  for (const [field, raw] of Object.entries(block.fields) as [
    CourseField,
    FieldSpec | string | undefined,
  ][]) {
    if (raw === undefined) continue;
    const spec: FieldSpec = typeof raw === 'string' ? { selector: raw } : raw;
    const texts = readTexts($, scope, spec, field, site.pageUrl);
    const where = describeField(spec, prefix);
    if (!texts.ok) {
      reading.missing[MISSING_AS[field] ?? field] = `${where}: ${texts.reason}`;
      continue;
    }
    const failures: string[] = [];
    const found = texts.value.filter((text) => {
      const stored = store(reading, field, spec, text, site);
      if (stored !== true) failures.push(stored);
      return stored === true;
    });
    if (found.length > 0) reading.sources[targetOf(field, reading)] = where;
    else reading.missing[MISSING_AS[field] ?? field] = `${where}: ${failures[0] ?? 'nothing read'}`;
  }
  return reading;
}

/** `selector .card-body p.hours @href pattern …`, as `ceu probe` shows it. */
export function describeField(spec: FieldSpec, prefix: string): string {
  const selector = `${prefix}${spec.selector ?? (prefix === '' ? 'body' : '')}`.trim();
  return [
    `selector ${selector}`,
    spec.attribute === undefined ? '' : ` @${spec.attribute}`,
    spec.pattern === undefined ? '' : ` pattern ${spec.pattern}`,
    spec.transform === undefined ? '' : ` ${typeof spec.transform === 'string' ? spec.transform : 'map'}`,
  ].join('');
}

/**
 * The texts a field's selector reads: the first match, or every match for list fields; after the pattern. A
 * `url`, and a `bundle` read from an `href`, are links resolved against the page first.
 */
export function readTexts(
  $: CheerioAPI,
  scope: Cheerio<AnyNode>,
  spec: FieldSpec,
  field: string,
  pageUrl: string,
): Reading<string[]> {
  const matched =
    spec.selector === undefined ? (scope.is('*') ? scope : $('body')) : scope.find(spec.selector);
  if (matched.length === 0) return { ok: false, reason: 'matched nothing' };
  const elements = (LIST_FIELDS as ReadonlySet<string>).has(field) ? matched.toArray() : [matched.get(0)!];
  const texts: string[] = [];
  let unmatched: string | undefined;
  for (const el of elements) {
    const node = $(el);
    const name = spec.attribute ?? (field === 'url' && node.attr('href') !== undefined ? 'href' : undefined);
    let text = name === undefined ? htmlToText(node.html() ?? '') : (node.attr(name) ?? '');
    if (field === 'url' || (field === 'bundle' && name === 'href'))
      text = httpLink(text.trim(), pageUrl) ?? '';
    if (field === 'credits' && spec.pattern !== undefined && /\(\?<points>/.test(spec.pattern)) {
      // A breakdown on one line ("1.5 (1.0 clinical, 0.5 general)"): every match is one credit.
      const before = texts.length;
      for (const match of text.matchAll(new RegExp(spec.pattern, `${REGEX_FLAGS}g`))) {
        const points = match.groups?.['points']?.trim();
        if (points) texts.push(`${points} ${match.groups?.['category'] ?? ''}`.trim());
      }
      if (texts.length === before) unmatched ??= `pattern did not match "${text.slice(0, 60)}"`;
      continue;
    }
    if (spec.pattern !== undefined) {
      const match = new RegExp(spec.pattern, REGEX_FLAGS).exec(text);
      if (!match) {
        unmatched ??= `pattern did not match "${text.slice(0, 60)}"`;
        continue;
      }
      text = match.groups?.['value'] ?? match[1] ?? match[0];
    }
    text = text.trim();
    if (text !== '') texts.push(text);
  }
  if (texts.length === 0)
    return {
      ok: false,
      reason: unmatched ?? (spec.attribute === undefined ? 'empty text' : `no ${spec.attribute} attribute`),
    };
  return { ok: true, value: texts };
}

/** The catalog field a configured field would have filled, for the missing ones. */
const MISSING_AS: Partial<Record<CourseField, string>> = {
  price: 'priceCents',
  memberPrice: 'memberPriceCents',
  bundle: 'bundleIds',
};

/** The catalog field a configured field fills (for provenance). */
function targetOf(field: CourseField, reading: SelectorReading): string {
  switch (field) {
    case 'price':
      return reading.fields.listedPrice !== undefined ? 'listedPrice' : 'priceCents';
    case 'memberPrice':
      return 'memberPriceCents';
    case 'hours':
      return reading.fields.duration !== undefined && reading.fields.hours === undefined
        ? 'duration'
        : 'hours';
    case 'bundle':
      return 'bundleIds';
    default:
      return field;
  }
}

/** Reads one text into the reading; true, or why it is no value. */
function store(
  reading: SelectorReading,
  field: CourseField,
  spec: FieldSpec,
  text: string,
  site: SiteOf,
): true | string {
  const fields = reading.fields;
  const mapped = (): Reading<string> =>
    typeof spec.transform === 'object'
      ? readLabel(text, spec.transform)
      : { ok: true, value: cleanText(text) };
  switch (field) {
    case 'title': {
      const title = cleanText(text);
      if (title === '') return 'empty title';
      fields.title = title;
      return true;
    }
    case 'url': {
      if (!/^https?:\/\//.test(text)) return `not a link: "${text.slice(0, 60)}"`;
      fields.url = text;
      return true;
    }
    case 'description': {
      const description = truncateText(cleanText(text), MAX_DESCRIPTION);
      if (description === '') return 'empty description';
      fields.description = description;
      return true;
    }
    case 'price': {
      const money = readMoney(text, spec.currency);
      if (!money.ok) return money.reason;
      if ('priceCents' in money.value) fields.priceCents = money.value.priceCents;
      else fields.listedPrice = money.value.listedPrice;
      return true;
    }
    case 'memberPrice': {
      const money = readMoney(text, spec.currency);
      if (!money.ok) return money.reason;
      if (!('priceCents' in money.value)) return 'a member price counts only in US dollars';
      fields.memberPriceCents = money.value.priceCents;
      return true;
    }
    case 'hours': {
      const hours =
        spec.transform === 'number'
          ? positive(readNumber(text), (value) => ({ hours: value }))
          : readDuration(text);
      if (!hours.ok) return hours.reason;
      Object.assign(fields, hours.value);
      return true;
    }
    case 'credits': {
      const points = spec.transform === 'number' ? readNumber(text) : readCeus(text);
      if (!points.ok) return points.reason;
      if (!(points.value > 0)) return `no points in "${text.slice(0, 60)}"`;
      const category = categorySchema.safeParse(
        cleanText(text)
          .match(/general|clinical|administrative/i)?.[0]
          ?.toLowerCase(),
      );
      reading.credits.push({
        points: Math.round(points.value * 100) / 100,
        ...(category.success ? { category: category.data } : {}),
      });
      return true;
    }
    case 'date': {
      // A date as `<time datetime>` or text gives it: the ISO calendar date at its start (`2027-03-14`).
      const date = isoDateSchema.safeParse(/^\s*(\d{4}-\d{2}-\d{2})/.exec(text)?.[1]);
      if (!date.success) return `no ISO date (YYYY-MM-DD) in "${text.slice(0, 60)}"`;
      fields.date = date.data;
      return true;
    }
    case 'completeWithinMonths': {
      const months = spec.transform === 'number' ? readNumber(text) : readTerm(text);
      if (!months.ok) return months.reason;
      if (!Number.isInteger(months.value) || months.value < 1 || months.value > 120)
        return `${months.value} is not a whole number of months (1 to 120)`;
      fields.completeWithinMonths = months.value;
      return true;
    }
    case 'location': {
      const value = mapped();
      if (!value.ok) return value.reason;
      if (value.value === '' || value.value.length > 200) return `not a place: "${value.value.slice(0, 60)}"`;
      fields.location = value.value;
      return true;
    }
    case 'approvedBy':
    case 'acceptedFor':
    case 'format':
    case 'bundle':
    case 'labels': {
      const value = mapped();
      if (!value.ok) return value.reason;
      return storeLabel(reading, field, value.value, site);
    }
  }
}

function storeLabel(
  reading: SelectorReading,
  field: CourseField,
  value: string,
  site: SiteOf,
): true | string {
  const fields = reading.fields;
  switch (field) {
    case 'approvedBy': {
      if (!approvalBodySchema.safeParse(value).success) return `"${value}" is not an approving body's name`;
      fields.approvedBy = [...new Set([...(fields.approvedBy ?? []), value])];
      return true;
    }
    case 'acceptedFor': {
      const credential = credentialIdSchema.safeParse(value.toUpperCase());
      if (!credential.success) return `"${value}" is not a credential (CMA, RMA, NCMA, CCMA)`;
      fields.acceptedFor = [...new Set([...(fields.acceptedFor ?? []), credential.data])];
      return true;
    }
    case 'format': {
      const format = formatSchema.safeParse(value.toLowerCase());
      if (!format.success) return `"${value}" is not a format (${formatSchema.options.join(', ')}); map it`;
      fields.format = format.data;
      return true;
    }
    case 'bundle': {
      // A link names the bundle by its page, keyed as a `bundles` block keys that page; a label by its words.
      const key = /^https?:\/\//.test(value)
        ? siteKey(value, site.baseUrl)
        : value.replace(/\s+/g, '-').toLowerCase();
      const id = `${site.providerId}:${key}`;
      if (!recordIdSchema.safeParse(id).success) return `"${value}" cannot be a bundle key`;
      fields.bundleIds = [...new Set([...(fields.bundleIds ?? []), id])];
      return true;
    }
    default:
      reading.labels.push(value);
      return true;
  }
}

function positive<T>(reading: Reading<number>, wrap: (value: number) => T): Reading<T> {
  if (!reading.ok) return reading;
  const value = Math.round(reading.value * 100) / 100;
  return value > 0 ? { ok: true, value: wrap(value) } : { ok: false, reason: 'not more than zero' };
}
