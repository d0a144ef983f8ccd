/**
 * Tables owned by accountability: the London group's tasking of sector groups with reviews and
 * their outcomes (2008 "Commissioning development"), and the communications log of briefings
 * (2008 "Communications").
 */
import { sql } from 'drizzle-orm';
import {
  check,
  customType,
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
import { proposals } from './decisions.ts';
import { meetingPapers } from './papers.ts';
import { people } from './registry.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

// 2008 Commissioning development: the LCG will "task the sector groups with reviews and collate
// the outcomes". One row per review commissioned from a sector group.
export const reviewCommissions = pgTable(
  'review_commissions',
  {
    id: uuid('id').primaryKey(),
    commissioningBodyId: uuid('commissioning_body_id')
      .notNull()
      .references(() => bodies.id),
    sectorBodyId: uuid('sector_body_id')
      .notNull()
      .references(() => bodies.id),
    title: text('title').notNull(),
    terms: text('terms').notNull(),
    commissionedOn: date('commissioned_on', { mode: 'string' }).notNull(),
    minuteReference: text('minute_reference'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    withdrawnReason: text('withdrawn_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('review_commissions_sector_idx').on(table.sectorBodyId),
    check(
      'review_commissions_not_itself',
      sql`${table.commissioningBodyId} <> ${table.sectorBodyId}`,
    ),
    check('review_commissions_title_present', sql`btrim(${table.title}) <> ''`),
    check('review_commissions_terms_present', sql`btrim(${table.terms}) <> ''`),
    check(
      'review_commissions_due_after_commission',
      sql`${table.dueOn} >= ${table.commissionedOn}`,
    ),
    check(
      'review_commissions_withdrawal_reasoned',
      sql`(${table.withdrawnOn} is null) = (${table.withdrawnReason} is null)
        and (${table.withdrawnReason} is null or btrim(${table.withdrawnReason}) <> '')`,
    ),
  ],
);

// Every change of a commission's due date, with its reason: the history the page shows.
export const reviewCommissionDueChanges = pgTable(
  'review_commission_due_changes',
  {
    id: uuid('id').primaryKey(),
    commissionId: uuid('commission_id')
      .notNull()
      .references(() => reviewCommissions.id),
    previousDueOn: date('previous_due_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('review_commission_due_changes_commission_idx').on(table.commissionId),
    check('review_commission_due_changes_reasoned', sql`btrim(${table.reason}) <> ''`),
    check('review_commission_due_changes_changed', sql`${table.dueOn} <> ${table.previousDueOn}`),
  ],
);

// The sector's outcome: its findings, recommendations and the report itself (a document checked
// by the papers' upload rules). Reported once; a correction is a new version with its reason.
export const reviewOutcomes = pgTable(
  'review_outcomes',
  {
    id: uuid('id').primaryKey(),
    commissionId: uuid('commission_id')
      .notNull()
      .references(() => reviewCommissions.id),
    version: integer('version').notNull(),
    summary: text('summary').notNull(),
    recommendations: text('recommendations').array().notNull(),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    correctionReason: text('correction_reason'),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    byteLength: integer('byte_length').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('review_outcomes_commission_version_unique').on(table.commissionId, table.version),
    check('review_outcomes_version_positive', sql`${table.version} >= 1`),
    check('review_outcomes_summary_present', sql`btrim(${table.summary}) <> ''`),
    check(
      'review_outcomes_correction_reasoned',
      sql`(${table.version} = 1) = (${table.correctionReason} is null)
        and (${table.correctionReason} is null or btrim(${table.correctionReason}) <> '')`,
    ),
    check('review_outcomes_report_present', sql`${table.byteLength} > 0`),
  ],
);

// 2008 Communications: a briefing that meets one of the body's reporting duties.
export const briefings = pgTable(
  'briefings',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    // The reporting duty's id in the terms in force (pct-chief-executives-briefing).
    dutyId: text('duty_id').notNull(),
    briefedOn: date('briefed_on', { mode: 'string' }).notNull(),
    // The audience as the duty named it when the briefing was logged, in words.
    audience: text('audience').notNull(),
    reported: text('reported').notNull(),
    byPersonId: uuid('by_person_id')
      .notNull()
      .references(() => people.id),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('briefings_body_duty_idx').on(table.bodyId, table.dutyId, table.briefedOn),
    check('briefings_reported_present', sql`btrim(${table.reported}) <> ''`),
  ],
);

// What a briefing covered: a question or decision of the body, or a paper of its meetings.
export const briefingLinks = pgTable(
  'briefing_links',
  {
    id: uuid('id').primaryKey(),
    briefingId: uuid('briefing_id')
      .notNull()
      .references(() => briefings.id),
    proposalId: uuid('proposal_id').references(() => proposals.id),
    paperId: uuid('paper_id').references(() => meetingPapers.id),
  },
  (table) => [
    index('briefing_links_briefing_idx').on(table.briefingId),
    check(
      'briefing_links_one_target',
      sql`num_nonnulls(${table.proposalId}, ${table.paperId}) = 1`,
    ),
  ],
);
