/**
 * Read model: the analysis page of a consultation, from aggregates only — the tallies kept as
 * responses arrive and are coded (`selectTallies`), the codebooks, the suggestions decided per
 * theme and the double-coded sample's pairs (a tenth of the coded answers at most). It never
 * reads or counts the responses themselves, so it costs the same at a million as at a hundred.
 */

import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { barChartSvg } from '../shared/bar-chart-svg.ts';
import { loadConsultationToAnalyse } from './analysis-access.ts';
import { selectCodebooks, selectSuggestionOutcomes } from './coding-queries.ts';
import { acceptedPerMille, codedTallyKey, perMilleInWords } from './coding-rules.ts';
import {
  type AgreementTable,
  agreementInWords,
  cohensKappa,
  kappaFigure,
  pooledTable,
} from './kappa-rules.ts';
import {
  questionKindNames,
  type RespondentCategory,
  type ResponseChannel,
  respondentCategories,
  respondentCategoryNames,
  responseChannels,
} from './response-rules.ts';
import { selectQuestionAgreementTables } from './second-pass-queries.ts';
import {
  type ResponseCountRow,
  selectResponseCounts,
  selectTallies,
  type TallyRow,
} from './tally-queries.ts';

export interface CountRow {
  label: string;
  /** Themes only: the code people type when coding. */
  code?: string;
  total: number;
  byCategory: number[];
  /** Themes only: agreement between suggestions and people, and between the two passes. */
  suggestionAgreement?: string;
  kappa?: string;
  kappaWords?: string;
  /** The same two figures as numbers, for the JSON API (null: none decided, too little double coding). */
  suggestionAgreementPerMille?: number | null;
  kappaValue?: number | null;
}

export interface QuestionAnalysis {
  number: number;
  text: string;
  kindName: string;
  isOpen: boolean;
  answered: number;
  coded: number;
  uncoded: number;
  rows: CountRow[];
  chartSvg: string;
  doubleCoded: number;
}

/** The responses that count: all, by who responded, and by how they came. */
export interface ResponseTotals {
  total: number;
  byCategory: number[];
  byChannel: { label: string; count: number }[];
}

export interface AnalysisView {
  slug: string;
  title: string;
  categoryNames: string[];
  /** Absent from reports produced before the totals were kept. */
  responses?: ResponseTotals;
  questions: QuestionAnalysis[];
  suggestionAgreement: string;
  /** Accepted ÷ decided suggestions in per-mille; null when none is decided. */
  suggestionAgreementPerMille?: number | null;
  suggestionsDecided: number;
  /** Cohen's kappa pooled over every theme's double-coded pairs; null when too few. */
  pooledKappaValue?: number | null;
  pooledKappa: string;
  pooledKappaWords: string;
  doubleCoded: number;
}

function countsByCategory(tallies: readonly TallyRow[]): number[] {
  return respondentCategories.map((category: RespondentCategory) =>
    tallies
      .filter((row) => row.respondentCategory === category)
      .reduce((sum, row) => sum + row.count, 0),
  );
}

const channelNames: Record<ResponseChannel, string> = {
  online: 'Through the online form',
  event: 'At events',
  import: 'Imported (paper forms and other channels)',
};

function responseTotalsOf(counts: readonly ResponseCountRow[]): ResponseTotals {
  const byCategory = respondentCategories.map((category) =>
    counts
      .filter((row) => row.respondentCategory === category)
      .reduce((sum, row) => sum + row.count, 0),
  );
  return {
    total: byCategory.reduce((sum, count) => sum + count, 0),
    byCategory,
    byChannel: responseChannels.map((channel) => ({
      label: channelNames[channel],
      count: counts
        .filter((row) => row.channel === channel)
        .reduce((sum, row) => sum + row.count, 0),
    })),
  };
}

const noPairs: AgreementTable = { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 };

export async function getAnalysis(
  reader: Reader,
  actor: Actor,
  slug: string,
): Promise<AnalysisView> {
  const { consultation, questions } = await loadConsultationToAnalyse(
    reader,
    actor,
    slug,
    'see the analysis',
  );
  const [tallies, counts, codebooks, outcomes, agreements] = await Promise.all([
    selectTallies(reader, consultation.id),
    selectResponseCounts(reader, consultation.id),
    selectCodebooks(reader, consultation.id),
    selectSuggestionOutcomes(reader, consultation.id),
    // The two passes' agreement, summed per theme by the database (a few rows per open question,
    // however many answers were coded twice).
    Promise.all(
      questions
        .filter((question) => question.kind === 'free-text')
        .map(
          async (question) =>
            [question.id, await selectQuestionAgreementTables(reader, question.id)] as const,
        ),
    ).then((entries) => new Map(entries)),
  ]);
  const outcomeCount = (themeId: string | null, outcome: string) =>
    outcomes
      .filter((row) => (themeId === null || row.themeId === themeId) && row.outcome === outcome)
      .reduce((sum, row) => sum + row.count, 0);
  const tables: AgreementTable[] = [];
  const analysed = questions.map((question): QuestionAnalysis => {
    const own = tallies.filter((row) => row.questionId === question.id);
    const of = (kind: TallyRow['kind'], key: string) =>
      own.filter((row) => row.kind === kind && row.key === key);
    const answeredByCategory = countsByCategory(of('answered', ''));
    const answered = answeredByCategory.reduce((sum, count) => sum + count, 0);
    const isOpen = question.kind === 'free-text';
    const passes = agreements.get(question.id);
    let rows: CountRow[];
    let coded = 0;
    if (isOpen) {
      coded = of('theme', codedTallyKey).reduce((sum, row) => sum + row.count, 0);
      rows = codebooks
        .filter((theme) => theme.questionId === question.id)
        .map((theme) => {
          const byCategory = countsByCategory(of('theme', theme.id));
          const table = passes?.tables.get(theme.id) ?? noPairs;
          tables.push(table);
          const { kappa } = cohensKappa(table);
          const agreement = acceptedPerMille(
            outcomeCount(theme.id, 'accepted'),
            outcomeCount(theme.id, 'rejected'),
          );
          return {
            label: theme.label,
            code: theme.code,
            total: byCategory.reduce((sum, count) => sum + count, 0),
            byCategory,
            suggestionAgreement: perMilleInWords(agreement),
            suggestionAgreementPerMille: agreement,
            kappa: kappaFigure(kappa),
            kappaWords: agreementInWords(kappa),
            kappaValue: kappa,
          };
        });
    } else {
      rows = question.options.map((option) => {
        const byCategory = countsByCategory(of('choice', option));
        return {
          label: option,
          total: byCategory.reduce((sum, count) => sum + count, 0),
          byCategory,
        };
      });
    }
    return {
      number: question.number,
      text: question.text,
      kindName: questionKindNames[question.kind],
      isOpen,
      answered,
      coded,
      uncoded: Math.max(0, answered - coded),
      rows,
      chartSvg: barChartSvg({
        id: `question-${question.number}`,
        title: `Question ${question.number}: ${isOpen ? 'answers by theme' : 'answers by choice'}`,
        bars: rows.map((row) => ({ label: row.label, value: row.total })),
      }),
      doubleCoded: passes?.doubleCoded ?? 0,
    };
  });
  const pooled = cohensKappa(pooledTable(tables)).kappa;
  const accepted = outcomeCount(null, 'accepted');
  const rejected = outcomeCount(null, 'rejected');
  return {
    slug: consultation.slug,
    title: consultation.title,
    categoryNames: respondentCategories.map((category) => respondentCategoryNames[category]),
    responses: responseTotalsOf(counts),
    questions: analysed,
    suggestionAgreement: perMilleInWords(acceptedPerMille(accepted, rejected)),
    suggestionAgreementPerMille: acceptedPerMille(accepted, rejected),
    suggestionsDecided: accepted + rejected,
    pooledKappaValue: pooled,
    pooledKappa: kappaFigure(pooled),
    pooledKappaWords: agreementInWords(pooled),
    doubleCoded: [...agreements.values()].reduce((sum, each) => sum + each.doubleCoded, 0),
  };
}
