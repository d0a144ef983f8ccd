import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import { auditEvents, auditKeys } from '../db/schema/audit.ts';
import { proposals, votes } from '../db/schema/decisions.ts';
import { attendanceRecords } from '../db/schema/meetings.ts';
import { seatHoldings } from '../db/schema/membership.ts';
import type { AuditedEvent, AuditedKindName, StoredRecord } from './record-agreement.ts';

export async function selectBallotSealKey(reader: Reader): Promise<string> {
  const [row] = await reader
    .select({ key: auditKeys.ballotSealKey })
    .from(auditKeys)
    .where(eq(auditKeys.id, 1));
  if (!row) throw new Error('The ballot seal key is missing: run the migrations (audit_keys).');
  return row.key;
}

/** The events of these actions in the order they happened: sealed first by sequence, then the rest. */
export async function selectAuditedEvents(
  reader: Reader,
  actions: readonly string[],
): Promise<AuditedEvent[]> {
  return reader
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      entityId: auditEvents.entityId,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(inArray(auditEvents.action, [...actions]))
    .orderBy(
      sql`${auditEvents.sequence} asc nulls last`,
      asc(auditEvents.occurredAt),
      asc(auditEvents.id),
    );
}

/**
 * The events that list the votes stored when record checks began (migration 0010 writes one):
 * their votes' own events name no vote.
 */
export async function selectRecordChecksBegan(
  reader: Reader,
): Promise<{ id: string; votesBeforeChecks: string[] }[]> {
  const rows = await reader
    .select({ id: auditEvents.id, after: auditEvents.after })
    .from(auditEvents)
    .where(eq(auditEvents.action, 'audit.record-checks-began'))
    .orderBy(
      sql`${auditEvents.sequence} asc nulls last`,
      asc(auditEvents.occurredAt),
      asc(auditEvents.id),
    );
  return rows.map((row) => {
    const listed = (row.after as { votesBeforeChecks?: unknown } | null)?.votesBeforeChecks;
    return {
      id: row.id,
      votesBeforeChecks: Array.isArray(listed) ? listed.filter((id) => typeof id === 'string') : [],
    };
  });
}

/** Every stored record of a kind, keyed as its events name it. */
export async function selectStoredRecords(
  reader: Reader,
  kind: AuditedKindName,
): Promise<StoredRecord[]> {
  switch (kind) {
    case 'vote': {
      const rows = await reader
        .select({
          id: votes.id,
          proposalId: votes.proposalId,
          voterId: votes.voterId,
          choice: votes.choice,
          reason: votes.reason,
          ballot: proposals.ballot,
        })
        .from(votes)
        .innerJoin(proposals, eq(proposals.id, votes.proposalId));
      return rows.map(({ id, ballot, ...fields }) => ({
        key: id,
        fields,
        secretBallot: ballot === 'secret',
      }));
    }
    case 'proposal': {
      const rows = await reader
        .select({
          id: proposals.id,
          meetingId: proposals.meetingId,
          agendaItemId: proposals.agendaItemId,
          amendsProposalId: proposals.amendsProposalId,
          decisionKind: proposals.decisionKind,
          title: proposals.title,
          text: proposals.text,
          methodId: proposals.methodId,
          ballot: proposals.ballot,
          status: proposals.status,
          outcome: proposals.outcome,
          outcomeSummary: proposals.outcomeSummary,
          castingVote: proposals.castingVote,
          votingEndedAt: proposals.votingEndedAt,
        })
        .from(proposals);
      return rows.map(({ id, votingEndedAt, ...fields }) => ({
        key: id,
        fields: { ...fields, votingEnded: votingEndedAt !== null },
      }));
    }
    case 'attendance': {
      const rows = await reader
        .select({
          meetingId: attendanceRecords.meetingId,
          seatHoldingId: attendanceRecords.seatHoldingId,
          status: attendanceRecords.status,
          deputyName: attendanceRecords.deputyName,
        })
        .from(attendanceRecords);
      return rows.map(({ meetingId, seatHoldingId, ...fields }) => ({
        key: `${meetingId}/${seatHoldingId}`,
        fields,
      }));
    }
    case 'membership': {
      const rows = await reader
        .select({
          id: seatHoldings.id,
          bodyId: seatHoldings.bodyId,
          seatRole: seatHoldings.seatRole,
          personId: seatHoldings.personId,
          organisationId: seatHoldings.organisationId,
          fillMethod: seatHoldings.fillMethod,
          filledBy: seatHoldings.filledBy,
          office: seatHoldings.office,
          startsOn: seatHoldings.startsOn,
          endsOn: seatHoldings.endsOn,
        })
        .from(seatHoldings);
      return rows.map(({ id, ...fields }) => ({ key: id, fields }));
    }
  }
}
