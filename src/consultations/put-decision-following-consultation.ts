/**
 * Use case (issue 25 part 5): put the Joint Committee's decision after consultation, as the
 * approval was put (`putQuestionOnMeeting`: an agenda item and a question of kind
 * `decide-following-consultation` on one of its meetings still to come). Refused, nothing written,
 * before close, without a produced analysis report, or while any theme lacks "we heard / we did" —
 * Gunning 4 (DOMAIN "Consultation"): responses "conscientiously taken into account". The stage
 * moves to decision-put. One transaction, or nothing.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict } from '../shared/problems.ts';
import { hasClosed, requireRunsConsultation } from './consultation-access.ts';
import { stageText } from './consultation-rules.ts';
import { decisionFollowingConsultationKind, decisionRefusals } from './decision-rules.ts';
import { loadConsultationForChange } from './preparation-access.ts';
import { updateConsultation } from './preparation-queries.ts';
import { putQuestionOnMeeting } from './put-consultation-for-approval.ts';
import { selectLatestReport, selectThemesWithoutResponse } from './report-queries.ts';

const dateWords = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export async function putDecisionFollowingConsultation(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  meetingId: string;
}): Promise<{ proposalId: string; agendaItemId: string; meetingId: string }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const consultation = await loadConsultationForChange(transaction, options.slug);
    requireRunsConsultation(actor, consultation, 'put the decision after its consultations');
    if (consultation.stage !== 'approved') {
      throw conflict(
        'stage',
        `Only an approved consultation has its decision put: it is ${stageText(consultation.stage)}.`,
      );
    }
    const report = await selectLatestReport(transaction, consultation.id);
    const refusals = decisionRefusals({
      hasClosed: hasClosed(consultation, context.now),
      closesOn: consultation.closesAt ? dateWords.format(consultation.closesAt) : null,
      reportVersion: report?.version ?? null,
      themesWithoutResponse: await selectThemesWithoutResponse(transaction, consultation.id),
    });
    if (refusals.length > 0) throw conflict('checks', refusals.join(' '));
    const { meetingId, agendaItemId, proposalId } = await putQuestionOnMeeting({
      transaction,
      context,
      actor,
      consultation,
      meetingId: options.meetingId,
      what: 'the decision',
      question: {
        title: `Decide following the consultation “${consultation.title}”`,
        text: `Having conscientiously taken into account the responses to the consultation “${consultation.title}” (analysis report version ${report!.version} and each theme’s “we heard / we did”), the ${consultation.bodyTitle} decides on the proposals.`,
        decisionKind: decisionFollowingConsultationKind,
      },
    });
    await updateConsultation(transaction, consultation.id, {
      stage: 'decision-put',
      decisionProposalId: proposalId,
      updatedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.decision-put',
        entityType: 'consultation',
        entityId: consultation.id,
        before: { stage: consultation.stage, decisionProposalId: consultation.decisionProposalId },
        after: {
          stage: 'decision-put',
          decisionProposalId: proposalId,
          meetingId,
          agendaItemId,
          reportVersion: report!.version,
        },
      },
    ]);
    return { proposalId, agendaItemId, meetingId };
  });
}
