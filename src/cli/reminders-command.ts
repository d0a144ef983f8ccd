import type { Command } from 'commander';
import { readConfig } from '../config.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { deliverPendingMail } from '../mail/outbox.ts';
import { sendReminders } from '../reminders/index.ts';
import type { CommandStreams } from './audit-command.ts';
import { createProgress } from './progress.ts';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * Adds `reminders send`: queues the reminders due now (members yet to vote on a question closing
 * within the day; each owner's weekly digest of overdue actions) and delivers them over SMTP.
 * Run it hourly from cron or a systemd timer, or leave it to `concordat serve`, which runs it
 * hourly itself when e-mail is configured; running both is safe, as no reminder is sent twice.
 */
export function registerReminderCommands(
  program: Command,
  options: {
    openDatabase: () => Promise<DatabaseHandle>;
    mailer?: () => Mailer;
    now?: () => Date;
    streams?: CommandStreams;
  },
): void {
  const streams = options.streams ?? { stdout: process.stdout, stderr: process.stderr };
  const output = (text: string) => streams.stdout.write(`${text}\n`);
  const reminders = program
    .command('reminders')
    .description(
      'E-mail reminders: before a question closes, and the weekly overdue-actions digest',
    );
  reminders
    .command('send')
    .description(
      'Queue and send the reminders due now (each goes once; people who turned theirs off get none)',
    )
    .action(async () => {
      const config = readConfig();
      const mailer = options.mailer?.() ?? createMailer(config.mail);
      if (!mailer.canSend) {
        throw new Error(
          'E-mail is not configured on this server (set SMTP_URL), so no reminders were queued.',
        );
      }
      const progress = createProgress(streams.stderr);
      const database = await options.openDatabase();
      try {
        const now = options.now ?? (() => new Date());
        progress('Finding the reminders due…');
        const report = await sendReminders({
          db: database.db,
          context: { actor: 'cli', now: now() },
          publicUrl: config.publicUrl,
        });
        for (const reminder of report.questionReminders) {
          output(`Question reminder to ${reminder.to}: ${reminder.question}`);
        }
        for (const digest of report.digests) {
          output(`Overdue-actions digest to ${digest.to}: ${count(digest.actions, 'action')}`);
        }
        for (const skipped of report.skipped) {
          output(
            `No ${skipped.reminder === 'question' ? 'question reminder' : 'digest'} to ${skipped.name}: ${skipped.why === 'turned-off' ? 'they turned it off' : 'the registry has no e-mail address for them'}`,
          );
        }
        const delivered = await deliverPendingMail({ db: database.db, mailer, now });
        output(
          `Queued ${count(report.questionReminders.length, 'question reminder')} and ${count(report.digests.length, 'digest')} (week ${report.week}); sent ${count(delivered.sent, 'message')}${delivered.retrying ? `, ${delivered.retrying} to retry` : ''}.`,
        );
      } finally {
        await database.close();
      }
    });
}
