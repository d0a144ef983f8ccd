/**
 * The decision rules that need no database: which method a kind of decision names, how a view is
 * worded under consensus, what a secret ballot may show, and the results as CSV. Every rule the
 * constitution makes (who may vote, what carries, where advice goes) is the engine's, not ours.
 */
import type {
  Constitution,
  DecisionKind,
  DecisionMethod,
  TallyResult,
  VoteChoice,
} from '../governance/index.ts';

export const ballots = ['named', 'secret'] as const;
export type Ballot = (typeof ballots)[number];

/** A proposal's lifecycle: drafted, opened for votes, then closed by the engine's tally or withdrawn. */
export type ProposalStatus = 'draft' | 'open' | 'closed' | 'withdrawn';

/**
 * What an open secret ballot lets anyone see. No count of the choices is ever shown while it is
 * open: read before and after each vote beside who has voted, it would give each member's choice.
 * Who has voted is shown to the chair and secretariat only where the terms say so.
 */
export function openSecretBallotRule(
  constitution: Constitution,
  proposal: { ballot: string; status: string },
): { secretAndOpen: boolean; whoHasVotedShown: boolean } {
  const secretAndOpen = proposal.ballot === 'secret' && proposal.status === 'open';
  return {
    secretAndOpen,
    whoHasVotedShown: !secretAndOpen || constitution.secretBallots?.whoHasVoted === 'shown',
  };
}

export interface ResolvedMethod {
  method: DecisionMethod;
  kind: DecisionKind | undefined;
}

/**
 * The method a proposal is decided by: the one its kind of decision names, or a method chosen by
 * id (a dispute's consortium vote has no kind). A kind and a different method together are refused
 * by the caller, quoting the kind's clause: the constitution, not the secretariat, picks the method.
 */
export function methodFor(
  constitution: Constitution,
  request: { decisionKind?: string | undefined; methodId?: string | undefined },
):
  | { ok: true; value: ResolvedMethod }
  | { ok: false; field: 'decisionKind' | 'methodId'; message: string } {
  if (request.decisionKind) {
    const kind = constitution.decisionKinds.find((entry) => entry.id === request.decisionKind);
    if (!kind) {
      return {
        ok: false,
        field: 'decisionKind',
        message: `${constitution.identity.title} has no kind of decision "${request.decisionKind}": the kinds are ${constitution.decisionKinds.map((entry) => `${entry.id} (${entry.title})`).join(', ')}.`,
      };
    }
    const method = constitution.decisionMethods.find((entry) => entry.id === kind.method);
    if (!method) {
      return {
        ok: false,
        field: 'decisionKind',
        message: `The kind "${kind.id}" names a method the terms do not define.`,
      };
    }
    if (request.methodId && request.methodId !== method.id) {
      const reserved =
        method.kind === 'reserved'
          ? ` ${kind.title} is a reserved matter: the group may not decide it, only give advice.`
          : '';
      return {
        ok: false,
        field: 'methodId',
        message: `${kind.title} is decided by "${method.title}" (${kind.clause}: “${kind.text}”), not by "${request.methodId}".${reserved}`,
      };
    }
    return { ok: true, value: { method, kind } };
  }
  if (request.methodId) {
    const method = constitution.decisionMethods.find((entry) => entry.id === request.methodId);
    if (!method) {
      return {
        ok: false,
        field: 'methodId',
        message: `${constitution.identity.title} has no decision method "${request.methodId}": the methods are ${constitution.decisionMethods.map((entry) => entry.id).join(', ')}.`,
      };
    }
    return { ok: true, value: { method, kind: undefined } };
  }
  return {
    ok: false,
    field: 'decisionKind',
    message: 'Choose the kind of decision: the constitution names the method for each kind.',
  };
}

/** Consensus, and advice on a reserved matter (agreed by consensus), ask for views, not votes. */
export function asksForViews(methodKind: DecisionMethod['kind']): boolean {
  return methodKind === 'consensus' || methodKind === 'reserved';
}

const viewWords: Record<VoteChoice, string> = {
  for: 'Agree',
  against: 'Object',
  abstain: 'Stand aside',
};
const voteWords: Record<VoteChoice, string> = {
  for: 'For',
  against: 'Against',
  abstain: 'Abstain',
};

/** "Agree / Object / Stand aside" under consensus; "For / Against / Abstain" for a vote. */
export function choiceText(methodKind: DecisionMethod['kind'], choice: VoteChoice): string {
  return (asksForViews(methodKind) ? viewWords : voteWords)[choice];
}

/** An objection must give its reason: the advice sets out the range of views, with why. */
export function reasonProblem(
  methodKind: DecisionMethod['kind'],
  choice: VoteChoice,
  reason: string | undefined,
): string | undefined {
  if (asksForViews(methodKind) && choice === 'against' && !reason?.trim()) {
    return 'Give the reason for objecting: without consensus the advice sets out the range of views and why.';
  }
  return undefined;
}

/** The amendments still to be decided: a main question cannot close while any is draft or open. */
export function undecidedAmendments<Amendment extends { status: string }>(
  amendments: readonly Amendment[],
): Amendment[] {
  return amendments.filter(
    (amendment) => amendment.status === 'draft' || amendment.status === 'open',
  );
}

export interface ResultView {
  outcome: TallyResult['outcome'];
  isDecision: boolean;
  summary: string;
  counts: { for: number; against: number; abstain: number; noVote: number } & Partial<
    Record<'base' | 'needed' | 'weightFor', number>
  >;
  /** Names per view; empty lists under a secret ballot. */
  rangeOfViews: { for: string[]; against: string[]; abstain: string[]; noViewRecorded: string[] };
  lines: string[];
  missing: string[];
  excluded: { name: string; reason: string; clause: string | null }[];
  clause: string;
  text: string;
  citations: { clause: string; text: string; assumption: string | null }[];
  advice: { to: string[]; decidedBy: string[]; consensusOnAdvice: boolean } | null;
  castingVoteUsed: boolean;
}

function containsAny(text: string, names: readonly string[]): boolean {
  return names.some((name) => name.length > 0 && text.includes(name));
}

/**
 * The engine's result as a reader may see it. Under a secret ballot nothing that names how anyone
 * voted is shown: every sentence naming someone who voted is left out and the summary is rebuilt
 * from the counts. Who has not voted, and who was left out and why, are not secret.
 */
export function resultView(result: TallyResult, ballot: Ballot): ResultView {
  const voted = [
    ...result.rangeOfViews.for,
    ...result.rangeOfViews.against,
    ...result.rangeOfViews.abstain,
  ];
  const secret = ballot === 'secret';
  const { counts, explanation } = result;
  const summary =
    secret && containsAny(explanation.summary, voted)
      ? `${outcomeText(result.outcome)} (${explanation.clause}): ${counts.for} for, ${counts.against} against, ${counts.abstain} abstaining.`
      : explanation.summary;
  return {
    outcome: result.outcome,
    isDecision: result.isDecision,
    summary,
    counts: { ...counts },
    rangeOfViews: secret
      ? {
          for: [],
          against: [],
          abstain: [],
          noViewRecorded: [...result.rangeOfViews.noViewRecorded],
        }
      : {
          for: [...result.rangeOfViews.for],
          against: [...result.rangeOfViews.against],
          abstain: [...result.rangeOfViews.abstain],
          noViewRecorded: [...result.rangeOfViews.noViewRecorded],
        },
    lines: explanation.lines.filter((line) => !(secret && containsAny(line, voted))),
    missing: [...explanation.missing],
    excluded: explanation.excluded.map((exclusion) => ({
      name: exclusion.name,
      reason: exclusion.reason,
      clause: exclusion.clause ?? null,
    })),
    clause: explanation.clause,
    text: explanation.text,
    citations: explanation.citations.map((citation) => ({
      clause: citation.clause,
      text: citation.text,
      assumption: citation.assumption ?? null,
    })),
    advice: result.advice
      ? {
          to: result.advice.to.map((body) => body.name),
          decidedBy: result.advice.decidedBy.map((body) => body.name),
          consensusOnAdvice: result.advice.consensusOnAdvice,
        }
      : null,
    castingVoteUsed: result.castingVoteUsed,
  };
}

export function outcomeText(outcome: TallyResult['outcome']): string {
  switch (outcome) {
    case 'carried':
      return 'Carried';
    case 'notCarried':
      return 'Not carried';
    case 'castingVoteRequired':
      return 'Tied: the casting vote is needed';
    case 'consensus':
      return 'Consensus';
    case 'noConsensus':
      return 'No consensus';
    case 'advice':
      return 'Advice, not a decision';
    case 'inquorate':
      return 'No decision: inquorate';
  }
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet; a quote mark keeps it text.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvOf(rows: readonly (readonly (string | number | null)[])[]): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * The results as CSV: under a named ballot one row per voter (and who cast it, for a proxy); under
 * a secret ballot the counts only.
 */
export function resultsCsv(options: {
  ballot: Ballot;
  methodKind: DecisionMethod['kind'];
  counts: TallyResult['counts'];
  outcome: string;
  votes: readonly {
    voterName: string;
    choice: VoteChoice;
    reason: string | null;
    castBy: string | null;
    byProxy: boolean;
    castAt: string;
  }[];
}): string {
  const { counts, methodKind } = options;
  // Views under consensus, votes for a vote: the column and the row say which.
  const word = asksForViews(methodKind) ? 'view' : 'vote';
  if (options.ballot === 'secret') {
    return csvOf([
      [word, 'count'],
      [choiceText(methodKind, 'for'), counts.for],
      [choiceText(methodKind, 'against'), counts.against],
      [choiceText(methodKind, 'abstain'), counts.abstain],
      [`No ${word} recorded`, counts.noVote],
      ['Outcome', options.outcome],
    ]);
  }
  return csvOf([
    ['voter', word, 'reason', 'cast_by', 'by_proxy', 'cast_at'],
    ...options.votes.map((vote) => [
      vote.voterName,
      choiceText(methodKind, vote.choice),
      vote.reason,
      vote.castBy,
      vote.byProxy ? 'yes' : 'no',
      vote.castAt,
    ]),
  ]);
}
