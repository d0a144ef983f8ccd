/** Tables owned by meetings. Meetings, their agenda items, attendance and declarations of interest. */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bodies } from './bodies.ts';
import { seatHoldings, standingAttendees } from './membership.ts';
import { people } from './registry.ts';

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    location: text('location').notNull(),
    noticeGivenOn: date('notice_given_on', { mode: 'string' }).notNull(),
    // Short notice is allowed only with the urgency recorded (standing orders: 3 clear days).
    urgencyReason: text('urgency_reason'),
    status: text('status').notNull().default('scheduled'),
    // Meetings generated together from the constitution's cadence share a series id.
    seriesId: uuid('series_id'),
    // When one occurrence moves, where it was first set and why it moved.
    originallyStartsAt: timestamp('originally_starts_at', { withTimezone: true }),
    movedReason: text('moved_reason'),
    // Why a meeting was called off: kept with it so the list, the page and the feed can say so.
    cancelledReason: text('cancelled_reason'),
    // The agenda item the meeting is on now, set by the secretariat on the live meeting page.
    liveAgendaItemId: uuid('live_agenda_item_id').references((): AnyPgColumn => agendaItems.id),
    // While set, the secretariat has opened the register: members may mark themselves present.
    registerOpenedAt: timestamp('register_opened_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('meetings_series_idx').on(table.seriesId),
    index('meetings_body_starts_idx').on(table.bodyId, table.startsAt),
    check('meetings_status_known', sql`${table.status} in ('scheduled', 'held', 'cancelled')`),
    // A cancelled meeting, and only a cancelled meeting, keeps why it was called off.
    check(
      'meetings_cancelled_has_reason',
      sql`(${table.status} = 'cancelled') = (${table.cancelledReason} is not null)`,
    ),
  ],
);

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    purpose: text('purpose').notNull(),
    // Part II: the public is excluded only by a resolution stating why (1960 Act s1).
    isConfidential: boolean('is_confidential').notNull().default(false),
    confidentialityReason: text('confidentiality_reason'),
    // Set on the item of the next meeting that approves an earlier meeting's minutes.
    approvesMinutesOfMeetingId: uuid('approves_minutes_of_meeting_id').references(
      (): AnyPgColumn => meetings.id,
    ),
    // What the item is about, who presents it (a person in the registry or a name typed in) and
    // its time: a start time (London, "14:30") or the minutes allotted.
    description: text('description'),
    presenterPersonId: uuid('presenter_person_id').references(() => people.id),
    presenterName: text('presenter_name'),
    startTime: text('start_time'),
    minutesAllotted: integer('minutes_allotted'),
    // Withdrawn before notice: the item stays in the record, marked withdrawn, with why.
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('agenda_items_meeting_position_unique').on(table.meetingId, table.position),
    check(
      'agenda_items_one_presenter',
      sql`${table.presenterPersonId} is null or ${table.presenterName} is null`,
    ),
    check(
      'agenda_items_one_time',
      sql`${table.startTime} is null or ${table.minutesAllotted} is null`,
    ),
    check(
      'agenda_items_withdrawn_has_reason',
      sql`(${table.withdrawnAt} is null) = (${table.withdrawnReason} is null)`,
    ),
    check(
      'agenda_items_purpose_known',
      sql`${table.purpose} in ('decision', 'discussion', 'information')`,
    ),
    check(
      'agenda_items_confidential_has_reason',
      sql`not ${table.isConfidential} or ${table.confidentialityReason} is not null`,
    ),
  ],
);

export const attendanceRecords = pgTable(
  'attendance_records',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    seatHoldingId: uuid('seat_holding_id')
      .notNull()
      .references(() => seatHoldings.id),
    status: text('status').notNull(),
    deputyName: text('deputy_name'),
    // The standing deputy who attended, when the deputy is one named in advance.
    deputyAttendeeId: uuid('deputy_attendee_id').references(
      (): AnyPgColumn => standingAttendees.id,
    ),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('attendance_records_meeting_holding_unique').on(
      table.meetingId,
      table.seatHoldingId,
    ),
    check(
      'attendance_records_status_known',
      sql`${table.status} in ('present', 'apologies', 'absent', 'deputy')`,
    ),
  ],
);

export const interestDeclarations = pgTable(
  'interest_declarations',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    seatHoldingId: uuid('seat_holding_id')
      .notNull()
      .references(() => seatHoldings.id),
    // NHS England, Managing Conflicts of Interest (2017): the four kinds of interest.
    kind: text('kind').notNull(),
    interest: text('interest').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('interest_declarations_meeting_idx').on(table.meetingId),
    check(
      'interest_declarations_kind_known',
      sql`${table.kind} in ('financial', 'non-financial-professional', 'non-financial-personal', 'indirect')`,
    ),
  ],
);
