/** The production entry (`pnpm start` runs its compiled form, `dist/main.js serve`): the CLI without dev tools. */
import { runCli } from './cli.ts';

runCli(process.argv.slice(2));
