/**
 * Tables owned by lead-commissioning. Lead (co-ordinating) and associate commissioning per provider
 * and service for a round, and the negotiations the local groups monitor (2006 §2.1(c) "Lead
 * commissioning arrangements"; §106 "Implement and monitor the progress of negotiations across its
 * geographical area and undertake joint action where appropriate").
 */
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
import { commissioningRounds } from './commissioning.ts';
import { agendaItems, meetings } from './meetings.ts';
import { organisations } from './registry.ts';
import { specificationVersions } from './specifications.ts';

// Who commissions a provider's service for a round: one lead PCT acting for the associates, the
// local group whose area it is, and the version of the specification it buys to.
export const leadArrangements = pgTable(
  'lead_arrangements',
  {
    id: uuid('id').primaryKey(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => commissioningRounds.id),
    // The local group (a sector's body) that monitors the negotiation (2006 §106).
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    providerOrganisationId: uuid('provider_organisation_id')
      .notNull()
      .references(() => organisations.id),
    service: text('service').notNull(),
    specificationVersionId: uuid('specification_version_id').references(
      () => specificationVersions.id,
    ),
    leadOrganisationId: uuid('lead_organisation_id')
      .notNull()
      .references(() => organisations.id),
    // Shares in hundredths of a per cent (100% = 10000), so they add up exactly.
    leadShareBasisPoints: integer('lead_share_basis_points').notNull(),
    // preparation → offer → counter-offer → agreed → signed, or in dispute at any point before signing.
    stage: text('stage').notNull().default('preparation'),
    stageChangedOn: date('stage_changed_on', { mode: 'string' }).notNull(),
    targetSignOn: date('target_sign_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('lead_arrangements_round_provider_service_unique').on(
      table.roundId,
      table.providerOrganisationId,
      sql`lower(${table.service})`,
    ),
    index('lead_arrangements_body_idx').on(table.bodyId),
    check(
      'lead_arrangements_stage_known',
      sql`${table.stage} in ('preparation', 'offer', 'counter-offer', 'agreed', 'in-dispute', 'signed')`,
    ),
    check(
      'lead_arrangements_share_in_range',
      sql`${table.leadShareBasisPoints} between 0 and 10000`,
    ),
  ],
);

export const arrangementAssociates = pgTable(
  'arrangement_associates',
  {
    arrangementId: uuid('arrangement_id')
      .notNull()
      .references(() => leadArrangements.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    shareBasisPoints: integer('share_basis_points').notNull(),
  },
  (table) => [
    uniqueIndex('arrangement_associates_unique').on(table.arrangementId, table.organisationId),
    index('arrangement_associates_organisation_idx').on(table.organisationId),
    check(
      'arrangement_associates_share_in_range',
      sql`${table.shareBasisPoints} > 0 and ${table.shareBasisPoints} <= 10000`,
    ),
  ],
);

// The negotiation's history: each stage it reached, when, and what was noted.
export const negotiationSteps = pgTable(
  'negotiation_steps',
  {
    id: uuid('id').primaryKey(),
    arrangementId: uuid('arrangement_id')
      .notNull()
      .references(() => leadArrangements.id),
    stage: text('stage').notNull(),
    happenedOn: date('happened_on', { mode: 'string' }).notNull(),
    note: text('note'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('negotiation_steps_arrangement_idx').on(table.arrangementId)],
);

export const negotiationIssues = pgTable(
  'negotiation_issues',
  {
    id: uuid('id').primaryKey(),
    arrangementId: uuid('arrangement_id')
      .notNull()
      .references(() => leadArrangements.id),
    text: text('text').notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    resolution: text('resolution'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('negotiation_issues_arrangement_idx').on(table.arrangementId)],
);

// The lead's proposed action, circulated to the associates: approved when every associate has
// approved; one rejection blocks it and calls a collaborative forum.
export const proposedActions = pgTable(
  'proposed_actions',
  {
    id: uuid('id').primaryKey(),
    arrangementId: uuid('arrangement_id')
      .notNull()
      .references(() => leadArrangements.id),
    text: text('text').notNull(),
    proposedOn: date('proposed_on', { mode: 'string' }).notNull(),
    respondBy: date('respond_by', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('circulated'),
    proposedBy: text('proposed_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('proposed_actions_arrangement_idx').on(table.arrangementId),
    check(
      'proposed_actions_status_known',
      sql`${table.status} in ('circulated', 'approved', 'blocked')`,
    ),
  ],
);

export const proposedActionResponses = pgTable(
  'proposed_action_responses',
  {
    id: uuid('id').primaryKey(),
    proposedActionId: uuid('proposed_action_id')
      .notNull()
      .references(() => proposedActions.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    response: text('response').notNull(),
    reason: text('reason'),
    respondedBy: text('responded_by').notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('proposed_action_responses_one_each').on(
      table.proposedActionId,
      table.organisationId,
    ),
    check('proposed_action_responses_known', sql`${table.response} in ('approve', 'reject')`),
    check(
      'proposed_action_responses_rejection_has_reason',
      sql`${table.response} <> 'reject' or ${table.reason} is not null`,
    ),
  ],
);

// The collaborative forum a rejection calls: an item on the local group's next agenda, or (no
// meeting yet called) waiting for the secretariat to place it.
export const collaborativeForums = pgTable(
  'collaborative_forums',
  {
    id: uuid('id').primaryKey(),
    proposedActionId: uuid('proposed_action_id')
      .notNull()
      .references(() => proposedActions.id),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id),
    calledAt: timestamp('called_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('collaborative_forums_one_per_action').on(table.proposedActionId)],
);
