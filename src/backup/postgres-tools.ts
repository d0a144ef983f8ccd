import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { BackupError } from './backup-error.ts';
import {
  choosePostgresTool,
  type PostgresTool,
  parsePostgresMajorVersion,
} from './postgres-versions.ts';

const run = promisify(execFile);

export type PostgresToolName = 'pg_dump' | 'pg_restore';

/**
 * Finds the pg_dump or pg_restore to run: on PATH, and under /usr/lib/postgresql/<version>/bin
 * where Debian installs each version side by side. Refuses, naming the package to install, when
 * none is there or none is new enough.
 */
export async function findPostgresTool(
  name: PostgresToolName,
  requirement: {
    atLeast: number;
    prefer: number;
    /** Why the tool is needed at all, e.g. "concordat backup of a PostgreSQL database runs it". */
    purpose: string;
    /** Why it must be at least `atLeast`, one clause. */
    versionReason: string;
  },
  places: { searchPath: string; versionedInstallRoot: string } = {
    searchPath: process.env.PATH ?? '',
    versionedInstallRoot: '/usr/lib/postgresql',
  },
): Promise<PostgresTool> {
  const found = await versionsOf(candidatePaths(name, places));
  if (found.length === 0) {
    throw new BackupError(
      'tool-missing',
      `${name} is not installed: ${requirement.purpose}. Install PostgreSQL's client programs with: apt-get install postgresql-client (as root, or with sudo).`,
    );
  }
  const chosen = choosePostgresTool(found, requirement);
  if (chosen) return chosen;
  const newest = Math.max(...found.map((tool) => tool.version));
  throw new BackupError(
    'tool-too-old',
    `${requirement.versionReason}, but the newest ${name} here is version ${newest} (${found.map((tool) => tool.path).join(', ')}). Install version ${requirement.atLeast} of the client programs (apt-get install postgresql-client-${requirement.atLeast}, from the PostgreSQL apt repository where Debian has no such version) or put ${name} ${requirement.atLeast} or newer on PATH.`,
  );
}

/**
 * PATH's first, then each installed version's, newest first; each path once. Debian's pg_wrapper
 * (what /usr/bin/pg_dump links to there) chooses a version by rules of its own — a local cluster's
 * port, PGCLUSTER — so the version it reports need not be the one it runs; the versioned programs
 * it would choose between are called directly instead.
 */
function candidatePaths(
  name: PostgresToolName,
  places: { searchPath: string; versionedInstallRoot: string },
): string[] {
  const { versionedInstallRoot } = places;
  const onPath = places.searchPath
    .split(path.delimiter)
    .filter(Boolean)
    .map((folder) => path.join(folder, name))
    .find(isExecutable);
  const versioned = existsSync(versionedInstallRoot)
    ? readdirSync(versionedInstallRoot)
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
        .map((version) => path.join(versionedInstallRoot, version, 'bin', name))
        .filter(isExecutable)
    : [];
  const usableOnPath = onPath && !(isDebianWrapper(onPath) && versioned.length > 0);
  return [...new Set([...(usableOnPath ? [onPath] : []), ...versioned])];
}

function isDebianWrapper(file: string): boolean {
  return path.basename(realpathSync(file)) === 'pg_wrapper';
}

async function versionsOf(paths: string[]): Promise<PostgresTool[]> {
  const tools: PostgresTool[] = [];
  for (const toolPath of paths) {
    const output = await run(toolPath, ['--version'], { timeout: 30_000 }).catch(() => undefined);
    const version = output && parsePostgresMajorVersion(output.stdout);
    if (version !== undefined) tools.push({ path: toolPath, version });
  }
  return tools;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs pg_dump or pg_restore, handing each line it prints on stderr (with --verbose, one per
 * table) to `onLine` as it comes, so a long run shows progress. Rejects with the tool's last
 * lines when it fails.
 */
export function runPostgresTool(
  tool: PostgresTool,
  args: string[],
  options: { environment: Record<string, string>; onLine?: (line: string) => void },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, {
      env: { ...process.env, ...options.environment },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const lastLines: string[] = [];
    let partial = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        lastLines.push(line);
        if (lastLines.length > 20) lastLines.shift();
        options.onLine?.(line);
      }
    });
    child.once('error', (error) =>
      reject(new BackupError('tool-failed', `Could not run ${tool.path}: ${error.message}`)),
    );
    child.once('close', (code, signal) => {
      if (partial) lastLines.push(partial);
      if (code === 0) return resolve();
      const errors = lastLines.filter((line) => /\b(error|fatal|detail|hint):/i.test(line));
      reject(
        new BackupError(
          'tool-failed',
          `${path.basename(tool.path)} failed (${signal ? `killed by ${signal}` : `exit status ${code}`}): ${(errors.length > 0 ? errors : lastLines).slice(-5).join(' / ')}`,
        ),
      );
    });
  });
}
