import { createHash } from 'node:crypto';
import { PROBLEM_TYPES } from '../problem-types.ts';
import type { JsonSchema, OpenApiDocument, OpenApiOperation } from './openapi-document.ts';

/** The reference page and the Content-Security-Policy that allows exactly its one inline style sheet. */
export interface DocsPage {
  html: string;
  csp: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/** The docs' own light markdown: `code` spans only, everything else as text. */
const prose = (text: string) =>
  escapeHtml(text).replace(/`([^`]+)`/g, (_, code: string) => `<code>${code}</code>`);

const anchor = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '-');

const CONSTRAINTS: [key: string, label: string][] = [
  ['minimum', '≥'],
  ['exclusiveMinimum', '>'],
  ['maximum', '≤'],
  ['exclusiveMaximum', '<'],
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minItems', 'min items'],
  ['maxItems', 'max items'],
  ['pattern', 'pattern'],
  ['default', 'default'],
];

function constraints(schema: JsonSchema): string {
  const parts: string[] = [];
  for (const [key, label] of CONSTRAINTS) {
    if (schema[key] !== undefined)
      parts.push(`${label} <code>${escapeHtml(JSON.stringify(schema[key]))}</code>`);
  }
  return parts.join(', ');
}

/** A one-line type: `string`, `"a" | "b"`, `array of Course`, `integer or null`. */
function typeOf(schema: JsonSchema): string {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? '';
    return `<a href="#schema-${anchor(name)}">${escapeHtml(name)}</a>`;
  }
  if (Array.isArray(schema.enum))
    return schema.enum.map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(' | ');
  if (schema.const !== undefined) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return union.map(typeOf).join(' or ');
  if (schema.type === 'array') {
    const items = schema.items as JsonSchema | undefined;
    return `array of ${items ? typeOf(items) : 'anything'}`;
  }
  if (schema.type === 'object' && schema.properties === undefined && schema.additionalProperties) {
    const keys = schema.propertyNames as JsonSchema | undefined;
    const values = schema.additionalProperties as JsonSchema | true;
    return `map of ${keys ? typeOf(keys) : 'string'} → ${values === true ? 'anything' : typeOf(values)}`;
  }
  if (Array.isArray(schema.type)) return schema.type.map(String).join(' or ');
  if (typeof schema.type === 'string') return escapeHtml(schema.type);
  return 'anything';
}

/** Nested object schemas of a field, to render as their own table under it. */
function nestedObjects(schema: JsonSchema): JsonSchema[] {
  if (schema.type === 'object' && schema.properties) return [schema];
  if (schema.type === 'array' && schema.items) return nestedObjects(schema.items as JsonSchema);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return union.flatMap(nestedObjects);
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') {
    return nestedObjects(schema.additionalProperties as JsonSchema);
  }
  return [];
}

function propertiesTable(schema: JsonSchema, depth = 0): string {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const rows = Object.entries(properties).map(([name, property]) => {
    const nested =
      depth < 4
        ? nestedObjects(property)
            .map((s) => propertiesTable(s, depth + 1))
            .join('')
        : '';
    const description =
      typeof property.description === 'string' ? `<p>${prose(property.description)}</p>` : '';
    const limits = constraints(property);
    return (
      `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? ' <span class="req">required</span>' : ''}</td>` +
      `<td>${typeOf(property)}${limits ? `<div class="limits">${limits}</div>` : ''}${description}${nested}</td></tr>`
    );
  });
  if (rows.length === 0) return '';
  const strict =
    schema.additionalProperties === false ? '<p class="limits">No other fields are accepted.</p>' : '';
  return `<table><thead><tr><th>field</th><th>type and meaning</th></tr></thead><tbody>${rows.join('')}</tbody></table>${strict}`;
}

function operationSection(method: string, path: string, op: OpenApiOperation): string {
  const id = `op-${op.operationId}`;
  const params = op.parameters?.length
    ? `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>type and meaning</th></tr></thead><tbody>${op.parameters
        .map((p) => {
          const limits = constraints(p.schema);
          const repeat = p.explode ? ' <span class="limits">(repeatable)</span>' : '';
          return `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ''}</td><td>${p.in}</td><td>${typeOf(p.schema)}${repeat}${limits ? `<div class="limits">${limits}</div>` : ''}<p>${prose(p.description)}</p></td></tr>`;
        })
        .join('')}</tbody></table>`
    : '';
  const body = op.requestBody
    ? `<h4>Body${op.requestBody.required ? '' : ' (optional)'}</h4><p>${Object.entries(op.requestBody.content)
        .map(([type, { schema }]) => `<code>${escapeHtml(type)}</code>: ${typeOf(schema)}`)
        .join('<br>')}</p>`
    : '';
  const responses = Object.entries(op.responses)
    .map(([status, response]) => {
      if ('$ref' in response) {
        return `<tr><td>${escapeHtml(status)}</td><td>Rate limited: <a href="#problem-rate-limited">problem</a> with Retry-After</td></tr>`;
      }
      const content = Object.entries(response.content ?? {})
        .map(([type, { schema }]) => `<code>${escapeHtml(type)}</code> ${typeOf(schema)}`)
        .join('<br>');
      return `<tr><td>${escapeHtml(status)}</td><td>${prose(response.description)}${content ? `<br>${content}` : ''}</td></tr>`;
    })
    .join('');
  const security = op.security
    ? '<p class="limits">Requires <code>Authorization: Bearer $CEU_ADMIN_TOKEN</code>.</p>'
    : '';
  return (
    `<section id="${id}"><h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>` +
    `<p><strong>${prose(op.summary)}</strong></p>${op.description ? `<p>${prose(op.description)}</p>` : ''}${security}` +
    `${params}${body}<h4>Responses</h4><table><tbody>${responses}</tbody></table></section>`
  );
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#57606a;--line:#d0d7de;--accent:#0b5cad;--code:#f3f5f7}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9da7b1;--line:#30363d;--accent:#58a6ff;--code:#161b22}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
.wrap{display:grid;grid-template-columns:16rem 1fr;max-width:80rem;margin:0 auto}
nav{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;padding:1.5rem 1rem;border-right:1px solid var(--line);font-size:.9rem}
nav ul{list-style:none;padding:0;margin:0 0 1rem}nav li{margin:.2rem 0}
main{padding:1.5rem 2rem;min-width:0}
a{color:var(--accent)}code{font:.9em ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--code);padding:.1em .3em;border-radius:4px;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;vertical-align:top}
td table{margin:.5rem 0 0;font-size:.9rem}
section{border-top:1px solid var(--line);padding-top:1rem;margin-top:1.5rem}
.method{display:inline-block;min-width:3.5rem;text-align:center;border-radius:4px;padding:0 .4rem;color:#fff;font-size:.8rem;vertical-align:middle}
.get{background:#1a7f37}.post{background:#0b5cad}
.req{color:#b35900;font-size:.8rem}.limits{color:var(--muted);font-size:.85rem}
td p{margin:.25rem 0}
@media (max-width:48rem){.wrap{display:block}nav{position:static;max-height:none;border-right:0;border-bottom:1px solid var(--line)}main{padding:1rem}}
`;

/**
 * The API reference as one self-contained page (no script, no CDN: it must work on a closed network), rendered
 * from the OpenAPI document so that it shows exactly what the server validates.
 */
export function renderDocsPage(doc: OpenApiDocument): DocsPage {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op })),
  );
  const nav = operations
    .map(
      ({ path, method, op }) =>
        `<li><a href="#op-${op.operationId}">${method.toUpperCase()} ${escapeHtml(path)}</a></li>`,
    )
    .join('');
  const schemaNames = Object.keys(doc.components.schemas).sort();
  const schemas = schemaNames
    .map((name) => {
      const schema = doc.components.schemas[name]!;
      const description = typeof schema.description === 'string' ? `<p>${prose(schema.description)}</p>` : '';
      const body = schema.properties
        ? propertiesTable(schema)
        : `<p>${typeOf(schema)}</p>${nestedObjects(schema)
            .map((s) => propertiesTable(s))
            .join('')}`;
      return `<section id="schema-${anchor(name)}"><h3>${escapeHtml(name)}</h3>${description}${body}</section>`;
    })
    .join('');
  const problems = Object.values(PROBLEM_TYPES)
    .map(
      (p) =>
        `<tr id="problem-${p.slug}"><td><code>/docs#problem-${p.slug}</code></td><td>${p.status}</td><td><strong>${escapeHtml(p.title)}</strong><p>${prose(p.description)}</p></td></tr>`,
    )
    .join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.info.title)} — reference</title><style>${STYLE}</style></head>
<body><div class="wrap"><nav aria-label="Contents"><p><strong>${escapeHtml(doc.info.title)}</strong> ${escapeHtml(doc.info.version)}</p>
<ul>${nav}</ul><ul><li><a href="#schemas">Schemas</a></li><li><a href="#problems">Problem types</a></li><li><a href="/openapi.json">openapi.json</a></li></ul></nav>
<main><h1>${escapeHtml(doc.info.title)}</h1><p>${prose(doc.info.description)}</p>
<p>The machine-readable document is <a href="/openapi.json"><code>/openapi.json</code></a> (OpenAPI ${doc.openapi}).</p>
<h2 id="operations">Operations</h2>${operations.map(({ path, method, op }) => operationSection(method, path, op)).join('')}
<h2 id="schemas">Schemas</h2>${schemas}
<h2 id="problems">Problem types</h2><p>Every error is <code>application/problem+json</code> (RFC 9457) with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>, <code>instance</code> (the request id) and, for invalid input, <code>errors: [{ path, message }]</code>.</p>
<table><thead><tr><th>type</th><th>status</th><th>meaning</th></tr></thead><tbody>${problems}</tbody></table>
</main></div></body></html>`;
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
  return { html, csp };
}
