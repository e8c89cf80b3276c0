import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A throwaway PostgreSQL server for tests: its own data directory, a free port on 127.0.0.1, trust auth. */
export interface PostgresCluster {
  /** The maintenance database's URL (`postgres`), as the cluster's superuser. */
  url: string;
  port: number;
  /** Creates an empty database and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server, keeping its data (a database outage); `start()` brings it back on the same port. */
  pause(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

let databases = 0;

/** Creates an empty database on the server `adminUrl` points at (as a superuser) and returns its URL. */
export async function createDatabase(adminUrl: string, prefix = 'ceu'): Promise<string> {
  const name = `${prefix}_${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Where Debian's (or any) PostgreSQL server programs are: the newest `/usr/lib/postgresql/N/bin`, or `initdb` on
 * the PATH. Undefined when PostgreSQL is not installed.
 */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], 'bin');
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return onPath ? path.dirname(fs.realpathSync(onPath)) : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway cluster. PostgreSQL refuses to run as root: as root the server programs run as the
 * unprivileged `postgres` user (`runuser`), which owns the temporary directory.
 */
export async function startPostgresCluster(
  options: {
    bin?: string;
    /** Keep PostgreSQL's own durability (fsync on): benchmarks compare it with SQLite's `synchronous=FULL`. */
    durable?: boolean;
  } = {},
): Promise<PostgresCluster> {
  const bin = options.bin ?? findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb): apt-get install postgresql');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (ids.status !== 0)
      throw new Error('running as root, and there is no postgres user to run PostgreSQL as');
    const uid = Number(ids.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    fs.chownSync(dir, uid, gid);
  }
  const pgRun = (program: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args])
      : run(path.join(bin, program), args);
  const port = await freePort();
  await pgRun('initdb', ['-D', data, '-U', 'ceu', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // Tests skip the disk syncs (a throwaway cluster has nothing to lose); a durable one keeps PostgreSQL's defaults.
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${options.durable ? '' : ' -c fsync=off -c full_page_writes=off'}`;
  const start = async () => {
    await pgRun('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-o',
      serverOptions,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  };
  const pause = async () => {
    await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  // If the test process dies without stopping the cluster, take the server with it.
  const stopNow = () => {
    spawnSync(asRoot ? 'runuser' : path.join(bin, 'pg_ctl'), [
      ...(asRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl')] : []),
      '-D',
      data,
      '-m',
      'immediate',
      'stop',
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  try {
    await start();
  } catch (error) {
    process.off('exit', stopNow);
    stopNow();
    throw error;
  }
  const url = `postgres://ceu@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    createDatabase: (prefix) => createDatabase(url, prefix),
    pause,
    start,
    async stop() {
      process.off('exit', stopNow);
      await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
