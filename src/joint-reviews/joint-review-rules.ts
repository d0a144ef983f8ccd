/**
 * 2006 §112: "Groups will decide in advance of considering a specific piece of joint work around
 * service development or service reconfiguration a process for decision making and how they
 * intend to deal with a failure to agree." A joint service review therefore moves through
 * recorded → agreed → started → ended, and cannot start before its process is recorded and agreed.
 * The clause and its words come from the constitution in force (the ladder's agreeProcess step).
 * Pure, so tested on its own.
 */
import type { Constitution, DisputeCategory, DisputeStep } from '../governance/index.ts';
import type { FieldProblem } from '../shared/problems.ts';

/**
 * The kinds of joint work 2006 §112 covers: the dispute categories whose ladder opens by agreeing
 * a decision process before the work starts (service development, major service reconfiguration).
 */
export function jointWorkCategories(constitution: Constitution): readonly DisputeCategory[] {
  return (constitution.disputes?.categories ?? []).filter(
    (category) => category.ladder[0]?.step === 'agreeProcess',
  );
}

/** The rule a review of this category answers to: the ladder's "agree a process" step. */
export function agreementRule(
  constitution: Constitution,
  category: string,
): Extract<DisputeStep, { step: 'agreeProcess' }> | undefined {
  const first = jointWorkCategories(constitution).find((candidate) => candidate.id === category)
    ?.ladder[0];
  return first?.step === 'agreeProcess' ? first : undefined;
}

export interface ReviewState {
  decisionProcess: string | null;
  failureToAgree: string | null;
  agreedOn: string | null;
  startedOn: string | null;
  endedOn: string | null;
}

export type ReviewStage = 'proposed' | 'agreed' | 'started' | 'ended';

export function stageOf(review: ReviewState): ReviewStage {
  if (review.endedOn) return 'ended';
  if (review.startedOn) return 'started';
  if (review.agreedOn) return 'agreed';
  return 'proposed';
}

export interface Rule {
  clause: string;
  text: string;
}

export type RuleCheck = { ok: true } | { ok: false; status: 400 | 409; errors: FieldProblem[] };

const passed: RuleCheck = { ok: true };

function refused(status: 400 | 409, errors: FieldProblem[]): RuleCheck {
  return { ok: false, status, errors };
}

function notAfterToday(field: string, date: string, today: string, what: string): FieldProblem[] {
  return date > today ? [{ field, message: `${what} cannot be after today (${today}).` }] : [];
}

/** The process may be written and revised until it is agreed; after that it is the record. */
export function checkProcessChange(review: ReviewState, rule: Rule): RuleCheck {
  if (review.agreedOn) {
    return refused(409, [
      {
        field: 'decisionProcess',
        message: `The process was agreed on ${review.agreedOn}; it is the record of what was agreed in advance (${rule.clause}) and cannot be changed.`,
      },
    ]);
  }
  return passed;
}

/** Agreement needs both halves of the process recorded first: how to decide, and failure to agree. */
export function checkAgreement(
  review: ReviewState,
  agreement: { agreedOn: string },
  rule: Rule,
  today: string,
): RuleCheck {
  if (review.agreedOn) {
    return refused(409, [
      { field: 'agreedOn', message: `The process was already agreed on ${review.agreedOn}.` },
    ]);
  }
  const missing: FieldProblem[] = [];
  if (!review.decisionProcess) {
    missing.push({
      field: 'decisionProcess',
      message: `Record the process for decision making before it is agreed (${rule.clause}: "${rule.text}").`,
    });
  }
  if (!review.failureToAgree) {
    missing.push({
      field: 'failureToAgree',
      message: `Record how a failure to agree will be dealt with before it is agreed (${rule.clause}: "${rule.text}").`,
    });
  }
  if (missing.length > 0) return refused(400, missing);
  const future = notAfterToday('agreedOn', agreement.agreedOn, today, 'The agreement');
  return future.length > 0 ? refused(400, future) : passed;
}

/** 2006 §112: the review starts only once its process is recorded and agreed, and not before. */
export function checkStart(
  review: ReviewState,
  startedOn: string,
  rule: Rule,
  today: string,
): RuleCheck {
  if (review.startedOn) {
    return refused(409, [
      { field: 'startedOn', message: `The review already started on ${review.startedOn}.` },
    ]);
  }
  if (!review.agreedOn || !review.decisionProcess || !review.failureToAgree) {
    return refused(409, [
      {
        field: 'startedOn',
        message: `The review cannot start until its process for decision making and how a failure to agree will be dealt with are recorded and agreed (${rule.clause}: "${rule.text}").`,
      },
    ]);
  }
  if (startedOn < review.agreedOn) {
    return refused(400, [
      {
        field: 'startedOn',
        message: `The review cannot start before its process was agreed on ${review.agreedOn} (${rule.clause}: "${rule.text}").`,
      },
    ]);
  }
  const future = notAfterToday('startedOn', startedOn, today, 'The start');
  return future.length > 0 ? refused(400, future) : passed;
}

/** The end of the review matters: SHA facilitation waits for it where the ladder says so. */
export function checkEnd(review: ReviewState, endedOn: string, today: string): RuleCheck {
  if (review.endedOn) {
    return refused(409, [
      { field: 'endedOn', message: `The review already ended on ${review.endedOn}.` },
    ]);
  }
  if (!review.startedOn) {
    return refused(409, [
      { field: 'endedOn', message: 'A review that has not started cannot end.' },
    ]);
  }
  if (endedOn < review.startedOn) {
    return refused(400, [
      {
        field: 'endedOn',
        message: `The review cannot end before it started on ${review.startedOn}.`,
      },
    ]);
  }
  const future = notAfterToday('endedOn', endedOn, today, 'The end');
  return future.length > 0 ? refused(400, future) : passed;
}
