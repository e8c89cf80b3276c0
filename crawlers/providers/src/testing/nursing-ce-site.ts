import { courseSchema, type Category, type Course, type CourseFormat } from '@ceu/domain';
import { send, startTestSite, type Route, type TestSite } from '@ceu/testkit';

/**
 * A local stand-in for a nursing-CE store that publishes no structured data (test support, not exported):
 * `div.card-body` cards with `h5` title links, `p.hours` ("2.5 contact hours"), a price line ("Price:
 * $29.95", "Free", one in pounds), a member price on some, a format badge, and "Next »" pagination; a detail
 * page per course with the description. CE points are printed nowhere, except one description's "1.5
 * clinical CEUs": a configuration's credit rules must find them. The truth is written here, course by course,
 * not computed by the rules it checks.
 */

export const NURSING_PROVIDER = 'nightingale';

interface SiteCourse {
  slug: string;
  title: string;
  /** Contact hours as printed; absent: the store prints none. */
  hours?: number;
  hoursText?: string;
  price: { usd: number } | 'free' | { gbp: number };
  memberUsd?: number;
  format: 'Self-paced' | 'Live webinar';
  description: string;
  /** The truth: points by category a person earns (what the rules must find), none when undeterminable. */
  credits: { category: Category; points: number }[];
  /** Bodies approving it beyond the store's own (ANCC). */
  alsoApprovedBy?: string[];
}

const COURSES: SiteCourse[] = [
  {
    slug: 'wound-care-basics',
    title: 'Wound Care Basics',
    hours: 2.5,
    price: { usd: 29.95 },
    memberUsd: 19.95,
    format: 'Self-paced',
    description: 'Assess, clean and dress common wounds; when to escalate.',
    credits: [{ category: 'clinical', points: 2.5 }],
  },
  {
    slug: 'phlebotomy-refresher',
    title: 'Phlebotomy Refresher',
    hours: 1,
    price: 'free',
    format: 'Self-paced',
    description: 'Order of draw, site selection and specimen handling.',
    credits: [{ category: 'clinical', points: 1 }],
  },
  {
    slug: 'medical-billing-101',
    title: 'Medical Billing 101',
    hours: 3,
    price: { usd: 45 },
    format: 'Live webinar',
    description: 'Claims, remittance advice and denials, step by step.',
    credits: [{ category: 'administrative', points: 3 }],
  },
  {
    slug: 'communicating-with-patients',
    title: 'Communicating with Patients',
    hours: 1.5,
    price: { usd: 15 },
    format: 'Self-paced',
    description: 'Plain language, teach-back and difficult conversations.',
    credits: [{ category: 'general', points: 1.5 }],
  },
  {
    slug: 'uk-infection-control',
    title: 'Infection Control (UK edition)',
    hours: 2,
    price: { gbp: 19 },
    format: 'Self-paced',
    description: 'Hand hygiene and PPE as the NHS teaches them.',
    credits: [{ category: 'clinical', points: 2 }],
  },
  {
    slug: 'iv-therapy-update',
    title: 'IV Therapy Update',
    hours: 2,
    hoursText: '2 contact hours',
    price: { usd: 39.5 },
    format: 'Live webinar',
    description: 'Peripheral lines, flushing and complications. Earn 1.5 clinical CEUs on completion.',
    credits: [{ category: 'clinical', points: 1.5 }],
  },
  {
    slug: 'documentation-that-protects-you',
    title: 'Documentation That Protects You',
    hours: 1.25,
    hoursText: '75 minutes',
    price: { usd: 12 },
    format: 'Self-paced',
    // The category is said only here, on the detail page: the detail page's reading wins.
    description: 'Charting habits, late entries and the link between notes and coding.',
    credits: [{ category: 'administrative', points: 1.25 }],
  },
  {
    slug: 'hipaa-essentials',
    title: 'HIPAA Essentials',
    hours: 1,
    price: { usd: 9.99 },
    memberUsd: 0,
    format: 'Self-paced',
    description: 'Privacy, security and breach notification for front-office staff.',
    credits: [{ category: 'administrative', points: 1 }],
  },
  {
    slug: 'bls-for-healthcare-providers',
    title: 'BLS for Healthcare Providers',
    hours: 4,
    price: { usd: 65 },
    format: 'Live webinar',
    description: 'Adult, child and infant CPR; AED; choking relief.',
    credits: [{ category: 'clinical', points: 4 }],
    alsoApprovedBy: ['AHA'],
  },
  {
    slug: 'pharmacology-for-assistants',
    title: 'Pharmacology for Assistants',
    hours: 3.5,
    price: { usd: 49 },
    format: 'Self-paced',
    description: 'Drug classes, routes, and the six rights of administration.',
    credits: [{ category: 'clinical', points: 3.5 }],
  },
  {
    slug: 'ethics-webinar-replay',
    title: 'Ethics Webinar Replay',
    price: { usd: 10 },
    format: 'Live webinar',
    // No hours printed: its points cannot be determined, so it is kept with empty credits.
    description: 'Consent, confidentiality and scope of practice.',
    credits: [],
  },
  {
    slug: 'customer-service-in-the-clinic',
    title: 'Customer Service in the Clinic',
    hours: 0.5,
    hoursText: '30 minutes',
    price: 'free',
    format: 'Self-paced',
    description: 'Greeting, waiting times and complaints.',
    credits: [{ category: 'general', points: 0.5 }],
  },
];

export const PER_PAGE = 5;

/** The configuration an operator would write for this store (the providers-file entry). */
export function nursingProviderEntry(siteUrl: string, variant: 'html' | 'browser'): Record<string, unknown> {
  return {
    id: NURSING_PROVIDER,
    name: 'Nightingale Nursing CE',
    startUrls: [`${siteUrl}${variant === 'html' ? 'courses/' : 'app/courses/'}`],
    approvedBy: ['ANCC'],
    acceptedFor: ['CMA'],
    ...(variant === 'browser' ? { browser: { waitFor: '#catalog[data-ready], main.course' } } : {}),
    follow: { links: ['a.page-link', 'div.card-body h5 a'] },
    courses: [
      {
        urls: ['/courses/*', '/app/courses/*'],
        item: 'div.card-body',
        fields: {
          title: 'h5',
          url: 'h5 a',
          hours: 'p.hours',
          price: { selector: 'p.card-text', pattern: 'Price:\\s*(.+)' },
          memberPrice: { selector: 'p.member', transform: 'money' },
          format: {
            selector: '.badge',
            transform: { map: { 'Self-paced': 'self-study', 'Live webinar': 'live-webinar' } },
          },
        },
      },
      {
        urls: ['/course/*'],
        fields: {
          title: 'main.course h1',
          hours: 'main.course .hours',
          price: { selector: 'main.course .price', pattern: 'Price:\\s*(.+)' },
          memberPrice: 'main.course .member',
          description: '#description p',
          format: {
            selector: 'main.course .badge',
            transform: { map: { 'Self-paced': 'self-study', 'Live webinar': 'live-webinar' } },
          },
        },
      },
    ],
    credits: {
      pointsPerHour: 1,
      category: 'general',
      keywords: {
        wound: 'clinical',
        phlebotomy: 'clinical',
        infection: 'clinical',
        pharmacology: 'clinical',
        BLS: 'clinical',
        billing: 'administrative',
        coding: 'administrative',
        HIPAA: 'administrative',
      },
      patterns: ['(?<points>\\d+(?:\\.\\d+)?)\\s+(?<category>clinical|general|administrative)\\s+CEUs?'],
      rules: [{ when: { titleMatches: '\\b(?:BLS|CPR)\\b' }, approvedBy: ['AHA'] }],
    },
  };
}

/** The catalog the site was written from: what a crawl must store, field for field. */
export function nursingTruth(siteUrl: string): Course[] {
  return COURSES.map((course) =>
    courseSchema.parse({
      id: `${NURSING_PROVIDER}:course/${course.slug}`,
      provider: NURSING_PROVIDER,
      title: course.title,
      url: `${siteUrl}course/${course.slug}`,
      description: course.description,
      ...(course.price === 'free'
        ? { priceCents: 0 }
        : 'usd' in course.price
          ? { priceCents: Math.round(course.price.usd * 100) }
          : { listedPrice: { amount: course.price.gbp, currency: 'GBP' } }),
      ...(course.memberUsd === undefined ? {} : { memberPriceCents: Math.round(course.memberUsd * 100) }),
      ...(course.hours === undefined ? {} : { hours: course.hours }),
      credits: course.credits,
      approvedBy: ['ANCC', ...(course.alsoApprovedBy ?? [])],
      acceptedFor: ['CMA'],
      format: (course.format === 'Self-paced' ? 'self-study' : 'live-webinar') satisfies CourseFormat,
    }),
  );
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function priceLine(course: SiteCourse): string {
  if (course.price === 'free') return 'Price: Free';
  if ('usd' in course.price) return `Price: $${course.price.usd.toFixed(2)}`;
  return `Price: £${course.price.gbp.toFixed(2)}`;
}

function hoursLine(course: SiteCourse): string {
  return course.hours === undefined ? '' : (course.hoursText ?? `${course.hours} contact hours`);
}

function cardHtml(course: SiteCourse, prefix: string): string {
  const hours = hoursLine(course);
  return `<div class="col-md-4"><div class="card"><div class="card-body">
  <h5 class="card-title"><a href="${prefix}course/${course.slug}">${esc(course.title)}</a></h5>
  ${hours === '' ? '' : `<p class="hours">${hours}</p>`}
  <p class="card-text">${priceLine(course)}</p>
  ${course.memberUsd === undefined ? '' : `<p class="member">Members: $${course.memberUsd.toFixed(2)}</p>`}
  <span class="badge">${course.format}</span>
</div></div></div>`;
}

function pages(): SiteCourse[][] {
  const out: SiteCourse[][] = [];
  for (let i = 0; i < COURSES.length; i += PER_PAGE) out.push(COURSES.slice(i, i + PER_PAGE));
  return out;
}

function pagination(n: number, count: number, path: string): string {
  const link = (page: number) => (page === 1 ? path : `${path}?page=${page}`);
  return `<nav><ul class="pagination">
  ${n > 1 ? `<li class="page-item"><a class="page-link" href="${link(n - 1)}">« Prev</a></li>` : ''}
  ${n < count ? `<li class="page-item"><a class="page-link" href="${link(n + 1)}">Next »</a></li>` : ''}
</ul></nav>`;
}

function layout(title: string, main: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} | Nightingale CE</title>
<link rel="stylesheet" href="/assets/bootstrap.min.css"></head>
<body><header><a href="/">Nightingale CE</a> <a href="/about">About</a> <a href="https://twitter.example.com/nightingale">Twitter</a></header>
${main}
<footer><a href="/privacy">Privacy</a></footer></body></html>`;
}

function listingHtml(n: number, list: SiteCourse[], count: number): string {
  return layout(
    `Courses, page ${n}`,
    `<main><h1>Nursing CE courses</h1><div class="row">${list.map((c) => cardHtml(c, '/')).join('')}</div>
${pagination(n, count, '/courses/')}</main>`,
  );
}

/** The same cards, written into the page by its script (nothing in the HTML as served). */
function scriptedListingHtml(n: number, list: SiteCourse[], count: number): string {
  const cards = list.map((c) => cardHtml(c, '/'));
  return layout(
    `Courses, page ${n}`,
    `<main><h1>Nursing CE courses</h1><div id="catalog" class="row"></div>
<script>
  const cards = ${JSON.stringify(cards).replace(/</g, '\\u003c')};
  setTimeout(() => {
    const catalog = document.getElementById('catalog');
    catalog.innerHTML = cards.join('') + ${JSON.stringify(pagination(n, count, '/app/courses/'))};
    catalog.setAttribute('data-ready', '');
  }, 30);
</script></main>`,
  );
}

function detailHtml(course: SiteCourse): string {
  const hours = hoursLine(course);
  return layout(
    course.title,
    `<main class="course"><nav class="breadcrumb"><a href="/courses/">Courses</a></nav>
<h1>${esc(course.title)}</h1>
${hours === '' ? '' : `<p class="hours">${hours}</p>`}
<p class="price">${priceLine(course)}</p>
${course.memberUsd === undefined ? '' : `<p class="member">Members: $${course.memberUsd.toFixed(2)}</p>`}
<span class="badge">${course.format}</span>
<div id="description"><h2>About this course</h2><p>${esc(course.description)}</p></div>
<a class="btn" href="/cart/add?course=${course.slug}">Add to cart</a></main>`,
  );
}

/** Starts the store on 127.0.0.1, port 0: `/courses/` (plain HTML) and `/app/courses/` (cards by script). */
export async function startNursingSite(): Promise<TestSite> {
  const all = pages();
  const routes: Record<string, Route> = {
    '/robots.txt': send('User-agent: *\nDisallow: /cart/\n', 'text/plain'),
  };
  for (const [i, list] of all.entries()) {
    const n = i + 1;
    routes[n === 1 ? '/courses/' : `/courses/?page=${n}`] = send(listingHtml(n, list, all.length));
    routes[n === 1 ? '/app/courses/' : `/app/courses/?page=${n}`] = send(
      scriptedListingHtml(n, list, all.length),
    );
  }
  for (const course of COURSES) routes[`/course/${course.slug}`] = send(detailHtml(course));
  return startTestSite(routes);
}
