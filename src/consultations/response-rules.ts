/**
 * What a response to a consultation may say, pure: the respondent categories, the kinds of
 * question, the check of a response's answers against the questions, the normalised text that
 * finds duplicates, and the changes a counted response makes to the tallies. The public form, the
 * staff's event entry and the bulk import all use these, so a response means the same however it
 * arrived.
 */
import { createHash } from 'node:crypto';
import type { FieldProblem } from '../shared/problems.ts';

export const respondentCategories = ['public', 'nhs-staff', 'clinician', 'organisation'] as const;
export type RespondentCategory = (typeof respondentCategories)[number];

export const respondentCategoryNames: Record<RespondentCategory, string> = {
  public: 'Member of the public',
  'nhs-staff': 'NHS staff',
  clinician: 'Clinician',
  organisation: 'Organisation responding on behalf of its members',
};

export const questionKinds = ['single-choice', 'multiple-choice', 'scale', 'free-text'] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const questionKindNames: Record<QuestionKind, string> = {
  'single-choice': 'Choose one',
  'multiple-choice': 'Choose any',
  scale: 'Scale',
  'free-text': 'Free text',
};

export const responseChannels = ['online', 'event', 'import'] as const;
export type ResponseChannel = (typeof responseChannels)[number];

/** A question as the rules need it. */
export interface QuestionFacts {
  id: string;
  number: number;
  text: string;
  kind: QuestionKind;
  options: string[];
}

/** A question's answer: a choice or scale label, the choices, or free text. */
export type Answer = string | string[];
export type Answers = Record<string, Answer>;

/** The longest free-text answer kept: about 20 pages; longer is refused, not cut. */
export const longestAnswer = 50_000;

/**
 * Checks answers against the questions: each answers a question of this consultation, a choice is
 * one of its options, a multiple choice has no repeats, text is within the limit; blank answers
 * are dropped. At least one question must be answered (an empty response is refused), unless the
 * response carries comments on the document (`hasComments`).
 * Returns the cleaned answers or the problems, each naming the question by its number.
 */
export function checkAnswers(
  questions: readonly QuestionFacts[],
  given: Record<string, unknown>,
  options: { hasComments?: boolean } = {},
): { answers: Answers; problems: FieldProblem[] } {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const answers: Answers = {};
  const problems: FieldProblem[] = [];
  for (const [questionId, raw] of Object.entries(given)) {
    const question = byId.get(questionId);
    if (!question) {
      problems.push({
        field: 'answers',
        message: 'An answer is to a question this consultation does not ask.',
      });
      continue;
    }
    const field = `question-${question.number}`;
    const values = (Array.isArray(raw) ? raw : [raw])
      .filter((value): value is string => typeof value === 'string')
      .map((value) => value.trim())
      .filter((value) => value !== '');
    if (values.length === 0) continue;
    if (question.kind === 'free-text') {
      const text = values.join('\n');
      if (text.length > longestAnswer) {
        problems.push({
          field,
          message: `Question ${question.number}: the answer is longer than ${longestAnswer.toLocaleString('en-GB')} characters.`,
        });
      } else answers[questionId] = text;
      continue;
    }
    const unknown = values.find((value) => !question.options.includes(value));
    if (unknown !== undefined) {
      problems.push({
        field,
        message: `Question ${question.number}: "${unknown}" is not one of its choices (${question.options.join(', ')}).`,
      });
      continue;
    }
    if (question.kind === 'multiple-choice') {
      answers[questionId] = [...new Set(values)];
    } else if (values.length > 1) {
      problems.push({ field, message: `Question ${question.number}: choose one answer only.` });
    } else answers[questionId] = values[0]!;
  }
  if (problems.length === 0 && Object.keys(answers).length === 0 && !options.hasComments) {
    problems.push({
      field: 'answers',
      message: 'The response is empty: answer at least one question or comment on the document.',
    });
  }
  return { answers, problems };
}

/** The free text of a response, in question order: what duplicate detection compares. */
export function freeTextOf(questions: readonly QuestionFacts[], answers: Answers): string {
  return questions
    .filter((question) => question.kind === 'free-text' && typeof answers[question.id] === 'string')
    .map((question) => answers[question.id] as string)
    .join('\n');
}

/** Lower case, letters and digits only, single spaces: "Keep  it, PLEASE!" → "keep it please". */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The hash duplicates are found by: of the normalised free text, or none when the response has
 * too little free text to call two the same by chance (a lone "yes" is not a campaign).
 */
export function duplicateHashOf(freeText: string): string | null {
  const normalised = normaliseText(freeText);
  if (normalised.split(' ').length < 5) return null;
  return createHash('sha256').update(normalised).digest('hex');
}

/** One change to one tally row. */
export interface TallyDelta {
  questionId: string;
  kind: 'choice' | 'answered' | 'theme';
  key: string;
  respondentCategory: RespondentCategory;
  change: number;
}

/**
 * What one counted response adds to the tallies (`sign` 1) or takes away (`sign` -1): for each
 * question answered, one "answered"; for each closed question, one per choice given.
 */
export function tallyDeltasOf(
  questions: readonly QuestionFacts[],
  answers: Answers,
  respondentCategory: RespondentCategory,
  sign: 1 | -1 = 1,
): TallyDelta[] {
  const deltas: TallyDelta[] = [];
  for (const question of questions) {
    const answer = answers[question.id];
    if (answer === undefined) continue;
    deltas.push({
      questionId: question.id,
      kind: 'answered',
      key: '',
      respondentCategory,
      change: sign,
    });
    if (question.kind === 'free-text') continue;
    for (const choice of Array.isArray(answer) ? answer : [answer]) {
      deltas.push({
        questionId: question.id,
        kind: 'choice',
        key: choice,
        respondentCategory,
        change: sign,
      });
    }
  }
  return deltas;
}

/** Many deltas summed per tally row, so a batch of responses makes one write per row. */
export function sumTallyDeltas(deltas: Iterable<TallyDelta>): TallyDelta[] {
  const sums = new Map<string, TallyDelta>();
  for (const delta of deltas) {
    const key = `${delta.questionId}\u0000${delta.kind}\u0000${delta.key}\u0000${delta.respondentCategory}`;
    const sum = sums.get(key);
    if (sum) sum.change += delta.change;
    else sums.set(key, { ...delta });
  }
  return [...sums.values()].filter((delta) => delta.change !== 0);
}
