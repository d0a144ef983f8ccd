/**
 * Read models of the analysis API for one open question: its codebook (with each theme's "we heard
 * / we did"), a pass's codings and the pending suggestions with their "why" — each a bounded page
 * with the cursor to go on from. Staff only: loaded and checked on the record as every analysis
 * use case is (analysis-access.ts).
 */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { loadConsultationToAnalyse, openQuestionOf } from './analysis-access.ts';
import {
  mostRowsPerPage,
  selectCodingsAfter,
  selectPendingSuggestionsAfter,
} from './coding-list-queries.ts';
import { selectCodebook, type ThemeRow } from './coding-queries.ts';
import type { CodingPass } from './coding-rules.ts';
import { selectThemesWithResponses } from './report-queries.ts';
import type { RespondentCategory } from './response-rules.ts';
import { becauseInWords, confidenceInWords } from './suggestion-rules.ts';

async function loadOpenQuestion(reader: Reader, actor: Actor, slug: string, number: number) {
  const { consultation, questions } = await loadConsultationToAnalyse(
    reader,
    actor,
    slug,
    'code the responses',
  );
  const question = openQuestionOf(questions, number);
  const codebook = await selectCodebook(reader, question.id);
  return { consultation, question, codebook };
}

const boundedLimit = (limit: number) => Math.min(Math.max(1, limit), mostRowsPerPage);

export interface CodebookView {
  questionNumber: number;
  questionText: string;
  themes: {
    code: string;
    label: string;
    description: string | null;
    position: number;
    weHeard: string | null;
    weDid: string | null;
  }[];
}

export async function getCodebook(
  reader: Reader,
  actor: Actor,
  slug: string,
  questionNumber: number,
): Promise<CodebookView> {
  const { consultation, question, codebook } = await loadOpenQuestion(
    reader,
    actor,
    slug,
    questionNumber,
  );
  const responded = new Map(
    (await selectThemesWithResponses(reader, consultation.id)).map((row) => [row.themeId, row]),
  );
  return {
    questionNumber: question.number,
    questionText: question.text,
    themes: codebook.map((theme) => ({
      code: theme.code,
      label: theme.label,
      description: theme.description,
      position: theme.position,
      weHeard: responded.get(theme.id)?.weHeard ?? null,
      weDid: responded.get(theme.id)?.weDid ?? null,
    })),
  };
}

const codesOf = (codebook: readonly ThemeRow[], themeIds: readonly string[]) => {
  const codeOf = new Map(codebook.map((theme) => [theme.id, theme.code]));
  return themeIds.map((id) => codeOf.get(id) ?? '');
};

export interface CodingsView {
  questionNumber: number;
  pass: CodingPass;
  codings: {
    responseNumber: number;
    respondentCategory: RespondentCategory;
    codes: string[];
    quote: string | null;
    codedByPersonId: string;
    codedAt: string;
  }[];
  /** The response number to ask after for the next page; null on the last. */
  nextAfter: number | null;
}

export async function listCodings(
  reader: Reader,
  actor: Actor,
  slug: string,
  questionNumber: number,
  options: { pass: CodingPass; after: number; limit: number },
): Promise<CodingsView> {
  const { consultation, question, codebook } = await loadOpenQuestion(
    reader,
    actor,
    slug,
    questionNumber,
  );
  const limit = boundedLimit(options.limit);
  const rows = await selectCodingsAfter(reader, consultation.id, question.id, options.pass, {
    after: options.after,
    limit,
  });
  return {
    questionNumber: question.number,
    pass: options.pass,
    codings: rows.map((row) => ({
      responseNumber: row.responseNumber,
      respondentCategory: row.respondentCategory,
      codes: codesOf(codebook, row.themeIds),
      quote: row.quote,
      codedByPersonId: row.codedByPersonId,
      codedAt: row.codedAt.toISOString(),
    })),
    nextAfter: rows.length === limit ? (rows.at(-1)?.responseNumber ?? null) : null,
  };
}

export interface PendingSuggestionsView {
  questionNumber: number;
  suggestions: {
    id: string;
    responseNumber: number;
    answer: string;
    code: string;
    label: string;
    confidencePerMille: number;
    confidence: string;
    because: { feature: string; weight: number }[];
    why: string;
  }[];
  /** The suggestion id to ask after for the next page; null on the last. */
  nextAfter: string | null;
}

export async function listPendingSuggestions(
  reader: Reader,
  actor: Actor,
  slug: string,
  questionNumber: number,
  options: { after: string | null; limit: number },
): Promise<PendingSuggestionsView> {
  const { question, codebook } = await loadOpenQuestion(reader, actor, slug, questionNumber);
  const limit = boundedLimit(options.limit);
  const rows = await selectPendingSuggestionsAfter(reader, question.id, {
    after: options.after,
    limit,
  });
  const themeOf = new Map(codebook.map((theme) => [theme.id, theme]));
  return {
    questionNumber: question.number,
    suggestions: rows.map((row) => ({
      id: row.id,
      responseNumber: row.responseNumber,
      answer: row.text,
      code: themeOf.get(row.themeId)?.code ?? '',
      label: themeOf.get(row.themeId)?.label ?? '',
      confidencePerMille: row.confidencePerMille,
      confidence: confidenceInWords(row.confidencePerMille),
      because: row.because,
      why: becauseInWords(row.because),
    })),
    nextAfter: rows.length === limit ? (rows.at(-1)?.id ?? null) : null,
  };
}
