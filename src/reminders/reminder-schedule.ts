/**
 * The server's own run of the reminders: once shortly after start, then every hour after the
 * previous run ends, so runs never overlap on an instance (and the record of reminders sent keeps
 * two instances from sending the same one). Started by `concordat serve` only when e-mail is
 * configured, since a reminder queued with no way to send it would arrive late or not at all.
 */
import type { Database } from '../db/connection.ts';
import { type ReminderReport, sendReminders } from './send-reminders.ts';

export const reminderIntervalMilliseconds = 60 * 60 * 1000;

export interface ReminderSchedule {
  /** Stops scheduling and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export function startReminderSchedule(options: {
  db: Database;
  publicUrl: string;
  now: () => Date;
  /** Sends what a run queued (the app's mail dispatcher). */
  deliver: () => Promise<unknown>;
  logger: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  intervalMilliseconds?: number;
  firstRunAfterMilliseconds?: number;
}): ReminderSchedule {
  const interval = options.intervalMilliseconds ?? reminderIntervalMilliseconds;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const runOnce = async () => {
    try {
      const report: ReminderReport = await sendReminders({
        db: options.db,
        context: { actor: 'scheduler', now: options.now() },
        publicUrl: options.publicUrl,
      });
      const queued = report.questionReminders.length + report.digests.length;
      if (queued > 0) {
        options.logger.info(
          { questionReminders: report.questionReminders.length, digests: report.digests.length },
          'reminders queued',
        );
        await options.deliver();
      }
    } catch (error) {
      options.logger.error({ err: error }, 'Sending reminders failed; will try again');
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().finally(() => {
        running = undefined;
        schedule(interval);
      });
    }, delay);
    timer.unref();
  };
  schedule(options.firstRunAfterMilliseconds ?? 60_000);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
