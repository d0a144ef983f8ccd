/** Tables owned by minutes. Minutes drafted per item, their approval and distribution. */
import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { mailOutbox } from './mail.ts';
import { agendaItems, meetings } from './meetings.ts';
import { organisations, people } from './registry.ts';

export const minuteEntries = pgTable(
  'minute_entries',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    text: text('text').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('minute_entries_item_unique').on(table.agendaItemId)],
);

// One row when a meeting's minutes are approved: where, and signed by whom (the person presiding).
export const minutesApprovals = pgTable(
  'minutes_approvals',
  {
    meetingId: uuid('meeting_id')
      .primaryKey()
      .references(() => meetings.id),
    approvedAtMeetingId: uuid('approved_at_meeting_id')
      .notNull()
      .references(() => meetings.id),
    approvedAtAgendaItemId: uuid('approved_at_agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    signedByPersonId: uuid('signed_by_person_id')
      .notNull()
      .references(() => people.id),
    // The engine's quorum explanation at approval, kept as the record of why it was valid.
    quorumSummary: text('quorum_summary').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    check(
      'minutes_approvals_later_meeting',
      sql`${table.approvedAtMeetingId} <> ${table.meetingId}`,
    ),
  ],
);

// A copy of approved minutes to each body the constitution names, with its receipt.
export const minutesDistributions = pgTable(
  'minutes_distributions',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    // Null when the organisation has no correspondence address: the page says to send it by hand.
    mailId: uuid('mail_id').references(() => mailOutbox.id),
    // The recipient confirms receipt through a link carrying a secret; only its hash is kept.
    receiptTokenHash: text('receipt_token_hash').notNull().unique(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('minutes_distributions_meeting_organisation_unique').on(
      table.meetingId,
      table.organisationId,
    ),
  ],
);
