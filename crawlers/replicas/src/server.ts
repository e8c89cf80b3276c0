import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalogSchema, parseOrThrow, type Catalog } from '@ceu/domain';
import { DEFAULT_SEED, generateWorld, replicaBaseUrls } from './ground-truth.ts';
import { PROVIDER_IDS, type ReplicaProviderId } from './site-paths.ts';
import { aamaSite } from './sites/aama-site.ts';
import { aceSite } from './sites/ace-site.ts';
import { reliasSite } from './sites/relias-site.ts';
import type { ReplicaSite, SiteContext, SiteResponse } from './sites/site.ts';
import { escapeHtml } from './text.ts';

export interface ReplicaOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** Serve this catalog instead of the seed's truth (a changed price, a retired course); its urls are ignored. */
  truth?: Catalog;
  /** `drifted` serves redesigned markup the adapters do not know, for drift tests. */
  layout?: 'normal' | 'drifted';
}

export interface ReplicaServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  baseUrls: Record<ReplicaProviderId, string>;
  /** Requests answered so far, how many of them were 304, and how many asked for each path (with its query). */
  stats(): { requests: number; notModified: number; byPath: Record<string, number> };
  close(): Promise<void>;
}

interface Served extends SiteResponse {
  etag: string;
}

/**
 * Serves the three replica sites under one origin (`/aama/`, `/relias/`, `/ace/`) with a shared robots.txt.
 * Every answer carries an ETag (a hash of the body) and Last-Modified (server start); conditional requests
 * that match get 304, If-None-Match taking precedence over If-Modified-Since (RFC 9110 §13.2.2).
 */
export async function startReplicas(options: ReplicaOptions = {}): Promise<ReplicaServer> {
  const seed = options.seed ?? DEFAULT_SEED;
  const layout = options.layout ?? 'normal';
  if (layout !== 'normal' && layout !== 'drifted') throw new TypeError(`unknown layout "${String(layout)}"`);
  // Links are written from record keys, so the world's own base URLs do not matter here.
  const world = generateWorld(replicaBaseUrls('http://replica.invalid'), seed);
  // A hand-edited truth (tests) is checked like any catalog file: a broken one is a clear error, not a broken site.
  const truth = options.truth ? parseOrThrow(catalogSchema, options.truth, 'replica truth') : world.truth;
  const sites: Record<ReplicaProviderId, ReplicaSite> = {
    aama: aamaSite(truth),
    relias: reliasSite(truth, world.reliasEntries),
    ace: aceSite(truth),
  };
  const lastModified = new Date(Math.floor(Date.now() / 1000) * 1000);
  const counters = { requests: 0, notModified: 0 };
  const byPath = new Map<string, number>();

  const route = (req: IncomingMessage): Served => {
    const host = req.headers.host ?? '127.0.0.1';
    const origin = `http://${host}`;
    const url = new URL(req.url ?? '/', origin);
    const response = answer(url, origin);
    const etag = `"${createHash('sha1').update(response.body).digest('base64url')}"`;
    return { ...response, etag };
  };

  const answer = (url: URL, origin: string): SiteResponse => {
    const path = url.pathname;
    if (path === '/robots.txt') return robots(origin);
    if (path === '/') return rootPage();
    for (const id of PROVIDER_IDS) {
      const prefix = `/${id}/`;
      if (path === `/${id}`) return { status: 301, contentType: 'text/plain', body: prefix };
      if (!path.startsWith(prefix)) continue;
      let rest: string;
      try {
        rest = decodeURIComponent(path.slice(prefix.length));
      } catch {
        return notFound();
      }
      const ctx: SiteContext = { prefix, origin, layout };
      return sites[id].handle(rest.replace(/\/+$/, ''), url.searchParams, ctx) ?? notFound();
    }
    return notFound();
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    counters.requests++;
    const key = req.url ?? '';
    byPath.set(key, (byPath.get(key) ?? 0) + 1);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    let served: Served;
    try {
      served = route(req);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`replica error: ${String(error)}\n`);
      return;
    }
    const headers: Record<string, string> = {
      'content-type': served.contentType,
      etag: served.etag,
      'last-modified': lastModified.toUTCString(),
      'cache-control': 'no-cache',
    };
    if (served.status === 301) {
      res.writeHead(301, { location: served.body }).end();
      return;
    }
    if (served.status === 200 && notModified(req, served.etag, lastModified)) {
      counters.notModified++;
      res.writeHead(304, { etag: served.etag, 'last-modified': headers['last-modified'] ?? '' }).end();
      return;
    }
    headers['content-length'] = String(Buffer.byteLength(served.body));
    res.writeHead(served.status, headers);
    res.end(req.method === 'HEAD' ? undefined : served.body);
  };

  const server = createServer(handler);
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(`replicas cannot listen on ${host}:${port}: ${error.code ?? error.message}`, {
          cause: error,
        }),
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostForUrl === '0.0.0.0' ? '127.0.0.1' : hostForUrl}:${address.port}`;
  return {
    url,
    baseUrls: replicaBaseUrls(url),
    stats: () => ({ ...counters, byPath: Object.fromEntries(byPath) }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function notModified(req: IncomingMessage, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    // Weak comparison: W/"x" matches "x".
    return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && lastModified.getTime() <= since;
  }
  return false;
}

function robots(origin: string): SiteResponse {
  return {
    status: 200,
    contentType: 'text/plain; charset=utf-8',
    body: `# Replica sites of the CEU providers
User-agent: *
Disallow: /ace/account/
Disallow: /relias/checkout/
Disallow: /aama/members/
Allow: /

Sitemap: ${origin}/aama/sitemap.xml
Sitemap: ${origin}/ace/sitemap.xml
Sitemap: ${origin}/relias/sitemap.xml
`,
  };
}

function rootPage(): SiteResponse {
  const links = PROVIDER_IDS.map((id) => `<li><a href="/${id}/">${escapeHtml(id)}</a></li>`).join('');
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>CEU provider replicas</title></head><body><h1>Replica sites</h1><ul>${links}</ul></body></html>\n`,
  };
}

function notFound(): SiteResponse {
  return {
    status: 404,
    contentType: 'text/html; charset=utf-8',
    body: '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>Page not found</h1></body></html>\n',
  };
}
