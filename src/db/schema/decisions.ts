/** Tables owned by decisions. Questions, votes, proxies, ratifications and the counter of recorded changes. */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
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
import { agendaItems, meetings } from './meetings.ts';
import { seatHoldings } from './membership.ts';
import { organisations, people } from './registry.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

// A question put to the body on an agenda item: a motion, or an amendment to one (voted first).
/** A question's recorded electorate, as src/decisions/question-electorate.ts validates it. */
export interface RecordedElectorateColumn {
  parties: { organisationId: string; name: string; share: number }[];
  base: 'present' | 'votesCast' | 'yesPlusNo' | 'allEntitled';
  weighting: 'share' | 'none';
  source: { title: string; clause: string; text: string };
}

export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    // An amendment names the proposal it amends; the main question cannot close before it does.
    amendsProposalId: uuid('amends_proposal_id').references((): AnyPgColumn => proposals.id),
    title: text('title').notNull(),
    text: text('text').notNull(),
    // The constitution's kind of decision (2006 §2.1–2.2, a reserved matter…) and the method it names.
    decisionKind: text('decision_kind'),
    methodId: text('method_id').notNull(),
    ballot: text('ballot').notNull().default('named'),
    status: text('status').notNull().default('draft'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    // The engine's result at close (outcome, counts, explanation), kept as the record.
    result: jsonb('result'),
    // Set when the question is put to a procurement consortium (2006 §111): its members and their
    // shares, and the base and weighting of its 75% rule as fixed at inception, with the record
    // they come from. The tally uses it rather than the body's seats (src/decisions/question-electorate.ts).
    electorate: jsonb('electorate').$type<RecordedElectorateColumn>(),
    outcome: text('outcome'),
    outcomeSummary: text('outcome_summary'),
    castingVote: text('casting_vote'),
    // Set when the secretariat closed a tied vote under a method with a casting vote: no more
    // votes are taken, and the person presiding may now give the casting vote.
    votingEndedAt: timestamp('voting_ended_at', { withTimezone: true }),
    // When the question closes, if the secretariat set a time: members with a vote who have not
    // recorded one are reminded by e-mail before it (src/reminders).
    closesAt: timestamp('closes_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    // The decision register's full-text search (PostgreSQL tsvector, English stemming).
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('english', coalesce(title, '') || ' ' || coalesce(text, '') || ' ' || coalesce(outcome_summary, ''))`,
    ),
  },
  (table) => [
    index('proposals_meeting_idx').on(table.meetingId),
    index('proposals_search_idx').using('gin', table.search),
    check('proposals_ballot_known', sql`${table.ballot} in ('named', 'secret')`),
    check(
      'proposals_status_known',
      sql`${table.status} in ('draft', 'open', 'closed', 'withdrawn')`,
    ),
    check(
      'proposals_casting_vote_known',
      sql`${table.castingVote} is null or ${table.castingVote} in ('for', 'against')`,
    ),
  ],
);

// One vote (or consensus view) per voter per proposal, enforced here, not only in code.
export const votes = pgTable(
  'votes',
  {
    id: uuid('id').primaryKey(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id),
    // The engine's voter: a seat holding (members) or an organisation (a party, e.g. a PCT).
    voterId: uuid('voter_id').notNull(),
    // for / against / abstain; under consensus: agree / object / stand aside, stored as the same.
    choice: text('choice').notNull(),
    reason: text('reason'),
    // Who pressed the button: the member, or the proxy acting for them.
    castByPersonId: uuid('cast_by_person_id').references(() => people.id),
    proxyId: uuid('proxy_id').references((): AnyPgColumn => proxies.id),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull(),
    // A show of hands for a member without an account: who recorded it, in words, as the page
    // shows it ("Dana Placeholder, secretariat"). Null for a member's own vote or a proxy's.
    recordedBy: text('recorded_by'),
  },
  (table) => [
    uniqueIndex('votes_one_per_voter').on(table.proposalId, table.voterId),
    check('votes_choice_known', sql`${table.choice} in ('for', 'against', 'abstain')`),
  ],
);

// A member's delegation of their vote to another person, with its history (revoked, not deleted).
export const proxies = pgTable(
  'proxies',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    grantorHoldingId: uuid('grantor_holding_id')
      .notNull()
      .references(() => seatHoldings.id),
    proxyPersonId: uuid('proxy_person_id')
      .notNull()
      .references(() => people.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    // At most one live proxy per member per meeting; revoked ones stay as history.
    uniqueIndex('proxies_one_live_per_grantor')
      .on(table.meetingId, table.grantorHoldingId)
      .where(sql`${table.revokedAt} is null`),
  ],
);

// Sign-off of a decision by each sponsoring PCT board; it takes effect only when all have signed.
export const ratifications = pgTable(
  'ratifications',
  {
    id: uuid('id').primaryKey(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status').notNull().default('pending'),
    decidedOn: date('decided_on', { mode: 'string' }),
    minuteReference: text('minute_reference'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('ratifications_proposal_board_unique').on(table.proposalId, table.organisationId),
    check('ratifications_status_known', sql`${table.status} in ('pending', 'signed', 'refused')`),
  ],
);

// Counts committed changes that may alter a meeting's facts: a trigger on audit_events (every
// state change is audited in its own transaction, promise 4) adds one, except for the actions
// that change no fact (a vote, a sign-in). An app instance keeps a meeting's facts while the
// counter it read them at is unchanged (src/decisions/decision-facts-cache.ts).
export const factsEpoch = pgTable(
  'facts_epoch',
  {
    id: integer('id').primaryKey(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (table) => [check('facts_epoch_one_row', sql`${table.id} = 1`)],
);

// ---- Record agreement (issue 20): the key a secret vote's choice is sealed with in its event ----
