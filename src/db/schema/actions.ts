/** Tables owned by actions. The action log. */
import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agendaItems, meetings } from './meetings.ts';
import { people } from './registry.ts';

export const actionItems = pgTable(
  'action_items',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id),
    description: text('description').notNull(),
    ownerPersonId: uuid('owner_person_id')
      .notNull()
      .references(() => people.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    completedOn: date('completed_on', { mode: 'string' }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('action_items_meeting_idx').on(table.meetingId),
    index('action_items_owner_idx').on(table.ownerPersonId),
    check('action_items_status_known', sql`${table.status} in ('open', 'done', 'dropped')`),
    check(
      'action_items_done_has_date',
      sql`(${table.status} = 'open') = (${table.completedOn} is null)`,
    ),
  ],
);

// ---- Membership details (issue 5): elections, deputies, non-voting attendees ----
