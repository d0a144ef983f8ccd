import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AuditEventRow } from '../audit/record-audit-event.ts';
import type { Database, Transaction } from '../db/connection.ts';
import { agendaItems, auditEvents, people, proposals, proxies, votes } from '../db/schema.ts';

type Reader = Database | Transaction;

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
  outcome: proposals.outcome,
  outcomeSummary: proposals.outcomeSummary,
  castingVote: proposals.castingVote,
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
      'status' | 'openedAt' | 'closedAt' | 'result' | 'outcome' | 'outcomeSummary' | 'castingVote'
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
    })
    .from(votes)
    .leftJoin(people, eq(votes.castByPersonId, people.id))
    .where(eq(votes.proposalId, proposalId))
    .orderBy(asc(votes.castAt), asc(votes.id));
  return rows.map((row) => ({ ...row, choice: row.choice as VoteRecord['choice'] }));
}

export type VoteRow = typeof votes.$inferInsert & { castAt: Date };

/** A jsonb parameter: SQL NULL for no value, as Drizzle's inserts write it, not JSON `null`. */
const jsonOrNull = (value: unknown) => (value == null ? null : JSON.stringify(value));

/**
 * Writes a vote, its audit event and the live pages' notification in one statement — one
 * statement is one transaction, so the three commit together (promise 4) — and only while the
 * question is open and the facts epoch is still `factsEpoch`, the one the vote was judged at.
 * Returns false, writing nothing, when either has moved on: the caller judges the vote again.
 *
 * Why one statement: on the benchmark's machine every round trip to PostgreSQL costs the app as
 * much CPU as the rest of the vote (bench/results/latest.md, decision 012); BEGIN, a locking read,
 * two inserts, a NOTIFY and COMMIT were six. The question's row is read FOR SHARE, so a close
 * running at the same moment either waits for this vote and counts it, or has closed the question
 * first and this statement — re-checking the row once the close commits — writes nothing.
 */
export async function insertVoteWithAudit(
  db: Database,
  options: {
    vote: VoteRow;
    audit: AuditEventRow;
    factsEpoch: number;
    notification: { channel: string; payload: string };
  },
): Promise<boolean> {
  const { vote, audit } = options;
  const result = await db.execute(sql`
    with question as (
      select ${proposals.id} as id from ${proposals}
      where ${proposals.id} = ${vote.proposalId}::uuid
        and ${proposals.status} = 'open'
        and (select value from facts_epoch where id = 1) = ${options.factsEpoch}
      for share
    ), vote as (
      insert into ${votes} (id, proposal_id, voter_id, choice, reason, cast_by_person_id, proxy_id, cast_at)
      select ${vote.id}::uuid, question.id, ${vote.voterId}::uuid, ${vote.choice}::text,
        ${vote.reason ?? null}::text, ${vote.castByPersonId ?? null}::uuid,
        ${vote.proxyId ?? null}::uuid, ${vote.castAt.toISOString()}::timestamptz
      from question
      returning id
    ), audit as (
      insert into ${auditEvents} (id, occurred_at, actor, action, entity_type, entity_id, before, after, request_id)
      select ${audit.id}::uuid, ${audit.occurredAt.toISOString()}::timestamptz, ${audit.actor}::text,
        ${audit.action}::text, ${audit.entityType}::text, ${audit.entityId}::text,
        ${jsonOrNull(audit.before)}::jsonb, ${jsonOrNull(audit.after)}::jsonb,
        ${audit.requestId ?? null}::text
      from vote
      returning id
    )
    select pg_notify(${options.notification.channel}, ${options.notification.payload}) as notified
    from vote
  `);
  return (result as unknown as { rows: unknown[] }).rows.length === 1;
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
