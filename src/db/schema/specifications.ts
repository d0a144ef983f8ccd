/**
 * Tables owned by specifications. The service specification library (2006 §3.1(b) "Service
 * specifications, standards of clinical effectiveness, quality assurance"; 2008 "Facilitate the
 * development of good commissioning practice across London PCTs").
 */
import { sql } from 'drizzle-orm';
import {
  check,
  customType,
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
import { organisations, people } from './registry.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A clinical-effectiveness standard a version cites (NICE guidance, a National Service Framework…). */
export interface CitedStandard {
  reference: string;
  title: string;
}

// A specification is the service; its text lives in versions, so a contract or an intention names
// the exact version it used and a later revision never changes what was agreed.
export const specifications = pgTable(
  'specifications',
  {
    id: uuid('id').primaryKey(),
    // The body whose secretariat keeps this specification in the library (the London group).
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    title: text('title').notNull(),
    serviceArea: text('service_area').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('specifications_title_unique').on(sql`lower(${table.title})`)],
);

export const specificationVersions = pgTable(
  'specification_versions',
  {
    id: uuid('id').primaryKey(),
    specificationId: uuid('specification_id')
      .notNull()
      .references(() => specifications.id),
    version: integer('version').notNull(),
    scope: text('scope').notNull(),
    outcomes: text('outcomes').notNull(),
    standards: jsonb('standards').$type<CitedStandard[]>().notNull().default([]),
    authorPersonId: uuid('author_person_id').references(() => people.id),
    authorName: text('author_name').notNull(),
    // The account that drafted (or last revised) this text, as the audit names its actor; never
    // its reviewer (2006 §3.1(b) "quality assurance"). Null for versions drafted before it was kept.
    draftedBy: text('drafted_by'),
    writtenOn: date('written_on', { mode: 'string' }).notNull(),
    // draft → in-review → approved (→ superseded by a later approved version); a review asking for
    // changes sends it back to draft. Only a version signed off by QA may be approved.
    status: text('status').notNull().default('draft'),
    approvedOn: date('approved_on', { mode: 'string' }),
    approvedBy: text('approved_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('english', coalesce(scope, '') || ' ' || coalesce(outcomes, '') || ' ' || coalesce(author_name, '') || ' ' || coalesce(standards::text, ''))`,
    ),
  },
  (table) => [
    uniqueIndex('specification_versions_number_unique').on(table.specificationId, table.version),
    index('specification_versions_search_idx').using('gin', table.search),
    check(
      'specification_versions_status_known',
      sql`${table.status} in ('draft', 'in-review', 'approved', 'superseded')`,
    ),
    check(
      'specification_versions_approval_recorded',
      sql`${table.status} not in ('approved', 'superseded') or ${table.approvedOn} is not null`,
    ),
  ],
);

// The quality-assurance review a version needs before approval; the reviewer is never its author.
export const specificationReviews = pgTable(
  'specification_reviews',
  {
    id: uuid('id').primaryKey(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => specificationVersions.id),
    reviewerPersonId: uuid('reviewer_person_id').references(() => people.id),
    reviewerName: text('reviewer_name').notNull(),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    outcome: text('outcome').notNull(),
    comments: text('comments').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('specification_reviews_version_idx').on(table.versionId),
    check(
      'specification_reviews_outcome_known',
      sql`${table.outcome} in ('signed-off', 'changes-needed')`,
    ),
  ],
);

export const goodPracticeExamples = pgTable(
  'good_practice_examples',
  {
    id: uuid('id').primaryKey(),
    specificationId: uuid('specification_id')
      .notNull()
      .references(() => specifications.id),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('good_practice_examples_specification_idx').on(table.specificationId)],
);
