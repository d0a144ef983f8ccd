import { type AuditTrailVerification, verifyAuditTrail } from '../audit/index.ts';
import type { DatabaseEngine, DatabaseHandle } from '../db/connection.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { countConcordatAuditEvents } from './audit-event-count.ts';
import type { DatabaseTarget } from './backup-database.ts';
import { readBackupFileHead } from './backup-file.ts';
import {
  identifyBackupFile,
  readPostgresArchiveHeader,
  refuseBackupForTarget,
} from './backup-file-kind.ts';
import { type AuditEventCount, countAppliedMigrations } from './backup-queries.ts';
import { restoreEmbeddedDatabase } from './embedded-database-backup.ts';
import { restorePostgresDatabase } from './postgres-database-backup.ts';

export interface RestoreReport {
  engine: DatabaseEngine;
  /** The folder, or the server and database with the password hidden. */
  location: string;
  file: string;
  auditEvents: AuditEventCount;
  /** Migrations a backup from an older Concordat had not had, applied before verifying. */
  migrationsApplied: number;
  /**
   * The restored database checked as `concordat audit verify` checks it: the hash chain and its
   * seals, and the audited records against their events.
   */
  verification: AuditTrailVerification;
  seconds: number;
}

/**
 * Restores a backup written by backupDatabase into the configured database, which must be empty,
 * brings it up to this version's schema, then verifies the restored audit trail as
 * `concordat audit verify` does. Refuses before changing anything when the file is not
 * a backup, is of the other kind of database, is damaged, or the target holds anything.
 *
 * A trail that fails verification is reported, not undone: the restored data is what the backup
 * holds, and the break was in the source (or the file was altered) — evidence to keep.
 */
export async function restoreDatabase(options: {
  target: DatabaseTarget;
  file: string;
  progress: (message: string) => void;
  /** Called as verification goes, with the number of sealed events checked so far. */
  onVerifyProgress?: (checked: number) => void;
}): Promise<RestoreReport> {
  const { target, file, progress } = options;
  const started = performance.now();
  const engine: DatabaseEngine = target.databaseUrl ? 'postgres' : 'pglite';
  const head = readBackupFileHead(file);
  const kind = identifyBackupFile(head);
  const refusal = refuseBackupForTarget({ path: file, kind }, engine);
  if (refusal) throw refusal;

  const check = async (database: DatabaseHandle) => {
    const auditEvents = await countConcordatAuditEvents(database.db, database.location);
    // Verification reads the tables this version of Concordat has; a backup from an older one
    // gets the migrations it had not had first, as `concordat serve` would give them at start.
    const migrationsBefore = await countAppliedMigrations(database.db);
    await migrateDatabase(database);
    const migrationsApplied = (await countAppliedMigrations(database.db)) - migrationsBefore;
    progress('Verifying the restored audit trail…');
    const verification = await verifyAuditTrail({
      db: database.db,
      ...(options.onVerifyProgress && { onProgress: options.onVerifyProgress }),
    });
    return { auditEvents, migrationsApplied, verification };
  };

  if (kind.kind === 'postgres-archive' && target.databaseUrl) {
    const header = readPostgresArchiveHeader(file, head);
    const restored = await restorePostgresDatabase({
      file,
      header,
      databaseUrl: target.databaseUrl,
      progress,
      check,
    });
    return {
      engine,
      location: restored.location,
      file,
      ...restored.checked,
      seconds: (performance.now() - started) / 1000,
    };
  }
  if (kind.kind === 'embedded-tarball') {
    const checked = await restoreEmbeddedDatabase({
      file,
      compressed: kind.compressed,
      dataDirectory: target.dataDirectory,
      progress,
      check,
    });
    return {
      engine,
      location: target.dataDirectory,
      file,
      ...checked,
      seconds: (performance.now() - started) / 1000,
    };
  }
  throw new Error(`No restore for a ${kind.kind} into ${engine}.`);
}
