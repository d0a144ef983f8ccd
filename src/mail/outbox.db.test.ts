import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpTestServer } from '../../test/support/smtp-test-server.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { mailOutbox } from '../db/schema/mail.ts';
import { createMailer } from './mailer.ts';
import { deliverPendingMail, enqueueMail, maximumDeliveryAttempts } from './outbox.ts';

let database: DatabaseHandle;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
const now = () => new Date('2026-11-23T10:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  smtp = await startSmtpTestServer();
});

afterAll(async () => {
  await smtp?.stop();
  await database?.close();
});

beforeEach(async () => {
  await database.db.delete(mailOutbox);
  smtp.received.length = 0;
});

const queue = (recipient: string) =>
  database.db.transaction((transaction) =>
    enqueueMail(
      transaction,
      [{ recipient, subject: 'Minutes of the London Commissioning Group', body: 'Attached.' }],
      now(),
    ),
  );

describe('the mail outbox', () => {
  it('sends queued mail over SMTP once and records when', async () => {
    const [id] = await queue('board-secretary@example.invalid');
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'concordat@example.invalid' });
    expect(await deliverPendingMail({ db: database.db, mailer, now })).toEqual({
      sent: 1,
      failed: 0,
      retrying: 0,
    });
    expect(smtp.received.map((mail) => mail.subject)).toEqual([
      'Minutes of the London Commissioning Group',
    ]);
    const [row] = await database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.id, id ?? ''));
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sentAt: now() });
    // A second pass finds nothing to send: nobody gets the minutes twice.
    await deliverPendingMail({ db: database.db, mailer, now });
    expect(smtp.received).toHaveLength(1);
  });

  it('keeps mail that cannot be delivered and retries it until the server answers', async () => {
    await queue('board-secretary@example.invalid');
    // Nothing listens on port 9 (discard) on loopback: the connection is refused.
    const unreachable = createMailer({ smtpUrl: 'smtp://127.0.0.1:9', from: 'c@example.invalid' });
    const firstPass = await deliverPendingMail({ db: database.db, mailer: unreachable, now });
    expect(firstPass).toEqual({ sent: 0, failed: 0, retrying: 1 });
    const [waiting] = await database.db.select().from(mailOutbox);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting?.lastError).toMatch(/ECONNREFUSED|connect/i);

    const reachable = createMailer({ smtpUrl: smtp.url, from: 'c@example.invalid' });
    expect(await deliverPendingMail({ db: database.db, mailer: reachable, now })).toMatchObject({
      sent: 1,
    });
    expect(smtp.received).toHaveLength(1);
  });

  it(`gives up after ${maximumDeliveryAttempts} attempts and shows the error`, async () => {
    await queue('board-secretary@example.invalid');
    const unreachable = createMailer({ smtpUrl: 'smtp://127.0.0.1:9', from: 'c@example.invalid' });
    for (let attempt = 1; attempt < maximumDeliveryAttempts; attempt += 1) {
      await deliverPendingMail({ db: database.db, mailer: unreachable, now });
    }
    expect(await deliverPendingMail({ db: database.db, mailer: unreachable, now })).toEqual({
      sent: 0,
      failed: 1,
      retrying: 0,
    });
    const [row] = await database.db.select().from(mailOutbox);
    expect(row).toMatchObject({ status: 'failed', attempts: maximumDeliveryAttempts });
  });

  it('leaves mail queued when no SMTP server is configured', async () => {
    await queue('board-secretary@example.invalid');
    const unconfigured = createMailer({ smtpUrl: undefined, from: 'c@example.invalid' });
    expect(await deliverPendingMail({ db: database.db, mailer: unconfigured, now })).toEqual({
      sent: 0,
      failed: 0,
      retrying: 0,
    });
    const [row] = await database.db.select().from(mailOutbox);
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('queues nothing when the transaction that queued it rolls back', async () => {
    await expect(
      database.db.transaction(async (transaction) => {
        await enqueueMail(
          transaction,
          [{ recipient: 'x@example.invalid', subject: 's', body: 'b' }],
          now(),
        );
        throw new Error('the change it announced failed');
      }),
    ).rejects.toThrow('the change it announced failed');
    expect(await database.db.select().from(mailOutbox)).toEqual([]);
  });
});
