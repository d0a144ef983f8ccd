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
  selectRecordChecksBegan,
  selectStoredRecords,
} from './record-agreement-queries.ts';

export interface RecordAgreement {
  ok: boolean;
  /** Records compared, per kind. */
  checked: Record<AuditedKindName, number>;
  /** Votes stored before record checks began, whose events name no vote: not compared. */
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
      const [began, ...again] = await selectRecordChecksBegan(reader);
      // Concordat lists the older votes once; another list would excuse votes added since.
      for (const forged of again) {
        problems.push({
          kind: 'repeated',
          record: 'vote',
          recordId: 'votes before record checks',
          eventId: forged.id,
          message: `A second list of the votes stored before record checks began (event ${forged.id}); Concordat writes one: the later one was written outside it.`,
        });
      }
      const votesBeforeChecks = new Set(began?.votesBeforeChecks ?? []);
      for (const kind of auditedKinds) {
        const states = auditedStates(kind, await selectAuditedEvents(reader, kind.actions));
        const records = await selectStoredRecords(reader, kind.name);
        const comparison = compareRecords({
          kind,
          states,
          records,
          ballotSealKey,
          unmatchable: (record) => {
            const older = kind.name === 'vote' && votesBeforeChecks.has(record.key);
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
