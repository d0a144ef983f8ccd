import { sql } from 'drizzle-orm';
import {
  check,
  date,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './registry.ts';

export const bodies = pgTable('bodies', {
  id: uuid('id').primaryKey(),
  // The constitution's identity id (london-commissioning-group): every version shares it.
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const constitutionVersions = pgTable(
  'constitution_versions',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    version: integer('version').notNull(),
    // The validated constitution the engine executes, and the text it was loaded from.
    document: jsonb('document').notNull(),
    sourceText: text('source_text').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    reviewOn: date('review_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('constitution_versions_body_version_unique').on(table.bodyId, table.version),
  ],
);

// 2006 §103: each PCT Board formally approves the remit; one row per board per version.
export const constitutionAdoptions = pgTable(
  'constitution_adoptions',
  {
    id: uuid('id').primaryKey(),
    constitutionVersionId: uuid('constitution_version_id')
      .notNull()
      .references(() => constitutionVersions.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    adoptedOn: date('adopted_on', { mode: 'string' }).notNull(),
    minuteReference: text('minute_reference').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('constitution_adoptions_version_board_unique').on(
      table.constitutionVersionId,
      table.organisationId,
    ),
  ],
);

// 2008 §Review: "unless the London PCTs with NHS London or LCG itself identify an earlier need for
// review". One call per version of the terms: a second call while one is under way is refused.
export const reviewCalls = pgTable(
  'review_calls',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    constitutionVersionId: uuid('constitution_version_id')
      .notNull()
      .references(() => constitutionVersions.id),
    // One of the terms' `review.earlierReview.by` identifiers, and its name as the terms give it.
    calledBy: text('called_by').notNull(),
    calledByName: text('called_by_name').notNull(),
    calledOn: date('called_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    reference: text('reference').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('review_calls_version_unique').on(table.constitutionVersionId),
    check('review_calls_reason_not_blank', sql`btrim(${table.reason}) <> ''`),
    check('review_calls_reference_not_blank', sql`btrim(${table.reference}) <> ''`),
  ],
);

// The drafting of a new version of a body's terms, started by a review call and ended when a new
// version is added. Issue 27's draft versions hang off this row.
export const termsDrafting = pgTable(
  'terms_drafting',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    reviewCallId: uuid('review_call_id')
      .notNull()
      .references(() => reviewCalls.id),
    state: text('state').notNull().default('drafting'),
    endedOn: date('ended_on', { mode: 'string' }),
    endedByVersionId: uuid('ended_by_version_id').references(() => constitutionVersions.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('terms_drafting_review_call_unique').on(table.reviewCallId),
    // At most one drafting under way per body.
    uniqueIndex('terms_drafting_one_open_per_body')
      .on(table.bodyId)
      .where(sql`${table.state} = 'drafting'`),
    check('terms_drafting_state_known', sql`${table.state} in ('drafting', 'ended')`),
    check(
      'terms_drafting_ended_has_date',
      sql`(${table.state} = 'ended') = (${table.endedOn} is not null)`,
    ),
    check(
      'terms_drafting_ends_after_start',
      sql`${table.endedOn} is null or ${table.endedOn} >= ${table.startedOn}`,
    ),
  ],
);
