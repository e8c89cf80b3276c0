import { fileURLToPath } from 'node:url';
import type { ProviderAdapter } from '@ceu/crawl-engine';
import { createJsonLdAdapter } from '../jsonld/jsonld-adapter.ts';
import { loadProvidersFile } from '../jsonld/providers-file.ts';

/** The configuration shipped beside this file, in the form of `CEU_PROVIDERS_FILE` (one entry). */
export const ACE_PROVIDERS_FILE = fileURLToPath(new URL('./ace.providers.json', import.meta.url));

const [config] = loadProvidersFile(ACE_PROVIDERS_FILE);
if (config?.id !== 'ace') throw new Error(`${ACE_PROVIDERS_FILE} must define the provider "ace"`);

/**
 * ACE (Annals of Continuing Education): a server-rendered site, read entirely from configuration
 * (`ace.providers.json`): the paginated listing leads to a page per course with CEUs per content area in a
 * table, and the membership page is the annual bundle every course links to.
 */
export const aceAdapter: ProviderAdapter = createJsonLdAdapter(config);
