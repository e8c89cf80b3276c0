import { parseOrThrow, ValidationError } from '../errors.ts';
import { catalogSchema, type Catalog } from '../schema/catalog.ts';

/** Parses JSON text; a syntax error becomes a ValidationError that names `what` and the position. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`${what} is not valid JSON: ${detail}`, [{ path: '', message: detail }], {
      cause: error,
    });
  }
}

/**
 * Parses catalog JSON text: syntax errors name the position, schema errors name the record index and field.
 * Nothing is returned unless the whole file is valid.
 */
export function parseCatalogText(text: string, what = 'catalog'): Catalog {
  return parseOrThrow(catalogSchema, parseJsonText(text, what), what);
}
