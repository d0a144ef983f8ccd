/** Tables owned by mail. The outbox: mail written in the same transaction as what it announces. */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Outgoing e-mail, written in the same transaction as what it announces, then delivered over SMTP
// by a dispatcher that retries: an acknowledged approval never loses its distribution.
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('mail_outbox_pending_idx').on(table.status, table.createdAt),
    check('mail_outbox_status_known', sql`${table.status} in ('pending', 'sent', 'failed')`),
  ],
);
