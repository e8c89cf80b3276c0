import type { Catalog } from '@ceu/domain';
import { completeCourse, type CompleteCourse } from '../complete-course.ts';
import { keyOfId, sitePaths } from '../site-paths.ts';
import { formatLongDate, formatPoints, formatUsd } from '../text.ts';
import { AAMA_SECTIONS, aamaSectionOf } from '../truth/aama-truth.ts';
import { html, intParam, sitemap, t, type ReplicaSite, type SiteContext } from './site.ts';

const PAGE_SIZE = 25;
const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/** The label the e-Learning Center prints for a format. */
function formatLabel(course: CompleteCourse): string {
  switch (course.format) {
    case 'article-quiz':
      return aamaSectionOf(keyOfId(course.id)) === 'CMT' ? 'CMA Today CE test' : 'e-Learning article quiz';
    case 'self-study':
      return 'Self-study program';
    case 'live-webinar':
      return 'Live webinar';
    case 'in-person':
      return 'Workshop';
    case 'conference':
      return 'Conference';
    case 'online':
      return 'Online course';
  }
}

const memberPrice = (cents: number | undefined) =>
  cents === undefined ? 'N/A' : cents === 0 ? 'Free' : formatUsd(cents);

function layout(ctx: SiteContext, title: string, main: string): string {
  const p = ctx.prefix;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${t(title)} - AAMA</title>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header id="header">
  <div class="brand"><a href="${p}">American Association of Medical Assistants</a></div>
  <ul class="utility"><li><a href="${p}members/login">Member login</a></li><li><a href="${p}members/join">Join the AAMA</a></li></ul>
  <nav class="primary"><ul>
    <li><a href="${p}">e-Learning Center</a></li>
    <li><a href="${p}${sitePaths.aama.catalog}">CE catalog</a></li>
    <li><a href="${p}${sitePaths.aama.catalog}?section=CMT">CMA Today</a></li>
    <li><a href="${p}${sitePaths.aama.conference}">Annual Conference</a></li>
  </ul></nav>
</header>
<div id="main">
${main}
</div>
<footer id="footer">
  <p>AAMA &bull; 20 N. Wacker Dr., Ste. 1575 &bull; Chicago, IL 60606 &bull; 800/228-2262</p>
  <p>CMA (AAMA)&reg; is a registered certification mark of the American Association of Medical Assistants.</p>
</footer>
</body>
</html>
`;
}

function creditsText(course: CompleteCourse): string {
  const total = course.credits.reduce((s, c) => s + c.points, 0);
  return `${formatPoints(total)} (${course.credits.map((c) => `${formatPoints(c.points)} ${c.category}`).join(', ')})`;
}

function listing(
  items: CompleteCourse[],
  start: number,
  section: string | null,
  ctx: SiteContext,
): string | undefined {
  const shown = section ? items.filter((c) => aamaSectionOf(keyOfId(c.id)) === section) : items;
  if (start < 0 || (start > 0 && start >= shown.length) || start % PAGE_SIZE !== 0) return undefined;
  const slice = shown.slice(start, start + PAGE_SIZE);
  const href = (c: CompleteCourse) => `${ctx.prefix}${sitePaths.aama.item(keyOfId(c.id))}`;
  const link = (s: number) =>
    `${ctx.prefix}${sitePaths.aama.catalog}?${section ? `section=${section}&amp;` : ''}start=${s}`;
  const table =
    ctx.layout === 'drifted'
      ? slice
          .map(
            (c) =>
              `<div class="product-tile"><a class="product-tile__link" href="${href(c)}"><span>${t(c.title)}</span></a><span class="product-tile__ceu">${formatPoints(c.hours)} CEU</span></div>`,
          )
          .join('\n')
      : `<table class="catalog-results">
  <thead><tr><th>Product</th><th>Type</th><th>CEUs</th><th>Member</th><th>Nonmember</th></tr></thead>
  <tbody>
${slice
  .map(
    (c) =>
      `  <tr><td class="title"><a href="${href(c)}">${t(c.title)}</a></td><td>${formatLabel(c)}</td><td>${formatPoints(c.credits.reduce((s, x) => s + x.points, 0))}</td><td>${memberPrice(c.memberPriceCents)}</td><td>${formatUsd(c.priceCents)}</td></tr>`,
  )
  .join('\n')}
  </tbody>
</table>`;
  const sections = Object.entries(AAMA_SECTIONS)
    .map(
      ([code, label]) =>
        `<li><a href="${ctx.prefix}${sitePaths.aama.catalog}?section=${code}">${t(label)}</a></li>`,
    )
    .join('');
  return layout(
    ctx,
    'CE catalog',
    `<h1>CE Catalog</h1>
<aside class="filters"><h2>Browse by type</h2><ul>${sections}</ul></aside>
<p class="summary">Showing ${shown.length === 0 ? 0 : start + 1}&ndash;${start + slice.length} of ${shown.length}</p>
${table}
<div class="paging">
  ${start > 0 ? `<a class="prev" href="${link(start - PAGE_SIZE)}">Previous</a>` : ''}
  ${start + PAGE_SIZE < shown.length ? `<a class="next" href="${link(start + PAGE_SIZE)}">Next</a>` : ''}
</div>`,
  );
}

function itemPage(course: CompleteCourse, ctx: SiteContext): string {
  const key = keyOfId(course.id);
  if (ctx.layout === 'drifted') {
    return layout(
      ctx,
      course.title,
      `<div class="item-v2"><h2>${t(course.title)}</h2><p>${t(course.description ?? '')}</p><p>Price: ${formatUsd(course.priceCents)}</p></div>`,
    );
  }
  const rows: [string, string][] = [
    ['Format', t(formatLabel(course))],
    ['AAMA CEUs', creditsText(course)],
    ['Contact hours', formatPoints(course.hours)],
    ['Member price', memberPrice(course.memberPriceCents)],
    ['Nonmember price', formatUsd(course.priceCents)],
  ];
  if (course.completeWithinMonths !== undefined) {
    const n = course.completeWithinMonths;
    rows.push(['Completion', `Must be completed within ${NUMBER_WORDS[n] ?? String(n)} months of purchase.`]);
  }
  if (course.date !== undefined) {
    rows.push(['Date', `<time datetime="${course.date}">${formatLongDate(course.date)}</time>`]);
  }
  if (course.location !== undefined) rows.push(['Location', t(course.location)]);
  return layout(
    ctx,
    course.title,
    `<div class="breadcrumb"><a href="${ctx.prefix}">e-Learning Center</a> &gt; <a href="${ctx.prefix}${sitePaths.aama.catalog}">CE catalog</a></div>
<div id="product-detail">
  <h1>${t(course.title)}</h1>
  <p class="product-code">Product code: <span>${t(key)}</span></p>
  <dl class="product-info">
${rows.map(([k, v]) => `    <dt>${k}</dt>\n    <dd>${v}</dd>`).join('\n')}
  </dl>
  <div class="description">
    <p>${t(course.description ?? '')}</p>
  </div>
  <p class="approval">${course.approvedBy.includes('AAMA') ? 'Approved for AAMA CEUs.' : ''} Applies toward ${course.acceptedFor.map((c) => `<span class="credential">${c}</span>`).join(', ')} recertification.</p>
  <p class="member-note">AAMA members save on every product. <a href="${ctx.prefix}members/join">Join today</a>.</p>
  <a class="button" href="${ctx.prefix}members/login?product=${encodeURIComponent(key)}">Add to cart</a>
</div>`,
  );
}

/**
 * The AAMA e-Learning Center: a table catalog paged by offset with member and nonmember prices, a product
 * page per item, and a conference page with date and place.
 */
export function aamaSite(truth: Catalog): ReplicaSite {
  const order = Object.keys(AAMA_SECTIONS);
  const items = truth.courses
    .filter((c) => c.provider === 'aama')
    .map(completeCourse)
    .sort(
      (a, b) =>
        order.indexOf(aamaSectionOf(keyOfId(a.id))) - order.indexOf(aamaSectionOf(keyOfId(b.id))) ||
        (a.id < b.id ? -1 : 1),
    );
  const byKey = new Map(items.map((c) => [keyOfId(c.id), c]));
  const conference = items.find((c) => c.format === 'conference');
  return {
    handle(path, query, ctx) {
      const p = ctx.prefix;
      if (path === '') {
        return html(
          layout(
            ctx,
            'e-Learning Center',
            `<h1>e-Learning Center</h1>
<p>Earn AAMA CEUs online: take a test on a recently published article and see your results at once; your AAMA transcript is updated automatically.</p>
<ul class="sections">${Object.entries(AAMA_SECTIONS)
              .map(
                ([code, label]) =>
                  `<li><a href="${p}${sitePaths.aama.catalog}?section=${code}">${t(label)}</a></li>`,
              )
              .join('')}</ul>
<p><a href="${p}${sitePaths.aama.catalog}">Browse the full catalog</a></p>`,
          ),
        );
      }
      if (path === sitePaths.aama.catalog) {
        const start = intParam(query, 'start', 0);
        const section = query.get('section');
        if (start === undefined || (section !== null && !(section in AAMA_SECTIONS))) return undefined;
        const page = listing(items, start, section, ctx);
        return page === undefined ? undefined : html(page);
      }
      if (path.startsWith('catalog/item/')) {
        const course = byKey.get(path.slice('catalog/item/'.length));
        return course ? html(itemPage(course, ctx)) : undefined;
      }
      if (path === sitePaths.aama.conference && conference) {
        return html(
          layout(
            ctx,
            conference.title,
            `<h1>${t(conference.title)}</h1>
<p class="when-where">${conference.date ? `<time datetime="${conference.date}">${formatLongDate(conference.date)}</time>` : ''} &middot; ${t(conference.location ?? '')}</p>
<p>Earn up to ${formatPoints(conference.hours)} AAMA CEUs in three days of sessions.</p>
<p><a class="register" href="${p}${sitePaths.aama.item(keyOfId(conference.id))}">Register now</a></p>`,
          ),
        );
      }
      if (path.startsWith('members/'))
        return html(layout(ctx, 'Member login', '<h1>Log in</h1><form method="post"></form>'));
      if (path === 'sitemap.xml') {
        const abs = (x: string) => `${ctx.origin}${p}${x}`;
        return sitemap([
          abs(''),
          abs(sitePaths.aama.catalog),
          abs(sitePaths.aama.conference),
          ...items.map((c) => abs(sitePaths.aama.item(keyOfId(c.id)))),
        ]);
      }
      return undefined;
    },
  };
}
