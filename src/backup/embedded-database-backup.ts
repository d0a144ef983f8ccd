import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { promisify } from 'node:util';
import { createGzip, gunzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { type DatabaseHandle, openDatabase } from '../db/connection.ts';
import { countConcordatAuditEvents } from './audit-event-count.ts';
import { BackupError } from './backup-error.ts';
import { type AuditEventCount, checkpoint } from './backup-queries.ts';
import { readTarballContents, type TarballContents } from './tarball-contents.ts';

const gunzipAsync = promisify(gunzip);

/** The file openDatabase keeps in the folder while a process has it open (src/db/connection.ts). */
const lockFileName = 'concordat.lock';
/** PostgreSQL's marker of a data folder; PGlite runs initdb in a folder without it. */
const versionFileName = 'PG_VERSION';

/**
 * Writes the embedded database's folder as a gzip-compressed tarball through PGlite's own
 * dumpDataDir. Opening the folder takes its lock, so this refuses while `concordat serve` (or any
 * other process) has it open, and nothing can write while the copy is taken: the embedded database
 * serves one process at a time, and a backup is one of them. A checkpoint first puts every change
 * in the data files, so the copy starts without replaying its write-ahead log.
 */
export async function backupEmbeddedDatabase(options: {
  dataDirectory: string;
  partialFile: string;
  progress: (message: string) => void;
}): Promise<{ auditEvents: AuditEventCount }> {
  const { dataDirectory, progress } = options;
  if (!existsSync(path.join(dataDirectory, versionFileName))) {
    throw new BackupError(
      'nothing-to-back-up',
      `There is no embedded database in ${dataDirectory} to back up (no PG_VERSION file there). Set DATA_DIR to the folder the server uses, or DATABASE_URL for a PostgreSQL database.`,
    );
  }
  progress(`Opening the embedded database in ${dataDirectory}…`);
  const database = await openDatabase({ dataDirectory });
  try {
    const auditEvents = await countConcordatAuditEvents(database.db, dataDirectory);
    progress('Writing a checkpoint…');
    await checkpoint(database.db);
    progress('Copying the database folder…');
    const tarball = await pgliteClient(database).dumpDataDir('none');
    progress(`Compressing ${Math.round(tarball.size / 1e6)} MB of database files…`);
    await pipeline(
      Readable.fromWeb(tarball.stream() as ReadableStream<Uint8Array>),
      createGzip(),
      createWriteStream(options.partialFile),
    );
    return { auditEvents };
  } finally {
    await database.close();
  }
}

/**
 * Loads a backup into a new embedded database: checks the whole file first (a damaged one is
 * refused before anything is written), unpacks it with PGlite's loadDataDir into a staging folder
 * inside the target, opens it there as the app would (which takes its lock and finishes any
 * recovery), lets `check` read it, and only then moves its files up into the target. Staging
 * inside the target keeps every move on one file system, as when the target is a mounted volume.
 * The target must be an empty or missing folder; a failure before the move leaves it as it was.
 */
export async function restoreEmbeddedDatabase<Checked>(options: {
  file: string;
  compressed: boolean;
  dataDirectory: string;
  progress: (message: string) => void;
  check: (database: DatabaseHandle) => Promise<Checked>;
}): Promise<Checked> {
  const { file, dataDirectory, progress } = options;
  refuseOccupiedFolder(dataDirectory);
  progress(`Reading ${file}…`);
  const tarball = options.compressed
    ? await decompress(file, readFileSync(file))
    : new Uint8Array(readFileSync(file));
  const contents = readTarballContents(file, tarball);
  progress(
    `The backup holds an embedded database (PostgreSQL ${contents.postgresVersion} data files, ${contents.files} files).`,
  );

  const createdTarget = !existsSync(dataDirectory);
  mkdirSync(dataDirectory, { recursive: true });
  const staging = mkdtempSync(path.join(dataDirectory, '.restoring-'));
  let restored = false;
  try {
    progress('Unpacking the database files…');
    await unpack(tarball, staging, contents);
    progress('Opening the restored database…');
    const database = await openDatabase({ dataDirectory: staging });
    let checked: Checked;
    try {
      checked = await options.check(database);
    } finally {
      await database.close();
    }
    moveIntoPlace(staging, dataDirectory);
    restored = true;
    return checked;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    if (!restored && createdTarget && readdirSync(dataDirectory).length === 0) {
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  }
}

async function unpack(tarball: Uint8Array, folder: string, contents: TarballContents) {
  try {
    const client = new PGlite(folder, {
      loadDataDir: new Blob([tarball], { type: 'application/x-tar' }),
      relaxedDurability: false,
    });
    await client.waitReady;
    await client.close();
  } catch (error) {
    throw new BackupError(
      'backup-damaged',
      `The embedded database could not start from the backup's files (PostgreSQL ${contents.postgresVersion} data files; this version of Concordat's PGlite must be able to read them): ${error instanceof Error ? error.message : String(error)}. Nothing was restored.`,
    );
  }
  // The lock of the process that took the backup came with the folder; it is not this one's.
  rmSync(path.join(folder, lockFileName), { force: true });
}

function refuseOccupiedFolder(dataDirectory: string): void {
  if (!existsSync(dataDirectory)) return;
  if (!statSync(dataDirectory).isDirectory()) {
    throw new BackupError(
      'target-not-empty',
      `DATA_DIR (${dataDirectory}) is a file, not a folder. Set DATA_DIR to an empty or new folder.`,
    );
  }
  const entries = readdirSync(dataDirectory);
  if (entries.length === 0) return;
  const holds = entries.includes(versionFileName)
    ? 'already holds an embedded database'
    : `is not empty (it holds ${entries.length} files or folders)`;
  throw new BackupError(
    'target-not-empty',
    `DATA_DIR (${dataDirectory}) ${holds}. concordat restore only restores into an empty or new folder, so nothing is overwritten: restore into a new one (DATA_DIR=${dataDirectory}-restored concordat restore FILE) and point the server at it, or move this folder aside first. Nothing was changed.`,
  );
}

/**
 * Moves the restored files from the staging folder up into the target, PG_VERSION last: a folder
 * without PG_VERSION is not taken for a database, so an interrupted move never looks like a
 * complete one. Refuses if anything else appeared in the target meanwhile (a server started on
 * it), leaving that as it is.
 */
function moveIntoPlace(staging: string, dataDirectory: string): void {
  const others = readdirSync(dataDirectory).filter((entry) => entry !== path.basename(staging));
  if (others.length > 0) {
    throw new BackupError(
      'target-not-empty',
      `DATA_DIR (${dataDirectory}) was written to by something else while the backup was being restored (${others.slice(0, 3).join(', ')}); it was left as it is, and nothing was restored.`,
    );
  }
  const entries = readdirSync(staging).sort(
    (a, b) => Number(a === versionFileName) - Number(b === versionFileName),
  );
  for (const entry of entries) {
    renameSync(path.join(staging, entry), path.join(dataDirectory, entry));
  }
}

async function decompress(file: string, compressed: Buffer): Promise<Uint8Array> {
  try {
    return new Uint8Array(await gunzipAsync(compressed));
  } catch (error) {
    const cutShort = (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR';
    throw new BackupError(
      'backup-damaged',
      `${file} is damaged: ${cutShort ? 'its compressed data ends early (the file was cut short, perhaps by a full disk or an interrupted copy)' : 'its compressed data fails its integrity check'} (${(error as Error).message}). Nothing was restored; use another copy of the backup.`,
    );
  }
}

/** The PGlite instance behind the handle: dumpDataDir is PGlite's own, not SQL. */
function pgliteClient(database: DatabaseHandle): PGlite {
  // drizzle(client) keeps the client it was given as $client (drizzle-orm/pglite).
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (!(client instanceof PGlite)) {
    throw new Error('The embedded database handle does not hold a PGlite instance.');
  }
  return client;
}
