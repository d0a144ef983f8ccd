import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { mailOutbox } from './mail.ts';
import { meetings } from './meetings.ts';
import { people } from './registry.ts';

// Notice of a meeting e-mailed to each member: which mail went to whom.
export const meetingNotices = pgTable(
  'meeting_notices',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    mailId: uuid('mail_id')
      .notNull()
      .references(() => mailOutbox.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('meeting_notices_meeting_idx').on(table.meetingId)],
);

// ---- Action log (issue 5) ----
