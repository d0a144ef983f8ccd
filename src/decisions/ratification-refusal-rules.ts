/**
 * When the secretariat is refused, with the field and the rule: asking the sponsoring boards to
 * sign off a decision (2006 §112, only a closed decision that is not advice and binds no one by
 * delegation, 2008 §Accountabilities), and recording one board's sign-off or refusal (only a named
 * board, once, dated neither in the future nor before the decision). Pure: no database, no clock;
 * dates and facts are arguments.
 */
import { businessServiceMayNotOwn, type TallyOutcome } from '../governance/index.ts';
import { outcomeText } from './decision-rules.ts';
import {
  type ClauseText,
  isEffectiveOutcome,
  listInWords,
  type SignOffTerms,
  type SponsoringBoardStatus,
} from './ratification-rules.ts';

/** A refusal of a ratification request, with the field and the rule. */
export interface RatificationProblem {
  status: 400 | 409;
  code: string;
  field: string;
  message: string;
}

/** Can the secretariat ask the sponsoring boards to sign off this question's decision? */
export function requireRatificationProblem(facts: {
  proposalStatus: string;
  outcome: TallyOutcome | null;
  decidedBy: ClauseText | null;
  signOffTerms: SignOffTerms | undefined;
  binding: (ClauseText & { on: string[] }) | undefined;
  bodyTitle: string;
  alreadyNamed: readonly string[];
  named: readonly { organisationId: string; name: string | null; type: string | null }[];
}): RatificationProblem | undefined {
  const field = 'organisationIds';
  if (facts.proposalStatus !== 'closed' || facts.outcome === null) {
    return {
      status: 409,
      code: 'decision-not-closed',
      field,
      message: `The question is ${facts.proposalStatus}: sign-off comes "at the end of the process", once the decision is taken.`,
    };
  }
  if (facts.outcome === 'advice') {
    return {
      status: 409,
      code: 'advice-needs-no-ratification',
      field,
      message: `This is advice, not a decision (${facts.decidedBy?.clause ?? 'the terms'}): advice never takes effect, so there is nothing for boards to sign off.`,
    };
  }
  if (!isEffectiveOutcome(facts.outcome)) {
    return {
      status: 409,
      code: 'nothing-decided',
      field,
      message: `${outcomeText(facts.outcome)}: nothing was decided, so there is nothing to sign off.`,
    };
  }
  if (facts.binding) {
    return {
      status: 409,
      code: 'binding-decision',
      field,
      message: `This decision binds ${listInWords(facts.binding.on)} (${facts.binding.clause}: “${facts.binding.text}”): taken with delegated authority, it is in effect without sign-off.`,
    };
  }
  if (!facts.signOffTerms) {
    return {
      status: 409,
      code: 'no-sign-off-in-terms',
      field,
      message: `The terms of ${facts.bodyTitle} in force provide no sign-off by sponsoring boards.`,
    };
  }
  if (facts.alreadyNamed.length > 0) {
    return {
      status: 409,
      code: 'ratification-already-required',
      field,
      message: `The sponsoring boards are already named: ${listInWords(facts.alreadyNamed)}.`,
    };
  }
  if (facts.named.length === 0) {
    return {
      status: 400,
      code: 'invalid-input',
      field,
      message: `Choose at least one of ${facts.signOffTerms.by.name}.`,
    };
  }
  // Named first, and in its own words: the Business Service never gives a sign-off (2006 §3.2).
  for (const board of facts.named) {
    const refusal = businessServiceMayNotOwn(board.type, 'sign-off');
    if (refusal) {
      return {
        status: 400,
        code: 'invalid-input',
        field,
        message: `${board.name}: ${refusal.message}`,
      };
    }
  }
  const type = facts.signOffTerms.by.type;
  const wrong = facts.named.find(
    (board) => board.name === null || (type !== undefined && board.type !== type),
  );
  if (wrong) {
    return {
      status: 400,
      code: 'invalid-input',
      field,
      message: `${wrong.name ?? 'That organisation'} is not one of ${facts.signOffTerms.by.name} (${facts.signOffTerms.rule.clause}).`,
    };
  }
  return undefined;
}

/** Can this board's sign-off (or refusal) be recorded? */
export function signOffProblem(facts: {
  proposalStatus: string;
  outcome: TallyOutcome | null;
  decidedBy: ClauseText | null;
  terms: SignOffTerms | undefined;
  board: SponsoringBoardStatus | undefined;
  boardName: string | null;
  namedBoards: readonly string[];
  decidedOn: string;
  closedOn: string | null;
  today: string;
}): RatificationProblem | undefined {
  if (facts.proposalStatus !== 'closed' || facts.outcome === null) {
    return {
      status: 409,
      code: 'decision-not-closed',
      field: 'organisationId',
      message: `The question is ${facts.proposalStatus}: a board signs off "at the end of the process", once the decision is taken.`,
    };
  }
  if (facts.outcome === 'advice') {
    return {
      status: 409,
      code: 'advice-needs-no-ratification',
      field: 'organisationId',
      message: `This is advice, not a decision (${facts.decidedBy?.clause ?? 'the terms'}): advice never takes effect and is not signed off.`,
    };
  }
  if (!facts.terms || facts.namedBoards.length === 0) {
    return {
      status: 409,
      code: 'ratification-not-required',
      field: 'organisationId',
      message:
        'No sponsoring boards are named for this decision: name them before recording sign-off.',
    };
  }
  if (!facts.board) {
    return {
      status: 400,
      code: 'board-not-named',
      field: 'organisationId',
      message: `${facts.boardName ?? 'That organisation'} is not one of the sponsoring boards named for this decision (${listInWords(facts.namedBoards)}); only they sign off (${facts.terms.rule.clause}).`,
    };
  }
  if (facts.board.status !== 'pending') {
    return {
      status: 409,
      code: 'board-already-decided',
      field: 'organisationId',
      message: `${facts.board.name} already ${facts.board.status === 'signed' ? 'signed off' : 'refused to sign off'} on ${facts.board.decidedOn} (minute ${facts.board.minuteReference}); a board decides once.`,
    };
  }
  if (facts.decidedOn > facts.today) {
    return {
      status: 400,
      code: 'invalid-input',
      field: 'decidedOn',
      message: `A sign-off cannot be recorded before it happens: ${facts.decidedOn} is after today, ${facts.today}.`,
    };
  }
  if (facts.closedOn !== null && facts.decidedOn < facts.closedOn) {
    return {
      status: 400,
      code: 'invalid-input',
      field: 'decidedOn',
      message: `The decision was taken on ${facts.closedOn}; a board signs off "at the end of the process" (${facts.terms.rule.clause}), not on ${facts.decidedOn}.`,
    };
  }
  return undefined;
}
