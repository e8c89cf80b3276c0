import type { Bundle, Catalog } from '@ceu/domain';
import { completeCourse, type CompleteCourse } from '../complete-course.ts';
import { keyOfId, sitePaths } from '../site-paths.ts';
import { formatPoints, formatUsd } from '../text.ts';
import { html, intParam, sitemap, t, type ReplicaSite, type SiteContext, type SiteResponse } from './site.ts';

const PAGE_SIZE = 12;
const AREA_LABEL = { general: 'General', clinical: 'Clinical', administrative: 'Administrative' } as const;
/** Which certifying body accepts ACE credit for which credential; ARMA's registry is also an RMA. */
const ACCEPTING_BODIES = [
  ['AAMA', 'CMA'],
  ['AMT', 'RMA'],
  ['NHA', 'CCMA'],
  ['NCCT', 'NCMA'],
  ['ARMA', 'RMA'],
] as const;

function layout(ctx: SiteContext, title: string, main: string, head = ''): string {
  const p = ctx.prefix;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${t(title)} | ACE: Annals of Continuing Education</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="${p}static/site.css">
  ${head}
</head>
<body class="ace ${ctx.layout === 'drifted' ? 'theme-2027' : 'theme-classic'}">
  <div class="topbar">Questions? Call 1-800-555-0142 &middot; Mon&ndash;Fri 9&ndash;5 ET</div>
  <header class="site-header">
    <a class="logo" href="${p}">ACE <small>Annals of Continuing Education</small></a>
    <nav class="main-nav">
      <a href="${p}">Home</a>
      <a href="${p}${sitePaths.ace.listing}">Courses</a>
      <a href="${p}${sitePaths.ace.membership}">Membership</a>
      <a href="${p}about">About</a>
      <a href="${p}account/login">Log in</a>
    </nav>
  </header>
  <main id="content">
${main}
  </main>
  <footer class="site-footer">
    <p>ACE courses are approved by the American Association of Medical Assistants (AAMA) and accepted by AAMA, AMT, NHA &amp; ARMA.</p>
    <p><a href="${p}about">About ACE</a> | <a href="${p}privacy">Privacy</a> | <a href="https://www.facebook.com/annalsofce">Facebook</a></p>
    <p>&copy; 2026 Annals of Continuing Education. All rights reserved.</p>
  </footer>
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({ page: ${JSON.stringify(title).replace(/</g, '\\u003c')} });</script>
</body>
</html>
`;
}

function areas(course: CompleteCourse): string {
  return course.credits.map((c) => AREA_LABEL[c.category]).join(', ');
}

function listing(courses: CompleteCourse[], page: number, ctx: SiteContext): SiteResponse | undefined {
  const pages = Math.max(1, Math.ceil(courses.length / PAGE_SIZE));
  if (page < 1 || page > pages) return undefined;
  const slice = courses.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const href = (key: string) => `${ctx.prefix}${sitePaths.ace.course(key)}`;
  const total = (c: CompleteCourse) => formatPoints(c.credits.reduce((s, x) => s + x.points, 0));
  const rows =
    ctx.layout === 'drifted'
      ? `<div class="course-grid">\n${slice
          .map(
            (c) => `  <article class="card">
    <h3 class="card__heading"><a href="${href(keyOfId(c.id))}">${t(c.title)}</a></h3>
    <div class="card__meta">${total(c)} CE credits &bull; ${t(areas(c))}</div>
  </article>`,
          )
          .join('\n')}\n</div>`
      : `<table class="course-table">
  <thead><tr><th scope="col">Course</th><th scope="col">CEUs</th><th scope="col">Content areas</th></tr></thead>
  <tbody>
${slice
  .map(
    (c) => `    <tr class="course-row">
      <td><a class="course-link" href="${href(keyOfId(c.id))}">
        ${t(c.title)}
      </a></td>
      <td class="ceus">${total(c)}</td>
      <td class="areas">${t(areas(c))}</td>
    </tr>`,
  )
  .join('\n')}
  </tbody>
</table>`;
  const link = (n: number) => `${ctx.prefix}${sitePaths.ace.listing}?page=${n}`;
  const numbers = Array.from({ length: pages }, (_, i) =>
    i + 1 === page ? `<span class="current">${i + 1}</span>` : `<a href="${link(i + 1)}">${i + 1}</a>`,
  ).join(' ');
  const pager =
    ctx.layout === 'drifted'
      ? page < pages
        ? `<div class="load-more"><a class="btn-more" href="${link(page + 1)}">Show more courses</a></div>`
        : ''
      : `<nav class="pagination" aria-label="Pages">
    ${page > 1 ? `<a rel="prev" href="${link(page - 1)}">&laquo; Previous</a>` : ''}
    ${numbers}
    ${page < pages ? `<a rel="next" class="next" href="${link(page + 1)}">Next &raquo;</a>` : ''}
  </nav>`;
  return html(
    layout(
      ctx,
      page === 1 ? 'All Courses' : `All Courses, page ${page}`,
      `<h1>All Courses</h1>
  <p class="intro">Every course is AAMA-approved. Pass with 80% or better; you have three attempts. Showing ${slice.length} of ${courses.length} courses.</p>
  ${rows}
  ${pager}`,
    ),
  );
}

function detail(course: CompleteCourse, membership: Bundle | undefined, ctx: SiteContext): string {
  const key = keyOfId(course.id);
  const total = formatPoints(course.credits.reduce((s, x) => s + x.points, 0));
  const accepted = ACCEPTING_BODIES.filter(([, cred]) => course.acceptedFor.includes(cred));
  const canonical = `<link rel="canonical" href="${t(`${ctx.origin}${ctx.prefix}${sitePaths.ace.course(key)}`)}">`;
  const inMembership = membership !== undefined && course.bundleIds.includes(membership.id);
  const membershipNote = inMembership
    ? `<p class="member-note">Free with <a class="membership-link" href="${ctx.prefix}${sitePaths.ace.membership}">${t(membership.title)}</a> (${formatUsd(membership.priceCents)}/year)</p>`
    : '';
  if (ctx.layout === 'drifted') {
    return layout(
      ctx,
      course.title,
      `<section class="hero"><h2 class="hero__title">${t(course.title)}</h2></section>
  <div class="hero__body">${t(course.description ?? '')}</div>
  <ul class="credit-list">${course.credits.map((c) => `<li>${formatPoints(c.points)} ${AREA_LABEL[c.category]}</li>`).join('')}</ul>
  <p>${formatUsd(course.priceCents)} &middot; ${course.hours} hrs</p>`,
      canonical,
    );
  }
  return layout(
    ctx,
    course.title,
    `<nav class="breadcrumbs"><a href="${ctx.prefix}">Home</a> &rsaquo; <a href="${ctx.prefix}${sitePaths.ace.listing}">Courses</a> &rsaquo; <span>${t(course.title)}</span></nav>
  <article class="course-detail" data-course="${t(key)}">
    <h1 class="course-title">${t(course.title)}</h1>
    <div class="course-summary">
      <p>${t(course.description ?? '')}</p>
    </div>
    <table class="ceu-table">
      <caption>CEUs by content area</caption>
      <tr><th scope="col">Content area</th><th scope="col">CEUs</th></tr>
${course.credits.map((c) => `      <tr class="ceu-row"><td class="area">${AREA_LABEL[c.category]}</td><td class="points">${formatPoints(c.points)}</td></tr>`).join('\n')}
      <tr class="ceu-total"><th scope="row">Total</th><td>${total}</td></tr>
    </table>
    <ul class="course-facts">
      <li>Contact hours: <span class="hours">${formatPoints(course.hours)}</span></li>
      <li>Format: <span class="format">Online, self-paced</span></li>
      <li>Passing score: 80% (three attempts)</li>
    </ul>
    <p class="approval">Approved by: ${course.approvedBy.map((b) => `<span class="approver">${t(b)}</span>`).join(', ')}</p>
    <div class="accepted">Accepted for recertification by:
      <ul>${accepted.map(([body, cred]) => `<li>${body} (<span class="credential">${cred}</span>)</li>`).join('')}</ul>
    </div>
    <div class="buy">
      <p class="price">Buy this course: <strong class="amount">${formatUsd(course.priceCents)}</strong></p>
      ${membershipNote}
      <a class="button" href="${ctx.prefix}account/login?next=${encodeURIComponent(key)}">Enroll</a>
    </div>
  </article>`,
    canonical,
  );
}

function membershipPage(bundle: Bundle, count: number, ctx: SiteContext): string {
  return layout(
    ctx,
    bundle.title,
    ctx.layout === 'drifted'
      ? `<div class="pricing"><h2>${t(bundle.title)}</h2><b>${formatUsd(bundle.priceCents)}</b> per annum</div>`
      : `<section class="plan" data-plan="membership">
    <h1 class="plan-title">${t(bundle.title)}</h1>
    <p class="plan-price"><span class="amount">${formatUsd(bundle.priceCents)}</span> / ${bundle.months === 12 ? 'year' : `${bundle.months} months`}</p>
    <p class="plan-summary">${t(bundle.description ?? '')}</p>
    <ul class="plan-benefits">
      <li>All ${count} courses, new ones added monthly</li>
      <li>Certificates available immediately</li>
      <li>Accepted by AAMA, AMT, NHA &amp; ARMA</li>
    </ul>
    <a class="button" href="${ctx.prefix}account/login?next=membership">Join now</a>
  </section>`,
  );
}

/** ACE: a server-rendered site; paginated listing, a detail page per course, a membership page. */
export function aceSite(truth: Catalog): ReplicaSite {
  const courses = truth.courses
    .filter((c) => c.provider === 'ace')
    .map(completeCourse)
    .sort((a, b) => a.title.localeCompare(b.title, 'en') || (a.id < b.id ? -1 : 1));
  const byKey = new Map(courses.map((c) => [keyOfId(c.id), c]));
  const membership = truth.bundles.find((b) => b.provider === 'ace');
  return {
    handle(path, query, ctx) {
      if (path === '') {
        return html(
          layout(
            ctx,
            'Continuing education for medical assistants',
            `<section class="hero"><h1>CEUs for medical assistants, from ${formatUsd(membership?.priceCents ?? 0)} a year</h1>
  <p>${courses.length} AAMA-approved courses. <a href="${ctx.prefix}${sitePaths.ace.listing}">Browse courses</a></p></section>`,
          ),
        );
      }
      if (path === sitePaths.ace.listing) {
        const page = intParam(query, 'page', 1);
        return page === undefined ? undefined : listing(courses, page, ctx);
      }
      if (path.startsWith('courses/')) {
        const course = byKey.get(path.slice('courses/'.length));
        return course ? html(detail(course, membership, ctx)) : undefined;
      }
      if (path === sitePaths.ace.membership && membership)
        return html(membershipPage(membership, courses.length, ctx));
      if (path === 'about' || path === 'privacy') {
        return html(
          layout(
            ctx,
            path === 'about' ? 'About ACE' : 'Privacy',
            `<h1>${path === 'about' ? 'About ACE' : 'Privacy policy'}</h1><p>ACE has offered online CE to medical assistants since 2009.</p>`,
          ),
        );
      }
      if (path === 'account/login') {
        return html(
          layout(
            ctx,
            'Log in',
            `<form method="post"><label>Email <input name="email"></label><button>Log in</button></form>`,
          ),
        );
      }
      if (path === 'static/site.css')
        return { status: 200, contentType: 'text/css', body: 'body{font-family:sans-serif}' };
      if (path === 'sitemap.xml') {
        const abs = (p: string) => `${ctx.origin}${ctx.prefix}${p}`;
        const pages = Math.ceil(courses.length / PAGE_SIZE);
        return sitemap([
          abs(''),
          ...Array.from({ length: pages }, (_, i) => abs(`${sitePaths.ace.listing}?page=${i + 1}`)),
          abs(sitePaths.ace.membership),
          ...courses.map((c) => abs(sitePaths.ace.course(keyOfId(c.id)))),
        ]);
      }
      return undefined;
    },
  };
}
