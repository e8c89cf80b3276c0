import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPoliteness } from '../../crawl/crawl-providers.ts';
import { httpRobotsGetter } from './http-fetcher.ts';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A host whose first `failures` robots.txt requests have their connection reset. */
async function flakyRobots(failures: number): Promise<string> {
  let seen = 0;
  server = createServer((req, res) => {
    if (seen++ < failures) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/robots.txt`;
}

describe('robots.txt fetching', () => {
  it('retries a reset connection instead of concluding "unreachable, disallow all"', async () => {
    const url = await flakyRobots(1);
    const answer = await httpRobotsGetter(createPoliteness({ noDelay: true }))(url);
    expect(answer).toEqual({ status: 200, body: 'User-agent: *\nDisallow: /private/\n' });
  });

  it('still gives up after its retries, so a dead host is treated as unreachable', async () => {
    const url = await flakyRobots(10);
    await expect(httpRobotsGetter(createPoliteness({ noDelay: true }), 1)(url)).rejects.toThrow();
  });
});
