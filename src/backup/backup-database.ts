import type { DatabaseEngine } from '../db/connection.ts';
import { discardBackupFile, finishBackupFile, startBackupFile } from './backup-file.ts';
import type { AuditEventCount } from './backup-queries.ts';
import { backupEmbeddedDatabase } from './embedded-database-backup.ts';
import { backupPostgresDatabase } from './postgres-database-backup.ts';

/** Which database a backup is taken of, or restored into, as configured (src/config.ts). */
export interface DatabaseTarget {
  databaseUrl: string | undefined;
  dataDirectory: string;
}

export interface BackupReport {
  engine: DatabaseEngine;
  /** The folder, or the server and database with the password hidden. */
  location: string;
  file: string;
  bytes: number;
  auditEvents: AuditEventCount;
  seconds: number;
}

/**
 * Writes a consistent backup of the configured database to one file: pg_dump's custom format for
 * PostgreSQL, a gzip-compressed tarball of the folder for the embedded database. The file appears
 * only once it is complete (see startBackupFile); an existing one is replaced only when asked.
 */
export async function backupDatabase(options: {
  target: DatabaseTarget;
  file: string;
  overwrite?: boolean;
  progress: (message: string) => void;
}): Promise<BackupReport> {
  const { target, file, progress } = options;
  const started = performance.now();
  const partialFile = startBackupFile(file, { overwrite: options.overwrite ?? false });
  try {
    const taken = target.databaseUrl
      ? {
          engine: 'postgres' as const,
          ...(await backupPostgresDatabase({
            databaseUrl: target.databaseUrl,
            partialFile,
            progress,
          })),
        }
      : {
          engine: 'pglite' as const,
          location: target.dataDirectory,
          ...(await backupEmbeddedDatabase({
            dataDirectory: target.dataDirectory,
            partialFile,
            progress,
          })),
        };
    const bytes = finishBackupFile(partialFile, file);
    return { ...taken, file, bytes, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    discardBackupFile(partialFile);
    throw error;
  }
}
