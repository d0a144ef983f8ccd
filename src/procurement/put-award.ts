/**
 * Use case: put the award to the consortium. On a coming meeting of the body at whose meetings the
 * consortium votes (one whose notice has not yet gone out), an agenda item (meetings face) and a
 * question on it (decisions face) under the London terms' 75% majority of a procurement consortium,
 * carrying the electorate the consortium fixed at inception: its member PCTs, their shares, the
 * base and the weighting (2006 §111). One transaction: the item, the question, the tender's stage,
 * its step and the audit events, or nothing.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { createProposal, type RecordedElectorate } from '../decisions/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { addAgendaItem, selectMeetingChoice } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { longDateText } from '../shared/long-date.ts';
import { conflict, invalidInput } from '../shared/problems.ts';
import { assertRunsConsortium, loadTender, nameOf } from './procurement-access.ts';
import type { ConsortiumRecord, MemberRecord } from './procurement-queries.ts';
import {
  insertAwardQuestion,
  insertTenderStep,
  lockTender,
  selectBids,
  selectMembers,
  updateTender,
} from './procurement-queries.ts';
import {
  consortiumMethodId,
  implementationClause,
  inceptionClause,
  majorityClause,
  ruleInWords,
  shareInWords,
  stepProblem,
} from './procurement-rules.ts';

/** The consortium's electorate as fixed at inception, for the engine's tally (2006 §111). */
export function electorateOf(
  consortium: ConsortiumRecord,
  members: readonly MemberRecord[],
): RecordedElectorate {
  return {
    parties: members.map((member) => ({
      organisationId: member.organisationId,
      name: member.name,
      share: member.shareBasisPoints,
    })),
    base: consortium.voteBase,
    weighting: consortium.voteWeighting,
    source: {
      title: `Inception record of ${consortium.name}`,
      clause: implementationClause.clause,
      text: `${implementationClause.text} ${consortium.name}, formed on ${longDateText(consortium.inceptedOn)}, fixed its rule at inception: ${ruleInWords(consortium.voteBase, consortium.voteWeighting)}; shares by ${consortium.shareBasis}: ${members.map((member) => `${member.name} ${shareInWords(member.shareBasisPoints)}`).join(', ')}.`,
    },
  };
}

export async function putAward(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  tenderId: string;
  meetingId: string;
}): Promise<{ proposalId: string; agendaItemId: string; meetingId: string }> {
  const { db, context, actor } = options;
  const { tender, consortium } = await loadTender(db, options.tenderId);
  assertRunsConsortium(actor, consortium);
  return db.transaction(async (transaction) => {
    const current = await lockTender(transaction, tender.id);
    const refusal = stepProblem(current.stage, 'put-award');
    if (refusal) throw conflict('tenderId', refusal);
    const meeting = await selectMeetingChoice(transaction, options.meetingId);
    if (!meeting) {
      throw invalidInput([
        { field: 'meetingId', message: `Choose a meeting of ${consortium.bodyTitle}.` },
      ]);
    }
    if (meeting.bodyId !== consortium.bodyId) {
      throw conflict(
        'meetingId',
        `“${meeting.title}” is a meeting of ${meeting.bodyTitle}: ${consortium.name}'s members vote at meetings of ${consortium.bodyTitle}, as recorded at its inception (${inceptionClause.clause}).`,
      );
    }
    if (meeting.status !== 'scheduled' || meeting.startsAt <= context.now) {
      throw conflict(
        'meetingId',
        `“${meeting.title}” is not a meeting still to come: put the award to a scheduled meeting of ${consortium.bodyTitle}.`,
      );
    }
    if (meeting.noticesSent > 0) {
      throw conflict(
        'meetingId',
        `Notice of “${meeting.title}” has already been sent, stating its business: put the award to a meeting whose notice has not yet gone out.`,
      );
    }
    const bids = await selectBids(transaction, tender.id);
    const bid = bids.find((each) => each.id === current.recommendedBidId);
    if (!bid)
      throw conflict('tenderId', 'The evaluation recommends no bid: evaluate the bids first.');
    const members = await selectMembers(transaction, [consortium.id]);
    const { agendaItemId } = await addAgendaItem({
      db: transaction,
      context,
      actor,
      meetingId: meeting.id,
      title: `${tender.title}: award of the contract`,
      purpose: 'decision',
      isConfidential: false,
    });
    const { proposalId } = await createProposal({
      db: transaction,
      context,
      actor,
      meetingId: meeting.id,
      agendaItemId,
      title: `Award ${tender.title} to ${bid.providerName}`,
      text: [
        // The question is on a public agenda: the bids' prices and the evaluation's reasons are
        // commercially sensitive until the award, so they stay on the tender's page, which only
        // signed-in readers see.
        `That ${consortium.name} awards “${tender.title}” (${tender.service}) to ${bid.providerName}, the bid the evaluation recommends. The bids, their prices and the evaluation are on the tender's page for signed-in readers.`,
        `Decided by the consortium's members under ${majorityClause.clause}: “${majorityClause.text}” As fixed at inception: ${ruleInWords(consortium.voteBase, consortium.voteWeighting)}.`,
      ].join('\n'),
      methodId: consortiumMethodId,
      ballot: 'named',
      electorate: electorateOf(consortium, members),
    });
    const putOn = londonDate(context.now);
    const questionId = uuidv7();
    await insertAwardQuestion(transaction, {
      id: questionId,
      tenderId: tender.id,
      bidId: bid.id,
      meetingId: meeting.id,
      agendaItemId,
      proposalId,
      putOn,
    });
    await updateTender(transaction, tender.id, { stage: 'award-put' });
    await insertTenderStep(transaction, {
      id: uuidv7(),
      tenderId: tender.id,
      stage: 'award-put',
      happenedOn: putOn,
      note: `Award to ${bid.providerName} put to the consortium at “${meeting.title}”.`,
      recordedBy: nameOf(actor, context.actor),
      recordedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'tender.award-put',
        entityType: 'tender',
        entityId: tender.id,
        before: { stage: current.stage },
        after: {
          stage: 'award-put',
          questionId,
          bidId: bid.id,
          meetingId: meeting.id,
          agendaItemId,
          proposalId,
        },
      },
    ]);
    return { proposalId, agendaItemId, meetingId: meeting.id };
  });
}
