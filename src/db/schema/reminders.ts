/** Tables owned by reminders. Which reminder went to whom, so none is sent twice. */
import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { mailOutbox } from './mail.ts';
import { people } from './registry.ts';

// One row per reminder e-mailed: a question closing (about = the question's id) or the weekly
// digest of overdue actions (about = the ISO week, e.g. 2026-W50). The unique index is the
// "never twice": a second run, or two runs at once, cannot insert the same reminder again.
export const reminderSends = pgTable(
  'reminder_sends',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    about: text('about').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    mailId: uuid('mail_id').references(() => mailOutbox.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('reminder_sends_once').on(table.kind, table.about, table.personId),
    check(
      'reminder_sends_kind_known',
      sql`${table.kind} in ('question-closing', 'overdue-actions')`,
    ),
  ],
);
