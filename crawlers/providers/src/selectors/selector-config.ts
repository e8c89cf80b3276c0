import * as cheerio from 'cheerio';
import { z } from 'zod';
import { approvalBodySchema, categorySchema, credentialIdSchema } from '@ceu/domain';

/**
 * The configuration of selector extraction, credit rules and link following for a provider of
 * `CEU_PROVIDERS_FILE`. Everything is checked when the file loads: a selector cheerio cannot parse or a regex
 * that does not compile is an error naming its field, never a surprise in the nightly crawl.
 */

/** One empty document to compile selectors against: css-select throws on bad syntax or an unknown pseudo-class. */
const probe = cheerio.load('<p></p>');

/** A CSS selector as cheerio reads it (css-select: CSS 4 selectors, plus `:contains()`, `:has()`, …). */
export const cssSelectorSchema = z
  .string()
  .trim()
  .min(1, 'a selector is required')
  .max(1000)
  .superRefine((selector, ctx) => {
    try {
      probe(selector);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `not a CSS selector cheerio can read: ${(error as Error).message}`,
      });
    }
  });

/** Regexes are JavaScript syntax and match case-insensitively. */
export const REGEX_FLAGS = 'i';

/** A JavaScript regular expression, compiled (case-insensitive) when the file loads. */
export const regexSchema = z
  .string()
  .min(1, 'a pattern is required')
  .max(1000)
  .superRefine((source, ctx) => {
    try {
      new RegExp(source, REGEX_FLAGS);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(error as Error).message}` });
    }
  });

/**
 * A URL pattern: a glob over the URL's path and query beneath the site's base URL (`/catalog*`,
 * `/course/**`; `*` stops at `/`, `**` does not), or `{ "regex": "…" }` tested against the whole URL.
 */
export const urlPatternSchema = z.union([
  z.string().trim().startsWith('/', 'a URL glob starts with "/" (the path beneath the site)').max(1000),
  z.object({ regex: regexSchema }).strict(),
]);
export type UrlPattern = z.output<typeof urlPatternSchema>;

/** A label map: the text read (trimmed, any case) → the value stored; a label not in the map is no value. */
const labelMapSchema = z
  .object({ map: z.record(z.string().min(1), z.string().min(1)) })
  .strict()
  .refine((value) => Object.keys(value.map).length > 0, 'a map needs at least one label');
export type LabelMap = z.output<typeof labelMapSchema>;

const TRANSFORM_NAMES = ['text', 'number', 'money', 'duration', 'ceus', 'term'] as const;
export const transformSchema = z.union([z.enum(TRANSFORM_NAMES), labelMapSchema]);
export type Transform = z.output<typeof transformSchema>;

export const COURSE_FIELDS = [
  'title',
  'url',
  'description',
  'price',
  'memberPrice',
  'hours',
  'credits',
  'approvedBy',
  'acceptedFor',
  'format',
  'bundle',
  'labels',
  'date',
  'location',
  'completeWithinMonths',
] as const;
export type CourseField = (typeof COURSE_FIELDS)[number];

/** What each field may be read as, and how when the configuration does not say (the first). */
export const FIELD_TRANSFORMS: Readonly<Record<CourseField, readonly string[]>> = {
  title: ['text'],
  url: ['text'],
  description: ['text'],
  price: ['money'],
  memberPrice: ['money'],
  hours: ['duration', 'number'],
  credits: ['ceus', 'number'],
  approvedBy: ['text', 'map'],
  acceptedFor: ['text', 'map'],
  format: ['text', 'map'],
  bundle: ['text', 'map'],
  labels: ['text', 'map'],
  date: ['text'],
  location: ['text', 'map'],
  completeWithinMonths: ['term', 'number'],
};

/** Fields whose every match is a value; the others read the first match only. */
export const LIST_FIELDS: ReadonlySet<CourseField> = new Set([
  'approvedBy',
  'acceptedFor',
  'bundle',
  'labels',
  'credits',
]);

const fieldObjectSchema = z
  .object({
    /** Inside the item (or the page); absent: the item (or the page's `body`) itself. */
    selector: cssSelectorSchema.optional(),
    /** Read this attribute instead of the text (`href`, `content`, `data-price`). */
    attribute: z.string().trim().min(1).max(100).optional(),
    /** A regex over the text read: its `value` group, else its first group, else the whole match, is the value. */
    pattern: regexSchema.optional(),
    transform: transformSchema.optional(),
    /** Money only: the currency of an amount that names none (`"29.95"` on a US store). */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'a currency is an ISO 4217 code such as "USD"')
      .optional(),
  })
  .strict();

/** A field: a selector (shorthand), or `{ selector?, attribute?, pattern?, transform?, currency? }`. */
export const fieldSchema = z.union([cssSelectorSchema, fieldObjectSchema]);
export type FieldSpec = z.output<typeof fieldObjectSchema>;

const fieldsSchema = z
  .object(
    Object.fromEntries(COURSE_FIELDS.map((field) => [field, fieldSchema.optional()])) as Record<
      CourseField,
      z.ZodOptional<typeof fieldSchema>
    >,
  )
  .strict()
  .superRefine((fields, ctx) => {
    for (const field of COURSE_FIELDS) {
      const spec = fields[field];
      if (spec === undefined || typeof spec === 'string') continue;
      if (spec.transform !== undefined) {
        const name = typeof spec.transform === 'string' ? spec.transform : 'map';
        const allowed = FIELD_TRANSFORMS[field];
        if (!allowed.includes(name))
          ctx.addIssue({
            code: 'custom',
            path: [field, 'transform'],
            message: `${field} is read with ${allowed.map((t) => (t === 'map' ? 'a label map' : `"${t}"`)).join(' or ')}, not ${name === 'map' ? 'a label map' : `"${name}"`}`,
          });
      }
      if (spec.currency !== undefined && field !== 'price' && field !== 'memberPrice')
        ctx.addIssue({ code: 'custom', path: [field, 'currency'], message: 'only a price has a currency' });
    }
  });

/**
 * What a block's pages are called (`listing`, `course`, `membership`): the page requests of its `urls` carry
 * it, so `ceu probe` and the crawl log say what kind of page a URL is. Absent: `page`.
 */
export const pageKindSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'a page kind is a short lowercase name such as "listing"')
  .refine((kind) => kind !== 'sitemap', '"sitemap" is the sitemap\'s own kind');

/** One way courses appear on the site's pages: cards on list pages, or one course per detail page. */
export const courseBlockSchema = z
  .object({
    /** Pages this block reads (URL patterns); absent: every page. */
    urls: z.array(urlPatternSchema).min(1).max(50).optional(),
    kind: pageKindSchema.optional(),
    /** Each match is one course (cards, rows); absent: the page is one course when `fields.title` matches. */
    item: cssSelectorSchema.optional(),
    fields: fieldsSchema,
  })
  .strict()
  .superRefine((block, ctx) => {
    if (block.fields.title === undefined)
      ctx.addIssue({ code: 'custom', path: ['fields', 'title'], message: 'a title selector is required' });
  });
export type CourseBlock = z.output<typeof courseBlockSchema>;

export const BUNDLE_FIELDS = ['title', 'url', 'description', 'price', 'months'] as const;
export type BundleField = (typeof BUNDLE_FIELDS)[number];

/** What each bundle field may be read as, and how when the configuration does not say (the first). */
export const BUNDLE_FIELD_TRANSFORMS: Readonly<Record<BundleField, readonly string[]>> = {
  title: ['text'],
  url: ['text'],
  description: ['text'],
  price: ['money'],
  months: ['term', 'number'],
};

const bundleFieldsSchema = z
  .object(
    Object.fromEntries(BUNDLE_FIELDS.map((field) => [field, fieldSchema.optional()])) as Record<
      BundleField,
      z.ZodOptional<typeof fieldSchema>
    >,
  )
  .strict()
  .superRefine((fields, ctx) => {
    for (const field of BUNDLE_FIELDS) {
      const spec = fields[field];
      if (spec === undefined) {
        // A bundle is planned on its US price and its term; without a way to read them it is no bundle.
        if (field === 'title' || field === 'price' || field === 'months')
          ctx.addIssue({ code: 'custom', path: [field], message: `a bundle needs a ${field} selector` });
        continue;
      }
      if (typeof spec === 'string') continue;
      if (spec.transform !== undefined) {
        const name = typeof spec.transform === 'string' ? spec.transform : 'map';
        const allowed = BUNDLE_FIELD_TRANSFORMS[field];
        if (!allowed.includes(name))
          ctx.addIssue({
            code: 'custom',
            path: [field, 'transform'],
            message: `bundle ${field} is read with ${allowed.map((t) => `"${t}"`).join(' or ')}, not ${name === 'map' ? 'a label map' : `"${name}"`}`,
          });
      }
      if (spec.currency !== undefined && field !== 'price')
        ctx.addIssue({ code: 'custom', path: [field, 'currency'], message: 'only a price has a currency' });
    }
  });

/**
 * Bundles (memberships, all-access plans) read from the pages `urls` match: each `item` match is one bundle,
 * or, without `item`, the page is one bundle when `fields.title` matches. Keyed by its url beneath the site.
 */
export const bundleBlockSchema = z
  .object({
    urls: z.array(urlPatternSchema).min(1).max(50).optional(),
    kind: pageKindSchema.optional(),
    item: cssSelectorSchema.optional(),
    fields: bundleFieldsSchema,
  })
  .strict();
export type BundleBlock = z.output<typeof bundleBlockSchema>;

/**
 * How a course's record key is made from its url: a regex over the url's path and query beneath the site's
 * base URL (`/courses/wound-care`), whose `value` group (else first group) is the key. Absent, or when it
 * does not match: the path itself, as for every configured provider.
 */
export const courseKeySchema = regexSchema.superRefine((source, ctx) => {
  let groups = 0;
  try {
    groups = new RegExp(`${source}|`).exec('')!.length - 1;
  } catch {
    return; // regexSchema has said why.
  }
  if (groups === 0)
    ctx.addIssue({
      code: 'custom',
      message: 'a course key pattern needs a group, e.g. "^/courses/(?<value>[^/?]+)$"',
    });
});

/** Links to follow: `links` selectors (their elements' `href`s, or the links inside them) and/or URL patterns. */
export const followSchema = z
  .object({
    links: z.array(cssSelectorSchema).min(1).max(50).optional(),
    urls: z.array(urlPatternSchema).min(1).max(50).optional(),
  })
  .strict()
  .refine((f) => f.links !== undefined || f.urls !== undefined, 'follow needs "links" or "urls"');
export type FollowConfig = z.output<typeof followSchema>;

const conditionSchema = z
  .object({
    titleMatches: regexSchema.optional(),
    urlMatches: regexSchema.optional(),
    /** A category the course's credits (as determined) include. */
    category: categorySchema.optional(),
  })
  .strict()
  .refine((w) => Object.keys(w).length > 0, 'a condition needs titleMatches, urlMatches or category');

const pointsPerHourSchema = z.number().positive('points per hour are > 0').max(10);

export const creditRuleSchema = z
  .object({
    when: conditionSchema,
    pointsPerHour: pointsPerHourSchema.optional(),
    category: categorySchema.optional(),
    approvedBy: z.array(approvalBodySchema).max(20).optional(),
    acceptedFor: z.array(credentialIdSchema).max(4).optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    // The category condition is tested on the credits once found, so it cannot itself decide them.
    if (rule.when.category !== undefined) {
      for (const key of ['pointsPerHour', 'category'] as const)
        if (rule[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `a rule on the category sets only approvedBy and acceptedFor, not ${key}`,
          });
    }
  });
export type CreditRule = z.output<typeof creditRuleSchema>;

/** How a course's points by category are found when its page does not say them field by field. */
export const creditRulesSchema = z
  .object({
    /** Points per contact hour (`1`: a 2.5-hour course carries 2.5 points). */
    pointsPerHour: pointsPerHourSchema.optional(),
    /** The category when nothing else says one. */
    category: categorySchema.optional(),
    /** Keyword or label → category, looked for (as words, any case) in the labels, the title, then the description. */
    keywords: z.record(z.string().trim().min(1), categorySchema).optional(),
    /**
     * Text patterns over the title, description and labels, such as `(?<points>\d+(?:\.\d+)?)\s+(?<category>\w+)\s+CEUs?`:
     * a `points` group, and a `category` group read as a category word or through `keywords`.
     */
    patterns: z.array(regexSchema).min(1).max(20).optional(),
    rules: z.array(creditRuleSchema).max(100).optional(),
  })
  .strict()
  .superRefine((rules, ctx) => {
    for (const [i, source] of (rules.patterns ?? []).entries()) {
      let groups: string[] = [];
      try {
        groups = [...source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1]!);
      } catch {
        continue;
      }
      if (!groups.includes('points'))
        ctx.addIssue({
          code: 'custom',
          path: ['patterns', i],
          message: 'a credit pattern needs a (?<points>…) group',
        });
    }
  });
export type CreditRules = z.output<typeof creditRulesSchema>;

/** `true`, or the selector that shows the rendered page is ready. */
export const browserSchema = z.union([z.literal(true), z.object({ waitFor: cssSelectorSchema }).strict()]);

/** schema.org types a site may publish its courses as. */
export const courseTypeSchema = z.enum(['Course', 'Product', 'Event', 'EducationEvent']);
