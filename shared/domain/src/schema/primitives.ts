import { z } from 'zod';

/** Provider ids are short lowercase slugs: `aama`, `relias`, `ace`, or one from `CEU_PROVIDERS_FILE`. */
export const providerIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a provider id is 1-40 lowercase letters, digits or dashes');

/** `<provider>:<provider's own key>`; the key is printable, without spaces. */
export const recordIdSchema = z
  .string()
  .max(200)
  .regex(
    /^[a-z0-9][a-z0-9-]{0,39}:[\x21-\x7e]{1,159}$/,
    'an id is "<provider>:<key>" (the key printable ASCII without spaces)',
  );

/** The provider part of a record id (`ace:abc` → `ace`). */
export function providerOfId(id: string): string {
  return id.slice(0, id.indexOf(':'));
}

/** Absolute http(s) URL; anything else (javascript:, data:, relative) is refused. */
export const httpUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL');

/** Money is integer US cents; the cap keeps sums far inside safe integers. */
export const centsSchema = z.number().int('cents are whole numbers').min(0).max(100_000_000);

/** `YYYY-MM-DD` and a real calendar day (2025-02-30 is refused). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine(isRealDate, 'no such calendar day');

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    y >= 1900 &&
    y <= 2200 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d
  );
}

/** Points and hours are published with at most two decimals; more precision is noise or an attack. */
export function hundredths(value: number): boolean {
  return Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
}

/** Plain text field: no control characters except newline and tab. */
export function plainText(max: number) {
  return (
    z
      .string()
      .max(max)
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$/, 'control characters are not allowed')
  );
}
