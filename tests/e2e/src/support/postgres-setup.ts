/**
 * Vitest global setup: one throwaway PostgreSQL cluster for the whole run (each test file creates its own
 * databases on it). Tests read its URL with `testPostgres()` from the testkit.
 *
 * Where PostgreSQL is not installed, the PostgreSQL tests skip and say why, except under `CI=true`, where
 * `.ci/setup` installs it: there a missing server fails the run instead of skipping silently.
 */
import type { TestProject } from 'vitest/node';
// The testkit declares what this setup provides (`testPostgres()` reads it).
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from '@ceu/testkit';

/**
 * Every project of the run calls setup, each with its own copy of this module: they share one cluster through
 * the main process's global object, and the last one to tear down stops it.
 */
const shared = globalThis as { ceuPostgres?: { cluster: Promise<PostgresCluster>; users: number } };

export async function setup(project: TestProject): Promise<void> {
  const bin = findPostgresBin();
  if (!bin) {
    const reason = 'PostgreSQL is not installed (apt-get install postgresql, or run `bash .ci/setup`)';
    if (process.env.CI === 'true')
      throw new Error(`CI=true: ${reason}; the PostgreSQL store tests cannot be skipped`);
    console.warn(`postgres: ${reason}: the PostgreSQL tests will skip`);
    project.provide('postgresUrl', null);
    project.provide('postgresMissing', reason);
    return;
  }
  if (shared.ceuPostgres) {
    shared.ceuPostgres.users++;
  } else {
    const started = performance.now();
    shared.ceuPostgres = { cluster: startPostgresCluster({ bin }), users: 1 };
    const { port } = await shared.ceuPostgres.cluster;
    console.log(
      `postgres: throwaway cluster from ${bin} on 127.0.0.1:${port} (${Math.round(performance.now() - started)} ms)`,
    );
  }
  project.provide('postgresUrl', (await shared.ceuPostgres.cluster).url);
  project.provide('postgresMissing', '');
}

export async function teardown(): Promise<void> {
  const state = shared.ceuPostgres;
  if (!state || --state.users > 0) return;
  shared.ceuPostgres = undefined;
  await (await state.cluster).stop();
}
