/** Tables owned by disputes. Disputes and each step taken up the ladder. */
import { sql } from 'drizzle-orm';
import {
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
import { proposals } from './decisions.ts';
import { jointReviews } from './joint-reviews.ts';
import { organisations, people } from './registry.ts';

export const disputes = pgTable(
  'disputes',
  {
    id: uuid('id').primaryKey(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    // The constitution's dispute category (collective procurement, service development, …).
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    jointReviewId: uuid('joint_review_id').references(() => jointReviews.id),
    raisedByPersonId: uuid('raised_by_person_id').references(() => people.id),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('disputes_status_idx').on(table.status),
    check('disputes_status_known', sql`${table.status} in ('open', 'resolved', 'unresolved')`),
  ],
);

// Each step taken up the ladder, dated and attributed; the engine checks the order.
export const disputeSteps = pgTable(
  'dispute_steps',
  {
    id: uuid('id').primaryKey(),
    disputeId: uuid('dispute_id')
      .notNull()
      .references(() => disputes.id),
    position: integer('position').notNull(),
    stepId: text('step_id').notNull(),
    takenOn: date('taken_on', { mode: 'string' }).notNull(),
    takenBy: text('taken_by').notNull(),
    outcome: text('outcome').notNull(),
    boardOrganisationId: uuid('board_organisation_id').references(() => organisations.id),
    // A vote step's proposal, when the vote was taken in Concordat.
    proposalId: uuid('proposal_id').references(() => proposals.id),
    note: text('note'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('dispute_steps_dispute_position_unique').on(table.disputeId, table.position),
  ],
);

// ---- Cached facts (issue 6 benchmark): one counter of recorded changes ----
