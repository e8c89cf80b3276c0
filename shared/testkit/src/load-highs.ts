import * as highsModule from 'highs';
import type { Highs } from 'highs';

type Loader = () => Promise<Highs>;

/**
 * Loads HiGHS (WebAssembly). The package ships ESM (`export default`) for import and CommonJS for
 * require; TypeScript reads its types as CommonJS, so the default export is found at run time here.
 */
export function loadHighs(): Promise<Highs> {
  const exported = (highsModule as unknown as { default: Loader | { default: Loader } }).default;
  const loader = typeof exported === 'function' ? exported : exported.default;
  return loader();
}
