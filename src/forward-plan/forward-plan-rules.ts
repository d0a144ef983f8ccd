/**
 * The forward plan's rules, pure: what an item may say and which way it may move. As English
 * councils publish theirs (decision 065): each expected decision with its kind, month and meeting,
 * whether it is expected to be taken in private and why, when its papers are due and whom to ask.
 */
import type { FieldProblem } from '../shared/problems.ts';

export const decisionKinds = [
  'decision',
  'recommendation-to-boards',
  'consultation-approval',
  'commissioning-decision',
] as const;
export type DecisionKind = (typeof decisionKinds)[number];

export const decisionKindText: Record<DecisionKind, string> = {
  decision: 'Decision of the group',
  'recommendation-to-boards': 'Recommendation to the PCT Boards',
  'consultation-approval': 'Approval of a consultation',
  'commissioning-decision': 'Commissioning decision',
};

/** What the keeper set. */
export type StoredStatus = 'planned' | 'on-agenda' | 'withdrawn' | 'deferred';

/** What a reader is told: the stored status read together with the item's meeting (decision 066). */
export type PlanStatus =
  | 'planned'
  | 'deferred'
  | 'on-agenda'
  | 'taken'
  | 'withdrawn'
  | 'meeting-cancelled'
  | 'off-agenda';

export const planStatusText: Record<PlanStatus, string> = {
  planned: 'Planned',
  deferred: 'Deferred',
  'on-agenda': 'On the agenda',
  taken: 'Taken at the meeting',
  withdrawn: 'Withdrawn',
  'meeting-cancelled': 'Its meeting was cancelled: a new meeting is to be set',
  'off-agenda': 'Taken off the agenda: a new meeting is to be set',
};

export const partTwoClause =
  'Public Bodies (Admission to Meetings) Act 1960 s1(2): the public may be excluded “whenever publicity would be prejudicial to the public interest by reason of the confidential nature of the business to be transacted or for other special reasons stated in the resolution”';

export type RuleCheck = { ok: true } | { ok: false; status: 400 | 409; errors: FieldProblem[] };

const ok: RuleCheck = { ok: true };
const refuse = (field: string, message: string, status: 400 | 409 = 400): RuleCheck => ({
  ok: false,
  status,
  errors: [{ field, message }],
});

/** The first day of the month a date (YYYY-MM-DD) or a month (YYYY-MM) falls in. */
export function monthStart(dateOrMonth: string): string {
  return `${dateOrMonth.slice(0, 7)}-01`;
}

const monthFormat = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "December 2026" for the month starting 2026-12-01. */
export function monthText(firstDay: string): string {
  return monthFormat.format(new Date(`${firstDay}T00:00:00Z`));
}

/** The last day of the month that starts on `firstDay`. */
export function monthEnd(firstDay: string): string {
  const year = Number(firstDay.slice(0, 4));
  const month = Number(firstDay.slice(5, 7));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${firstDay.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

export interface ItemFacts {
  partTwoExpected: boolean;
  partTwoReason: string | null;
  expectedMonth: string;
  papersDueOn: string | null;
  /** The expected meeting's date (London), when one is set. */
  meetingOn: string | null;
}

/**
 * An item's own facts: a Part II item names why; the papers are due no later than the meeting
 * (or, without one, the end of the expected month); the meeting falls in the expected month.
 */
export function checkItem(facts: ItemFacts): RuleCheck {
  const errors: FieldProblem[] = [];
  if (facts.partTwoExpected && !facts.partTwoReason?.trim()) {
    errors.push({
      field: 'partTwoReason',
      message: `Say why the decision is expected to be taken in private (Part II), as the resolution to exclude the public must (${partTwoClause}).`,
    });
  }
  if (facts.meetingOn && monthStart(facts.meetingOn) !== facts.expectedMonth) {
    errors.push({
      field: 'meetingId',
      message:
        'The expected meeting is not in the expected month: choose a meeting in that month, or change the month to the meeting’s.',
    });
  }
  const lastDay = facts.meetingOn ?? monthEnd(facts.expectedMonth);
  if (facts.papersDueOn && facts.papersDueOn > lastDay) {
    errors.push({
      field: 'papersDueOn',
      message: facts.meetingOn
        ? 'The papers must be due on or before the day of the meeting that takes the decision.'
        : 'The papers must be due on or before the last day of the month the decision is expected in.',
    });
  }
  return errors.length ? { ok: false, status: 400, errors } : ok;
}

/** What a reader is told of an item, from the stored status and its meeting and agenda item. */
export function planStatusOf(item: {
  status: StoredStatus;
  meetingStatus: string | null;
  agendaItemWithdrawn: boolean;
}): PlanStatus {
  if (item.status !== 'on-agenda') return item.status;
  if (item.agendaItemWithdrawn) return 'off-agenda';
  if (item.meetingStatus === 'cancelled') return 'meeting-cancelled';
  if (item.meetingStatus === 'held') return 'taken';
  return 'on-agenda';
}

/** Whether the keeper may still change an item's meeting, month or details. */
export function checkOpen(status: PlanStatus): RuleCheck {
  if (status === 'withdrawn') {
    return refuse(
      'status',
      'This item was withdrawn from the forward plan: it cannot change.',
      409,
    );
  }
  if (status === 'taken') {
    return refuse('status', 'This decision was taken at its meeting: it cannot change.', 409);
  }
  return ok;
}

/**
 * Deferring moves the expected month later. An item on a live agenda is taken off that agenda
 * in the meetings (withdrawn there, before notice) before it can be deferred.
 */
export function checkDeferral(status: PlanStatus, fromMonth: string, toMonth: string): RuleCheck {
  const open = checkOpen(status);
  if (!open.ok) return open;
  if (status === 'on-agenda') {
    return refuse(
      'expectedMonth',
      'This item is on a meeting’s agenda: withdraw it from that agenda first, then defer it.',
      409,
    );
  }
  if (toMonth <= fromMonth) {
    return refuse('expectedMonth', 'A deferred decision moves to a later month than it had.');
  }
  return ok;
}

export function checkWithdrawal(status: PlanStatus): RuleCheck {
  const open = checkOpen(status);
  if (!open.ok) return open;
  if (status === 'on-agenda') {
    return refuse(
      'reason',
      'This item is on a meeting’s agenda: withdraw it from that agenda first, then from the plan.',
      409,
    );
  }
  return ok;
}

/** A meeting can take the item onto its agenda while it is scheduled and still to come. */
export function checkMeetingTakesItems(
  meeting: { title: string; bodyId: string; status: string; startsAt: Date },
  bodyId: string,
  bodyTitle: string,
  now: Date,
): RuleCheck {
  if (meeting.bodyId !== bodyId) {
    return refuse(
      'meetingId',
      `“${meeting.title}” is not a meeting of ${bodyTitle}: a body’s forward plan names only its own meetings.`,
    );
  }
  if (meeting.status !== 'scheduled' || meeting.startsAt <= now) {
    return refuse(
      'meetingId',
      `“${meeting.title}” is not a meeting still to come: choose a scheduled meeting of ${bodyTitle}.`,
    );
  }
  return ok;
}

/**
 * A CSV cell safe to open in a spreadsheet: one that starts with =, +, - or @ (or a tab or
 * carriage return) is read as a formula, so it is prefixed with an apostrophe (OWASP CSV injection).
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
