/** Vitest global setup: the tests serve and load the built widget, so build it first (about 0.2 s). */
import { buildWidget } from './build-widget.ts';

export default async function setup(): Promise<void> {
  await buildWidget();
}
