import { createJsonLdAdapter, jsonLdProviderSchema } from '@ceu/providers';
import { type PageRequest, type ProviderAdapter } from '@ceu/crawl-engine';

/** The provider `ceu probe` reads a page as, and how it was chosen. */
export interface ProbeProvider {
  adapter: ProviderAdapter;
  /** The base URL in use: `CEU_PROVIDER_<ID>_URL`, else the provider's live site. */
  baseUrl: string;
  /** `flag`: `--provider`; `url`: the provider whose site holds the URL; `generic`: no provider matched. */
  chosenBy: 'flag' | 'url' | 'generic';
}

/**
 * The provider for a page: the one named, else the one whose base URL or start URLs share the page's
 * origin (the longest matching path wins, so providers sharing a host — the replicas — are told apart),
 * else a throwaway schema.org reader for the page's host. Returns a message when the id is unknown.
 */
export function chooseProbeProvider(
  adapters: ProviderAdapter[],
  baseUrls: Record<string, string>,
  pageUrl: string,
  id: string | undefined,
): ProbeProvider | string {
  const baseUrlOf = (adapter: ProviderAdapter) => baseUrls[adapter.id] ?? adapter.defaultBaseUrl;
  if (id !== undefined) {
    const adapter = adapters.find((a) => a.id === id);
    if (!adapter) return `unknown provider "${id}"; known: ${adapters.map((a) => a.id).join(', ')}`;
    return { adapter, baseUrl: baseUrlOf(adapter), chosenBy: 'flag' };
  }
  let best: { adapter: ProviderAdapter; score: number } | undefined;
  for (const adapter of adapters) {
    const baseUrl = baseUrlOf(adapter);
    const score = Math.max(0, ...siteUrls(adapter, baseUrl).map((url) => matchScore(url, pageUrl)));
    if (score > 0 && (!best || score > best.score)) best = { adapter, score };
  }
  if (best) return { adapter: best.adapter, baseUrl: baseUrlOf(best.adapter), chosenBy: 'url' };
  return genericProvider(pageUrl);
}

/** A schema.org reader configured for this page alone, as an operator's first draft of a provider would be. */
function genericProvider(pageUrl: string): ProbeProvider {
  const host = new URL(pageUrl).hostname.toLowerCase();
  const id =
    host
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+/, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'probe';
  const config = jsonLdProviderSchema.parse({ id, name: host, startUrls: [pageUrl] });
  const adapter = createJsonLdAdapter(config);
  return { adapter, baseUrl: adapter.defaultBaseUrl, chosenBy: 'generic' };
}

function siteUrls(adapter: ProviderAdapter, baseUrl: string): string[] {
  try {
    return [baseUrl, ...adapter.start(baseUrl).map((request) => request.url)];
  } catch {
    // A base URL the adapter cannot build on (CEU_PROVIDER_<ID>_URL malformed) matches nothing.
    return [baseUrl];
  }
}

/** 0: another origin; 1: same origin; more: the page lies under the URL's folder, by the folder's length. */
function matchScore(siteUrl: string, pageUrl: string): number {
  if (!URL.canParse(siteUrl)) return 0;
  const site = new URL(siteUrl);
  const page = new URL(pageUrl);
  if (site.origin !== page.origin) return 0;
  const folder = site.pathname.slice(0, site.pathname.lastIndexOf('/') + 1);
  return page.pathname.startsWith(folder) ? 1 + folder.length : 1;
}

/** Page kinds worth trying on a page no start request names: the names detail pages usually get. */
const DETAIL_KINDS = ['course', 'item', 'detail', 'product', 'page'];

/** How the page's kind is decided; `candidates` are tried by reading the page when neither names it. */
export type PageKindChoice =
  | { request: PageRequest; kindFrom: 'flag' | 'start-url' }
  | { candidates: PageRequest[]; kindFrom: 'best-reading' };

/**
 * The page kind for the adapter's `extract`: `--kind`, else the start request at this URL (same path;
 * the query may differ, as for a listing's later pages), else every start kind and the usual detail kinds,
 * to be tried on the page. A start request's browser rendering is kept.
 */
export function choosePageKind(
  provider: ProbeProvider,
  pageUrl: string,
  kind: string | undefined,
): PageKindChoice {
  let starts: PageRequest[] = [];
  try {
    starts = provider.adapter.start(provider.baseUrl);
  } catch {
    starts = [];
  }
  const samePath = (request: PageRequest) => pathOf(request.url) === pathOf(pageUrl);
  const exact = starts.find((request) => request.url === pageUrl);
  const start = exact ?? starts.find(samePath);
  if (kind !== undefined) {
    const render = start?.kind === kind ? start.render : undefined;
    return { request: { url: pageUrl, kind, ...(render ? { render } : {}) }, kindFrom: 'flag' };
  }
  if (start) {
    return {
      request: { url: pageUrl, kind: start.kind, ...(start.render ? { render: start.render } : {}) },
      kindFrom: 'start-url',
    };
  }
  const kinds = [...new Set([...starts.map((request) => request.kind), ...DETAIL_KINDS])];
  return { candidates: kinds.map((k) => ({ url: pageUrl, kind: k })), kindFrom: 'best-reading' };
}

function pathOf(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}
