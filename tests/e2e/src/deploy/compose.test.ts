/**
 * The compose file cannot run here (no Docker engine), so its wiring is checked as data: every app replica
 * reads the same PostgreSQL and Meilisearch, waits for them to be healthy, is checked by `/readyz`, and sits
 * behind the one entry point, whose nginx upstream lists exactly the replicas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@ceu/server';
import { REPO_ROOT } from '../fixtures/run-cli.ts';

interface Service {
  build?: string;
  hostname?: string;
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
  ports?: string[];
  configs?: { source: string; target: string }[];
}

const compose = parse(fs.readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, Service>; configs: Record<string, { content: string }> };
// Compose reads `$$` in inline content as a literal `$`.
const nginx = compose.configs.nginx!.content.replaceAll('$$', '$');
const replicas = Object.entries(compose.services).filter(([, s]) => s.build === '.');

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Meilisearch, two app replicas and one entry point', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'app-a',
      'app-b',
      'entry',
      'meilisearch',
      'postgres',
    ]);
    expect(replicas.map(([name]) => name)).toEqual(['app-a', 'app-b']);
  });

  it('points every replica at the same database and index, with settings the server accepts', () => {
    for (const [name, service] of replicas) {
      const env = service.environment!;
      expect(env.CEU_DATABASE_URL, name).toMatch(
        /^postgres:\/\/ceu:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\/ceu$/,
      );
      expect(env.MEILI_URL, name).toBe('http://meilisearch:7700');
      expect(env.CEU_TRUST_PROXY, name).toBe('1');
      expect(env.CEU_SEARCH_WRITER, name).toBeUndefined();
      expect(service.depends_on, name).toEqual({
        postgres: { condition: 'service_healthy' },
        meilisearch: { condition: 'service_healthy' },
      });
      expect(service.healthcheck?.test.join(' '), name).toContain('/readyz');
      // The lease holder is named by its host: the service name, not a container id, says which replica crawls.
      expect(service.hostname, name).toBe(name);
      // The settings parse as the server parses them (compose variables: their default, else a sample value).
      const filled = Object.fromEntries(
        Object.entries(env).map(([k, v]) => [
          k,
          v.replace(
            /\$\{(\w+)(?::-([^}]*))?[^}]*\}/g,
            (_m, key: string, fallback?: string) => fallback ?? `sample-${key.toLowerCase()}`,
          ),
        ]),
      );
      const config = loadConfig(filled);
      expect(config).toMatchObject({
        meiliUrl: 'http://meilisearch:7700',
        host: '0.0.0.0',
        port: 8787,
        trustProxy: true,
      });
      expect(config.databaseUrl).toMatch(/^postgres:\/\/ceu:sample-postgres_password@postgres:5432\/ceu$/);
    }
    expect(compose.services.postgres!.environment).toMatchObject({
      POSTGRES_DB: 'ceu',
      POSTGRES_USER: 'ceu',
    });
  });

  it('puts exactly the replicas behind the entry point', () => {
    const upstream = /upstream\s+\w+\s*\{([^}]*)\}/.exec(nginx)?.[1] ?? '';
    const servers = [...upstream.matchAll(/server\s+([\w-]+):(\d+)/g)].map((m) => [m[1], m[2]]);
    expect(servers).toEqual(replicas.map(([name, s]) => [name, s.environment!.PORT]));
    expect(compose.services.entry!.configs).toEqual([
      { source: 'nginx', target: '/etc/nginx/conf.d/default.conf' },
    ]);
    // Every nginx variable is escaped from compose's own interpolation.
    expect(compose.configs.nginx!.content).not.toMatch(/(^|[^$])\$[a-z_]/);
    expect(compose.services.entry!.ports).toEqual(['127.0.0.1:8787:8080']);
    expect(nginx).toMatch(/listen 8080;/);
    // Overwritten, not appended: clients cannot choose their rate-limit key.
    expect(nginx).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
  });
});
