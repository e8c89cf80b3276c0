import { readFileSync } from 'node:fs';
import {
  bundleSchema,
  canonicalBundle,
  canonicalCourse,
  courseSchema,
  type Bundle,
  type Course,
} from '@ceu/domain';
import type { BundleDraft, CourseDraft, FetchedPage } from '@ceu/crawl-engine';
import { generateWorld, replicaBaseUrls } from '@ceu/replicas';
import type { ReplicaProviderId } from '@ceu/replicas';

/** One saved page in `fixtures/pages.json`. */
export interface FixtureManifestEntry {
  file: string;
  url: string;
  baseUrl: string;
  kind: string;
  layout: 'normal' | 'drifted';
  /** The seed of the truth the page was generated from. */
  seed?: number;
}

/** A saved replica page as the engine would hand it to `extract`, with the base URL it was crawled under. */
export interface Fixture {
  page: FetchedPage;
  baseUrl: string;
  entry: FixtureManifestEntry;
}

/** Loads `providers/<provider>/fixtures/<file>` with the URL and page kind recorded when it was saved. */
export function loadFixture(provider: ReplicaProviderId, file: string): Fixture {
  const dir = new URL(`../${provider}/fixtures/`, import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('pages.json', dir), 'utf8')) as FixtureManifestEntry[];
  const entry = manifest.find((e) => e.file === file);
  if (!entry) throw new Error(`fixture ${provider}/${file} is not in pages.json`);
  const body = readFileSync(new URL(file, dir), 'utf8');
  return {
    page: {
      request: { url: entry.url, kind: entry.kind },
      url: entry.url,
      status: 200,
      contentType: 'text/html',
      body,
    },
    baseUrl: entry.baseUrl,
    entry,
  };
}

/** The ground truth the fixture's site was generated from (same origin, default seed). */
export function truthFor(fixture: Fixture): { courses: Map<string, Course>; bundles: Map<string, Bundle> } {
  const origin = new URL(fixture.baseUrl).origin;
  const truth = generateWorld(replicaBaseUrls(origin), fixture.entry.seed).truth;
  return {
    courses: new Map(truth.courses.map((c) => [c.id, c])),
    bundles: new Map(truth.bundles.map((b) => [b.id, b])),
  };
}

/** A complete draft as the catalog stores it (validated, canonical); throws when the draft is incomplete. */
export function asCourse(draft: CourseDraft): Course {
  return canonicalCourse(courseSchema.parse(draft));
}

export function asBundle(draft: BundleDraft): Bundle {
  return canonicalBundle(bundleSchema.parse(draft));
}

/** A page with the given body, for malformed-input tests. */
export function pageOf(url: string, kind: string, body: string, status = 200): FetchedPage {
  return { request: { url, kind }, url, status, contentType: 'text/html', body };
}
