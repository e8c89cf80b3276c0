import { fileURLToPath } from 'node:url';
import type { ProviderAdapter } from '@ceu/crawl-engine';
import { createJsonLdAdapter } from '../jsonld/jsonld-adapter.ts';
import { loadProvidersFile } from '../jsonld/providers-file.ts';

/** The configuration shipped beside this file, in the form of `CEU_PROVIDERS_FILE` (one entry). */
export const AAMA_PROVIDERS_FILE = fileURLToPath(new URL('./aama.providers.json', import.meta.url));

const [config] = loadProvidersFile(AAMA_PROVIDERS_FILE);
if (config?.id !== 'aama') throw new Error(`${AAMA_PROVIDERS_FILE} must define the provider "aama"`);

/**
 * The AAMA e-Learning Center, read entirely from configuration (`aama.providers.json`): an offset-paged
 * catalog table leads to a product page per article quiz, CMA Today test, self-study program, webinar,
 * workshop and the annual conference, each a definition list (format, CEUs by area on one line, hours,
 * member and nonmember prices, completion limit, date, place).
 */
export const aamaAdapter: ProviderAdapter = createJsonLdAdapter(config);
