/**
 * Which methods each route path takes, to answer 405 with an `Allow` header where Hono would answer 404:
 * a client that POSTs to a GET route learns it used the wrong method, not that the route does not exist.
 */
export class AllowedMethods {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];

  /** Registers a route path in Hono's syntax (`/v1/courses/:id`). */
  add(method: string, path: string): void {
    const source = path
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const existing = this.routes.find((r) => r.pattern.source === `^${source}$`);
    const methods = existing?.methods ?? new Set<string>();
    methods.add(method.toUpperCase());
    if (method.toUpperCase() === 'GET') methods.add('HEAD');
    if (!existing) this.routes.push({ pattern: new RegExp(`^${source}$`), methods });
  }

  /** The methods a path takes, or undefined when no route has this path. */
  allowed(pathname: string): string[] | undefined {
    const route = this.routes.find((r) => r.pattern.test(pathname));
    return route ? [...route.methods].sort() : undefined;
  }
}
