/**
 * Pure: what stops the Joint Committee's decision after consultation being put — Gunning 4 (DOMAIN
 * "Consultation"): "the product of consultation must be conscientiously taken into account in
 * finalising the proposals". The consultation must have closed, the analysis report been produced,
 * and every theme have its "we heard / we did".
 */
export const decisionFollowingConsultationKind = 'decide-following-consultation';

const gunning4 = 'Gunning principle 4: responses “conscientiously taken into account”';

export interface DecisionFacts {
  hasClosed: boolean;
  closesOn: string | null;
  reportVersion: number | null;
  themesWithoutResponse: { code: string; questionNumber: number }[];
}

/** The refusals, each naming Gunning 4; empty when the decision may be put. */
export function decisionRefusals(facts: DecisionFacts): string[] {
  const refusals: string[] = [];
  if (!facts.hasClosed) {
    refusals.push(
      `The consultation has not closed${facts.closesOn ? ` (it closes on ${facts.closesOn})` : ''}: every response must be in and ${gunning4} before the decision is put.`,
    );
  }
  if (facts.reportVersion === null) {
    refusals.push(
      `No analysis report has been produced: produce it so the committee decides on what the responses said — ${gunning4}.`,
    );
  }
  if (facts.themesWithoutResponse.length > 0) {
    const named = facts.themesWithoutResponse
      .map((theme) => `${theme.code} (question ${theme.questionNumber})`)
      .join(', ');
    refusals.push(
      `${facts.themesWithoutResponse.length === 1 ? 'A theme has' : `${facts.themesWithoutResponse.length} themes have`} no “we heard / we did” yet: ${named} — ${gunning4}.`,
    );
  }
  return refusals;
}
