/**
 * The second pass of double coding, pure: how far the two passes over a question's double-coded
 * sample agree — Cohen's kappa per theme (the theme present or absent in each answer) and pooled
 * over the question's codebook (the 2×2 tables summed), to 2 decimals with the words of Landis &
 * Koch 1977 — and why the second pass is blind. Analysis that two people agree on is what makes
 * responses "conscientiously taken into account" (Gunning 4) more than one analyst's reading.
 */
import type { ThemeFacts } from './coding-rules.ts';
import {
  type AgreementTable,
  agreementInWords,
  agreementTableOf,
  cohensKappa,
  kappaFigure,
  pooledTable,
} from './kappa-rules.ts';

/** Why the page hides the first pass: the second analyst codes without seeing it. */
export const blindCodingReason =
  'The first pass’s themes and quote are not shown: the second analyst codes each answer on their own, so that the agreement measures two people’s judgement and not one copying the other (Cohen 1960).';

/** One pair of passes over the same answer: the theme ids each gave. */
export interface PassPair {
  first: readonly string[];
  second: readonly string[];
}

export interface ThemeAgreement {
  code: string;
  label: string;
  /** "0.67", or "not enough double coding". */
  kappa: string;
  /** "substantial agreement" … (Landis & Koch 1977). */
  words: string;
  /** Answers of the sample each pass gave the theme to. */
  first: number;
  second: number;
}

export interface QuestionAgreement {
  /** Answers coded twice. */
  doubleCoded: number;
  themes: ThemeAgreement[];
  pooledKappa: string;
  pooledWords: string;
}

/** Each theme's 2×2 table from the pairs of passes (what the SQL of the page sums itself). */
export function agreementTablesOf(
  codebook: readonly ThemeFacts[],
  pairs: readonly PassPair[],
): Map<string, AgreementTable> {
  return new Map(codebook.map((theme) => [theme.id, agreementTableOf(theme.id, pairs)]));
}

/**
 * The agreement between the two passes over one question's double-coded answers, from each
 * theme's table (a theme with no table: nothing coded twice yet).
 */
export function questionAgreementOf(
  codebook: readonly ThemeFacts[],
  tables: ReadonlyMap<string, AgreementTable>,
  doubleCoded: number,
): QuestionAgreement {
  const used: AgreementTable[] = [];
  const themes = codebook.map((theme): ThemeAgreement => {
    const table = tables.get(theme.id) ?? {
      both: 0,
      firstOnly: 0,
      secondOnly: 0,
      neither: doubleCoded,
    };
    used.push(table);
    const { kappa } = cohensKappa(table);
    return {
      code: theme.code,
      label: theme.label,
      kappa: kappaFigure(kappa),
      words: agreementInWords(kappa),
      first: table.both + table.firstOnly,
      second: table.both + table.secondOnly,
    };
  });
  const pooled = cohensKappa(pooledTable(used)).kappa;
  return {
    doubleCoded,
    themes,
    pooledKappa: kappaFigure(pooled),
    pooledWords: agreementInWords(pooled),
  };
}
