/** The demo page the API serves at `/`: how to embed the widget, and the widget embedded. */

/** Escapes text for an HTML attribute or text node (the demo page is built as a string). */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page served at `/`: explains the one-tag embed and embeds the widget against `apiUrl`.
 *
 * @example demoPageHtml({ apiUrl: 'http://127.0.0.1:8787' })
 */
export function demoPageHtml(options: { apiUrl: string }): string {
  const api = escapeHtml(options.apiUrl.replace(/\/+$/, ''));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CEU Finder — continuing education for medical assistants</title>
<style>
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#17202a;background:#eef2f4}
main{max-width:1100px;margin:0 auto;padding:2rem 1rem 3rem}
h1{font-size:1.7rem;margin:0 0 .3rem}
p{margin:.2rem 0 1.2rem;color:#3d4752}
pre{background:#17202a;color:#e6edf3;padding:.8rem 1rem;border-radius:8px;overflow:auto;font-size:.85rem}
ceu-finder{box-shadow:0 4px 20px rgb(16 24 40/.08)}
</style>
<script src="${api}/widget.js" defer></script>
</head>
<body>
<main>
<h1>CEU Finder</h1>
<p>Find continuing-education courses for the CMA, RMA, NCMA and CCMA credentials, and the cheapest plan to finish recertification.</p>
<ceu-finder api="${api}"></ceu-finder>
<h2>Put it on your page</h2>
<pre><code>&lt;script src="${api}/widget.js" defer&gt;&lt;/script&gt;
&lt;ceu-finder api="${api}"&gt;&lt;/ceu-finder&gt;</code></pre>
</main>
</body>
</html>
`;
}
