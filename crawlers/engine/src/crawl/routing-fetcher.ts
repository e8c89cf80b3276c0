import type { PageRequest } from '../adapter.ts';
import type { Fetcher, FetchOutcome } from '../fetcher.ts';

/** Sends pages that ask for `render` to the browser and every other page to plain HTTP. */
export class RoutingFetcher implements Fetcher {
  constructor(
    private readonly http: Fetcher,
    private readonly browser: Fetcher,
  ) {}

  fetch(request: PageRequest): Promise<FetchOutcome> {
    return request.render ? this.browser.fetch(request) : this.http.fetch(request);
  }

  async close(): Promise<void> {
    await Promise.all([this.http.close(), this.browser.close()]);
  }
}
