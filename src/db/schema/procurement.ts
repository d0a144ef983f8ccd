/**
 * Tables owned by procurement. Procurement consortia of PCTs with the 75% rule each fixed at
 * inception (2006 §111 "Procurement consortia will need to determine the detailed implementation
 * of this arrangement as it applies to the scope and size of the consortia portfolios"), their
 * tenders (specification version → bids → evaluation → award by the consortium's vote) and the
 * procurement decisions register kept for each tender (DOMAIN "Conflicts of interest": the
 * decision, who was involved, conflicts and how managed — complete before an award).
 */
import { type SQL, sql } from 'drizzle-orm';
import {
  bigint,
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
import { agendaItems, meetings } from './meetings.ts';
import { organisations, people } from './registry.ts';
import { specificationVersions } from './specifications.ts';

// A consortium's inception record. Fixed once made: a change is refused (2006 §111; decision 032)
// and a new consortium is recorded instead. The 75% rule's base and weighting are as fixed here.
export const procurementConsortia = pgTable(
  'procurement_consortia',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    portfolio: text('portfolio').notNull(),
    // The body at whose meetings the members vote (by default the London group).
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    inceptedOn: date('incepted_on', { mode: 'string' }).notNull(),
    // How the shares were worked out, stated in words ("weighted population, 2006/07").
    shareBasis: text('share_basis').notNull(),
    // What the 75% is of: all members entitled, those present, votes cast, or yes plus no.
    voteBase: text('vote_base').notNull(),
    // 'share': each member's vote weighs its share; 'none': one member, one vote.
    voteWeighting: text('vote_weighting').notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('procurement_consortia_name_unique').on(sql`lower(${table.name})`),
    check(
      'procurement_consortia_base_known',
      sql`${table.voteBase} in ('allEntitled', 'present', 'votesCast', 'yesPlusNo')`,
    ),
    check(
      'procurement_consortia_weighting_known',
      sql`${table.voteWeighting} in ('share', 'none')`,
    ),
  ],
);

// The member PCTs and their shares in hundredths of a per cent (100% = 10000), summing to 10000.
export const consortiumMembers = pgTable(
  'consortium_members',
  {
    consortiumId: uuid('consortium_id')
      .notNull()
      .references(() => procurementConsortia.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    shareBasisPoints: integer('share_basis_points').notNull(),
  },
  (table) => [
    uniqueIndex('consortium_members_unique').on(table.consortiumId, table.organisationId),
    index('consortium_members_organisation_idx').on(table.organisationId),
    check(
      'consortium_members_share_in_range',
      sql`${table.shareBasisPoints} > 0 and ${table.shareBasisPoints} <= 10000`,
    ),
  ],
);

// A tender: bidding → evaluated → award put (to the consortium's vote) → awarded; a vote not
// carried sends it back to evaluated. Stages are never skipped.
export const tenders = pgTable(
  'tenders',
  {
    id: uuid('id').primaryKey(),
    consortiumId: uuid('consortium_id')
      .notNull()
      .references(() => procurementConsortia.id),
    title: text('title').notNull(),
    service: text('service').notNull(),
    // The approved specification version the tender buys to (decision 023: a version, never a
    // specification).
    specificationVersionId: uuid('specification_version_id')
      .notNull()
      .references(() => specificationVersions.id),
    stage: text('stage').notNull().default('bidding'),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    recommendedBidId: uuid('recommended_bid_id'),
    recommendationReason: text('recommendation_reason'),
    evaluatedOn: date('evaluated_on', { mode: 'string' }),
    awardedBidId: uuid('awarded_bid_id'),
    awardedOn: date('awarded_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('tenders_consortium_idx').on(table.consortiumId),
    check(
      'tenders_stage_known',
      sql`${table.stage} in ('bidding', 'evaluated', 'award-put', 'awarded')`,
    ),
    check(
      'tenders_evaluated_has_recommendation',
      sql`${table.stage} = 'bidding' or (${table.recommendedBidId} is not null and ${table.recommendationReason} is not null and ${table.evaluatedOn} is not null)`,
    ),
    check(
      'tenders_awarded_has_bid',
      sql`${table.stage} <> 'awarded' or (${table.awardedBidId} is not null and ${table.awardedOn} is not null)`,
    ),
  ],
);

// A bid: the provider, its price in whole pence, when it arrived; the evaluation's scores (quality
// out of 60, price out of 40) once evaluated, and their total.
export const tenderBids = pgTable(
  'tender_bids',
  {
    id: uuid('id').primaryKey(),
    tenderId: uuid('tender_id')
      .notNull()
      .references(() => tenders.id),
    providerOrganisationId: uuid('provider_organisation_id')
      .notNull()
      .references(() => organisations.id),
    pricePence: bigint('price_pence', { mode: 'number' }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    qualityScore: integer('quality_score'),
    priceScore: integer('price_score'),
    totalScore: integer('total_score').generatedAlwaysAs(
      (): SQL => sql`${tenderBids.qualityScore} + ${tenderBids.priceScore}`,
    ),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('tender_bids_one_per_provider').on(table.tenderId, table.providerOrganisationId),
    check('tender_bids_price_positive', sql`${table.pricePence} > 0`),
    check(
      'tender_bids_quality_in_range',
      sql`${table.qualityScore} is null or ${table.qualityScore} between 0 and 60`,
    ),
    check(
      'tender_bids_price_score_in_range',
      sql`${table.priceScore} is null or ${table.priceScore} between 0 and 40`,
    ),
  ],
);

// Each step of a tender: the stage it reached, when, who recorded it and what was noted.
export const tenderSteps = pgTable(
  'tender_steps',
  {
    id: uuid('id').primaryKey(),
    tenderId: uuid('tender_id')
      .notNull()
      .references(() => tenders.id),
    stage: text('stage').notNull(),
    happenedOn: date('happened_on', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('tender_steps_tender_idx').on(table.tenderId)],
);

// The award put to the consortium: the agenda item and the question on it, and once recorded the
// outcome read from the closed question. One open at a time per tender.
export const tenderAwardQuestions = pgTable(
  'tender_award_questions',
  {
    id: uuid('id').primaryKey(),
    tenderId: uuid('tender_id')
      .notNull()
      .references(() => tenders.id),
    bidId: uuid('bid_id')
      .notNull()
      .references(() => tenderBids.id),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id),
    putOn: date('put_on', { mode: 'string' }).notNull(),
    outcome: text('outcome'),
    outcomeRecordedOn: date('outcome_recorded_on', { mode: 'string' }),
  },
  (table) => [
    index('tender_award_questions_tender_idx').on(table.tenderId),
    uniqueIndex('tender_award_questions_one_open')
      .on(table.tenderId)
      .where(sql`${table.outcome} is null`),
    check(
      'tender_award_questions_outcome_known',
      sql`${table.outcome} is null or ${table.outcome} in ('carried', 'not-carried', 'withdrawn')`,
    ),
  ],
);

// The procurement decisions register: each decision on the tender, when, who took part.
export const procurementRegisterEntries = pgTable(
  'procurement_register_entries',
  {
    id: uuid('id').primaryKey(),
    tenderId: uuid('tender_id')
      .notNull()
      .references(() => tenders.id),
    // Which decision: the evaluation, the award recommendation, or another on the tender.
    subject: text('subject').notNull(),
    decision: text('decision').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('procurement_register_entries_tender_idx').on(table.tenderId),
    check(
      'procurement_register_entries_subject_known',
      sql`${table.subject} in ('evaluation', 'award-recommendation', 'other')`,
    ),
  ],
);

// The people who took part in a register entry's decision.
export const procurementRegisterParticipants = pgTable(
  'procurement_register_participants',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => procurementRegisterEntries.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
  },
  (table) => [
    uniqueIndex('procurement_register_participants_unique').on(table.entryId, table.personId),
  ],
);

// A conflict of interest declared on a register entry, and how it was managed: left the room; took
// no part in the decision; declared, no material conflict (with the reason); referred to an
// unconflicted panel. Until managed, the register is incomplete.
export const procurementRegisterConflicts = pgTable(
  'procurement_register_conflicts',
  {
    id: uuid('id').primaryKey(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => procurementRegisterEntries.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    interest: text('interest').notNull(),
    management: text('management'),
    managementReason: text('management_reason'),
    managedRecordedBy: text('managed_recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('procurement_register_conflicts_entry_idx').on(table.entryId),
    check(
      'procurement_register_conflicts_management_known',
      sql`${table.management} is null or ${table.management} in ('left-the-room', 'took-no-part', 'no-material-conflict', 'referred-to-panel')`,
    ),
    check(
      'procurement_register_conflicts_no_material_has_reason',
      sql`${table.management} is distinct from 'no-material-conflict' or ${table.managementReason} is not null`,
    ),
  ],
);
