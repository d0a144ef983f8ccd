/**
 * The action log's rules that need no database: when an action is overdue, who may follow one
 * up, and which status changes make sense. Pure — "today" is always an argument, never the clock.
 */

import { daysBetween, isIsoDate } from '../governance/index.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import { mayReadConfidentialItems } from '../meetings/index.ts';
import type { FieldProblem } from '../shared/problems.ts';

export const actionStatuses = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/**
 * Overdue means still open after the day it was due: an action due today is not yet overdue.
 * `today` is the calendar date in London, passed in by the caller.
 */
export function isOverdue(action: { status: string; dueOn: string }, today: string): boolean {
  return action.status === 'open' && action.dueOn < today;
}

/** Whole days past the due date for an overdue action; 0 for any other. */
export function daysOverdue(action: { status: string; dueOn: string }, today: string): number {
  return isOverdue(action, today) ? daysBetween(action.dueOn, today) : 0;
}

/** "1 day overdue", "12 days overdue". */
export function daysOverdueText(days: number): string {
  return `${days} day${days === 1 ? '' : 's'} overdue`;
}

/** An action agreed at a meeting cannot fall due before the meeting that agreed it. */
export function dueDateProblem(dueOn: string, meetingOn: string): FieldProblem | undefined {
  if (dueOn >= meetingOn) return undefined;
  return {
    field: 'dueOn',
    message: `An action cannot be due on ${dueOn}, before the meeting that agreed it (${meetingOn}). Choose ${meetingOn} or later.`,
  };
}

/**
 * The owner follows up their own action; the body's secretariat (or an administrator) keeps the
 * whole log. A read-only API token never writes.
 */
export function mayUpdateActionStatus(
  actor: Actor,
  action: { bodySlug: string; ownerPersonId: string },
): boolean {
  if (mayRunBody(actor, action.bodySlug)) return true;
  return (
    actor.kind === 'account' &&
    (actor.tokenScope === undefined || actor.tokenScope === 'write') &&
    actor.personId !== null &&
    actor.personId === action.ownerPersonId
  );
}

/**
 * An action from a Part II item carries confidential business (1960 Act s1): only the body's
 * own people and administrators see it — and its owner, who was given it and must act on it.
 */
export function mayReadAction(
  actor: Actor,
  action: { bodySlug: string; ownerPersonId: string; isConfidential: boolean },
): boolean {
  if (!action.isConfidential || mayReadConfidentialItems(actor, action.bodySlug)) return true;
  return actor.kind === 'account' && actor.personId === action.ownerPersonId;
}

export interface StatusChange {
  status: ActionStatus;
  completedOn?: string | undefined;
  note?: string | undefined;
}

/**
 * Checks a status change against the action as it stands and returns what to store: done needs
 * the day it was completed (not before the meeting, not in the future); dropped needs a note
 * saying why, and is dated today; reopening clears the date. A change to the status it already
 * has is refused, so a double-submitted form does not rewrite the record.
 */
export function checkStatusChange(
  current: { status: string; meetingOn: string },
  change: StatusChange,
  today: string,
):
  | { ok: true; value: { status: ActionStatus; completedOn: string | null; note: string | null } }
  | { ok: false; conflict: boolean; errors: FieldProblem[] } {
  const note = change.note?.trim() || null;
  if (change.status === current.status) {
    return {
      ok: false,
      conflict: true,
      errors: [{ field: 'status', message: `The action is already ${statusText(change.status)}.` }],
    };
  }
  if (change.status === 'open') {
    return { ok: true, value: { status: 'open', completedOn: null, note } };
  }
  if (change.status === 'dropped') {
    if (note === null) {
      return {
        ok: false,
        conflict: false,
        errors: [{ field: 'note', message: 'Say why the action is dropped.' }],
      };
    }
    return { ok: true, value: { status: 'dropped', completedOn: today, note } };
  }
  const completedOn = change.completedOn ?? '';
  if (!isIsoDate(completedOn)) {
    return {
      ok: false,
      conflict: false,
      errors: [{ field: 'completedOn', message: 'Enter the date it was done as YYYY-MM-DD.' }],
    };
  }
  if (completedOn > today) {
    return {
      ok: false,
      conflict: false,
      errors: [
        {
          field: 'completedOn',
          message: `An action cannot be done on ${completedOn}, a date still to come; today is ${today}.`,
        },
      ],
    };
  }
  if (completedOn < current.meetingOn) {
    return {
      ok: false,
      conflict: false,
      errors: [
        {
          field: 'completedOn',
          message: `An action cannot be done on ${completedOn}, before the meeting that agreed it (${current.meetingOn}).`,
        },
      ],
    };
  }
  return { ok: true, value: { status: 'done', completedOn, note } };
}

export function statusText(status: string): string {
  switch (status) {
    case 'open':
      return 'open';
    case 'done':
      return 'done';
    case 'dropped':
      return 'dropped';
    default:
      return status;
  }
}
