import { type Command, CommanderError } from 'commander';
import {
  type AuditEventCount,
  backupDatabase,
  type DatabaseTarget,
  restoreDatabase,
} from '../backup/index.ts';
import type { DatabaseEngine } from '../db/connection.ts';
import { type CommandStreams, describeVerification } from './audit-command.ts';
import { createProgress } from './progress.ts';

/** How often a long verification after a restore reports on stderr, in events. */
const verifyProgressEvery = 10_000;

/**
 * Adds `backup FILE` and `restore FILE` (see docs/backup.md). Progress goes to stderr, the result
 * to stdout. A restored audit trail that does not verify ends `restore` with exit status 1 after
 * the verdict is printed, through a CommanderError as `audit verify` does.
 */
export function registerBackupCommands(
  program: Command,
  options: { target: () => DatabaseTarget; streams?: CommandStreams },
): void {
  const streams = options.streams ?? { stdout: process.stdout, stderr: process.stderr };
  const output = (text: string) => streams.stdout.write(`${text}\n`);

  program
    .command('backup')
    .description('Write a consistent backup of the whole database to one file')
    .argument('<file>', 'the backup file to write')
    .option('--overwrite', 'replace FILE if it already exists')
    .addHelpText(
      'after',
      `
PostgreSQL (DATABASE_URL set): pg_dump's custom format (-Fc), taken from one snapshot while the
app keeps serving. Needs pg_dump at least as new as the server (apt-get install postgresql-client).

Embedded database (DATA_DIR, default ./data): a gzip-compressed tarball of the database folder,
made by PGlite. The embedded database serves one process at a time, so stop "concordat serve"
first; the backup refuses while the folder is in use.

The file appears only when complete. Restore it with "concordat restore FILE" (docs/backup.md).`,
    )
    .action(async (file: string, flags: { overwrite?: boolean }) => {
      const report = await backupDatabase({
        target: options.target(),
        file,
        overwrite: flags.overwrite ?? false,
        progress: createProgress(streams.stderr),
      });
      output(
        `Backed up ${describeDatabase(report.engine, report.location)} to ${report.file}: ${formatByteSize(report.bytes)}, ${describeAuditEvents(report.auditEvents)}, in ${report.seconds.toFixed(1)} s.`,
      );
    });

  program
    .command('restore')
    .description(
      'Restore a backup made by "concordat backup" into an empty database, then verify its audit trail',
    )
    .argument('<file>', 'the backup file to restore')
    .addHelpText(
      'after',
      `
The target is the configured database, and it must be empty: with DATABASE_URL, a database that
holds no tables (createdb NAME makes one); otherwise DATA_DIR, a folder that is empty or does not
exist yet. Anything else is refused and left unchanged, as is a file of the other kind of
database, or a damaged one.

After restoring, a backup from an older Concordat gets the migrations it had not had, and the
audit trail is verified as "concordat audit verify" does it: the hash chain and its seals, and
the audited records against their events.

Exit status: 0 when restored and verified; 1 when refused, failed, or the restored audit trail
does not verify (the data stays restored, as the backup holds it).`,
    )
    .action(async (file: string) => {
      const progress = createProgress(streams.stderr);
      let nextReport = verifyProgressEvery;
      const report = await restoreDatabase({
        target: options.target(),
        file,
        progress,
        onVerifyProgress: (checked) => {
          if (checked < nextReport) return;
          progress(`Checked ${checked} sealed events…`);
          nextReport = checked + verifyProgressEvery;
        },
      });
      output(
        `Restored ${report.file} into ${describeDatabase(report.engine, report.location)}: ${describeAuditEvents(report.auditEvents)}, in ${report.seconds.toFixed(1)} s.`,
      );
      if (report.migrationsApplied > 0) {
        output(
          `The backup was made by an older version of Concordat: applied the ${report.migrationsApplied} migration${report.migrationsApplied === 1 ? '' : 's'} it had not had, as concordat serve would.`,
        );
      }
      output(describeVerification(report.verification));
      if (!report.verification.ok) {
        output(
          'The data is restored as the backup holds it. Find out why the audit trail does not verify before serving it (docs/audit.md).',
        );
        throw new CommanderError(
          1,
          'concordat.restoredAuditTrailBroken',
          'The restored audit trail does not verify.',
        );
      }
    });
}

function describeDatabase(engine: DatabaseEngine, location: string): string {
  return engine === 'postgres'
    ? `the PostgreSQL database ${location}`
    : `the embedded database in ${location}`;
}

function describeAuditEvents(count: AuditEventCount): string {
  const unsealed = count.total - count.sealed;
  const events = `${count.total} audit event${count.total === 1 ? '' : 's'}`;
  if (count.total === 0) return events;
  return `${events} (${unsealed === 0 ? 'all sealed' : `${unsealed} not yet sealed`})`;
}

/** Sizes as people read them: decimal units, three significant figures. */
export function formatByteSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (Number(value.toPrecision(3)) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toPrecision(3)} ${units[unit]}`;
}
