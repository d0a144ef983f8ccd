/**
 * When a decision takes effect. Two rules of the seeds, read from the constitution as data:
 *
 * - 2006 §112: joint work on service development or reconfiguration ends with "sign off at the
 *   end of the process by the sponsoring PCT Boards" — a decision the secretariat names sponsoring
 *   boards for takes effect only when every one of them has signed; a refusal is a disagreement
 *   for the dispute procedure (mediation by the chair, then the SHA), and the decision is not in
 *   effect.
 * - 2008 §Accountabilities: the Joint Committee acts "with delegated authority", so a decision of
 *   a kind that `binds` the delegating PCT Boards is in effect when it closes, for every PCT whose
 *   board had delegated (adopted the committee's terms) by then; it needs no sign-off.
 *
 * Advice (a reserved matter, or no consensus under 2008) is never a decision: it never takes effect
 * and needs no sign-off. Pure: no database, no clock; dates and facts are arguments.
 */
import type { Constitution, TallyOutcome } from '../governance/index.ts';
import { outcomeText } from './decision-rules.ts';

export interface ClauseText {
  clause: string;
  text: string;
}

export const boardDecisions = ['signed', 'refused'] as const;
export type BoardDecision = (typeof boardDecisions)[number];
export type BoardStatus = 'pending' | BoardDecision;

export interface SponsoringBoardStatus {
  organisationId: string;
  name: string;
  status: BoardStatus;
  decidedOn: string | null;
  minuteReference: string | null;
}

/** What the terms say about sign-off: the ladder's sign-off step and what follows a refusal. */
export interface SignOffTerms {
  rule: ClauseText;
  /** The collective body that signs off ("the sponsoring PCT Boards") and its organisation type. */
  by: { id: string; name: string; type: string | undefined };
  /** Where a disagreement goes: mediation by the chair (2006 §112). */
  mediation: ClauseText | undefined;
}

/**
 * The sign-off step of the constitution's dispute ladders (2006 §112, carried into the 2008 London
 * terms and the 2006 local groups), or nothing when the terms provide no sign-off.
 */
export function signOffTermsOf(constitution: Constitution): SignOffTerms | undefined {
  for (const category of constitution.disputes?.categories ?? []) {
    const step = category.ladder.find((entry) => entry.step === 'signOff');
    if (step?.step !== 'signOff') continue;
    const body = constitution.bodies?.find((entry) => entry.id === step.by);
    const mediation = category.ladder.find((entry) => entry.step === 'mediation');
    return {
      rule: { clause: step.clause, text: step.text.trim() },
      by: { id: step.by, name: body?.name ?? step.by, type: body?.type },
      mediation: mediation ? { clause: mediation.clause, text: mediation.text.trim() } : undefined,
    };
  }
  return undefined;
}

/** The clause by which a kind of decision binds other bodies (the Joint Committee's delegation). */
export function bindingTermsOf(
  constitution: Constitution,
  decisionKind: string | null,
): (ClauseText & { on: string[] }) | undefined {
  const kind = constitution.decisionKinds.find((entry) => entry.id === decisionKind);
  if (!kind?.binds) return undefined;
  return {
    clause: kind.binds.clause,
    text: kind.binds.text.trim(),
    on: kind.binds.on.map((id) => constitution.bodies?.find((body) => body.id === id)?.name ?? id),
  };
}

/** True when the body itself decided something that can take effect (carried, or consensus). */
export function isEffectiveOutcome(outcome: TallyOutcome | null): boolean {
  return outcome === 'carried' || outcome === 'consensus';
}

export interface EffectFacts {
  proposalStatus: string;
  outcome: TallyOutcome | null;
  /** The method's rule, and once closed the rule the engine decided by (its clause and words). */
  method: ClauseText;
  decidedBy: ClauseText | null;
  /** The London date the question closed. */
  closedOn: string | null;
  /** For advice: the bodies it goes to. */
  advisedTo: string[];
  /** Set once the secretariat has named the sponsoring boards. */
  signOff: { terms: SignOffTerms; boards: SponsoringBoardStatus[] } | null;
  /** Set when the kind of decision binds the delegating boards (the Joint Committee). */
  binding: {
    rule: ClauseText & { on: string[] };
    bound: { organisationId: string; name: string; delegatedOn: string }[];
    notBound: string[];
  } | null;
}

export type EffectStatus =
  | 'notDecided'
  | 'advice'
  | 'awaitingSignOff'
  | 'signOffRefused'
  | 'inEffect';

export interface DecisionEffect {
  status: EffectStatus;
  /** In words, for a heading or tag: "In effect", "Awaiting sign-off", … */
  text: string;
  summary: string;
  /** The rule that decides the effect, quoted. */
  clause: string;
  quote: string;
  lines: string[];
  inEffectFrom: string | null;
  signedBy: string[];
  awaiting: string[];
  refusedBy: string[];
  /** The PCTs a binding decision binds, and those of the same kind it does not (not delegated). */
  binds: { organisationId: string; name: string }[];
  notBound: string[];
  /** After a refusal: where the disagreement goes next, quoted. */
  next: (ClauseText & { action: string }) | null;
}

export function effectText(status: EffectStatus): string {
  switch (status) {
    case 'notDecided':
      return 'Not in effect: nothing was decided';
    case 'advice':
      return 'Advice: never takes effect';
    case 'awaitingSignOff':
      return 'Awaiting sign-off';
    case 'signOffRefused':
      return 'Sign-off refused: not in effect';
    case 'inEffect':
      return 'In effect';
  }
}

export function listInWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function effect(
  status: EffectStatus,
  rule: ClauseText,
  summary: string,
  extra: Partial<DecisionEffect> = {},
): DecisionEffect {
  return {
    status,
    text: effectText(status),
    summary,
    clause: rule.clause,
    quote: rule.text,
    lines: [],
    inEffectFrom: null,
    signedBy: [],
    awaiting: [],
    refusedBy: [],
    binds: [],
    notBound: [],
    next: null,
    ...extra,
  };
}

/** The latest of some YYYY-MM-DD dates (they compare as text). */
function latest(dates: readonly string[]): string | null {
  return dates.reduce<string | null>(
    (max, date) => (max === null || date > max ? date : max),
    null,
  );
}

/**
 * Whether a question's decision is in effect, and why, citing the clause: not decided (still open,
 * withdrawn, not carried, no consensus, inquorate); advice (never takes effect); awaiting sign-off
 * (who has not signed); sign-off refused (by whom, and that the disagreement goes to mediation by
 * the chair); in effect (from when, and for a binding decision which PCTs it binds).
 */
export function decisionEffect(facts: EffectFacts): DecisionEffect {
  if (facts.proposalStatus !== 'closed' || facts.outcome === null) {
    const why =
      facts.proposalStatus === 'withdrawn'
        ? 'The question was withdrawn: nothing was decided, so nothing takes effect.'
        : `The question is ${facts.proposalStatus}: nothing takes effect until it closes as a decision.`;
    return effect('notDecided', facts.method, why);
  }
  const decidedBy = facts.decidedBy ?? facts.method;
  if (facts.outcome === 'advice') {
    const to = facts.advisedTo.length ? ` ${listInWords(facts.advisedTo)} decide.` : '';
    return effect(
      'advice',
      decidedBy,
      `Advice, not a decision (${decidedBy.clause}): it never takes effect and needs no sign-off.${to}`,
    );
  }
  if (!isEffectiveOutcome(facts.outcome)) {
    const referral =
      facts.outcome === 'noConsensus' ? ' Without consensus it goes to the dispute procedure.' : '';
    return effect(
      'notDecided',
      decidedBy,
      `${outcomeText(facts.outcome)} (${decidedBy.clause}): nothing was decided, so nothing takes effect.${referral}`,
    );
  }

  if (facts.binding) {
    const { rule, bound, notBound } = facts.binding;
    const lines = bound.map(
      (board) => `${board.name}: bound (its board delegated on ${board.delegatedOn}).`,
    );
    if (notBound.length > 0) {
      lines.push(`Not bound, not having delegated by ${facts.closedOn}: ${listInWords(notBound)}.`);
    }
    return effect(
      'inEffect',
      rule,
      `In effect from ${facts.closedOn}, when it was decided: a decision taken with delegated authority binds ${listInWords(rule.on)} (${rule.clause}) — ${bound.length} PCT${bound.length === 1 ? '' : 's'}; no sign-off is needed.`,
      {
        inEffectFrom: facts.closedOn,
        lines,
        binds: bound.map(({ organisationId, name }) => ({ organisationId, name })),
        notBound,
      },
    );
  }

  if (facts.signOff) {
    const { terms, boards } = facts.signOff;
    const signed = boards.filter((board) => board.status === 'signed');
    const refused = boards.filter((board) => board.status === 'refused');
    const pending = boards.filter((board) => board.status === 'pending');
    const lines = boards.map((board) =>
      board.status === 'pending'
        ? `${board.name}: not yet signed off.`
        : `${board.name}: ${board.status === 'signed' ? 'signed off' : 'refused to sign off'} on ${board.decidedOn} (minute ${board.minuteReference}).`,
    );
    const names = {
      signedBy: signed.map((board) => board.name),
      awaiting: pending.map((board) => board.name),
      refusedBy: refused.map((board) => board.name),
      lines,
    };
    if (refused.length > 0) {
      const mediation = terms.mediation;
      const next = mediation
        ? `The refusal is a disagreement for the dispute procedure: mediation within the group by the chair, then, if the PCTs still cannot agree at the end of the review, facilitation by the SHA (${mediation.clause}).`
        : 'The refusal is a disagreement for the dispute procedure.';
      return effect(
        'signOffRefused',
        terms.rule,
        `Not in effect: ${listInWords(names.refusedBy)} refused to sign off, and every one of ${terms.by.name} must sign off (${terms.rule.clause}). ${next}`,
        {
          ...names,
          next: mediation
            ? { ...mediation, action: 'mediation within the group by the chair' }
            : null,
        },
      );
    }
    if (pending.length > 0) {
      return effect(
        'awaitingSignOff',
        terms.rule,
        `Awaiting sign-off by ${listInWords(names.awaiting)}: the decision takes effect only when every one of ${terms.by.name} has signed off (${terms.rule.clause}); ${signed.length} of ${boards.length} have.`,
        names,
      );
    }
    const from = latest(signed.flatMap((board) => board.decidedOn ?? []));
    return effect(
      'inEffect',
      terms.rule,
      `In effect from ${from}: every one of ${terms.by.name} has signed off (${terms.rule.clause}) — ${listInWords(names.signedBy)}.`,
      { ...names, inEffectFrom: from },
    );
  }

  return effect(
    'inEffect',
    decidedBy,
    `In effect from ${facts.closedOn}: decided by the body (${decidedBy.clause}); no sign-off by sponsoring boards was asked for.`,
    { inEffectFrom: facts.closedOn },
  );
}
