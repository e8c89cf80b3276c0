import type { ListedPrice } from '@ceu/domain';
import { StructuredNode, type NodeGraph } from './node-graph.ts';
import { firstText } from './node-text.ts';
import { parseMoney, toCents, type Money } from './parse-price.ts';

export interface PriceReading {
  /** US cents, when some offer gives a US-dollar price (or $0). */
  priceCents?: number;
  /** Another currency's price as published, only when no US price exists. */
  listedPrice?: ListedPrice;
}

/**
 * A course's price from its own offers (its `offers`, and Offers whose `itemOffered` is the course), else
 * from the offers of its instances (`hasCourseInstance`, Events tied to it): the lowest US-dollar amount,
 * which is the agreed one when they agree. `price` 0 (any or no currency), "Free" or an offer of category
 * Free is $0. Without a US price, a price in another currency is kept as published (never converted); a
 * price with no currency and no `$`/USD is no price. Offers of other nodes (a credential's, a provider's
 * catalog) are never read. `isAccessibleForFree: true` on a course with no offers at all is $0: the flag
 * says so, and nothing contradicts it.
 */
export function readPrice(
  course: StructuredNode,
  instances: StructuredNode[],
  graph: NodeGraph,
): PriceReading {
  const own = offersOf(course, graph).map(offerMoney);
  const theirs = instances.flatMap((instance) => offersOf(instance, graph)).map(offerMoney);
  const cents = lowestUsd(own.flat()) ?? lowestUsd(theirs.flat());
  if (cents !== undefined) return { priceCents: cents };
  const listed = listedPrice(own.flat()) ?? listedPrice(theirs.flat());
  if (listed) return { listedPrice: listed };
  if (own.length === 0 && theirs.length === 0 && saysFree(course)) return { priceCents: 0 };
  return {};
}

/** The course's own offers: `offers`, and Offers elsewhere on the page whose `itemOffered` is the course. */
function offersOf(node: StructuredNode, graph: NodeGraph): StructuredNode[] {
  const offers = new Set(node.nodes('offers'));
  for (const { node: from, property } of graph.referrers(node)) {
    if (property === 'itemoffered') offers.add(from);
  }
  offers.delete(node);
  return [...offers];
}

/**
 * What one offer asks: its `price`, else its `lowPrice` (AggregateOffer), else its price specifications
 * (a struck-through former price is not a price), else the offers an AggregateOffer lists.
 */
function offerMoney(offer: StructuredNode): Money[] {
  const free = offer.values('category').some((c) => typeof c === 'string' && /^\s*free\s*$/i.test(c));
  const found: Money[] = free ? [{ amount: 0 }] : [];
  const read = (node: StructuredNode, property: string, currency: unknown) =>
    node.values(property).flatMap((value) => parseMoney(value, currency) ?? []);
  const currency = firstText(offer.values('priceCurrency'));
  const levels: (() => Money[])[] = [
    () => read(offer, 'price', currency),
    () => read(offer, 'lowPrice', currency),
    () =>
      offer.nodes('priceSpecification').flatMap((spec) => {
        if (/strikethrough/i.test(firstText(spec.values('priceType')) ?? '')) return [];
        const specCurrency = firstText(spec.values('priceCurrency')) ?? currency;
        const components = spec.nodes('priceComponent');
        return [
          ...read(spec, 'price', specCurrency),
          ...components.flatMap((c) =>
            read(c, 'price', firstText(c.values('priceCurrency')) ?? specCurrency),
          ),
        ];
      }),
    () =>
      offer
        .nodes('offers')
        .filter((inner) => inner !== offer)
        .flatMap((inner) => read(inner, 'price', firstText(inner.values('priceCurrency')) ?? currency)),
  ];
  for (const level of levels) {
    const money = level();
    if (money.length > 0) return [...found, ...money];
  }
  return found;
}

function lowestUsd(money: Money[]): number | undefined {
  let best: number | undefined;
  for (const { amount, currency } of money) {
    if (amount !== 0 && currency !== 'USD') continue;
    const cents = toCents(amount);
    if (cents !== undefined && (best === undefined || cents < best)) best = cents;
  }
  return best;
}

/** The lowest amount in the first currency published (a page rarely lists two foreign currencies). */
function listedPrice(money: Money[]): ListedPrice | undefined {
  const currency = money.find(
    (m) => m.currency !== undefined && m.currency !== 'USD' && m.amount > 0,
  )?.currency;
  if (currency === undefined) return undefined;
  const amounts = money.filter((m) => m.currency === currency && m.amount > 0).map((m) => m.amount);
  return { amount: Math.round(Math.min(...amounts) * 1000) / 1000, currency };
}

function saysFree(course: StructuredNode): boolean {
  return course
    .values('isAccessibleForFree')
    .some((value) =>
      value === true
        ? true
        : /^\s*(?:(?:https?:\/\/)?schema\.org\/)?true\s*$/i.test(
            typeof value === 'string' ? value : value instanceof StructuredNode ? (value.iri ?? '') : '',
          ),
    );
}
