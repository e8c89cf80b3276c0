/**
 * `pnpm ceu …` in a checkout: the production CLI (`../cli.ts`) plus the development tools that need dev
 * dependencies — the replica sites (`ceu replicas`, `ceu serve --replicas`). Runs as TypeScript (tsx);
 * `pnpm start` runs the compiled production entry (`dist/main.js`) instead.
 */
import { groundTruth, sampleCatalog, startReplicas } from '@ceu/replicas';
import { runCli } from '../cli.ts';

runCli(process.argv.slice(2), { replicas: { startReplicas, groundTruth, sampleCatalog } });
