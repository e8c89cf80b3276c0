import { ValidationError } from '../errors.ts';
import { parseOrThrow } from '../errors.ts';
import { catalogSchema, type Catalog } from '../schema/catalog.ts';

/**
 * Parses catalog JSON text: syntax errors name the position, schema errors name the record index and field.
 * Nothing is returned unless the whole file is valid.
 */
export function parseCatalogText(text: string, what = 'catalog'): Catalog {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`${what} is not valid JSON: ${detail}`, [{ path: '', message: detail }], {
      cause: error,
    });
  }
  return parseOrThrow(catalogSchema, raw, what);
}
