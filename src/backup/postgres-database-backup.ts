import { type DatabaseHandle, openDatabase } from '../db/connection.ts';
import { countConcordatAuditEvents } from './audit-event-count.ts';
import { BackupError } from './backup-error.ts';
import type { PostgresArchiveHeader } from './backup-file-kind.ts';
import {
  type AuditEventCount,
  exportSnapshot,
  listUserObjects,
  selectServerVersion,
} from './backup-queries.ts';
import { libpqConnection } from './libpq-connection.ts';
import { findPostgresTool, runPostgresTool } from './postgres-tools.ts';
import { parsePostgresMajorVersion } from './postgres-versions.ts';

/**
 * Dumps the database with pg_dump in its custom format. The audit events are counted in a
 * repeatable-read transaction whose snapshot pg_dump is given (--snapshot), so the count said
 * and the dump are of the same moment; the app keeps serving meanwhile, as pg_dump's snapshot
 * is consistent without stopping writers.
 */
export async function backupPostgresDatabase(options: {
  databaseUrl: string;
  partialFile: string;
  progress: (message: string) => void;
}): Promise<{ auditEvents: AuditEventCount; location: string }> {
  const { progress } = options;
  progress('Connecting to PostgreSQL…');
  const database = await openDatabase({ databaseUrl: options.databaseUrl });
  try {
    const serverVersion = await serverMajorVersion(database);
    const pgDump = await findPostgresTool('pg_dump', {
      atLeast: serverVersion,
      prefer: serverVersion,
      purpose: 'concordat backup of a PostgreSQL database runs it',
      versionReason: `The server is PostgreSQL ${serverVersion} and pg_dump refuses a server newer than itself`,
    });
    const connection = libpqConnection(options.databaseUrl);
    const auditEvents = await database.db.transaction(
      async (transaction) => {
        const counted = await countConcordatAuditEvents(transaction, database.location);
        const snapshot = await exportSnapshot(transaction);
        const tableProgress = atMostEverySecond(progress);
        progress(`Dumping with ${pgDump.path} (version ${pgDump.version})…`);
        await runPostgresTool(
          pgDump,
          [
            '--format=custom',
            '--verbose',
            `--snapshot=${snapshot}`,
            `--file=${options.partialFile}`,
            `--dbname=${connection.connectionString}`,
          ],
          {
            environment: connection.environment,
            onLine: (line) => {
              const table = /dumping contents of table "(.+)"/.exec(line)?.[1];
              if (table) tableProgress(`Copying table ${table}…`);
            },
          },
        );
        return counted;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    return { auditEvents, location: database.location };
  } finally {
    await database.close();
  }
}

/**
 * Restores a pg_dump archive with pg_restore into the database DATABASE_URL names, which must be
 * empty. pg_restore runs in one transaction that stops at the first error, so a damaged archive or
 * a failure part-way restores nothing. Ownership and grants are left out (--no-owner
 * --no-privileges): the tables belong to the user DATABASE_URL connects as, the one the app uses,
 * and the source's roles need not exist on this server.
 */
export async function restorePostgresDatabase<Checked>(options: {
  file: string;
  header: PostgresArchiveHeader;
  databaseUrl: string;
  progress: (message: string) => void;
  check: (database: DatabaseHandle) => Promise<Checked>;
}): Promise<{ checked: Checked; location: string }> {
  const { file, header, progress } = options;
  progress('Connecting to PostgreSQL…');
  const database = await openDatabase({ databaseUrl: options.databaseUrl });
  try {
    await refuseOccupiedDatabase(database);
    const serverVersion = await serverMajorVersion(database);
    const dumpedBy = parsePostgresMajorVersion(header.pgDumpVersion ?? '') ?? 0;
    const dumpedFrom = parsePostgresMajorVersion(header.serverVersion ?? '');
    progress(
      `The backup is of database ${header.databaseName ?? '(unnamed)'} on PostgreSQL ${header.serverVersion ?? 'of an unknown version'}, written by pg_dump ${header.pgDumpVersion ?? 'of an unknown version'}.`,
    );
    if (dumpedFrom !== undefined && dumpedFrom > serverVersion) {
      progress(
        `Warning: the backup comes from PostgreSQL ${dumpedFrom} and this server is ${serverVersion}; PostgreSQL supports restoring only into the same or a newer version. Trying; nothing is kept if it fails.`,
      );
    }
    const pgRestore = await findPostgresTool('pg_restore', {
      atLeast: dumpedBy,
      prefer: serverVersion,
      purpose: 'concordat restore into a PostgreSQL database runs it',
      versionReason: `The backup was written by pg_dump ${dumpedBy} and pg_restore cannot read an archive from a newer pg_dump`,
    });
    progress(`Restoring with ${pgRestore.path} (version ${pgRestore.version}) in one transaction…`);
    const connection = libpqConnection(options.databaseUrl);
    const tableProgress = atMostEverySecond(progress);
    let announcedIndexes = false;
    await runPostgresTool(
      pgRestore,
      [
        '--single-transaction',
        '--exit-on-error',
        '--no-owner',
        '--no-privileges',
        '--verbose',
        `--dbname=${connection.connectionString}`,
        file,
      ],
      {
        environment: connection.environment,
        onLine: (line) => {
          const table = /processing data for table "(.+)"/.exec(line)?.[1];
          if (table) tableProgress(`Loading table ${table}…`);
          if (!announcedIndexes && /creating (INDEX|CONSTRAINT|FK CONSTRAINT)/.test(line)) {
            announcedIndexes = true;
            progress('Creating indexes and constraints…');
          }
        },
      },
    ).catch((error: Error) => {
      throw describeFailedRestore(file, error);
    });
    return { checked: await options.check(database), location: database.location };
  } finally {
    await database.close();
  }
}

/** One line a second is enough to show a long dump moving; a small one prints only its first. */
function atMostEverySecond(progress: (message: string) => void): (message: string) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (message) => {
    const now = performance.now();
    if (now - last < 1000) return;
    last = now;
    progress(message);
  };
}

async function refuseOccupiedDatabase(database: DatabaseHandle): Promise<void> {
  const shown = 5;
  const existing = await listUserObjects(database.db, shown);
  if (existing.total === 0) return;
  const more = existing.total > shown ? `, and ${existing.total - shown} more` : '';
  throw new BackupError(
    'target-not-empty',
    `The database DATABASE_URL names (${database.location}) is not empty: it already holds ${existing.total} tables or other objects, among them ${existing.names.join(', ')}${more}. concordat restore only restores into an empty database, so nothing is overwritten. Create a new one (createdb -h HOST -U USER NAME, or in psql: create database NAME;), point DATABASE_URL at it and run concordat restore again. Nothing was changed.`,
  );
}

async function serverMajorVersion(database: DatabaseHandle): Promise<number> {
  const reported = await selectServerVersion(database.db);
  const version = parsePostgresMajorVersion(reported);
  if (version === undefined) {
    throw new Error(`PostgreSQL reported a version that cannot be read: "${reported}".`);
  }
  return version;
}

/** pg_restore's own words, with what they mean for the backup and the target. */
function describeFailedRestore(file: string, error: Error): BackupError {
  const damaged =
    /end of file|could not read|could not uncompress|corrupt|unexpected|did not find magic|invalid|unsupported version/i.test(
      error.message,
    );
  return new BackupError(
    damaged ? 'backup-damaged' : 'tool-failed',
    `${damaged ? `${file} is damaged or cut short` : `${file} could not be restored`}: nothing was restored (pg_restore runs in one transaction, rolled back at the first error). ${error.message}`,
  );
}
