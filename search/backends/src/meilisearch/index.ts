export { createMeiliSearch } from './meili-search.ts';
export type { MeiliSearchOptions } from './meili-search.ts';
