/**
 * A third-party page on its own origin that embeds the widget with the documented two tags, as a clinic's
 * site would. Served with a strict Content-Security-Policy (no inline styles or scripts), so the test
 * proves the widget needs nothing the host must loosen beyond allowing the API's origin.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPage {
  url: string;
  close(): Promise<void>;
}

export interface HostPageOptions {
  apiUrl: string;
  /** Extra attributes on the <ceu-finder> tag, e.g. { lang: 'es', credential: 'CMA' }. */
  attributes?: Record<string, string>;
  /** Leave out `api="…"`: the widget must then use the origin widget.js came from. */
  omitApiAttribute?: boolean;
}

const attr = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Starts the host page on 127.0.0.1, port 0; `/` embeds the widget, `/theme.css` themes it. */
export async function startHostPage(options: HostPageOptions): Promise<HostPage> {
  const api = options.apiUrl.replace(/\/+$/, '');
  const extra = Object.entries(options.attributes ?? {})
    .map(([k, v]) => ` ${k}="${attr(v)}"`)
    .join('');
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Riverside Clinic — staff education</title>
<link rel="stylesheet" href="/theme.css">
<script src="${attr(api)}/widget.js" defer></script>
</head>
<body>
<main>
<h1>Staff continuing education</h1>
<p>Keep your credential current: search courses or make a plan below.</p>
<ceu-finder${options.omitApiAttribute ? '' : ` api="${attr(api)}"`}${extra}></ceu-finder>
</main>
</body>
</html>`;
  // Hostile host styles: if they reached into the widget, its layout would break visibly.
  const css = `body{margin:0;font-family:Georgia,serif;background:#f4f1ea;color:#222}
main{max-width:1100px;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.6rem;margin:.2rem 0}
button,input,li,a{all:unset;font-size:40px;color:red}
ceu-finder{--ceu-accent:#6b2fa3;margin-top:1rem}`;
  const csp = `default-src 'none'; script-src ${api}; connect-src ${api}; style-src 'self'; img-src 'self' data:; frame-src 'self'`;
  const server = http.createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      res.end(page);
    } else if (req.url === '/theme.css') {
      res.writeHead(200, { 'content-type': 'text/css' });
      res.end(css);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
