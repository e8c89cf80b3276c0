import type { Cheerio, CheerioAPI } from 'cheerio';
import type { BundleDraft } from '@ceu/crawl-engine';
import { cleanText, truncateText } from '../jsonld/node-text.ts';
import { describeField, readTexts, type AnyNode } from './read-selectors.ts';
import type { BundleBlock, FieldSpec } from './selector-config.ts';
import { siteKey } from './site-keys.ts';
import { readMoney, readNumber, readTerm } from './transforms.ts';
import { matchesAnyUrlPattern } from './url-patterns.ts';

const MAX_DESCRIPTION = 5000;

/** The bundles a page offers, and why a bundle the blocks found could not be read (counted as problems). */
export interface BundleReadings {
  bundles: BundleDraft[];
  problems: string[];
}

/**
 * The bundles (memberships, all-access plans) the configured `bundles` blocks read on a page: each `item`
 * match, or the page itself when a block has no item and its title selector matches. A bundle is keyed by its
 * url beneath the site's base (`membership`), the key a course's `bundle` link to that page gives. A bundle
 * without a US price or a term is no bundle (the recommender could not plan it): a problem names it.
 */
export function readBundles(
  $: CheerioAPI,
  blocks: readonly BundleBlock[],
  pageUrl: string,
  providerId: string,
  baseUrl: string,
): BundleReadings {
  const out: BundleReadings = { bundles: [], problems: [] };
  for (const block of blocks) {
    if (block.urls !== undefined && !matchesAnyUrlPattern(pageUrl, block.urls, baseUrl)) continue;
    const scopes =
      block.item === undefined
        ? [$.root()]
        : $(block.item)
            .toArray()
            .map((el) => $(el) as Cheerio<AnyNode>);
    const prefix = block.item === undefined ? '' : `${block.item} `;
    for (const scope of scopes) {
      const read = (field: string): { text?: string; why: string } => {
        const raw = block.fields[field as keyof BundleBlock['fields']];
        if (raw === undefined) return { why: `no ${field} selector` };
        const spec: FieldSpec = typeof raw === 'string' ? { selector: raw } : raw;
        const texts = readTexts($, scope, spec, field, pageUrl);
        const where = describeField(spec, prefix);
        return texts.ok ? { text: texts.value[0]!, why: where } : { why: `${where}: ${texts.reason}` };
      };
      const title = read('title');
      // Like a course block: a page (or item) whose title selector matches nothing offers no bundle.
      if (title.text === undefined || cleanText(title.text) === '') continue;
      const url = read('url').text ?? pageUrl;
      const at = `bundle "${cleanText(title.text)}" on ${pageUrl}`;
      const price = read('price');
      const priceSpec = block.fields.price;
      const money =
        price.text === undefined
          ? undefined
          : readMoney(price.text, typeof priceSpec === 'object' ? priceSpec.currency : undefined);
      const months = read('months');
      const monthsSpec = block.fields.months;
      const term =
        months.text === undefined
          ? undefined
          : typeof monthsSpec === 'object' && monthsSpec.transform === 'number'
            ? readNumber(months.text)
            : readTerm(months.text);
      if (money === undefined || !money.ok || !('priceCents' in money.value)) {
        out.problems.push(
          `${at}: no US price (${money === undefined ? price.why : money.ok ? 'the price is not in US dollars' : `${price.why}: ${money.reason}`})`,
        );
        continue;
      }
      if (term === undefined || !term.ok || !Number.isInteger(term.value) || term.value < 1) {
        out.problems.push(
          `${at}: no term in months (${term === undefined ? months.why : term.ok ? `${term.value} is not whole months` : `${months.why}: ${term.reason}`})`,
        );
        continue;
      }
      const description = read('description').text;
      const cleaned = description === undefined ? '' : truncateText(cleanText(description), MAX_DESCRIPTION);
      out.bundles.push({
        id: `${providerId}:${siteKey(url, baseUrl)}`,
        provider: providerId,
        title: cleanText(title.text),
        priceCents: money.value.priceCents,
        months: term.value,
        url,
        ...(cleaned === '' ? {} : { description: cleaned }),
      });
    }
  }
  return out;
}
