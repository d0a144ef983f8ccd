/**
 * Read model: the coding page of one open question — its codebook, the next uncoded answers
 * (keyset paged after a response number, at most a page: never all), and the pending suggestions
 * for those answers with their "why" in words, and how far the two passes of double coding agree
 * on the question (Cohen's kappa per theme and pooled, with the Landis & Koch words).
 */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { loadConsultationToAnalyse, openQuestionOf } from './analysis-access.ts';
import {
  selectCodebook,
  selectPendingSuggestions,
  selectUncodedAnswers,
  type ThemeRow,
} from './coding-queries.ts';
import { selectThemesWithResponses } from './report-queries.ts';
import { respondentCategoryNames } from './response-rules.ts';
import { selectQuestionAgreementTables } from './second-pass-queries.ts';
import { type QuestionAgreement, questionAgreementOf } from './second-pass-rules.ts';
import { becauseInWords, confidenceInWords } from './suggestion-rules.ts';

/** Answers shown on one page of coding. */
export const answersPerPage = 10;

export interface CodingPageView {
  slug: string;
  title: string;
  questionNumber: number;
  questionText: string;
  codebook: ThemeRow[];
  /** Each theme's "we heard / we did", by code (empty strings while none is recorded). */
  themeResponses: { code: string; label: string; weHeard: string; weDid: string }[];
  answers: {
    responseId: string;
    number: string;
    category: string;
    text: string;
    suggestions: {
      id: string;
      themeLabel: string;
      themeCode: string;
      confidence: string;
      why: string;
    }[];
  }[];
  /** The response number to page on from ("next answers"), when there may be more. */
  nextAfter: number | null;
  /** The two passes over the question's double-coded sample: kappa per theme and pooled. */
  agreement: QuestionAgreement;
}

export async function getCodingPage(
  reader: Reader,
  actor: Actor,
  slug: string,
  questionNumber: number,
  after: number,
): Promise<CodingPageView> {
  const { consultation, questions } = await loadConsultationToAnalyse(
    reader,
    actor,
    slug,
    'code the responses',
  );
  const question = openQuestionOf(questions, questionNumber);
  const codebook = await selectCodebook(reader, question.id);
  const answers = await selectUncodedAnswers(reader, consultation.id, question.id, {
    after,
    limit: answersPerPage,
  });
  const suggestions = await selectPendingSuggestions(
    reader,
    question.id,
    answers.map((answer) => answer.responseId),
  );
  const themeOf = new Map(codebook.map((theme) => [theme.id, theme]));
  const { doubleCoded, tables } = await selectQuestionAgreementTables(reader, question.id);
  const agreement = questionAgreementOf(codebook, tables, doubleCoded);
  const responded = new Map(
    (await selectThemesWithResponses(reader, consultation.id)).map((row) => [row.themeId, row]),
  );
  return {
    slug: consultation.slug,
    title: consultation.title,
    questionNumber: question.number,
    questionText: question.text,
    codebook,
    themeResponses: codebook.map((theme) => ({
      code: theme.code,
      label: theme.label,
      weHeard: responded.get(theme.id)?.weHeard ?? '',
      weDid: responded.get(theme.id)?.weDid ?? '',
    })),
    answers: answers.map((answer) => ({
      responseId: answer.responseId,
      number: answer.number.toLocaleString('en-GB'),
      category: respondentCategoryNames[answer.respondentCategory],
      text: answer.text,
      suggestions: suggestions
        .filter((suggestion) => suggestion.responseId === answer.responseId)
        .sort((a, b) => b.confidencePerMille - a.confidencePerMille)
        .map((suggestion) => ({
          id: suggestion.id,
          themeLabel: themeOf.get(suggestion.themeId)?.label ?? '',
          themeCode: themeOf.get(suggestion.themeId)?.code ?? '',
          confidence: confidenceInWords(suggestion.confidencePerMille),
          why: becauseInWords(suggestion.because),
        })),
    })),
    nextAfter: answers.length === answersPerPage ? (answers.at(-1)?.number ?? null) : null,
    agreement,
  };
}
