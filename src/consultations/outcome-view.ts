/**
 * Read model (finding H4): what happened after a consultation, for everyone once it is decided —
 * the decision (the question put to the body, its meeting and date, its outcome in words, and
 * that it binds the PCT Boards that delegated, 2008 "Accountabilities"), the responses counted
 * (the latest analysis report's totals: all, by who responded and by how) and each theme's
 * "we heard / we did" ("We asked, you said, we did"). Counts and the committee's own words only:
 * no personal data and no response's text. Null until the stage is decided.
 */
import type { Reader } from '../db/connection.ts';
import { outcomeText } from '../decisions/index.ts';
import type { ResponseTotals } from './analysis-view.ts';
import type { ConsultationRecord } from './consultation-queries.ts';
import { selectApprovalQuestion } from './preparation-queries.ts';
import type { ReportFigures } from './produce-analysis-report.ts';
import { selectLatestReport, selectThemesWithResponses } from './report-queries.ts';

const dateWords = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export interface ConsultationOutcomeView {
  decision: {
    title: string;
    meetingTitle: string;
    meetingOn: string;
    /** "Carried", "Agreed by consensus" … */
    outcome: string;
    /** The clause that makes the decision the PCT Boards' own. */
    binding: string;
  };
  /** Null when no report kept the totals. */
  responses: null | {
    reportVersion: number;
    total: number;
    byWho: { label: string; count: number }[];
    byChannel: { label: string; count: number }[];
  };
  themes: { questionNumber: number; label: string; weHeard: string; weDid: string }[];
}

/** The responses counted, by who and by how, as the report froze them (zero rows left out). */
export function responsesCountedOf(
  figures: Pick<ReportFigures, 'categoryNames'> & { responses?: ResponseTotals | undefined },
): Omit<NonNullable<ConsultationOutcomeView['responses']>, 'reportVersion'> | null {
  if (!figures.responses) return null;
  const { total, byCategory, byChannel } = figures.responses;
  return {
    total,
    byWho: figures.categoryNames
      .map((label, index) => ({ label, count: byCategory[index] ?? 0 }))
      .filter((row) => row.count > 0),
    byChannel: byChannel.filter((row) => row.count > 0),
  };
}

export async function getConsultationOutcome(
  reader: Reader,
  consultation: ConsultationRecord,
): Promise<ConsultationOutcomeView | null> {
  if (consultation.stage !== 'decided' || !consultation.decisionProposalId) return null;
  const [question, report, themes] = await Promise.all([
    selectApprovalQuestion(reader, consultation.decisionProposalId),
    selectLatestReport(reader, consultation.id),
    selectThemesWithResponses(reader, consultation.id),
  ]);
  if (!question) return null;
  const counted = report ? responsesCountedOf(report.figures as ReportFigures) : null;
  return {
    decision: {
      title: question.title,
      meetingTitle: question.meetingTitle,
      meetingOn: dateWords.format(question.meetingStartsAt),
      outcome: question.outcome
        ? outcomeText(question.outcome as Parameters<typeof outcomeText>[0])
        : 'Decided',
      binding: `As the constitution says (2008 “Accountabilities”: “London PCT Boards will discharge their formal responsibilities in respect of approving consultation and taking decisions following consultation by means of a Joint Committee”), the decision binds the PCT Boards that delegated to the ${consultation.bodyTitle}.`,
    },
    responses: counted && report ? { reportVersion: report.version, ...counted } : null,
    themes: themes.flatMap((theme) =>
      theme.weHeard !== null && theme.weDid !== null
        ? [
            {
              questionNumber: theme.questionNumber,
              label: theme.label,
              weHeard: theme.weHeard,
              weDid: theme.weDid,
            },
          ]
        : [],
    ),
  };
}
