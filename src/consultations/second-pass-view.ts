/**
 * Read model: the second pass of double coding for one open question — the answers of the
 * one-in-ten sample (`inSecondPassSample`) that have a first pass by someone else and no second
 * pass yet, with the codebook to code them against. Blind: the first pass's themes and quote are
 * never read here. Keyset paged by response number; the sample is found in SQL (the mirror of
 * `inSecondPassSample`), so a page reads its ten answers and not the other nine in ten.
 */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { loadConsultationToAnalyse, openQuestionOf } from './analysis-access.ts';
import { selectCodebook, type ThemeRow } from './coding-queries.ts';
import { respondentCategoryNames } from './response-rules.ts';
import {
  countQuestionDoubleCoded,
  hasResponseAfter,
  selectSampleAwaitingSecond,
} from './second-pass-queries.ts';
import { blindCodingReason } from './second-pass-rules.ts';

/** Sample answers shown on one page. */
export const sampleAnswersPerPage = 10;
/**
 * Response numbers one page searches at most: once the sample is all coded twice, a page reads
 * this window, not the whole consultation, and offers to look further.
 */
export const searchWindow = 50_000;

export interface SecondPassPageView {
  slug: string;
  title: string;
  questionNumber: number;
  questionText: string;
  blindCodingReason: string;
  codebook: ThemeRow[];
  /** Answers of this question coded twice so far. */
  doubleCoded: number;
  /** Whether the analyst's own first-pass codings were left out (an account linked to a person). */
  leavesOutOwn: boolean;
  answers: { responseId: string; number: string; category: string; text: string }[];
  /** The response number to page on from ("More answers of the sample"), when there may be more. */
  nextAfter: number | null;
  /** When the window was searched to its end: the last response number it covered, in words. */
  searchedUpTo: string | null;
}

export async function getSecondPassPage(
  reader: Reader,
  actor: Actor,
  slug: string,
  questionNumber: number,
  after: number,
): Promise<SecondPassPageView> {
  const { consultation, questions } = await loadConsultationToAnalyse(
    reader,
    actor,
    slug,
    'code the responses',
  );
  const question = openQuestionOf(questions, questionNumber);
  const notCodedBy = actor.kind === 'account' && actor.personId ? actor.personId : null;
  const [codebook, found, doubleCoded] = await Promise.all([
    selectCodebook(reader, question.id),
    selectSampleAwaitingSecond(reader, consultation.id, question.id, {
      after,
      upTo: after + searchWindow,
      limit: sampleAnswersPerPage + 1,
      notCodedBy,
    }),
    countQuestionDoubleCoded(reader, question.id),
  ]);
  const answers = found.slice(0, sampleAnswersPerPage);
  const nextAfter =
    found.length > sampleAnswersPerPage
      ? (answers.at(-1)?.number ?? null)
      : (await hasResponseAfter(reader, consultation.id, after + searchWindow))
        ? after + searchWindow
        : null;
  return {
    slug: consultation.slug,
    title: consultation.title,
    questionNumber: question.number,
    questionText: question.text,
    blindCodingReason,
    codebook,
    doubleCoded,
    leavesOutOwn: notCodedBy !== null,
    answers: answers.map((answer) => ({
      responseId: answer.responseId,
      number: answer.number.toLocaleString('en-GB'),
      category: respondentCategoryNames[answer.respondentCategory],
      text: answer.text,
    })),
    nextAfter,
    searchedUpTo:
      nextAfter !== null && found.length <= sampleAnswersPerPage
        ? nextAfter.toLocaleString('en-GB')
        : null,
  };
}
