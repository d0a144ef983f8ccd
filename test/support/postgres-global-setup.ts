import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDebianPackage, findPostgresBinaries } from './system-packages.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

/** Starts a throwaway PostgreSQL for the `postgres` tier and removes it afterwards. */
export default async function startThrowawayPostgres(project: TestProject) {
  const server = await startPostgresServer({ purpose: 'the PostgreSQL test tier' });
  project.provide('postgresAdminUrl', server.adminUrl);
  process.stderr.write(`Throwaway PostgreSQL (${server.version}) on port ${server.port}\n`);
  return server.stop;
}

/**
 * A throwaway PostgreSQL server in a fresh temporary folder on a free loopback port, started as
 * the postgres user when running as root; `stop` shuts it down and removes the folder. Used by
 * the test tier and by the voting benchmark (bench/voting/).
 */
export async function startPostgresServer(options: {
  purpose: string;
  maxConnections?: number;
  /** Extra `-c name=value` settings for the server. */
  settings?: Record<string, string>;
}): Promise<{
  adminUrl: string;
  socketUrl: string;
  port: number;
  version: string;
  stop: () => void;
}> {
  ensureDebianPackage({
    packageName: 'postgresql',
    isInstalled: () => findPostgresBinaries() !== undefined,
    purpose: options.purpose,
  });
  const binaries = findPostgresBinaries()!;
  const port = await findFreePort();
  const folder = mkdtempSync(path.join(tmpdir(), 'concordat-postgres-'));
  // PostgreSQL refuses to run as root, so as root the server runs as the postgres user.
  const asServerUser = (command: string, args: string[]) => {
    const isRoot = process.getuid?.() === 0;
    const [file, fileArgs] = isRoot
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
    execFileSync(file, fileArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  if (process.getuid?.() === 0) chownSync(folder, ...postgresUserIds());
  const dataFolder = path.join(folder, 'data');
  asServerUser(`${binaries}/initdb`, [
    '-D',
    dataFolder,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-locale',
  ]);
  const settings = Object.entries({
    fsync: 'off',
    max_connections: String(options.maxConnections ?? 200),
    ...options.settings,
  })
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  asServerUser(`${binaries}/pg_ctl`, [
    '-D',
    dataFolder,
    '-l',
    path.join(folder, 'log'),
    '-w',
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${folder} ${settings}`,
    'start',
  ]);
  let stopped = false;
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    // The same server through its Unix socket, for clients on this machine.
    socketUrl: `postgres://postgres@/postgres?host=${encodeURIComponent(folder)}&port=${port}`,
    port,
    version: path.basename(path.dirname(binaries)),
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        asServerUser(`${binaries}/pg_ctl`, ['-D', dataFolder, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

function postgresUserIds(): [number, number] {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return [uid, gid];
}

/** Asks the OS for a free port: fixed high ports collide with ephemeral ones under load. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
