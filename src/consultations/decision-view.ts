/**
 * Read model: the decision page of a consultation — where it stands (closed? report? themes
 * unanswered?), the refusals Gunning 4 makes, the meetings the decision can be put to, and once
 * put the question and its outcome.
 */
import type { Reader } from '../db/connection.ts';
import { outcomeText } from '../decisions/index.ts';
import type { Actor } from '../identity/index.ts';
import { selectMeetingsAwaitingNotice } from '../meetings/index.ts';
import { consultationNotFound } from './analysis-access.ts';
import { hasClosed, requireRunsConsultation } from './consultation-access.ts';
import { selectConsultationBySlug } from './consultation-queries.ts';
import { decisionRefusals } from './decision-rules.ts';
import { selectApprovalQuestion } from './preparation-queries.ts';
import { selectLatestReport, selectThemesWithoutResponse } from './report-queries.ts';

const dateWords = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeWords = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});

export interface DecisionPageView {
  slug: string;
  title: string;
  bodyTitle: string;
  stage: string;
  refusals: string[];
  meetingChoices: { id: string; text: string }[];
  question: null | { id: string; title: string; meeting: string; outcome: string | null };
}

export async function getDecisionPage(
  reader: Reader,
  actor: Actor,
  slug: string,
  now: Date,
): Promise<DecisionPageView> {
  const consultation = await selectConsultationBySlug(reader, slug);
  if (!consultation) throw consultationNotFound(slug);
  requireRunsConsultation(actor, consultation, 'see the decision after its consultations');
  const report = await selectLatestReport(reader, consultation.id);
  const refusals =
    consultation.stage === 'approved'
      ? decisionRefusals({
          hasClosed: hasClosed(consultation, now),
          closesOn: consultation.closesAt ? dateWords.format(consultation.closesAt) : null,
          reportVersion: report?.version ?? null,
          themesWithoutResponse: await selectThemesWithoutResponse(reader, consultation.id),
        })
      : [];
  const question = consultation.decisionProposalId
    ? await selectApprovalQuestion(reader, consultation.decisionProposalId)
    : undefined;
  return {
    slug: consultation.slug,
    title: consultation.title,
    bodyTitle: consultation.bodyTitle,
    stage: consultation.stage,
    refusals,
    meetingChoices:
      consultation.stage === 'approved' && refusals.length === 0
        ? (await selectMeetingsAwaitingNotice(reader, consultation.bodyId, now)).map((meeting) => ({
            id: meeting.id,
            text: `${meeting.title}, ${dateWords.format(meeting.startsAt)} at ${timeWords.format(meeting.startsAt)}`,
          }))
        : [],
    question: question
      ? {
          id: question.id,
          title: question.title,
          meeting: `${question.meetingTitle}, ${dateWords.format(question.meetingStartsAt)}`,
          outcome:
            question.status === 'closed' && question.outcome
              ? outcomeText(question.outcome as Parameters<typeof outcomeText>[0])
              : null,
        }
      : null,
  };
}
