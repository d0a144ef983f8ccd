/**
 * Read model: the latest analysis report of a consultation as produced — its version, when and by
 * whom, per question the frozen counts with their charts drawn again from the figures, and the
 * themes with the committee's "we heard / we did" (Gunning 4: responses "conscientiously taken
 * into account"). Staff, and the members of the body who decide on it (finding H3), who read but
 * do not produce it.
 */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { selectPerson } from '../registry/index.ts';
import { barChartSvg } from '../shared/bar-chart-svg.ts';
import { loadConsultationReportToRead } from './analysis-access.ts';
import type { QuestionAnalysis, ResponseTotals } from './analysis-view.ts';
import type { ReportFigures } from './produce-analysis-report.ts';
import { selectLatestReport, selectThemesWithResponses } from './report-queries.ts';

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

export interface ReportThemeView {
  questionNumber: number;
  code: string;
  label: string;
  weHeard: string | null;
  weDid: string | null;
}

export interface AnalysisReportView {
  slug: string;
  title: string;
  categoryNames: string[];
  /** Who analyses it: may produce the report again and answer themes; a member only reads. */
  mayProduce: boolean;
  report: null | {
    version: number;
    producedOn: string;
    producedAt: string;
    producedBy: string;
    pooledKappa: string;
    pooledKappaWords: string;
    doubleCoded: number;
    /** Absent from reports produced before the totals were kept. */
    responses: ResponseTotals | null;
    questions: (Omit<QuestionAnalysis, 'chartSvg'> & { chartSvg: string })[];
  };
  themes: ReportThemeView[];
  themesWithoutResponse: number;
}

export function chartTitleOf(question: { number: number; isOpen: boolean }): string {
  return `Question ${question.number}: ${question.isOpen ? 'answers by theme' : 'answers by choice'}`;
}

export async function getAnalysisReport(
  reader: Reader,
  actor: Actor,
  slug: string,
  now: Date,
): Promise<AnalysisReportView> {
  const { consultation, mayProduce } = await loadConsultationReportToRead(reader, actor, slug, now);
  const [latest, themes] = await Promise.all([
    selectLatestReport(reader, consultation.id),
    selectThemesWithResponses(reader, consultation.id),
  ]);
  let report: AnalysisReportView['report'] = null;
  if (latest) {
    const figures = latest.figures as ReportFigures;
    const person = latest.producedByPersonId
      ? await selectPerson(reader, latest.producedByPersonId)
      : undefined;
    report = {
      version: latest.version,
      producedOn: dateWords.format(latest.producedAt),
      producedAt: timeWords.format(latest.producedAt),
      producedBy: person?.name ?? 'the system',
      pooledKappa: figures.pooledKappa,
      pooledKappaWords: figures.pooledKappaWords,
      doubleCoded: figures.doubleCoded,
      responses: figures.responses ?? null,
      questions: figures.questions.map((question) => ({
        ...question,
        chartSvg: barChartSvg({
          id: `report-question-${question.number}`,
          title: chartTitleOf(question),
          bars: question.rows.map((row) => ({ label: row.label, value: row.total })),
        }),
      })),
    };
  }
  return {
    slug: consultation.slug,
    title: consultation.title,
    mayProduce,
    categoryNames: report ? (latest!.figures as ReportFigures).categoryNames : [],
    report,
    themes: themes.map(({ themeId: _, ...theme }) => theme),
    themesWithoutResponse: themes.filter((theme) => theme.weHeard === null).length,
  };
}
