import fs from 'node:fs';
import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import {
  approvalBodySchema,
  CeuError,
  credentialIdSchema,
  formatSchema,
  httpUrlSchema,
  parseOrThrow,
  providerIdSchema,
} from '@ceu/domain';
import {
  browserSchema,
  bundleBlockSchema,
  courseBlockSchema,
  courseKeySchema,
  courseTypeSchema,
  creditRulesSchema,
  followSchema,
} from '../selectors/selector-config.ts';
import { withSlash } from '../page-urls.ts';

/**
 * One provider defined by configuration alone: its pages are read through their schema.org data (JSON-LD,
 * microdata, RDFa), then through the CSS selectors of `courses`, which fill or override the fields they name;
 * `credits` rules find points by category where the page does not state them. See docs/crawling.md.
 */
export const jsonLdProviderSchema = z
  .object({
    id: providerIdSchema,
    name: z.string().trim().min(1).max(200),
    /**
     * The site's base URL when the provider lives in a folder (`https://x.org/e-learning/`); default: the
     * first start URL's origin. `CEU_PROVIDER_<ID>_URL` replaces it, keeping each start URL's path beneath it.
     */
    baseUrl: httpUrlSchema.optional(),
    startUrls: z.array(httpUrlSchema).min(1, 'at least one start URL').max(100),
    /** Defaults to `sitemap.xml` at the site's root. */
    sitemap: httpUrlSchema.optional(),
    acceptedFor: z.array(credentialIdSchema).max(4).default([]),
    approvedBy: z.array(approvalBodySchema).max(20).default([]),
    /** When the scheduler crawls it (node-cron syntax); nightly by default. */
    cron: z
      .string()
      .refine((value) => isValidCron(value), 'not a valid cron expression')
      .optional(),
    /** Which links to follow; absent: every link inside the start URLs' folders. */
    follow: followSchema.optional(),
    /** Render pages in Chromium (`true`, or with the selector that shows the page is ready). */
    browser: browserSchema.optional(),
    /** schema.org types read as courses on this site. */
    courseTypes: z.array(courseTypeSchema).min(1).max(4).default(['Course']),
    /** Selector extraction: one block, or several (list pages' cards, detail pages). */
    courses: z
      .union([courseBlockSchema, z.array(courseBlockSchema).min(1).max(20)])
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .optional(),
    /** Bundles (memberships, all-access plans): one block, or several. */
    bundles: z
      .union([bundleBlockSchema, z.array(bundleBlockSchema).min(1).max(20)])
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .optional(),
    /** A regex over a selector course's path beneath the site whose group is its record key. */
    courseKey: courseKeySchema.optional(),
    /** How points by category, approvals and accepting credentials are found when a page does not say them. */
    credits: creditRulesSchema.optional(),
    /** The format of a course read by selectors alone when no `format` field says it. */
    format: formatSchema.default('online'),
  })
  .superRefine((provider, ctx) => {
    // zod runs refinements even when a field already failed; only compare hosts that parsed.
    const host = hostOf(provider.startUrls?.[0]);
    if (host === undefined) return;
    for (const [i, url] of provider.startUrls.entries()) {
      const other = hostOf(url);
      if (other !== undefined && other !== host) {
        ctx.addIssue({ code: 'custom', path: ['startUrls', i], message: `every start URL is on ${host}` });
      }
    }
    if (typeof provider.baseUrl === 'string' && URL.canParse(provider.baseUrl)) {
      const base = withSlash(provider.baseUrl);
      for (const [i, url] of provider.startUrls.entries()) {
        if (typeof url === 'string' && URL.canParse(url) && !new URL(url).href.startsWith(base))
          ctx.addIssue({
            code: 'custom',
            path: ['startUrls', i],
            message: `every start URL is beneath ${base}`,
          });
      }
    }
    const sitemapHost = hostOf(provider.sitemap);
    if (sitemapHost !== undefined && sitemapHost !== host) {
      ctx.addIssue({ code: 'custom', path: ['sitemap'], message: `the sitemap is on ${host}` });
    }
  });

function hostOf(url: string | undefined): string | undefined {
  if (typeof url !== 'string' || !URL.canParse(url)) return undefined;
  return new URL(url).host;
}
export type JsonLdProviderConfig = z.output<typeof jsonLdProviderSchema>;

export const providersFileSchema = z.array(jsonLdProviderSchema).superRefine((providers, ctx) => {
  const seen = new Set<string>();
  for (const [i, provider] of providers.entries()) {
    if (seen.has(provider.id))
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `provider ${provider.id} appears twice` });
    seen.add(provider.id);
  }
});

/** Validates the contents of a providers file (already parsed JSON). */
export function parseProvidersConfig(input: unknown, what = 'providers file'): JsonLdProviderConfig[] {
  return parseOrThrow(providersFileSchema, input, what);
}

/**
 * Reads and validates `CEU_PROVIDERS_FILE`: a JSON array of `{ id, name, startUrls, sitemap?, acceptedFor?,
 * approvedBy?, cron? }`. Throws a CeuError (`invalid-input`) naming the file and the offending field.
 *
 * @example
 * const adapters = loadProvidersFile(config.providersFile).map(createJsonLdAdapter);
 */
export function loadProvidersFile(file: string): JsonLdProviderConfig[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CeuError(
      'invalid-input',
      `cannot read the providers file ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CeuError(
      'invalid-input',
      `the providers file ${file} is not JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return parseProvidersConfig(json, `providers file ${file}`);
}
