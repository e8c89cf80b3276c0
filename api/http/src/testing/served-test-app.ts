import { createJsonLogger } from '@ceu/log';
import { startHttpServer, type RunningHttpServer } from '../node/node-server.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from './test-app.ts';

/** A test app behind Node's real HTTP server on a free port of 127.0.0.1, for clients such as fetch. */
export interface ServedTestApp {
  t: TestApp;
  running: RunningHttpServer;
  /** Closes the server, then the app. */
  close: () => Promise<void>;
}

/** Starts the test app (admin token {@link TEST_ADMIN_TOKEN}) behind a real server, logging nothing. */
export async function serveTestApp(): Promise<ServedTestApp> {
  const t = await createTestApp({ adminToken: TEST_ADMIN_TOKEN });
  const running = await startHttpServer(t.app, {
    host: '127.0.0.1',
    port: 0,
    logger: createJsonLogger({ level: 'silent' }),
  });
  return {
    t,
    running,
    close: async () => {
      await running.close();
      await t.close();
    },
  };
}
