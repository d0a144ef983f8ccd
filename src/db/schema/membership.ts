/** Tables owned by membership. Who holds which seat, how it was filled, and who attends without one. */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bodies } from './bodies.ts';
import { organisations, people } from './registry.ts';

// Who holds which seat on a body, from when to when, and how the seat was filled.
export const seatHoldings = pgTable(
  'seat_holdings',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    seatRole: text('seat_role').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    // The organisation the holder represents (a PCT for a chief executive's seat).
    organisationId: uuid('organisation_id').references(() => organisations.id),
    fillMethod: text('fill_method').notNull(),
    // The body that nominated or elected, as the constitution names it (sector-commissioning-group).
    filledBy: text('filled_by'),
    office: text('office'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('seat_holdings_body_idx').on(table.bodyId),
    check(
      'seat_holdings_dates_in_order',
      sql`${table.endsOn} is null or ${table.endsOn} >= ${table.startsOn}`,
    ),
    check(
      'seat_holdings_office_known',
      sql`${table.office} is null or ${table.office} in ('chair', 'viceChair')`,
    ),
  ],
);

// ---- Meetings (issue 5) ----

// How an elected seat or office was filled: who voted, for whom, the result and the minute.
export const electionRecords = pgTable('election_records', {
  id: uuid('id').primaryKey(),
  seatHoldingId: uuid('seat_holding_id')
    .notNull()
    .unique()
    .references(() => seatHoldings.id),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  electorate: text('electorate').notNull(),
  votesFor: integer('votes_for').notNull(),
  votesCast: integer('votes_cast').notNull(),
  minuteReference: text('minute_reference').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
});

// People who attend a body without holding a seat: standing deputies named for a member, and
// non-voting attendees the terms invite. Neither counts toward quorum unless the terms say so.
export const standingAttendees = pgTable(
  'standing_attendees',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    capacity: text('capacity').notNull(),
    deputyForHoldingId: uuid('deputy_for_holding_id').references(() => seatHoldings.id),
    description: text('description'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('standing_attendees_body_idx').on(table.bodyId),
    check('standing_attendees_capacity_known', sql`${table.capacity} in ('deputy', 'non-voting')`),
    check(
      'standing_attendees_deputy_names_member',
      sql`(${table.capacity} = 'deputy') = (${table.deputyForHoldingId} is not null)`,
    ),
    check(
      'standing_attendees_dates_in_order',
      sql`${table.endsOn} is null or ${table.endsOn} >= ${table.startsOn}`,
    ),
  ],
);

// ---- Decisions, votes and disputes (issue 6) ----
