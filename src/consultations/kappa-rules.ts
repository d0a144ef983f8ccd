/**
 * How far two analysts agree, pure: Cohen's kappa (Cohen 1960, "A coefficient of agreement for
 * nominal scales", Educational and Psychological Measurement 20(1) 37–46) between the first and
 * the second pass over a double-coded sample, per theme (the theme present or absent in each
 * answer) and pooled over the themes (the 2×2 tables summed, as De Vries et al. 2008 pool them).
 * Inputs are whole counts; the figure is reported to 2 decimals with its words from the bands of
 * Landis & Koch 1977 ("The measurement of observer agreement for categorical data", Biometrics
 * 33(1) 159–174). The analysis before the decision is Gunning 4 — responses "conscientiously taken
 * into account" — and a coding two people agree on is what makes the counts worth trusting.
 */

/** One theme over the double-coded sample: how many answers each pass gave it to. */
export interface AgreementTable {
  /** Both passes gave the theme. */
  both: number;
  /** Only the first pass gave it. */
  firstOnly: number;
  /** Only the second pass gave it. */
  secondOnly: number;
  /** Neither pass gave it. */
  neither: number;
}

export interface Kappa {
  /** Cohen's kappa, or null where it is undefined (no answers, or chance agreement is total). */
  kappa: number | null;
  /** Observed agreement, 0–1. */
  observed: number | null;
  /** Agreement expected by chance, 0–1. */
  expected: number | null;
  answers: number;
}

/** κ = (pₒ − pₑ) ÷ (1 − pₑ), with pₑ from each pass's own proportions (Cohen 1960, eq. 1). */
export function cohensKappa(table: AgreementTable): Kappa {
  for (const count of Object.values(table)) {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError('Agreement counts are whole numbers, never negative.');
    }
  }
  const { both, firstOnly, secondOnly, neither } = table;
  const answers = both + firstOnly + secondOnly + neither;
  if (answers === 0) return { kappa: null, observed: null, expected: null, answers };
  const observed = (both + neither) / answers;
  const firstYes = (both + firstOnly) / answers;
  const secondYes = (both + secondOnly) / answers;
  const expected = firstYes * secondYes + (1 - firstYes) * (1 - secondYes);
  if (expected === 1) return { kappa: null, observed, expected, answers };
  return { kappa: (observed - expected) / (1 - expected), observed, expected, answers };
}

/** The tables of several themes summed: one pooled figure over the whole codebook. */
export function pooledTable(tables: readonly AgreementTable[]): AgreementTable {
  return tables.reduce(
    (sum, table) => ({
      both: sum.both + table.both,
      firstOnly: sum.firstOnly + table.firstOnly,
      secondOnly: sum.secondOnly + table.secondOnly,
      neither: sum.neither + table.neither,
    }),
    { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 },
  );
}

/** One theme's table from the two passes over the same answers (theme ids per answer). */
export function agreementTableOf(
  themeId: string,
  pairs: readonly { first: readonly string[]; second: readonly string[] }[],
): AgreementTable {
  const table: AgreementTable = { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
  for (const pair of pairs) {
    const inFirst = pair.first.includes(themeId);
    const inSecond = pair.second.includes(themeId);
    if (inFirst && inSecond) table.both += 1;
    else if (inFirst) table.firstOnly += 1;
    else if (inSecond) table.secondOnly += 1;
    else table.neither += 1;
  }
  return table;
}

/** To 2 decimals, as reported: 0.4 → "0.40", −0.125 → "−0.13". */
export function kappaFigure(kappa: number | null): string {
  if (kappa === null) return 'not enough double coding';
  const rounded = (Math.round(kappa * 100) / 100).toFixed(2);
  return rounded.startsWith('-') ? `−${rounded.slice(1)}` : rounded;
}

/** The words for a kappa, by the bands of Landis & Koch 1977 (p. 165). */
export function agreementInWords(kappa: number | null): string {
  if (kappa === null) return 'not enough double coding to say';
  if (kappa < 0) return 'poor agreement (less than chance)';
  if (kappa <= 0.2) return 'slight agreement';
  if (kappa <= 0.4) return 'fair agreement';
  if (kappa <= 0.6) return 'moderate agreement';
  if (kappa <= 0.8) return 'substantial agreement';
  return 'almost perfect agreement';
}
