import type { Reader } from '../db/connection.ts';
import { BackupError } from './backup-error.ts';
import { type AuditEventCount, countAuditEvents, hasAuditTrail } from './backup-queries.ts';

/**
 * How many audit events the database holds, said with every backup and restore as the measure of
 * what was copied; refuses a database without Concordat's tables, which has nothing of ours in it.
 */
export async function countConcordatAuditEvents(
  reader: Reader,
  location: string,
): Promise<AuditEventCount> {
  if (!(await hasAuditTrail(reader))) {
    throw new BackupError(
      'not-a-concordat-database',
      `The database at ${location} holds no Concordat tables (no audit_events table). Check DATABASE_URL or DATA_DIR; concordat migrate creates the tables in a new database.`,
    );
  }
  return countAuditEvents(reader);
}
