import net from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLogger } from '@ceu/log';
import { problemSchema } from '../openapi/answer-schemas.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { startHttpServer, type RunningHttpServer } from './node-server.ts';

/** Sends raw bytes and reads the whole answer (the server closes the connection after a client error). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(text);
  });
}

describe('the HTTP server', () => {
  let t: TestApp;
  let running: RunningHttpServer;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    running = await startHttpServer(t.app, {
      host: '127.0.0.1',
      port: 0,
      logger: createJsonLogger({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) }),
    });
  });
  afterAll(async () => {
    await running.close();
    await t.close();
  });

  it('logs its URL as a JSON line and serves the app', async () => {
    expect(lines.find((l) => l.msg === 'listening')?.url).toBe(running.url);
    const res = await fetch(`${running.url}/v1/courses?q=cardiology&perPage=2`);
    expect(res.status).toBe(200);
  });

  it('answers requests Node cannot parse with a problem document, and keeps serving', async () => {
    const unknownMethod = await raw(running.port, 'FOO /v1/courses HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(unknownMethod).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(unknownMethod).toContain('Content-Type: application/problem+json');
    const body = problemSchema.parse(JSON.parse(unknownMethod.split('\r\n\r\n')[1]!));
    expect(body.type).toBe('/docs#problem-bad-request');
    const garbage = await raw(running.port, '\x00\x01\x02 nonsense\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    const huge = await raw(running.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });
});

describe('graceful shutdown', () => {
  it('lets in-flight requests finish, then refuses new connections', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const app = new Hono().get('/slow', async (c) => {
      entered();
      await gate;
      return c.text('done');
    });
    const running = await startHttpServer(app, {
      host: '127.0.0.1',
      port: 0,
      logger: createJsonLogger({ level: 'silent' }),
    });
    const inFlight = fetch(`${running.url}/slow`);
    await inHandler;
    const closed = running.close();
    let closedYet = false;
    void closed.then(() => (closedYet = true));
    // A new connection is refused once close() has begun; the request in the handler still holds it open.
    await expect(fetch(`${running.url}/slow`)).rejects.toThrow();
    expect(closedYet).toBe(false);
    release();
    const res = await inFlight;
    expect(await res.text()).toBe('done');
    await closed;
    expect(closedYet).toBe(true);
  });
});
