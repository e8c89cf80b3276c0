/** @module @ceu/providers */
export { aamaAdapter } from './aama/adapter.ts';
export { aceAdapter } from './ace/adapter.ts';
export { createJsonLdAdapter } from './jsonld/jsonld-adapter.ts';
export { jsonLdProviderSchema, loadProvidersFile, parseProvidersConfig } from './jsonld/providers-file.ts';
export { reliasAdapter } from './relias/adapter.ts';
