/** Text helpers shared by the truth generator and the replica pages. */

/** Trimmed, single-spaced text: what survives an HTML round trip unchanged. */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A URL path segment from a title: lowercase ASCII letters, digits and dashes. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Cents as people write dollars: `$29.95`, `$1,050.00`; `whole` drops `.00` (`$15`). */
export function formatUsd(cents: number, options: { whole?: boolean } = {}): string {
  const dollars = Math.floor(cents / 100);
  const rest = cents % 100;
  const grouped = dollars.toLocaleString('en-US');
  if (options.whole && rest === 0) return `$${grouped}`;
  return `$${grouped}.${String(rest).padStart(2, '0')}`;
}

/** Points or hours with at least one decimal, as catalogs print them: `1.0`, `1.5`, `0.75`. */
export function formatPoints(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(Math.round(value * 100) / 100);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2027-10-08` → `October 8, 2027`. */
export function formatLongDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1] ?? '?'} ${d}, ${y}`;
}

export { MONTHS };
