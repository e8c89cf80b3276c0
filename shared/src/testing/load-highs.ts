import * as highsModule from 'highs';

type Loader = (typeof import('highs'))['default'];
export type HighsSolver = Awaited<ReturnType<Loader>>;

/**
 * Loads HiGHS (WebAssembly). The package ships ESM (`export default`) for import and CommonJS for
 * require; TypeScript reads its types as CommonJS, so the default export is found at run time here.
 */
export async function loadHighs(): Promise<HighsSolver> {
  const exported = (highsModule as unknown as { default: Loader | { default: Loader } }).default;
  const loader = typeof exported === 'function' ? exported : exported.default;
  return loader();
}
