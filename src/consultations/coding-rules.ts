/**
 * What a coding may say, pure: the themes are codes of the question's codebook, the quote is the
 * highlighted part of the answer itself, a second pass is by another analyst, and the changes a
 * first-pass coding makes to the theme tallies (kind "theme": +1 for each new theme, −1 for each
 * theme taken away, and the "coded" count, key '', once per answer). The analysis counts responses
 * "conscientiously taken into account" (Gunning 4, DOMAIN "Consultation") only if they are coded
 * against a codebook people can read and with quotes that are really in the answers.
 */
import { createHash } from 'node:crypto';
import type { FieldProblem } from '../shared/problems.ts';
import type { RespondentCategory, TallyDelta } from './response-rules.ts';

/** The rule a coding or a decision after consultation answers to. */
export const gunningFour = {
  clause: 'Gunning 4',
  text: 'the product of consultation must be conscientiously taken into account',
} as const;

export const codingPasses = ['first', 'second'] as const;
export type CodingPass = (typeof codingPasses)[number];

/** The key of the "coded" tally of a question: answers coded at least once (kind "theme", key ''). */
export const codedTallyKey = '';

export interface ThemeFacts {
  id: string;
  code: string;
  label: string;
}

/** A theme's code: letters, digits and hyphens, up to 20 ("ACCESS", "GP-CONT"). */
export function checkThemeCode(code: string): string | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/.test(code)) {
    return 'A theme’s code is letters, digits and hyphens, up to 20 characters (for example ACCESS or GP-CONT).';
  }
  return null;
}

/**
 * Checks a coding: every code is in the question's codebook (case aside), the quote (optional) is
 * a part of the answer. Returns the theme ids in codebook order or the problems.
 */
export function checkCoding(input: {
  codebook: readonly ThemeFacts[];
  codes: readonly string[];
  quote: string | null;
  answer: string;
  questionNumber: number;
}): { themeIds: string[]; quote: string | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const wanted = new Set(input.codes.map((code) => code.trim().toLowerCase()).filter(Boolean));
  const known = new Set(input.codebook.map((theme) => theme.code.toLowerCase()));
  if (wanted.size === 0) {
    // A coding without a theme would take the answer out of the uncoded ones and count it coded
    // while no theme says what it raised: the report would pass over it in silence.
    problems.push({
      field: 'themes',
      message: `Tick at least one theme: an answer coded counts under its themes (${gunningFour.clause}). If none of the codebook fits, add a theme for it (for example “Other”).`,
    });
  }
  for (const code of wanted) {
    if (!known.has(code)) {
      problems.push({
        field: 'themes',
        message: `The theme code ${code.toUpperCase()} is not in question ${input.questionNumber}’s codebook (${
          input.codebook.map((theme) => theme.code).join(', ') || 'no themes yet'
        }): an answer is coded only against its question’s codebook (${gunningFour.clause}).`,
      });
    }
  }
  const quote = input.quote?.trim() ? input.quote.trim() : null;
  if (quote !== null && !input.answer.includes(quote)) {
    problems.push({
      field: 'quote',
      message: `The quote is not part of the answer: copy the words exactly as the respondent wrote them (${gunningFour.clause}: the report quotes what people said).`,
    });
  }
  const themeIds = input.codebook
    .filter((theme) => wanted.has(theme.code.toLowerCase()))
    .map((theme) => theme.id);
  return { themeIds, quote, problems };
}

/** Refuses a second pass by the analyst who coded the first: agreement needs two people. */
export function checkSecondCoder(
  firstCoderPersonId: string | null,
  secondCoderPersonId: string,
): string | null {
  if (firstCoderPersonId === null) {
    return 'This answer has no first-pass coding yet: the second pass checks a first one.';
  }
  if (firstCoderPersonId === secondCoderPersonId) {
    return 'The second pass must be by another analyst than the first: agreement between two people is what Cohen’s kappa measures (Cohen 1960).';
  }
  return null;
}

/** What recoding an answer (first pass) changes in the theme tallies: −1 old, +1 new. */
export function themeDeltasOf(
  questionId: string,
  before: readonly string[] | null,
  after: readonly string[],
  respondentCategory: RespondentCategory,
): TallyDelta[] {
  const deltas: TallyDelta[] = [];
  const old = new Set(before ?? []);
  const now = new Set(after);
  const delta = (key: string, change: number) =>
    deltas.push({ questionId, kind: 'theme', key, respondentCategory, change });
  for (const themeId of old) if (!now.has(themeId)) delta(themeId, -1);
  for (const themeId of now) if (!old.has(themeId)) delta(themeId, 1);
  if (before === null) delta(codedTallyKey, 1);
  return deltas;
}

/**
 * Whether a first-coded answer is in the double-coding sample: a fixed share of answers, chosen by
 * the hash of the response and question (deterministic: the same answers however often it is drawn,
 * and not the analyst's choice). `perMille` 100 is one answer in ten.
 */
export function inSecondPassSample(
  responseId: string,
  questionId: string,
  perMille = 100,
): boolean {
  const digest = createHash('sha256').update(`${responseId}/${questionId}`).digest();
  return digest.readUInt16BE(0) % 1000 < perMille;
}

/** Agreement between suggestions and people: accepted ÷ decided, in per-mille (null if none decided). */
export function acceptedPerMille(accepted: number, rejected: number): number | null {
  const decided = accepted + rejected;
  return decided === 0 ? null : Math.round((accepted * 1000) / decided);
}

/** "734‰" as people read it: "73.4%". */
export function perMilleInWords(perMille: number | null): string {
  if (perMille === null) return 'none decided yet';
  return `${(perMille / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
}
