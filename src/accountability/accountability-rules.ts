/**
 * The rules of tasking and of reporting duties, pure: the constitution, the dates and the facts
 * are arguments (2008 "Commissioning development" and "Communications").
 */
import type { Constitution } from '../governance/index.ts';

export interface Rule {
  clause: string;
  text: string;
}

export const taskingRule: Rule = {
  clause: '2008 Commissioning development',
  text: 'The LCG will task the sector groups with reviews and collate the outcomes.',
};

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The sector a body's terms say it serves, when they name exactly one: that is a sector group
 * (a Local Commissioning Group). The London group's terms name all five, so it is none.
 */
export function sectorServedBy(
  constitution: Constitution | undefined,
): { id: string; name: string } | undefined {
  const sectors = constitution?.sectors ?? [];
  if (sectors.length !== 1) return undefined;
  const [sector] = sectors;
  return sector ? { id: sector.id, name: sector.name } : undefined;
}

/**
 * Whether a body may be tasked with a review by the commissioning body: it must be a sector group
 * and not the commissioning body itself; the due date comes no earlier than the commission.
 */
export function checkCommission(commission: {
  commissioningBody: { slug: string; title: string };
  taskedBody: { slug: string; title: string; constitution: Constitution | undefined } | undefined;
  commissionedOn: string;
  dueOn: string;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const tasked = commission.taskedBody;
  if (!tasked) {
    problems.push({
      field: 'sector',
      message: 'Choose the sector group to task with the review.',
    });
  } else if (tasked.slug === commission.commissioningBody.slug) {
    problems.push({
      field: 'sector',
      message: `${tasked.title} cannot task itself: a review is commissioned from a sector group (${taskingRule.clause}: “${taskingRule.text}”).`,
    });
  } else if (!sectorServedBy(tasked.constitution)) {
    problems.push({
      field: 'sector',
      message: `${tasked.title} is not a sector group: only a sector's Local Commissioning Group may be tasked with a review (${taskingRule.clause}: “${taskingRule.text}”).`,
    });
  }
  if (commission.dueOn < commission.commissionedOn) {
    problems.push({
      field: 'dueOn',
      message: 'The due date cannot be before the date the review was commissioned.',
    });
  }
  return problems;
}

export type CommissionState = 'commissioned' | 'due-soon' | 'overdue' | 'reported' | 'withdrawn';

/** How many days before its due date a commission counts as due soon. */
export const dueSoonDays = 28;

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function commissionStateOf(
  commission: { dueOn: string; withdrawnOn: string | null },
  reported: boolean,
  today: string,
): CommissionState {
  if (commission.withdrawnOn) return 'withdrawn';
  if (reported) return 'reported';
  if (today > commission.dueOn) return 'overdue';
  if (daysBetween(today, commission.dueOn) <= dueSoonDays) return 'due-soon';
  return 'commissioned';
}

/** Late ones first, then those due soon, then the rest; reported and withdrawn last. */
export const stateOrder: Record<CommissionState, number> = {
  overdue: 0,
  'due-soon': 1,
  commissioned: 2,
  reported: 3,
  withdrawn: 4,
};

export const stateText: Record<CommissionState, string> = {
  overdue: 'Overdue — past its due date with no outcome reported',
  'due-soon': `Due soon — due within ${dueSoonDays} days`,
  commissioned: 'Commissioned — in hand',
  reported: 'Reported — the outcome is back',
  withdrawn: 'Withdrawn',
};

/** The recommendations typed one to a line: blank lines dropped, each trimmed. */
export function recommendationsIn(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-*•]\s*/, '').trim())
    .filter((line) => line !== '');
}

// ---- Reporting duties: when each was last met and when it is next due ----

export type DutyFrequency = 'everyMeeting' | 'monthly' | 'annually' | 'regularly';

/** 2008 gives no period for "regular": three calendar months is taken (decision 072). */
export const regularlyMonths = 3;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 30;
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function partsOf(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number);
  return [year ?? 0, month ?? 1, day ?? 1];
}

/** The last day of the month `months` after the month of `date` (0: its own month). */
export function endOfMonthAfter(date: string, months: number): string {
  const [year, month] = partsOf(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return isoDate(targetYear, targetMonth, daysInMonth(targetYear, targetMonth));
}

/** The same day `months` later, held to the month's last day (31 August + 3 months → 30 November). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = partsOf(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return isoDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/**
 * The report year a date falls in: the NHS financial year, 1 April to 31 March (2006 §110's
 * annual report of each group's activities; decision 072). Returns its last day.
 */
export function reportYearEndOf(date: string): string {
  const [year, month] = partsOf(date);
  return isoDate(month >= 4 ? year + 1 : year, 3, 31);
}

/** A meeting as the minutes duty counts it. */
export interface MeetingFact {
  /** The meeting's date in London. */
  on: string;
  held: boolean;
  /** The date the approved minutes were first distributed, if they have been. */
  minutesDistributedOn: string | null;
}

export type DutyStatus =
  /** Met and not yet due again. */
  | 'met'
  /** Not met in the current period yet, not late. */
  | 'due'
  | 'overdue'
  /** Nothing yet to be due (minutes with no meeting held). */
  | 'not-yet-due';

export interface DutyDue {
  lastMet: string | null;
  /** The date by which it must next be met; null when nothing is due yet. */
  nextDue: string | null;
  status: DutyStatus;
}

/**
 * When a reporting duty is next due, from the last time it was met.
 * - everyMeeting (minutes): due for each held meeting, by the date of the meeting after it (which
 *   approves them); met when the approved minutes were distributed.
 * - monthly: once in each calendar month; after a month met, due by the end of the next month.
 * - regularly: within three calendar months of the last time (decision 072).
 * - annually: once in each report year (April to March); after a year met, by the end of the next.
 * Never met, the period runs from `since` (the day the terms came into force). Overdue when past due.
 */
export function nextDueOf(options: {
  frequency: DutyFrequency;
  lastMet: string | null;
  since: string;
  today: string;
  meetings?: readonly MeetingFact[];
}): DutyDue {
  const { frequency, lastMet, since, today } = options;
  let nextDue: string | null;
  switch (frequency) {
    case 'everyMeeting': {
      const meetings = [...(options.meetings ?? [])].sort((a, b) => a.on.localeCompare(b.on));
      const owing = meetings.findIndex((meeting) => meeting.held && !meeting.minutesDistributedOn);
      if (owing === -1) {
        return {
          lastMet,
          nextDue: null,
          status: lastMet ? 'met' : 'not-yet-due',
        };
      }
      const owingMeeting = meetings[owing] as MeetingFact;
      const following = meetings.slice(owing + 1).find((meeting) => meeting.on > owingMeeting.on);
      nextDue = following?.on ?? null;
      if (!nextDue) return { lastMet, nextDue: null, status: 'due' };
      break;
    }
    case 'monthly':
      nextDue = lastMet ? endOfMonthAfter(lastMet, 1) : endOfMonthAfter(since, 0);
      break;
    case 'regularly':
      nextDue = addMonths(lastMet ?? since, regularlyMonths);
      break;
    case 'annually':
      nextDue = lastMet ? addMonths(reportYearEndOf(lastMet), 12) : reportYearEndOf(since);
      break;
  }
  if (today > nextDue) return { lastMet, nextDue, status: 'overdue' };
  const metThisPeriod =
    lastMet !== null &&
    (frequency === 'everyMeeting' ||
      (frequency === 'monthly' && endOfMonthAfter(lastMet, 0) >= endOfMonthAfter(today, 0)) ||
      (frequency === 'annually' && reportYearEndOf(lastMet) >= reportYearEndOf(today)) ||
      frequency === 'regularly');
  return { lastMet, nextDue, status: metThisPeriod ? 'met' : 'due' };
}

/**
 * The seat roles a duty's `by` names, with each seat group opened into its roles
 * (london-pct-chief-executives → the CCG chair and nominated chief executives).
 */
export function seatRolesOf(constitution: Constitution, by: readonly string[]): Set<string> {
  const roles = new Set<string>();
  for (const id of by) {
    const group = constitution.seatGroups?.find((candidate) => candidate.id === id);
    if (group) for (const role of group.roles) roles.add(role);
    else roles.add(id);
  }
  return roles;
}

/** A reference to a body the terms name, in words ("NHS London Executive Management Team and Board"). */
export function bodyNameIn(constitution: Constitution, id: string): string {
  if (id === constitution.identity.id) return constitution.identity.title;
  return constitution.bodies?.find((body) => body.id === id)?.name ?? id;
}

/** The seat roles and groups a duty's `by` names, in words. */
export function seatNameIn(constitution: Constitution, id: string): string {
  const group = constitution.seatGroups?.find((candidate) => candidate.id === id);
  if (group) return group.title;
  const seat = constitution.seats.find((candidate) => candidate.role === id);
  return seat?.title ?? id;
}
