import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { AuditEventRow } from '../audit/index.ts';
import { batchedPerHandle } from '../db/batched.ts';
import type { Database, Reader, Transaction } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { proposals, proxies, votes } from '../db/schema/decisions.ts';
import { accounts } from '../db/schema/identity.ts';
import { agendaItems } from '../db/schema/meetings.ts';
import { people } from '../db/schema/registry.ts';

export type ProposalRecord = typeof proposals.$inferSelect & {
  agendaItemPosition: number;
  agendaItemTitle: string;
  agendaItemIsConfidential: boolean;
};

const proposalColumns = {
  id: proposals.id,
  meetingId: proposals.meetingId,
  agendaItemId: proposals.agendaItemId,
  amendsProposalId: proposals.amendsProposalId,
  title: proposals.title,
  text: proposals.text,
  decisionKind: proposals.decisionKind,
  methodId: proposals.methodId,
  ballot: proposals.ballot,
  status: proposals.status,
  openedAt: proposals.openedAt,
  closedAt: proposals.closedAt,
  result: proposals.result,
  electorate: proposals.electorate,
  outcome: proposals.outcome,
  outcomeSummary: proposals.outcomeSummary,
  castingVote: proposals.castingVote,
  votingEndedAt: proposals.votingEndedAt,
  closesAt: proposals.closesAt,
  createdAt: proposals.createdAt,
  search: proposals.search,
  agendaItemPosition: agendaItems.position,
  agendaItemTitle: agendaItems.title,
  agendaItemIsConfidential: agendaItems.isConfidential,
};

export async function selectProposal(
  reader: Reader,
  proposalId: string,
  lock?: 'update' | 'share',
): Promise<ProposalRecord | undefined> {
  const query = reader
    .select(proposalColumns)
    .from(proposals)
    .innerJoin(agendaItems, eq(proposals.agendaItemId, agendaItems.id))
    .where(eq(proposals.id, proposalId));
  // Votes take a share lock and closing an update lock, so no vote lands after the tally.
  const [row] = lock ? await query.for(lock, { of: proposals }) : await query;
  return row;
}

/**
 * The question a vote is for, with the facts epoch (src/db/facts-cache.ts) read in the same
 * statement, so the question is exactly as it stood at that epoch.
 */
export async function selectProposalForVote(
  reader: Reader,
  proposalId: string,
): Promise<{ proposal: ProposalRecord; factsEpoch: number } | undefined> {
  const [row] = await reader
    .select({
      ...proposalColumns,
      factsEpoch: sql<string>`(select value from facts_epoch where id = 1)`,
    })
    .from(proposals)
    .innerJoin(agendaItems, eq(proposals.agendaItemId, agendaItems.id))
    .where(eq(proposals.id, proposalId));
  if (!row) return undefined;
  const { factsEpoch: epoch, ...proposal } = row;
  return { proposal, factsEpoch: Number(epoch) };
}

export async function selectProposalsOfMeeting(
  reader: Reader,
  meetingId: string,
): Promise<ProposalRecord[]> {
  return reader
    .select(proposalColumns)
    .from(proposals)
    .innerJoin(agendaItems, eq(proposals.agendaItemId, agendaItems.id))
    .where(eq(proposals.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(proposals.createdAt));
}

/** The open questions with a closing time still to come, soonest first (for reminders). */
export async function selectOpenProposalsClosingAfter(
  reader: Reader,
  after: Date,
): Promise<ProposalRecord[]> {
  return reader
    .select(proposalColumns)
    .from(proposals)
    .innerJoin(agendaItems, eq(proposals.agendaItemId, agendaItems.id))
    .where(and(eq(proposals.status, 'open'), gt(proposals.closesAt, after)))
    .orderBy(asc(proposals.closesAt), asc(proposals.id));
}

/** The questions open for votes, in one meeting or (without `meetingId`) in every meeting. */
export async function selectOpenProposals(
  reader: Reader,
  meetingId?: string,
): Promise<ProposalRecord[]> {
  const open = eq(proposals.status, 'open');
  return reader
    .select(proposalColumns)
    .from(proposals)
    .innerJoin(agendaItems, eq(proposals.agendaItemId, agendaItems.id))
    .where(meetingId ? and(open, eq(proposals.meetingId, meetingId)) : open);
}

export async function selectAmendmentsOf(
  reader: Reader,
  proposalId: string,
): Promise<{ id: string; title: string; status: string }[]> {
  return reader
    .select({ id: proposals.id, title: proposals.title, status: proposals.status })
    .from(proposals)
    .where(eq(proposals.amendsProposalId, proposalId))
    .orderBy(asc(proposals.createdAt));
}

export async function insertProposal(
  transaction: Transaction,
  row: Omit<typeof proposals.$inferInsert, 'search'>,
): Promise<void> {
  await transaction.insert(proposals).values(row);
}

export async function updateProposal(
  transaction: Transaction,
  proposalId: string,
  changes: Partial<
    Pick<
      typeof proposals.$inferInsert,
      | 'status'
      | 'openedAt'
      | 'closedAt'
      | 'result'
      | 'outcome'
      | 'outcomeSummary'
      | 'castingVote'
      | 'votingEndedAt'
    >
  >,
): Promise<void> {
  await transaction.update(proposals).set(changes).where(eq(proposals.id, proposalId));
}

export interface VoteRecord {
  id: string;
  voterId: string;
  choice: 'for' | 'against' | 'abstain';
  reason: string | null;
  castByPersonId: string | null;
  castByName: string | null;
  proxyId: string | null;
  castAt: Date;
  recordedBy: string | null;
}

export async function selectVotes(reader: Reader, proposalId: string): Promise<VoteRecord[]> {
  const rows = await reader
    .select({
      id: votes.id,
      voterId: votes.voterId,
      choice: votes.choice,
      reason: votes.reason,
      castByPersonId: votes.castByPersonId,
      castByName: people.name,
      proxyId: votes.proxyId,
      castAt: votes.castAt,
      recordedBy: votes.recordedBy,
    })
    .from(votes)
    .leftJoin(people, eq(votes.castByPersonId, people.id))
    .where(eq(votes.proposalId, proposalId))
    .orderBy(asc(votes.castAt), asc(votes.id));
  return rows.map((row) => ({ ...row, choice: row.choice as VoteRecord['choice'] }));
}

export type VoteRow = typeof votes.$inferInsert & { castAt: Date };

export interface VoteWrite {
  vote: VoteRow;
  audit: AuditEventRow;
  /** The facts epoch the vote was judged at. */
  factsEpoch: number;
  notification: { channel: string; payload: string };
}

/**
 * What became of a vote write: `written` with its audit event and notification; `stale` when the
 * question is no longer open or the facts epoch has moved on, so the vote must be judged again;
 * `seat-taken` when the seat has a vote on the question already (the unique index's refusal).
 */
export type VoteWriteOutcome = 'written' | 'stale' | 'seat-taken';

/**
 * Writes votes, their audit events and the live pages' notifications in one statement — one
 * statement is one transaction, so each vote commits with its audit event (promise 4) — and only
 * while its question is open and the facts epoch is still the one it was judged at.
 *
 * Why one statement for many votes: under load a vote's cost on the app's side was mostly its
 * round trips to PostgreSQL (decisions 012 and 013), so votes that arrive while a write is out go
 * together in the next (`insertVoteWithAudit`). The questions' rows are read FOR SHARE, so a
 * close running at the same moment either waits for these votes and counts them, or has closed
 * the question first and this statement — re-checking the row once the close commits — writes
 * none of its votes. ON CONFLICT DO NOTHING leaves a seat's second vote unwritten, reported as
 * `seat-taken`, rather than failing the batch: one vote per seat is still the unique index's.
 */
export async function insertVotesWithAudit(
  db: Database,
  writes: readonly VoteWrite[],
): Promise<VoteWriteOutcome[]> {
  const batch = writes.map(({ vote, audit, factsEpoch, notification }) => ({
    vote_id: vote.id,
    proposal_id: vote.proposalId,
    voter_id: vote.voterId,
    choice: vote.choice,
    reason: vote.reason ?? null,
    cast_by_person_id: vote.castByPersonId ?? null,
    proxy_id: vote.proxyId ?? null,
    cast_at: vote.castAt.toISOString(),
    recorded_by: vote.recordedBy ?? null,
    facts_epoch: factsEpoch,
    audit_id: audit.id,
    occurred_at: audit.occurredAt.toISOString(),
    actor: audit.actor,
    action: audit.action,
    entity_type: audit.entityType,
    entity_id: audit.entityId,
    // JSON null becomes SQL NULL, as Drizzle's inserts store an absent before or after.
    before: audit.before ?? null,
    after: audit.after ?? null,
    request_id: audit.requestId ?? null,
    channel: notification.channel,
    payload: notification.payload,
  }));
  const result = await db.execute(sql`
    with batch as (
      select * from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as batch(
        vote_id uuid, proposal_id uuid, voter_id uuid, choice text, reason text,
        cast_by_person_id uuid, proxy_id uuid, cast_at timestamptz, recorded_by text, facts_epoch bigint,
        audit_id uuid, occurred_at timestamptz, actor text, action text, entity_type text,
        entity_id text, before jsonb, after jsonb, request_id text, channel text, payload text
      )
    ), question as (
      select ${proposals.id} as id from ${proposals}
      where ${proposals.id} in (select proposal_id from batch) and ${proposals.status} = 'open'
        and ${proposals.votingEndedAt} is null
      for share
    ), accepted as (
      select batch.* from batch join question on question.id = batch.proposal_id
      where batch.facts_epoch = (select value from facts_epoch where id = 1)
    ), vote as (
      insert into ${votes} (id, proposal_id, voter_id, choice, reason, cast_by_person_id, proxy_id, cast_at, recorded_by)
      select vote_id, proposal_id, voter_id, choice, reason, cast_by_person_id, proxy_id, cast_at, recorded_by
      from accepted
      on conflict do nothing
      returning id
    ), written as (
      select accepted.* from accepted join vote on vote.id = accepted.vote_id
    ), audit as (
      insert into ${auditEvents} (id, occurred_at, actor, action, entity_type, entity_id, before, after, request_id)
      select audit_id, occurred_at, actor, action, entity_type, entity_id, before, after, request_id
      from written
      returning id
    ), notified as (
      select pg_notify(channel, payload) from (select distinct channel, payload from written) as change
    )
    select batch.vote_id::text as vote_id,
      exists (select 1 from accepted where accepted.vote_id = batch.vote_id) as accepted,
      exists (select 1 from written where written.vote_id = batch.vote_id) as written,
      -- Naming the notifications here is what sends them: a WITH query that only reads runs
      -- only when the statement reads it.
      (select count(*) from notified) as notifications
    from batch
  `);
  const rows = (
    result as unknown as { rows: { vote_id: string; accepted: boolean; written: boolean }[] }
  ).rows;
  const byVote = new Map(rows.map((row) => [row.vote_id, row]));
  return writes.map(({ vote }) => {
    const row = byVote.get(vote.id);
    if (!row) throw new Error(`The vote write did not answer for vote ${vote.id}`);
    if (row.written) return 'written';
    return row.accepted ? 'seat-taken' : 'stale';
  });
}

/**
 * One vote written as `insertVotesWithAudit` writes many: alone when no write is out, or with the
 * votes that arrived while one was (src/db/batched.ts, decision 013). One write is out per
 * database handle at a time, so a burst of votes holds one pool connection, not one each.
 */
export const insertVoteWithAudit = batchedPerHandle(
  (db: Database) => (writes: readonly VoteWrite[]) => insertVotesWithAudit(db, writes),
);

/** A seat's stored vote on a question, locked for its change; undefined if it has none. */
export async function selectVoteOfVoterForUpdate(
  transaction: Transaction,
  proposalId: string,
  voterId: string,
): Promise<{ id: string; choice: string; reason: string | null } | undefined> {
  const [row] = await transaction
    .select({ id: votes.id, choice: votes.choice, reason: votes.reason })
    .from(votes)
    .where(and(eq(votes.proposalId, proposalId), eq(votes.voterId, voterId)))
    .for('update');
  return row;
}

/**
 * The question still taking votes, locked FOR SHARE as a vote's write locks it (a close waits for
 * a change as for a vote), with the facts epoch read in the same statement; undefined when it has
 * closed or its voting has ended.
 */
export async function selectQuestionTakingVotes(
  transaction: Transaction,
  proposalId: string,
): Promise<{ factsEpoch: number } | undefined> {
  const [row] = await transaction
    .select({ factsEpoch: sql<string>`(select value from facts_epoch where id = 1)` })
    .from(proposals)
    .where(
      and(
        eq(proposals.id, proposalId),
        eq(proposals.status, 'open'),
        isNull(proposals.votingEndedAt),
      ),
    )
    .for('share');
  return row ? { factsEpoch: Number(row.factsEpoch) } : undefined;
}

/** A seat's vote replaced by its new choice: one row per seat, so the tally counts the latest. */
export async function updateVoteChoice(
  transaction: Transaction,
  voteId: string,
  changes: Pick<
    typeof votes.$inferInsert,
    'choice' | 'reason' | 'castByPersonId' | 'proxyId' | 'castAt' | 'recordedBy'
  >,
): Promise<void> {
  await transaction.update(votes).set(changes).where(eq(votes.id, voteId));
}

/** A seat's own stored choices on these questions, for the member's own view of them. */
export async function selectVotesOfVoters(
  reader: Reader,
  proposalIds: readonly string[],
  voterIds: readonly string[],
): Promise<
  { proposalId: string; voterId: string; choice: string; recordedBy: string | null; castAt: Date }[]
> {
  if (proposalIds.length === 0 || voterIds.length === 0) return [];
  return reader
    .select({
      proposalId: votes.proposalId,
      voterId: votes.voterId,
      choice: votes.choice,
      recordedBy: votes.recordedBy,
      castAt: votes.castAt,
    })
    .from(votes)
    .where(and(inArray(votes.proposalId, [...proposalIds]), inArray(votes.voterId, [...voterIds])));
}

/** Of these people, those who have an account to vote from (a show of hands is for the others). */
export async function selectPeopleWithAccounts(
  reader: Reader,
  personIds: readonly string[],
): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await reader
    .select({ personId: accounts.personId })
    .from(accounts)
    .where(inArray(accounts.personId, [...personIds]));
  return new Set(rows.flatMap((row) => (row.personId ? [row.personId] : [])));
}

export interface ProxyRecord {
  id: string;
  meetingId: string;
  grantorHoldingId: string;
  proxyPersonId: string;
  proxyName: string;
  grantedAt: Date;
  revokedAt: Date | null;
}

const proxyColumns = {
  id: proxies.id,
  meetingId: proxies.meetingId,
  grantorHoldingId: proxies.grantorHoldingId,
  proxyPersonId: proxies.proxyPersonId,
  proxyName: people.name,
  grantedAt: proxies.grantedAt,
  revokedAt: proxies.revokedAt,
};

/** Every proxy of the meeting, revoked ones included: the history of delegation. */
export async function selectProxiesOfMeeting(
  reader: Reader,
  meetingId: string,
): Promise<ProxyRecord[]> {
  return reader
    .select(proxyColumns)
    .from(proxies)
    .innerJoin(people, eq(proxies.proxyPersonId, people.id))
    .where(eq(proxies.meetingId, meetingId))
    .orderBy(asc(proxies.grantedAt), asc(proxies.id));
}

export async function selectProxy(
  reader: Reader,
  proxyId: string,
): Promise<ProxyRecord | undefined> {
  const [row] = await reader
    .select(proxyColumns)
    .from(proxies)
    .innerJoin(people, eq(proxies.proxyPersonId, people.id))
    .where(eq(proxies.id, proxyId));
  return row;
}

export async function selectLiveProxy(
  reader: Reader,
  meetingId: string,
  grantorHoldingId: string,
): Promise<ProxyRecord | undefined> {
  const [row] = await reader
    .select(proxyColumns)
    .from(proxies)
    .innerJoin(people, eq(proxies.proxyPersonId, people.id))
    .where(
      and(
        eq(proxies.meetingId, meetingId),
        eq(proxies.grantorHoldingId, grantorHoldingId),
        isNull(proxies.revokedAt),
      ),
    );
  return row;
}

export async function insertProxy(
  transaction: Transaction,
  row: typeof proxies.$inferInsert,
): Promise<void> {
  await transaction.insert(proxies).values(row);
}

export async function revokeProxyRow(
  transaction: Transaction,
  proxyId: string,
  revokedAt: Date,
): Promise<boolean> {
  const rows = await transaction
    .update(proxies)
    .set({ revokedAt })
    .where(and(eq(proxies.id, proxyId), isNull(proxies.revokedAt)))
    .returning({ id: proxies.id });
  return rows.length === 1;
}

export async function selectPeopleNames(
  reader: Reader,
  personIds: readonly string[],
): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await reader
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.id, [...personIds]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * Views recorded for members by someone else in the room (the objections the person presiding
 * records when declaring the sense of the meeting), in the caller's transaction, which holds the
 * question's row locked: no vote can land between these and the tally.
 */
export async function insertRecordedViews(
  transaction: Transaction,
  rows: readonly VoteRow[],
): Promise<void> {
  if (rows.length > 0) await transaction.insert(votes).values([...rows]);
}
