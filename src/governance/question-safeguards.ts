/**
 * The quorum safeguard on putting and closing a question: which methods need a quorate meeting
 * for the item, and what the page says when the meeting is inquorate.
 *
 * A vote (a simple majority, or a threshold such as 2006 §111's "75% majority") is a count, and a
 * count decides only at a quorate meeting: opening or closing one while the item is inquorate is
 * refused, naming the quorum clause, so no "Not carried" is ever recorded by an inquorate meeting.
 * Views under consensus (and the advice on a reserved matter) may be gathered while inquorate —
 * the 2008 arrangements look for "solutions to issues being found through discussion" — but the
 * question then closes with no decision: the page warns, and the result says "inquorate".
 */
import type { Constitution, DecisionMethod } from './constitution-schema.ts';
import type { QuorumResult } from './quorum.ts';

export type QuestionAction = 'open' | 'close';

/** Whether a question put under this method must wait for a quorate meeting to open or close. */
export function needsQuorateMeeting(method: DecisionMethod): boolean {
  return method.kind === 'simpleMajority' || method.kind === 'supermajority';
}

export interface QuorumSafeguard {
  readonly quorate: boolean;
  /** "quorate: 10 of 11 members present (2008 §Quorum)" or "inquorate: …". */
  readonly finding: string;
  /** Set when the action is refused: the method needs a quorate meeting and it is not. */
  readonly refusal: string | undefined;
  /** Set when the action may go ahead but cannot produce a decision while inquorate. */
  readonly warning: string | undefined;
  readonly clause: string;
  readonly text: string;
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The safeguard for opening or closing a question under `method` on an item with this quorum. */
export function quorumSafeguard(
  constitution: Constitution,
  method: DecisionMethod,
  quorum: QuorumResult,
  action: QuestionAction,
): QuorumSafeguard {
  const { clause, text } = constitution.quorum;
  const base = { quorate: quorum.quorate, finding: quorum.finding, clause, text };
  if (quorum.quorate) return { ...base, refusal: undefined, warning: undefined };
  const found = `${sentence(quorum.finding)}.`;
  if (needsQuorateMeeting(method)) {
    return {
      ...base,
      refusal: `${found} ${method.title} is a vote, and a vote is counted only at a quorate meeting (${clause}: “${text}”): the question cannot be ${action === 'open' ? 'opened' : 'closed'} while the item is inquorate. Record the attendance of members who have arrived, or withdraw the question.`,
      warning: undefined,
    };
  }
  return {
    ...base,
    refusal: undefined,
    warning:
      action === 'open'
        ? `${found} Views may be recorded, but while the item is inquorate the question closes with no decision (${clause}: “${text}”).`
        : `${found} Closed now, the question records no decision: the meeting is inquorate (${clause}: “${text}”).`,
  };
}
