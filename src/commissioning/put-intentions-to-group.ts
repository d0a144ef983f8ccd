/**
 * Use case: put the consolidated intentions to the London group. On one of its meetings whose
 * notice has not yet gone out, an agenda item (meetings face) and a question on it (decisions face)
 * of the kind the constitution in force gives for commissioning intentions, decided by that kind's
 * method. The round moves to put-to-group and its intentions are frozen until the question is
 * decided. One transaction: the item, the question, the round and their audit events, or nothing.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { createProposal } from '../decisions/index.ts';
import type { Actor } from '../identity/index.ts';
import { addAgendaItem, selectMeetingChoice } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput } from '../shared/problems.ts';
import {
  assertRunsRound,
  loadRound,
  type RoundAddress,
  throwIfRefused,
} from './intention-access.ts';
import { selectIntentions, updateRound } from './intention-queries.ts';
import { clauses, putToGroupRefusal, roundYearText } from './intention-rules.ts';

/** The decision kind each London constitution gives for agreeing the intentions. */
export const intentionsDecisionKind = 'commissioning-intentions';

export async function putIntentionsToGroup(
  options: RoundAddress & {
    db: Database;
    context: ActionContext;
    actor: Actor;
    meetingId: string;
  },
): Promise<{ proposalId: string; agendaItemId: string; meetingId: string }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const round = await loadRound(transaction, options, true);
    assertRunsRound(actor, round);
    const intentions = await selectIntentions(transaction, round.id);
    throwIfRefused(putToGroupRefusal(round.status, intentions.length));
    const meeting = await selectMeetingChoice(transaction, options.meetingId);
    if (!meeting) {
      throw invalidInput([
        { field: 'meetingId', message: `Choose a meeting of ${round.bodyTitle}.` },
      ]);
    }
    if (meeting.bodyId !== round.bodyId) {
      throw conflict(
        'meetingId',
        `Intentions agreed by anyone but the London group cannot be recorded: “${meeting.title}” is a meeting of ${meeting.bodyTitle}. Put the intentions to a meeting of ${round.bodyTitle} (${clauses.horizonScanning.clause}).`,
      );
    }
    if (meeting.status !== 'scheduled' || meeting.startsAt <= context.now) {
      throw conflict(
        'meetingId',
        `“${meeting.title}” is not a meeting still to come: put the intentions to a scheduled meeting of ${round.bodyTitle}.`,
      );
    }
    if (meeting.noticesSent > 0) {
      throw conflict(
        'meetingId',
        `Notice of “${meeting.title}” has already been sent, stating its business: put the intentions to a meeting whose notice has not yet gone out.`,
      );
    }
    const year = roundYearText(round.startYear);
    const { agendaItemId } = await addAgendaItem({
      db: transaction,
      context,
      actor,
      meetingId: meeting.id,
      title: `London commissioning intentions ${year}`,
      purpose: 'decision',
      isConfidential: false,
    });
    const { proposalId } = await createProposal({
      db: transaction,
      context,
      actor,
      meetingId: meeting.id,
      agendaItemId,
      title: `Agree the London commissioning intentions ${year}`,
      text: [
        `${round.bodyTitle} agrees the annual London wide Commissioning Intentions for ${year}, to be published in the London prospectus:`,
        ...intentions.map(
          (intention, index) => `${index + 1}. ${intention.title} (${intention.serviceArea})`,
        ),
      ].join('\n'),
      decisionKind: intentionsDecisionKind,
      ballot: 'named',
    });
    await updateRound(transaction, round.id, {
      status: 'put-to-group',
      agreementProposalId: proposalId,
      agreedOn: null,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'commissioning-round.put-to-group',
        entityType: 'commissioning-round',
        entityId: round.id,
        before: { status: round.status, agreementProposalId: round.agreementProposalId },
        after: {
          status: 'put-to-group',
          agreementProposalId: proposalId,
          meetingId: meeting.id,
          agendaItemId,
          intentionIds: intentions.map((intention) => intention.id),
        },
      },
    ]);
    return { proposalId, agendaItemId, meetingId: meeting.id };
  });
}
