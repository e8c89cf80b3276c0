import { describe, expect, it } from 'vitest';
import { ValidationError } from '@ceu/domain';
import { parseProvidersConfig } from '../jsonld/providers-file.ts';

const base = { id: 'acme', name: 'Acme CE', startUrls: ['https://acme.example/ce/'] };

function errorOf(entry: Record<string, unknown>): ValidationError {
  try {
    parseProvidersConfig([{ ...base, ...entry }], 'providers file x.json');
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(entry)}`);
}

const fields = (extra: Record<string, unknown>) => ({ courses: { fields: { title: 'h1', ...extra } } });

describe('providers file: selector providers and credit rules', () => {
  it('accepts a full entry, the single-block shorthand, and fills the defaults', () => {
    const [config] = parseProvidersConfig([
      {
        ...base,
        browser: { waitFor: '#catalog[data-ready]' },
        courseTypes: ['Product', 'EducationEvent'],
        follow: { links: ['a.page-link'], urls: ['/course/*', { regex: '\\?page=\\d+$' }] },
        courses: {
          item: 'div.card-body',
          fields: { title: 'h5', price: { selector: 'p', pattern: 'Price: (.+)', transform: 'money' } },
        },
        credits: {
          pointsPerHour: 1,
          category: 'general',
          keywords: { wound: 'clinical' },
          patterns: ['(?<points>\\d+(?:\\.\\d+)?) (?<category>\\w+) CEUs'],
          rules: [{ when: { category: 'clinical' }, acceptedFor: ['RMA'] }],
        },
      },
    ]);
    expect(config!.courses).toHaveLength(1);
    expect(config!.format).toBe('online');
    expect(parseProvidersConfig([base])[0]!.courseTypes).toEqual(['Course']);
  });

  it('names the offending field of every kind of mistake', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        fields({ price: { selector: 'p', transform: 'duration' } }),
        /at 0\.courses\.fields\.price\.transform: price is read with "money"/,
      ],
      [fields({ hours: { transform: 'sideways' } }), /at 0\.courses\.fields\.hours\.transform/],
      [fields({ title: 'h5 [[' }), /at 0\.courses\.fields\.title: not a CSS selector cheerio can read/],
      [
        fields({ hours: { selector: 'p:frobnicate' } }),
        /at 0\.courses\.fields\.hours\.selector: .*Unknown pseudo-class/,
      ],
      [
        fields({ price: { selector: 'p', pattern: 'Price: (' } }),
        /at 0\.courses\.fields\.price\.pattern: not a regular expression/,
      ],
      [
        fields({ hours: { selector: 'p', currency: 'USD' } }),
        /at 0\.courses\.fields\.hours\.currency: only a price has a currency/,
      ],
      [
        fields({ format: { selector: 'p', transform: { map: {} } } }),
        /at 0\.courses\.fields\.format\.transform/,
      ],
      [fields({ colour: 'p' }), /at 0\.courses\.fields: .*colour|at 0\.courses\.fields\.colour/],
      [
        { courses: { item: 'div', fields: { url: 'a' } } },
        /at 0\.courses\.fields\.title: a title selector is required/,
      ],
      [
        { courses: [{ fields: { title: 'h1' } }, { item: '..', fields: { title: 'h5' } }] },
        /at 0\.courses\.1\.item/,
      ],
      [
        { courses: { urls: ['course/*'], fields: { title: 'h1' } } },
        /at 0\.courses\.urls\.0: a URL glob starts with "\/"/,
      ],
      [{ follow: {} }, /at 0\.follow: follow needs "links" or "urls"/],
      [{ follow: { urls: [{ regex: '[' }] } }, /at 0\.follow\.urls\.0\.regex: not a regular expression/],
      [{ follow: { links: ['a:::'] } }, /at 0\.follow\.links\.0/],
      [{ browser: { waitFor: '' } }, /at 0\.browser\.waitFor/],
      [{ browser: 'yes' }, /at 0\.browser/],
      [{ courseTypes: ['Article'] }, /at 0\.courseTypes\.0/],
      [{ credits: { pointsPerHour: 0 } }, /at 0\.credits\.pointsPerHour: points per hour are > 0/],
      [{ credits: { category: 'surgical' } }, /at 0\.credits\.category/],
      [{ credits: { keywords: { wound: 'wounds' } } }, /at 0\.credits\.keywords\.wound/],
      [
        { credits: { patterns: ['(\\d+) CEUs'] } },
        /at 0\.credits\.patterns\.0: a credit pattern needs a \(\?<points>…\) group/,
      ],
      [{ credits: { patterns: ['(?<points>\\d+'] } }, /at 0\.credits\.patterns\.0: not a regular expression/],
      [
        { credits: { rules: [{ when: {}, approvedBy: ['AHA'] }] } },
        /at 0\.credits\.rules\.0\.when: a condition needs/,
      ],
      [
        { credits: { rules: [{ when: { titleMatches: '*' } }] } },
        /at 0\.credits\.rules\.0\.when\.titleMatches: not a regular expression/,
      ],
      [
        { credits: { rules: [{ when: { category: 'clinical' }, category: 'general' }] } },
        /at 0\.credits\.rules\.0\.category: a rule on the category sets only/,
      ],
      [
        { credits: { rules: [{ when: { urlMatches: 'x' }, acceptedFor: ['LPN'] }] } },
        /at 0\.credits\.rules\.0\.acceptedFor\.0/,
      ],
      [{ format: 'podcast' }, /at 0\.format/],
      [fields({ hours: { selector: 'p', transform: 'term' } }), /at 0\.courses\.fields\.hours\.transform/],
      [{ courseKey: '^/courses/[^/]+$' }, /at 0\.courseKey: a course key pattern needs a group/],
      [{ courseKey: '^/courses/(' }, /at 0\.courseKey: not a regular expression/],
      [
        { bundles: { fields: { title: 'h1', months: '.term' } } },
        /at 0\.bundles\.fields\.price: a bundle needs a price/,
      ],
      [
        { bundles: { fields: { title: 'h1', price: '.p' } } },
        /at 0\.bundles\.fields\.months: a bundle needs a months/,
      ],
      [
        {
          bundles: [{ fields: { title: 'h1', price: '.p', months: { selector: '.t', transform: 'money' } } }],
        },
        /at 0\.bundles\.0\.fields\.months\.transform: bundle months is read with "term" or "number"/,
      ],
      [
        { bundles: { fields: { title: 'h1', price: '.p', months: '.t', hours: '.h' } } },
        /at 0\.bundles\.fields: .*hours|at 0\.bundles\.fields\.hours/,
      ],
      [
        { baseUrl: 'https://acme.example/other/' },
        /at 0\.startUrls\.0: every start URL is beneath https:\/\/acme\.example\/other\//,
      ],
      [
        fields({ completeWithinMonths: { selector: 'p', transform: 'money' } }),
        /at 0\.courses\.fields\.completeWithinMonths\.transform: completeWithinMonths is read with "term" or "number"/,
      ],
      [fields({ date: { selector: 'p', transform: 'number' } }), /at 0\.courses\.fields\.date\.transform/],
      [
        { courses: { kind: 'sitemap', fields: { title: 'h1' } } },
        /at 0\.courses\.kind: "sitemap" is the sitemap/,
      ],
      [
        { courses: { kind: 'Course Page', fields: { title: 'h1' } } },
        /at 0\.courses\.kind: a page kind is a short/,
      ],
      [
        { bundles: { urls: ['membership'], fields: { title: 'h1', price: '.p', months: '.t' } } },
        /at 0\.bundles\.urls\.0: a URL glob starts with "\/"/,
      ],
    ];
    for (const [entry, message] of cases) {
      const error = errorOf(entry);
      expect(error.message, JSON.stringify(entry)).toMatch(/^invalid providers file x\.json at /);
      expect(error.message, JSON.stringify(entry)).toMatch(message);
    }
  });
});
