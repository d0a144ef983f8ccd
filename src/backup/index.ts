/**
 * The face of backup — backup and restore of either database.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { backupDatabase, type DatabaseTarget } from './backup-database.ts';
export type { AuditEventCount } from './backup-queries.ts';
export { restoreDatabase } from './restore-database.ts';
