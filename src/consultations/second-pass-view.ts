/**
 * Read model: the second pass of double coding for one open question — the answers of the
 * one-in-ten sample (`inSecondPassSample`) that have a first pass by someone else and no second
 * pass yet, with the codebook to code them against. Blind: the first pass's themes and quote are
 * never read here. Keyset paged by response number; one page scans at most `scanLimit` first-coded
 * answers, so it never reads a whole question of a million responses.
 */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { loadConsultationToAnalyse, openQuestionOf } from './analysis-access.ts';
import { selectCodebook, type ThemeRow } from './coding-queries.ts';
import { inSecondPassSample } from './coding-rules.ts';
import { respondentCategoryNames } from './response-rules.ts';
import {
  selectAnswersOf,
  selectFirstCodedAwaitingSecond,
  selectQuestionPassPairs,
} from './second-pass-queries.ts';
import { blindCodingReason } from './second-pass-rules.ts';

/** Sample answers shown on one page. */
export const sampleAnswersPerPage = 10;
/** First-coded answers one page reads at most to find them (the sample is about one in ten). */
export const scanLimit = 2_000;
const scanBatch = 500;

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
  const chosen: string[] = [];
  let from = after;
  let scanned = 0;
  let exhausted = false;
  let lastChosen = after;
  while (chosen.length < sampleAnswersPerPage && scanned < scanLimit) {
    const batch = await selectFirstCodedAwaitingSecond(reader, consultation.id, question.id, {
      after: from,
      limit: scanBatch,
      notCodedBy,
    });
    for (const row of batch) {
      scanned += 1;
      from = row.number;
      if (inSecondPassSample(row.responseId, question.id)) {
        chosen.push(row.responseId);
        lastChosen = row.number;
        if (chosen.length === sampleAnswersPerPage) break;
      }
    }
    if (batch.length < scanBatch) {
      exhausted = true;
      break;
    }
  }
  const [codebook, answers, pairs] = await Promise.all([
    selectCodebook(reader, question.id),
    selectAnswersOf(reader, question.id, chosen),
    selectQuestionPassPairs(reader, question.id),
  ]);
  const full = chosen.length === sampleAnswersPerPage;
  return {
    slug: consultation.slug,
    title: consultation.title,
    questionNumber: question.number,
    questionText: question.text,
    blindCodingReason,
    codebook,
    doubleCoded: pairs.length,
    leavesOutOwn: notCodedBy !== null,
    answers: answers.map((answer) => ({
      responseId: answer.responseId,
      number: answer.number.toLocaleString('en-GB'),
      category: respondentCategoryNames[answer.respondentCategory],
      text: answer.text,
    })),
    nextAfter: full ? lastChosen : exhausted ? null : from,
  };
}
