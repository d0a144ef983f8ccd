/**
 * Tables owned by commissioning. The annual commissioning round: horizon scanning (each PCT's and
 * each local group's prospective priorities), London-wide commissioning intentions agreed by the
 * London group, the published prospectus, and the fit of local plans (2006 §104; 2008 "Business
 * development": the London 'prospectus' and "a consistent commissioning business process and
 * timetable").
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
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
import { proposals } from './decisions.ts';
import { organisations } from './registry.ts';
import { specificationVersions } from './specifications.ts';

// One round a year per London group ("2008/09"), with its timetable. Status moves forward only:
// open → consolidating → put-to-group → agreed → published.
export const commissioningRounds = pgTable(
  'commissioning_rounds',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    // The financial year the round commissions for begins in April of this year (2008 → 2008/09).
    startYear: integer('start_year').notNull(),
    submissionsOpenOn: date('submissions_open_on', { mode: 'string' }).notNull(),
    submissionsDueOn: date('submissions_due_on', { mode: 'string' }).notNull(),
    consolidationBy: date('consolidation_by', { mode: 'string' }).notNull(),
    agreementBy: date('agreement_by', { mode: 'string' }).notNull(),
    publicationBy: date('publication_by', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    // The question put to the London group to agree the intentions (the decision machinery's).
    agreementProposalId: uuid('agreement_proposal_id').references((): AnyPgColumn => proposals.id),
    agreedOn: date('agreed_on', { mode: 'string' }),
    // The prospectus as published: a snapshot, so later edits never change what was published.
    prospectus: jsonb('prospectus'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: text('published_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('commissioning_rounds_body_year_unique').on(table.bodyId, table.startYear),
    check(
      'commissioning_rounds_status_known',
      sql`${table.status} in ('open', 'consolidating', 'put-to-group', 'agreed', 'published')`,
    ),
    check(
      'commissioning_rounds_timetable_in_order',
      sql`${table.submissionsOpenOn} <= ${table.submissionsDueOn} and ${table.submissionsDueOn} <= ${table.consolidationBy} and ${table.consolidationBy} <= ${table.agreementBy} and ${table.agreementBy} <= ${table.publicationBy}`,
    ),
    check(
      'commissioning_rounds_published_after_agreement',
      sql`${table.publishedAt} is null or ${table.agreedOn} is not null`,
    ),
  ],
);

// A PCT's (or a local group's) return to the round: its priorities, or a nil return. A return after
// the due date is flagged late and must say why.
export const roundSubmissions = pgTable(
  'round_submissions',
  {
    id: uuid('id').primaryKey(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => commissioningRounds.id),
    // Exactly one of: the PCT that submits, or the local group (a sector's body) that submits.
    organisationId: uuid('organisation_id').references(() => organisations.id),
    bodyId: uuid('body_id').references(() => bodies.id),
    isNilReturn: boolean('is_nil_return').notNull().default(false),
    isLate: boolean('is_late').notNull().default(false),
    lateReason: text('late_reason'),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    submittedBy: text('submitted_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('round_submissions_pct_unique').on(table.roundId, table.organisationId),
    uniqueIndex('round_submissions_group_unique').on(table.roundId, table.bodyId),
    check(
      'round_submissions_one_submitter',
      sql`(${table.organisationId} is null) <> (${table.bodyId} is null)`,
    ),
    check(
      'round_submissions_late_needs_reason',
      sql`not ${table.isLate} or ${table.lateReason} is not null`,
    ),
  ],
);

export const roundPriorities = pgTable(
  'round_priorities',
  {
    id: uuid('id').primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => roundSubmissions.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    serviceArea: text('service_area').notNull(),
    rationale: text('rationale').notNull(),
    expectedEffect: text('expected_effect').notNull(),
    // The population it serves, in words ("adults over 65 with COPD in Brent").
    population: text('population').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('round_priorities_position_unique').on(table.submissionId, table.position),
  ],
);

// A London-wide commissioning intention, consolidated from the priorities that raised it.
export const commissioningIntentions = pgTable(
  'commissioning_intentions',
  {
    id: uuid('id').primaryKey(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => commissioningRounds.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    serviceArea: text('service_area').notNull(),
    description: text('description').notNull(),
    specificationVersionId: uuid('specification_version_id').references(
      () => specificationVersions.id,
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('commissioning_intentions_position_unique').on(table.roundId, table.position),
  ],
);

// Which priorities an intention consolidates: from them, which PCTs and sectors raised it.
export const intentionSources = pgTable(
  'intention_sources',
  {
    intentionId: uuid('intention_id')
      .notNull()
      .references(() => commissioningIntentions.id),
    priorityId: uuid('priority_id')
      .notNull()
      .references(() => roundPriorities.id),
  },
  (table) => [
    uniqueIndex('intention_sources_unique').on(table.intentionId, table.priorityId),
    index('intention_sources_priority_idx').on(table.priorityId),
  ],
);

// A PCT's local commissioning plan for the round, checked for fit against London's intentions
// (2006 §104 "ensure that there is 'fit' between local plans").
export const localPlans = pgTable(
  'local_plans',
  {
    id: uuid('id').primaryKey(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => commissioningRounds.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('local_plans_pct_unique').on(table.roundId, table.organisationId)],
);

// One line of a local plan: against a London intention, or (no intention) the PCT's own — a
// divergence the London page shows.
export const localPlanEntries = pgTable(
  'local_plan_entries',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => localPlans.id),
    intentionId: uuid('intention_id').references(() => commissioningIntentions.id),
    title: text('title').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('local_plan_entries_plan_idx').on(table.planId)],
);
