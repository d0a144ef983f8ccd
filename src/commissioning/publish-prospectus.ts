/**
 * Use case: publish the London prospectus (2008 Business development: "developing the London
 * ‘prospectus’ which will set out the key commissioning and procurement priorities for London
 * PCTs"). Only agreed intentions are published; what is published is a snapshot kept on the round,
 * so a later edit to anything it names never changes what the public was told.
 */
import { recordAuditEvents } from '../audit/index.ts';
import { termsInForce } from '../bodies/index.ts';
import type { Database, Reader } from '../db/connection.ts';
import { outcomeText } from '../decisions/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  assertRunsRound,
  loadRound,
  type RoundAddress,
  throwIfRefused,
} from './intention-access.ts';
import {
  type RoundRecord,
  selectIntentions,
  selectPriorities,
  selectQuestion,
  updateRound,
} from './intention-queries.ts';
import { clauses, publishRefusal, raisedBy, roundYearText } from './intention-rules.ts';

export interface ProspectusSnapshot {
  title: string;
  body: string;
  year: string;
  publishedOn: string;
  agreement: {
    question: string;
    meeting: string;
    meetingOn: string;
    agreedOn: string;
    outcome: string;
    clause: string;
    text: string;
  } | null;
  intentions: {
    position: number;
    title: string;
    serviceArea: string;
    description: string;
    raisedBy: { primaryCareTrusts: string[]; localGroups: string[]; sectors: string[] };
    specification: { title: string; version: number } | null;
  }[];
  clauses: { clause: string; text: string }[];
}

/** The prospectus as it stands now: what publishing would keep. */
export async function prospectusSnapshotOf(
  reader: Reader,
  round: RoundRecord,
  publishedOn: string,
): Promise<ProspectusSnapshot> {
  const [intentions, priorities] = await Promise.all([
    selectIntentions(reader, round.id),
    selectPriorities(reader, round.id),
  ]);
  const question = round.agreementProposalId
    ? await selectQuestion(reader, round.agreementProposalId)
    : undefined;
  const meetingOn = question ? londonDate(question.meetingStartsAt) : null;
  const constitution =
    question && meetingOn ? await termsInForce(reader, question.bodyId, meetingOn) : undefined;
  const kind = constitution?.decisionKinds.find(
    (candidate) => candidate.id === question?.decisionKind,
  );
  const year = roundYearText(round.startYear);
  const agreementClause = question && meetingOn && round.agreedOn ? kind?.clause : undefined;
  return {
    title: `London commissioning prospectus ${year}`,
    body: round.bodyTitle,
    year,
    publishedOn,
    agreement:
      question && meetingOn && round.agreedOn
        ? {
            question: question.title,
            meeting: question.meetingTitle,
            meetingOn,
            agreedOn: round.agreedOn,
            outcome: question.outcome
              ? outcomeText(question.outcome as Parameters<typeof outcomeText>[0])
              : '',
            clause: kind?.clause ?? clauses.horizonScanning.clause,
            text: kind?.text ?? clauses.horizonScanning.text,
          }
        : null,
    intentions: intentions.map((intention) => {
      const { isOverlap: _isOverlap, ...raised } = raisedBy(intention, priorities);
      return {
        position: intention.position,
        title: intention.title,
        serviceArea: intention.serviceArea,
        description: intention.description,
        raisedBy: raised,
        specification: intention.specification && {
          title: intention.specification.title,
          version: intention.specification.version,
        },
      };
    }),
    clauses: withoutQuoted([clauses.horizonScanning, clauses.prospectus], agreementClause),
  };
}

/** The clauses the prospectus quotes, less the one its agreement already quotes: once is enough. */
export function withoutQuoted<Quoted extends { clause: string }>(
  quoted: readonly Quoted[],
  alreadyQuoted: string | undefined,
): Quoted[] {
  return quoted.filter((candidate) => candidate.clause !== alreadyQuoted);
}

export async function publishProspectus(
  options: RoundAddress & { db: Database; context: ActionContext; actor: Actor },
): Promise<ProspectusSnapshot> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const round = await loadRound(transaction, options, true);
    assertRunsRound(actor, round);
    throwIfRefused(publishRefusal(round.status));
    const prospectus = await prospectusSnapshotOf(transaction, round, londonDate(context.now));
    await updateRound(transaction, round.id, {
      status: 'published',
      prospectus,
      publishedAt: context.now,
      publishedBy: context.actor,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'commissioning-round.prospectus-published',
        entityType: 'commissioning-round',
        entityId: round.id,
        before: { status: round.status },
        after: { status: 'published', prospectus },
      },
    ]);
    return prospectus;
  });
}
