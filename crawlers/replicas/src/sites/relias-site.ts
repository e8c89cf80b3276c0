import { readFileSync } from 'node:fs';
import type { Bundle, Catalog } from '@ceu/domain';
import { completeCourse } from '../complete-course.ts';
import { keyOfId, sitePaths } from '../site-paths.ts';
import { formatPoints, formatUsd } from '../text.ts';
import {
  MEDICAL_ASSISTANT,
  RELIAS_ACCREDITORS,
  RELIAS_PROFESSIONS,
  US_STATES,
  type ReliasEntry,
} from '../truth/relias-truth.ts';
import { html, intParam, json, sitemap, t, type ReplicaSite, type SiteContext } from './site.ts';

const CATALOG_SCRIPT = readFileSync(new URL('./browser/relias-catalog.js', import.meta.url), 'utf8');
const PAGE_SIZE = 50;
const AREA_LABEL = { general: 'General', clinical: 'Clinical', administrative: 'Administrative' } as const;

function layout(ctx: SiteContext, title: string, main: string, bodyAttrs = ''): string {
  const p = ctx.prefix;
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>${t(title)} - Relias Academy</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="preconnect" href="https://fonts.example.net">
</head>
<body data-layout="${ctx.layout}" ${bodyAttrs}>
<div id="cookie-banner" role="dialog">We use cookies to improve your experience. <button type="button">Accept</button></div>
<header class="rls-header">
  <a class="rls-header__logo" href="${p}">Relias Academy</a>
  <ul class="rls-header__menu">
    <li><a href="${p}${sitePaths.relias.catalog}">Browse Courses</a></li>
    <li><a href="${p}${sitePaths.relias.allAccess}">All Access</a></li>
    <li><a href="${p}checkout/cart">Cart (0)</a></li>
  </ul>
</header>
${main}
<footer class="rls-footer">
  <div>Relias Academy &mdash; online continuing education for healthcare professionals.</div>
  <div><a href="${p}">Home</a> &middot; <a href="${p}${sitePaths.relias.catalog}">Catalog</a> &middot; <a href="https://www.relias.com/">Relias for organizations</a></div>
  <small>&copy; 2026 Relias LLC</small>
</footer>
</body>
</html>
`;
}

interface Listed {
  entry: ReliasEntry;
  key: string;
}

function detailPage(entry: ReliasEntry, bundle: Bundle | undefined, ctx: SiteContext): string {
  const c = entry.course;
  const accredited = c.approvedBy.length > 0;
  const inBundle = bundle !== undefined && c.bundleIds.includes(bundle.id);
  const professions = RELIAS_PROFESSIONS.filter((p) => entry.professions.includes(p.value)).map(
    (p) => p.label,
  );
  if (ctx.layout === 'drifted') {
    return layout(
      ctx,
      c.title,
      `<div class="pdp"><div class="pdp-name">${t(c.title)}</div><div class="pdp-cost">USD ${(c.priceCents / 100).toFixed(2)}</div><div class="pdp-text">${t(c.description ?? '')}</div></div>`,
    );
  }
  const accreditation = accredited
    ? `<section class="product__accreditation">
    <h2>Accreditation</h2>
    ${c.approvedBy
      .map(
        (code) =>
          `<p>This course is approved by the <span class="accreditor">${t(RELIAS_ACCREDITORS[code]?.name ?? code)}</span> for ${formatPoints(c.credits.reduce((s, x) => s + x.points, 0))} continuing education units.</p>`,
      )
      .join('\n    ')}
    <ul class="credit-breakdown">
${c.credits.map((cr) => `      <li><span class="area">${AREA_LABEL[cr.category]}</span>: <span class="points">${formatPoints(cr.points)}</span></li>`).join('\n')}
    </ul>
    <p class="accepted">Accepted for: ${c.acceptedFor.map((x) => `<span class="credential">${x}</span>`).join(', ')}</p>
  </section>`
    : `<section class="product__accreditation product__accreditation--none">
    <h2>Accreditation</h2>
    <p>This course is not accredited for continuing education credit. It is offered for professional development.</p>
  </section>`;
  return layout(
    ctx,
    c.title,
    `<main class="product" id="product">
  <nav class="breadcrumbs"><a href="${ctx.prefix}">Home</a> / <a href="${ctx.prefix}${sitePaths.relias.catalog}">Catalog</a></nav>
  <h1 class="product__title">${t(c.title)}</h1>
  <div class="product__meta">
    <span class="product__hours">${formatPoints(c.hours)} contact hours</span>
    <span class="product__badge">${accredited ? 'Accredited' : 'Non-accredited'}</span>
    <span class="product__format">Online course</span>
  </div>
  <div class="product__buy"><span class="price">${formatUsd(c.priceCents)}</span> <a class="btn" href="${ctx.prefix}checkout/cart?add=${encodeURIComponent(keyOfId(c.id))}">Add to cart</a></div>
  ${inBundle ? `<p class="product__all-access">Included in <a href="${ctx.prefix}${sitePaths.relias.allAccess}">${t(bundle.title)}</a></p>` : ''}
  ${c.kind === 'cpr-card' ? '<p class="product__card">Completion earns a two-year certification card (CPR/BLS).</p>' : ''}
  <section class="product__description">
    <h2>Overview</h2>
    <p>${t(c.description ?? '')}</p>
  </section>
  ${accreditation}
  <section class="product__audience"><h2>Professions</h2><p>${professions.map(t).join(', ')}</p>
  ${entry.states.length ? `<p>Meets state requirements: ${entry.states.join(', ')}</p>` : ''}</section>
</main>`,
  );
}

/** The catalog's JSON answer for the script: one page of the filtered list. */
function searchApi(listed: Listed[], query: URLSearchParams) {
  const profession = query.get('profession') ?? '';
  const state = query.get('state') ?? '';
  const page = intParam(query, 'page', 1) ?? 1;
  const hits = listed.filter(
    ({ entry }) =>
      (profession === '' || entry.professions.includes(profession)) &&
      (state === '' || entry.states.includes(state)),
  );
  return {
    total: hits.length,
    page,
    pageSize: PAGE_SIZE,
    items: hits.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ entry, key }) => ({
      key,
      title: entry.course.title,
      hours: entry.course.hours,
      price: formatUsd(entry.course.priceCents),
      accredited: entry.course.approvedBy.length > 0,
    })),
  };
}

/**
 * Relias Academy: the catalog page holds no course data; a script asks a JSON endpoint and builds the list,
 * filtered by the profession and state dropdowns. Course pages are server-rendered. The truth's relias
 * courses replace the seed's medical-assistant courses, so a test can change or retire one.
 */
export function reliasSite(truth: Catalog, seedEntries: ReliasEntry[]): ReplicaSite {
  const seedById = new Map(seedEntries.map((e) => [e.course.id, e]));
  const truthEntries = truth.courses
    .filter((c) => c.provider === 'relias')
    .map(completeCourse)
    .map((course): ReliasEntry => {
      const seeded = seedById.get(course.id);
      const professions = seeded?.professions ?? [MEDICAL_ASSISTANT];
      return {
        course,
        professions: professions.includes(MEDICAL_ASSISTANT)
          ? professions
          : [MEDICAL_ASSISTANT, ...professions],
        states: seeded?.states ?? [],
      };
    });
  const others = seedEntries.filter((e) => !e.professions.includes(MEDICAL_ASSISTANT));
  const listed: Listed[] = [...truthEntries, ...others]
    .map((entry) => ({ entry, key: keyOfId(entry.course.id) }))
    .sort(
      (a, b) => a.entry.course.title.localeCompare(b.entry.course.title, 'en') || (a.key < b.key ? -1 : 1),
    );
  const byKey = new Map(listed.map((l) => [l.key, l.entry]));
  const bundle = truth.bundles.find((b) => b.provider === 'relias');

  return {
    handle(path, query, ctx) {
      const p = ctx.prefix;
      switch (path) {
        case '':
          return html(
            layout(
              ctx,
              'Online CE courses',
              `<main class="home"><h1>Continuing education for every healthcare role</h1><p>${listed.length.toLocaleString('en-US')} courses. <a href="${p}${sitePaths.relias.catalog}">Browse the catalog</a> or get <a href="${p}${sitePaths.relias.allAccess}">All Access</a>.</p></main>`,
            ),
          );
        case sitePaths.relias.catalog:
          // The shell only: the list and even the dropdown options come from the script.
          return html(
            layout(
              ctx,
              'Course Catalog',
              `<main class="catalog">
  <h1>Course Catalog</h1>
  <form class="filters" onsubmit="return false">
    <label>License / profession <select id="profession" name="profession" disabled><option value="">Loading&hellip;</option></select></label>
    <label>State <select id="state" name="state" disabled><option value="">Loading&hellip;</option></select></label>
  </form>
  <p id="results-count" aria-live="polite"></p>
  <ul id="results" data-status="loading"></ul>
  <nav id="pager" aria-label="Pages"></nav>
  <noscript>Please enable JavaScript to browse the catalog.</noscript>
</main>
<script src="${p}assets/catalog.js" defer></script>`,
            ),
          );
        case 'assets/catalog.js':
          return { status: 200, contentType: 'text/javascript; charset=utf-8', body: CATALOG_SCRIPT };
        case 'api/catalog/facets':
          return json({
            professions: RELIAS_PROFESSIONS,
            states: US_STATES.map(([value, label]) => ({ value, label })),
          });
        case 'api/catalog/search':
          return json(searchApi(listed, query));
        case sitePaths.relias.allAccess:
          if (!bundle) return undefined;
          return html(
            layout(
              ctx,
              bundle.title,
              ctx.layout === 'drifted'
                ? `<div class="offer"><div class="offer-name">${t(bundle.title)}</div><div>USD ${(bundle.priceCents / 100).toFixed(2)} yearly</div></div>`
                : `<main class="all-access">
  <h1 class="all-access__title">${t(bundle.title)}</h1>
  <p class="all-access__price"><span class="price">${formatUsd(bundle.priceCents)}</span> <span class="term">per year</span></p>
  <p class="all-access__summary">${t(bundle.description ?? '')}</p>
  <p>Choose from ${listed.length.toLocaleString('en-US')} courses for every profession, including state-mandated topics.</p>
  <a class="btn" href="${p}checkout/cart?add=all-access">Buy All Access</a>
</main>`,
            ),
          );
        case 'sitemap.xml': {
          const abs = (x: string) => `${ctx.origin}${p}${x}`;
          return sitemap([abs(''), abs(sitePaths.relias.catalog), abs(sitePaths.relias.allAccess)]);
        }
        case 'checkout/cart':
          return html(layout(ctx, 'Cart', '<main><h1>Your cart is empty</h1></main>'));
      }
      if (path.startsWith('courses/')) {
        const entry = byKey.get(path.slice('courses/'.length));
        return entry ? html(detailPage(entry, bundle, ctx)) : undefined;
      }
      return undefined;
    },
  };
}
