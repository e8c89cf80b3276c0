/**
 * @module @ceu/providers — the providers: ACE and AAMA as configuration files, Relias as code, and any site
 * configured through `CEU_PROVIDERS_FILE` (schema.org `Course` data in JSON-LD, microdata or RDFa, then
 * selectors and credit rules).
 */
export { aamaAdapter } from './aama/adapter.ts';
export { aceAdapter } from './ace/adapter.ts';
export { createJsonLdAdapter } from './jsonld/jsonld-adapter.ts';
export { jsonLdProviderSchema, loadProvidersFile, parseProvidersConfig } from './jsonld/providers-file.ts';
export { reliasAdapter } from './relias/adapter.ts';
