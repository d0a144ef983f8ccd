/**
 * Tables owned by reports: a body's progress updates and annual reports (2008 "Communications":
 * "regular progress updates and an annual report of the work of the LCG"; 2006 §110: "an annual
 * report of its activities for submission to each PCT Board"), generated from the record with
 * their figures frozen as at the period's end, and their distribution to each board the terms
 * name, with its receipt, as minutes are.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bodies } from './bodies.ts';
import { mailOutbox } from './mail.ts';
import { organisations, people } from './registry.ts';

// One generated report. A report for the same body, kind and period again is a new version: the
// figures of each version stay as they were generated, so what a board was sent can be read back.
export const bodyReports = pgTable(
  'body_reports',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    kind: text('kind').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    // A report covers a period with an end: refused without one (issue 26), here as in code.
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    version: integer('version').notNull(),
    // Why the period was reported again: required from version 2 on, so no version is made by a
    // double click and every board reading version 2 learns what changed.
    reason: text('reason'),
    // The figures as generated (src/reports/report-figures.ts), frozen as at the period's end.
    figures: jsonb('figures').notNull(),
    generatedByPersonId: uuid('generated_by_person_id').references(() => people.id),
    generatedByName: text('generated_by_name').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
    distributedAt: timestamp('distributed_at', { withTimezone: true }),
  },
  (table) => [
    index('body_reports_body_idx').on(table.bodyId, table.periodTo),
    uniqueIndex('body_reports_period_version_unique').on(
      table.bodyId,
      table.kind,
      table.periodFrom,
      table.periodTo,
      table.version,
    ),
    check('body_reports_kind_known', sql`${table.kind} in ('progress-update', 'annual-report')`),
    check('body_reports_period_ends_after_start', sql`${table.periodTo} >= ${table.periodFrom}`),
    check(
      'body_reports_new_version_has_reason',
      sql`${table.version} = 1 or (${table.reason} is not null and btrim(${table.reason}) <> '')`,
    ),
  ],
);

// A copy of a report to each board the terms name, with its receipt (as minutes_distributions).
export const bodyReportDistributions = pgTable(
  'body_report_distributions',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => bodyReports.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    // Null when the organisation has no correspondence address: the page says to send it by hand.
    mailId: uuid('mail_id').references(() => mailOutbox.id),
    // The board confirms receipt through a link carrying a secret; only its hash is kept.
    receiptTokenHash: text('receipt_token_hash').notNull().unique(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('body_report_distributions_report_organisation_unique').on(
      table.reportId,
      table.organisationId,
    ),
  ],
);
