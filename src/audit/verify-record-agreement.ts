import type { Database } from '../db/connection.ts';
import {
  type AuditedKindName,
  auditedKinds,
  auditedStates,
  compareRecords,
  type RecordProblem,
} from './record-agreement.ts';
import {
  selectAuditedEvents,
  selectBallotSealKey,
  selectProposalsWithUnnamedVoteEvents,
  selectStoredRecords,
} from './record-agreement-queries.ts';

export interface RecordAgreement {
  ok: boolean;
  /** Records compared, per kind. */
  checked: Record<AuditedKindName, number>;
  /** Votes whose events predate vote ids in events: matched to nothing, so not judged. */
  votesRecordedBeforeChecks: number;
  problems: RecordProblem[];
}

/**
 * Compares votes, questions, attendance and memberships with what their audit events say, in one
 * read-only snapshot so a change committing meanwhile is seen whole or not at all.
 */
export async function verifyRecordAgreement(options: { db: Database }): Promise<RecordAgreement> {
  return options.db.transaction(
    async (reader) => {
      const ballotSealKey = await selectBallotSealKey(reader);
      const checked = {} as Record<AuditedKindName, number>;
      const problems: RecordProblem[] = [];
      let votesRecordedBeforeChecks = 0;
      for (const kind of auditedKinds) {
        const states = auditedStates(kind, await selectAuditedEvents(reader, kind.actions));
        const records = await selectStoredRecords(reader, kind.name);
        const olderVoteEvents =
          kind.name === 'vote' ? await selectProposalsWithUnnamedVoteEvents(reader) : new Set();
        const comparison = compareRecords({
          kind,
          states,
          records,
          ballotSealKey,
          unmatchable: (record) => {
            const older = olderVoteEvents.has(String(record.fields.proposalId));
            if (older) votesRecordedBeforeChecks += 1;
            return older;
          },
        });
        checked[kind.name] = comparison.checked;
        problems.push(...comparison.problems);
      }
      return { ok: problems.length === 0, checked, votesRecordedBeforeChecks, problems };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
