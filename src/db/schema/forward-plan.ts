/** Tables owned by forward-plan. The decisions each body expects to take in the coming months. */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bodies } from './bodies.ts';
import { agendaItems, meetings } from './meetings.ts';

// As councils' forward plans: title, kind, expected month and meeting, Part II expected with why,
// papers due and a contact. `status` is what the keeper set; whether a decision was taken is read
// from its meeting (decision 066).
export const forwardPlanItems = pgTable(
  'forward_plan_items',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    // The first day of the month the decision is expected in.
    expectedMonth: date('expected_month', { mode: 'string' }).notNull(),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id),
    partTwoExpected: boolean('part_two_expected').notNull().default(false),
    partTwoReason: text('part_two_reason'),
    papersDueOn: date('papers_due_on', { mode: 'string' }),
    contact: text('contact').notNull(),
    status: text('status').notNull().default('planned'),
    withdrawnReason: text('withdrawn_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('forward_plan_items_body_month_idx').on(table.bodyId, table.expectedMonth),
    check('forward_plan_items_title_not_blank', sql`btrim(${table.title}) <> ''`),
    check('forward_plan_items_contact_not_blank', sql`btrim(${table.contact}) <> ''`),
    check(
      'forward_plan_items_kind_known',
      sql`${table.kind} in ('decision', 'recommendation-to-boards', 'consultation-approval', 'commissioning-decision')`,
    ),
    check('forward_plan_items_month_first_day', sql`extract(day from ${table.expectedMonth}) = 1`),
    check(
      'forward_plan_items_status_known',
      sql`${table.status} in ('planned', 'on-agenda', 'withdrawn', 'deferred')`,
    ),
    // Part II expected only with why (1960 Act s1, as councils' exempt items name their reason).
    check(
      'forward_plan_items_part_two_has_reason',
      sql`not ${table.partTwoExpected} or btrim(coalesce(${table.partTwoReason}, '')) <> ''`,
    ),
    check(
      'forward_plan_items_withdrawn_has_reason',
      sql`(${table.status} = 'withdrawn') = (${table.withdrawnReason} is not null)`,
    ),
    check(
      'forward_plan_items_on_agenda_has_item',
      sql`(${table.status} = 'on-agenda') = (${table.agendaItemId} is not null)`,
    ),
    check(
      'forward_plan_items_agenda_item_has_meeting',
      sql`${table.agendaItemId} is null or ${table.meetingId} is not null`,
    ),
  ],
);
