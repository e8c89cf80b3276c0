import { describe, expect, it } from 'vitest';
import type { Preferences, RecommendationRequest } from '@ceu/domain';
import {
  syntheticCatalog,
  SYNTHETIC_SHAPES,
  type SyntheticShape,
  CREDENTIAL_MIXES,
  randomRequest,
  seededRandom,
} from '@ceu/testkit';
import { buildCourseIndex, type CourseIndex } from './course-index.ts';
import { buildRequestView, type RequestView } from './candidate-groups.ts';
import { buildRequirements } from './requirements.ts';
import { SubsetStreams } from './subset-streams.ts';

const TODAY = '2026-11-24';

function viewOf(index: CourseIndex, request: RecommendationRequest, share = true): RequestView {
  const model = buildRequirements(request, TODAY);
  const open = model.dims.filter((d) => d.needH > 0);
  return buildRequestView(index, model.credentials, open, request.preferences ?? {}, share);
}

/**
 * What a view says about its groups and bundles, in plain values: its groups, how many members of each it
 * can use, what the catalog can cover, the bundles worth buying with the lists they free, and the heads of
 * every group with no bundle bought and with each candidate bought alone.
 */
function described(view: RequestView) {
  const streams = new SubsetStreams(view);
  const candidates = view.bundleCandidates.map((b) => new Set([b.id]));
  return {
    groups: view.groups.map((g) => ({
      vec: [...g.vec],
      hoursH: g.hoursH,
      cpr: g.cpr,
      listIds: [...g.listIds],
      available: g.available,
    })),
    k: [...view.k],
    contribH: [...view.contribH],
    maxCoverH: [...view.maxCoverH],
    bundles: view.bundleCandidates.map((b) => ({
      id: b.id,
      lists: b.lists
        .flat()
        .map((list) => list.id)
        .sort((x, y) => x - y),
    })),
    heads: [new Set<string>(), ...candidates].map((free) => view.groups.map((_, g) => streams.head(g, free))),
  };
}

describe('the groupings shared per filter', () => {
  it('give a request with completed courses the view it would get on its own', () => {
    for (const shape of Object.keys(SYNTHETIC_SHAPES) as SyntheticShape[]) {
      const catalog = syntheticCatalog({ seed: 9, courses: 600, shape });
      const shared = buildCourseIndex(catalog);
      const rand = seededRandom(23);
      const providers = [...new Set(catalog.courses.map((c) => c.provider))].sort();
      const filters: Preferences[] = [
        {},
        { memberships: [providers[0]!] },
        { excludeProviders: [providers[1]!], memberships: [providers[0]!] },
        { formats: ['online', 'self-study'], bundlesOwned: catalog.bundles.slice(0, 1).map((b) => b.id) },
      ];
      let patchedGroups = 0;
      for (let k = 0; k < 24; k++) {
        const request = randomRequest(rand, catalog, {
          maxNeed: 30,
          mixes: CREDENTIAL_MIXES,
          freshShare: 0.5,
        });
        const filter = filters[k % filters.length]!;
        // First the filter alone, so that what its requests learn of heads is shared; then with completed
        // courses, some of which leave a group with nothing.
        const completed =
          k < filters.length ? [] : catalog.courses.filter(() => rand() < 0.04).map((c) => c.id);
        request.preferences = { ...filter, completedCourseIds: completed };
        const warm = viewOf(shared, request);
        const alone = viewOf(shared, request, false);
        expect(described(warm), `${shape} #${k}`).toEqual(described(alone));
        if (completed.length > 0 && warm.groups.length > 0) patchedGroups++;
        // The shared heads were learned before: a request's own do not leak into them.
        expect(
          described(viewOf(shared, { ...request, preferences: filter })),
          `${shape} #${k} again`,
        ).toEqual(described(viewOf(buildCourseIndex(catalog), { ...request, preferences: filter })));
      }
      expect(patchedGroups).toBeGreaterThan(10);
    }
  });
});
