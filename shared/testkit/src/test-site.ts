import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the test site saw it. */
export interface LoggedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  at: number;
}

export type Route = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  hit: number,
) => void | Promise<void>;

/** A small real HTTP server on 127.0.0.1, port 0, for fault-injection tests (test support, not exported). */
export interface TestSite {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  host: string;
  requests: LoggedRequest[];
  /** Most requests the server was answering at once. */
  peakConcurrent: number;
  routes: Record<string, Route>;
  close(): Promise<void>;
}

/** Serves `routes` by exact path (query included when the key has one); anything else is 404. */
export async function startTestSite(routes: Record<string, Route>): Promise<TestSite> {
  const hits = new Map<string, number>();
  let active = 0;
  const sockets = new Set<Socket>();
  const site: TestSite = {
    url: '',
    host: '',
    requests: [],
    peakConcurrent: 0,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const full = req.url ?? '/';
    const path = full in site.routes ? full : (full.split('?')[0] ?? '/');
    site.requests.push({ path: full, headers: req.headers, at: Date.now() });
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    active++;
    site.peakConcurrent = Math.max(site.peakConcurrent, active);
    res.on('close', () => active--);
    const route = site.routes[path];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(route(req, res, hit)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  site.url = `http://127.0.0.1:${port}/`;
  site.host = `127.0.0.1:${port}`;
  return site;
}

/** A route answering `body` with a content type and optional headers. */
export function send(
  body: string,
  type = 'text/html; charset=utf-8',
  headers: Record<string, string> = {},
): Route {
  return (_req, res) => {
    res
      .writeHead(200, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...headers })
      .end(body);
  };
}

/** A route that honours If-None-Match with a fixed ETag (and Last-Modified), as a static file server does. */
export function sendCached(body: () => string, type = 'text/html; charset=utf-8'): Route {
  return (req, res) => {
    const text = body();
    const etag = `"${createHash('sha1').update(text).digest('base64url')}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': type, etag, 'last-modified': 'Mon, 02 Nov 2026 10:00:00 GMT' })
      .end(text);
  };
}

export interface TestCourse {
  path: string;
  name: string;
  price: number | string;
  hours?: string;
  points?: number;
  category?: string;
  description?: string;
}

/** An HTML page carrying one schema.org Course as JSON-LD. */
export function coursePage(course: TestCourse, extraHtml = ''): string {
  const jsonld = {
    '@context': 'https://schema.org',
    '@type': 'Course',
    name: course.name,
    url: course.path,
    description: course.description ?? `<p>About <b>${course.name}</b>.</p>`,
    offers: { '@type': 'Offer', price: course.price, priceCurrency: 'USD' },
    timeRequired: course.hours ?? 'PT1H30M',
    numberOfCredits: course.points ?? 1.5,
    about: { '@type': 'Thing', name: course.category ?? 'Clinical' },
  };
  return `<!doctype html><html><head><title>${course.name}</title>
<script type="application/ld+json">${JSON.stringify(jsonld)}</script></head>
<body><h1>${course.name}</h1>${extraHtml}</body></html>`;
}

/** A listing page linking to `paths`. */
export function listingPage(paths: string[], extraHtml = ''): string {
  return `<!doctype html><html><body><ul>${paths.map((p) => `<li><a href="${p}">${p}</a></li>`).join('')}</ul>${extraHtml}</body></html>`;
}
