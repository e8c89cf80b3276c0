import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's throwaway cluster (maintenance database URL), or null when PostgreSQL is not installed. */
    postgresUrl: string | null;
    /** Why there is no cluster. */
    postgresMissing: string;
  }
}

/**
 * The PostgreSQL server of this test run (started by the global setup, `tests/e2e/src/support/postgres-setup.ts`):
 * its URL, or why there is none (not installed, outside CI: those tests skip and print the reason).
 */
export function testPostgres(): { url: string; missing?: undefined } | { url: null; missing: string } {
  const url = inject('postgresUrl');
  return url ? { url } : { url: null, missing: inject('postgresMissing') };
}
