import { describe } from 'vitest';
import { FIXTURE_PROVIDER_NAMES } from '../conformance/fixture-courses.ts';
import { runSearchConformance } from '../conformance/search-conformance.ts';
import { createEmbeddedSearch } from './embedded-search.ts';

describe('embedded search conformance', () => {
  runSearchConformance({
    create: () => Promise.resolve(createEmbeddedSearch({ providerNames: FIXTURE_PROVIDER_NAMES })),
  });
});
