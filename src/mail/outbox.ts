import { and, asc, eq, lt } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/connection.ts';
import { mailOutbox } from '../db/schema/mail.ts';
import type { Mailer } from './mailer.ts';

type Writer = Parameters<Parameters<Database['transaction']>[0]>[0];

/** After this many failed attempts a message stops being retried and is shown as failed. */
export const maximumDeliveryAttempts = 5;

export interface QueuedMail {
  recipient: string;
  subject: string;
  body: string;
}

/**
 * Queues e-mail in the caller's transaction, so the mail exists exactly when the change it
 * announces does; `deliverPendingMail` sends it afterwards. Returns the ids in input order.
 */
export async function enqueueMail(
  transaction: Writer,
  mails: readonly QueuedMail[],
  now: Date,
): Promise<string[]> {
  if (mails.length === 0) return [];
  const rows = mails.map((mail) => ({ id: uuidv7(), ...mail, createdAt: now }));
  await transaction.insert(mailOutbox).values(rows);
  return rows.map((row) => row.id);
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Messages still pending after this pass (to be retried by the next). */
  retrying: number;
}

/**
 * Sends every pending message once, oldest first, recording each outcome. A message that fails is
 * retried on later passes until `maximumDeliveryAttempts`, then marked failed with the SMTP error.
 * Claims a message only by updating its row, so two instances never send the same mail twice
 * within one pass (the claim is the `attempts` compare-and-set).
 */
export async function deliverPendingMail(options: {
  db: Database;
  mailer: Mailer;
  now: () => Date;
  limit?: number;
}): Promise<DeliveryReport> {
  const { db, mailer } = options;
  const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0 };
  if (!mailer.canSend) return report;
  const pending = await db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.status, 'pending'))
    .orderBy(asc(mailOutbox.createdAt), asc(mailOutbox.id))
    .limit(options.limit ?? 500);
  for (const mail of pending) {
    const claimed = await db
      .update(mailOutbox)
      .set({ attempts: mail.attempts + 1 })
      .where(
        and(
          eq(mailOutbox.id, mail.id),
          eq(mailOutbox.status, 'pending'),
          eq(mailOutbox.attempts, mail.attempts),
        ),
      )
      .returning({ id: mailOutbox.id });
    if (claimed.length === 0) continue;
    try {
      await mailer.send({ to: mail.recipient, subject: mail.subject, text: mail.body });
      await db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: options.now(), lastError: null })
        .where(eq(mailOutbox.id, mail.id));
      report.sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const givesUp = mail.attempts + 1 >= maximumDeliveryAttempts;
      await db
        .update(mailOutbox)
        .set({ status: givesUp ? 'failed' : 'pending', lastError: message })
        .where(eq(mailOutbox.id, mail.id));
      if (givesUp) report.failed += 1;
      else report.retrying += 1;
    }
  }
  return report;
}

/** How many messages are waiting; for the dispatcher's log line and the tests. */
export async function countPendingMail(db: Database): Promise<number> {
  const rows = await db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lt(mailOutbox.attempts, maximumDeliveryAttempts)));
  return rows.length;
}
