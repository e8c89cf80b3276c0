/** `http://schema.org/`, `https://schema.org/`, `http://www.schema.org/`, `schema.org/`: all spellings pages use. */
const SCHEMA_ORG_IRI = /^(?:https?:\/\/)?(?:www\.)?schema\.org\/+#?/i;

/** Prefixes that name schema.org without a context saying so (`schema:` is in RDFa's initial context). */
const DEFAULT_PREFIXES: ReadonlyMap<string, string> = new Map([['schema', 'http://schema.org/']]);

/**
 * The schema.org local name of a term as published (`name`, `schema:name`, `https://schema.org/name`, or a
 * prefix the page's own context maps to schema.org), or undefined for another vocabulary's term. A bare term
 * counts as schema.org's: pages write `"@type": "Course"` under any context, and readers (search engines
 * included) take it so.
 */
export function schemaLocalName(
  term: string,
  prefixes: ReadonlyMap<string, string> = DEFAULT_PREFIXES,
): string | undefined {
  const text = term.trim();
  if (text === '') return undefined;
  const iri = SCHEMA_ORG_IRI.exec(text);
  if (iri) return localPart(text.slice(iri[0].length));
  const colon = text.indexOf(':');
  if (colon < 0) return localPart(text);
  const prefix = text.slice(0, colon).toLowerCase();
  const expansion = prefixes.get(prefix) ?? DEFAULT_PREFIXES.get(prefix);
  if (expansion === undefined || !SCHEMA_ORG_IRI.test(expansion)) return undefined;
  return localPart(text.slice(colon + 1).replace(/^\/\//, ''));
}

/** A local name is one path segment of letters, digits and `_` (`Course`, `hasCourseInstance`; `Course/` too). */
function localPart(value: string): string | undefined {
  const name = value.replace(/\/+$/, '');
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(name) ? name : undefined;
}

/** Type names compare case-insensitively: pages publish `course` and `COURSE` too. */
export function typeKey(name: string): string {
  return name.toLowerCase();
}

/** The set of type keys for a list of configured type names (`['Course']`, `['schema:Course', 'Product']`). */
export function typeKeys(names: readonly string[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const name of names) {
    const local = schemaLocalName(name);
    if (local !== undefined) keys.add(typeKey(local));
  }
  return keys;
}
