import {
  aamaAdapter,
  aceAdapter,
  createJsonLdAdapter,
  loadProvidersFile,
  reliasAdapter,
} from '@ceu/providers';
import { type ProviderAdapter } from '@ceu/crawl-engine';
import { CeuError } from '@ceu/domain';
import type { Config } from './config.ts';

/** The providers this installation crawls, with the cron expressions that configuration gives some of them. */
export interface ConfiguredProviders {
  adapters: ProviderAdapter[];
  /** Provider id → cron expression, for `CEU_PROVIDERS_FILE` providers that set one. */
  cronById: Map<string, string>;
}

/**
 * Every provider this installation crawls: the three built-in adapters and the JSON-LD providers of
 * `CEU_PROVIDERS_FILE`. An id may not be defined twice.
 */
export function providerAdapters(config: Config): ConfiguredProviders {
  const adapters: ProviderAdapter[] = [aamaAdapter, reliasAdapter, aceAdapter];
  const cronById = new Map<string, string>();
  if (config.providersFile) {
    for (const provider of loadProvidersFile(config.providersFile)) {
      if (adapters.some((a) => a.id === provider.id)) {
        throw new CeuError(
          'invalid-input',
          `${config.providersFile}: provider "${provider.id}" is already built in`,
        );
      }
      adapters.push(createJsonLdAdapter(provider));
      if (provider.cron) cronById.set(provider.id, provider.cron);
    }
  }
  return { adapters, cronById };
}

/** The adapters named on the command line (all when none), or a usage problem naming the known ids. */
export function selectAdapters(adapters: ProviderAdapter[], ids: string[]): ProviderAdapter[] | string {
  if (ids.length === 0) return adapters;
  const unknown = ids.filter((id) => !adapters.some((a) => a.id === id));
  if (unknown.length > 0) {
    return `unknown provider ${unknown.map((id) => `"${id}"`).join(', ')}; known: ${adapters.map((a) => a.id).join(', ')}`;
  }
  return adapters.filter((a) => ids.includes(a.id));
}
