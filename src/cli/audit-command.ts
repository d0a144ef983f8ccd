import { type Command, CommanderError, InvalidArgumentError } from 'commander';
import {
  type AuditTrailVerification,
  type AuditVerification,
  defaultSealBatchSize,
  defaultVerifyPageSize,
  type RecordAgreement,
  sealAllAuditEvents,
  verifyAuditTrail,
} from '../audit/index.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { createProgress } from './progress.ts';

/** Where the commands write: the process's streams, or a test's buffers. */
export interface CommandStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** How often a long verification reports on stderr, in events. */
const verifyProgressEvery = 10_000;

/**
 * Adds `audit seal` and `audit verify`. A broken chain ends the command by throwing a
 * CommanderError with exit code 1 after the verdict is printed (runCli turns it into the exit
 * code without printing anything more), so the commands never call process.exit themselves.
 */
export function registerAuditCommands(
  program: Command,
  openDatabase: () => Promise<DatabaseHandle>,
  streams: CommandStreams = { stdout: process.stdout, stderr: process.stderr },
): void {
  const output = (text: string) => streams.stdout.write(`${text}\n`);
  const audit = program
    .command('audit')
    .description('Seal and verify the tamper-evident audit trail (see docs/audit.md)');

  audit
    .command('seal')
    .description(
      'Seal every audit event not yet sealed into the hash chain (the server also does this in the background)',
    )
    .option('--batch-size <count>', 'events per seal', parsePositiveInteger, defaultSealBatchSize)
    .action(async (options: { batchSize: number }) => {
      const progress = createProgress(streams.stderr);
      const database = await openDatabase();
      try {
        progress('Sealing audit events not yet sealed…');
        const total = await sealAllAuditEvents({
          db: database.db,
          now: new Date(),
          batchSize: options.batchSize,
          onBatch: ({ sealed, seals }) =>
            progress(`Sealed ${count(sealed, 'event')} in ${count(seals, 'seal')} so far…`),
        });
        output(
          total.sealed === 0
            ? 'Nothing to seal: every audit event is already sealed.'
            : `Sealed ${count(total.sealed, 'audit event')} in ${count(total.seals, 'seal')}.`,
        );
      } finally {
        await database.close();
      }
    });

  audit
    .command('verify')
    .description(
      'Recompute the hash chain and every seal, naming the first altered, inserted or deleted event; then check that votes, questions, attendance and memberships agree with their audit events',
    )
    .option('--json', 'print the result as JSON, including the chain head to keep a copy of')
    .option(
      '--page-size <count>',
      'sealed events read per query',
      parsePositiveInteger,
      defaultVerifyPageSize,
    )
    .addHelpText(
      'after',
      '\nExit status: 0 when the chain verifies and every record agrees with its events; 1 otherwise (each problem is named).',
    )
    .action(async (options: { json?: boolean; pageSize: number }) => {
      const progress = createProgress(streams.stderr);
      const database = await openDatabase();
      let result: AuditTrailVerification;
      try {
        progress('Verifying the audit chain…');
        let nextReport = verifyProgressEvery;
        result = await verifyAuditTrail({
          db: database.db,
          pageSize: options.pageSize,
          onProgress: (checked) => {
            if (checked < nextReport) return;
            progress(`Checked ${count(checked, 'sealed event')}…`);
            nextReport = checked + verifyProgressEvery;
          },
        });
      } finally {
        await database.close();
      }
      if (options.json) output(JSON.stringify(result, null, 2));
      else output(describeVerification(result));
      if (!result.ok) {
        throw new CommanderError(
          1,
          'concordat.auditChainBroken',
          'The audit chain is broken, or records disagree with it.',
        );
      }
    });
}

/** The verdict a person reads: the chain's line, the chain head to keep a copy of, then the records'. */
export function describeVerification(
  result: AuditVerification & { records?: RecordAgreement },
): string {
  return [describeChain(result), ...(result.records ? [describeRecords(result.records)] : [])].join(
    '\n',
  );
}

function describeChain(result: AuditVerification): string {
  if (result.problem) {
    return `Audit chain BROKEN at sequence ${result.problem.sequence}: ${result.problem.message}`;
  }
  const verdict = `Audit chain verified: ${count(result.eventsChecked, 'event')} in ${count(result.sealsChecked, 'seal')}; ${result.unsealedEvents} not yet sealed.`;
  if (!result.chainHead) return verdict;
  return `${verdict}\nChain head at sequence ${result.chainHead.sequence}: ${result.chainHead.chainHash} (keep a copy outside the database: a chain that no longer reaches it was rewritten).`;
}

/** How many records were compared, then each one that disagrees with its events. */
function describeRecords(records: RecordAgreement): string {
  const compared = `${count(records.checked.vote ?? 0, 'vote')}, ${count(records.checked.proposal ?? 0, 'question')}, ${count(records.checked.attendance ?? 0, 'attendance record')} and ${count(records.checked.membership ?? 0, 'membership')}`;
  const older =
    records.votesRecordedBeforeChecks > 0
      ? ` (${count(records.votesRecordedBeforeChecks, 'vote')} cast before votes were named in their events not compared)`
      : '';
  if (records.ok) return `Records agree with their audit events: ${compared}${older}.`;
  return [
    `Records DISAGREE with their audit events: ${count(records.problems.length, 'problem')} among ${compared}${older}:`,
    ...records.problems.map((problem) => `  ${problem.message}`),
  ].join('\n');
}

function count(total: number, noun: string): string {
  return `${total} ${noun}${total === 1 ? '' : 's'}`;
}

function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('Give a whole number of at least 1.');
  }
  return parsed;
}
