import { CATEGORIES, CREDENTIAL_IDS, type Course } from '../schema/course.ts';
import type { Bundle } from '../schema/bundle.ts';
import type { Catalog } from '../schema/catalog.ts';

const byOrder =
  <T>(order: readonly T[]) =>
  (a: T, b: T) =>
    order.indexOf(a) - order.indexOf(b);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One representation per course: set-like arrays sorted and deduplicated, credits in category order,
 * fields in schema order. Equal courses then serialise to equal bytes, so "changed" means changed.
 */
export function canonicalCourse(course: Course): Course {
  const out: Course = {
    id: course.id,
    provider: course.provider,
    title: course.title,
    url: course.url,
    ...(course.description !== undefined ? { description: course.description } : {}),
    ...(course.priceCents !== undefined ? { priceCents: course.priceCents } : {}),
    ...(course.listedPrice !== undefined
      ? { listedPrice: { amount: course.listedPrice.amount, currency: course.listedPrice.currency } }
      : {}),
    ...(course.memberPriceCents !== undefined ? { memberPriceCents: course.memberPriceCents } : {}),
    bundleIds: [...new Set(course.bundleIds)].sort(byString),
    ...(course.hours !== undefined ? { hours: course.hours } : {}),
    ...(course.duration !== undefined ? { duration: course.duration } : {}),
    credits: [...course.credits].sort((a, b) => byOrder(CATEGORIES)(a.category, b.category)),
    approvedBy: [...new Set(course.approvedBy)].sort(byString),
    acceptedFor: [...new Set(course.acceptedFor)].sort(byOrder(CREDENTIAL_IDS)),
    format: course.format,
    ...(course.kind !== undefined ? { kind: course.kind } : {}),
    ...(course.date !== undefined ? { date: course.date } : {}),
    ...(course.location !== undefined ? { location: course.location } : {}),
    ...(course.completeWithinMonths !== undefined
      ? { completeWithinMonths: course.completeWithinMonths }
      : {}),
  };
  return out;
}

export function canonicalBundle(bundle: Bundle): Bundle {
  return {
    id: bundle.id,
    provider: bundle.provider,
    title: bundle.title,
    priceCents: bundle.priceCents,
    months: bundle.months,
    url: bundle.url,
    ...(bundle.description !== undefined ? { description: bundle.description } : {}),
  };
}

/** A catalog in canonical form: records canonical and sorted by id. */
export function canonicalCatalog(catalog: Catalog): Catalog {
  const out: Catalog = {
    courses: catalog.courses.map(canonicalCourse).sort((a, b) => byString(a.id, b.id)),
    bundles: catalog.bundles.map(canonicalBundle).sort((a, b) => byString(a.id, b.id)),
  };
  if (catalog.providers) {
    out.providers = [...catalog.providers]
      .map((p) => ({ id: p.id, name: p.name, url: p.url }))
      .sort((a, b) => byString(a.id, b.id));
  }
  return out;
}

/**
 * The catalog file's bytes: one record per line, so files diff well and a 100k-course export streams.
 * `serializeCatalog(parse(serializeCatalog(c))) === serializeCatalog(c)` for every valid catalog.
 */
export function serializeCatalog(catalog: Catalog): string {
  const c = canonicalCatalog(catalog);
  const list = (items: unknown[]) =>
    items.length === 0 ? '[]' : `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
  const parts = [`  "courses": ${list(c.courses)}`, `  "bundles": ${list(c.bundles)}`];
  if (c.providers) parts.push(`  "providers": ${list(c.providers)}`);
  return `{\n${parts.join(',\n')}\n}\n`;
}
