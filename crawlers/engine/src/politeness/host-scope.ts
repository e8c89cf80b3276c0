/**
 * A provider's crawl stays on the provider's own host (host name and port, as in the base URL). Links,
 * sitemap entries and redirects elsewhere are skipped and counted, never fetched.
 */
export class HostScope {
  readonly host: string;
  readonly protocolHost: string;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.host = url.host.toLowerCase();
    this.protocolHost = `${url.protocol}//${this.host}`;
  }

  /** Why `url` may not be fetched, or undefined when it may. */
  refuse(url: string): 'not-http' | 'off-host' | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'not-http';
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'not-http';
    return parsed.host.toLowerCase() === this.host ? undefined : 'off-host';
  }
}

/**
 * True for 127.0.0.0/8, ::1 and `localhost`: the only hosts the no-delay setting applies to, so that the
 * local replicas crawl fast while a real site is always crawled with its delay.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
