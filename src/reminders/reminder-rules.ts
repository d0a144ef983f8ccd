/**
 * Who is due a reminder, given the facts and the time. Pure: the questions, the actions, the
 * people's addresses and choices, and the reminders already sent are arguments; "now" and "today"
 * are passed in, never read from a clock.
 *
 * Two reminders (issue 22, item 7):
 * - before a question closes: a member whose vote or view would be counted and who has recorded
 *   none is e-mailed once, when the question closes within `questionReminderHours` (the job runs
 *   hourly, so a question opened with less time left is reminded at the first run);
 * - a weekly digest of overdue actions: each owner with an open action past its due day gets one
 *   e-mail a week (ISO week, London calendar) listing them all.
 * Either can be turned off by the person (their account page); a person with no address is left
 * out, and said so in the run's report.
 */

import { daysBetween } from '../governance/index.ts';

/** How long before a question closes its reminder goes out. */
export const questionReminderHours = 24;

export interface Recipient {
  personId: string;
  name: string;
  email: string | null;
  /** False when the person turned the reminder off on their account page. */
  questionReminders: boolean;
  actionDigest: boolean;
}

export interface QuestionFacts {
  proposalId: string;
  closesAt: Date;
  voters: readonly { personId: string; hasRecorded: boolean }[];
}

/** Whether a question closing at `closesAt` is inside the reminder window at `now`. */
export function inReminderWindow(closesAt: Date, now: Date): boolean {
  const left = closesAt.getTime() - now.getTime();
  return left > 0 && left <= questionReminderHours * 60 * 60 * 1000;
}

export interface DueQuestionReminder {
  proposalId: string;
  personId: string;
  email: string;
  name: string;
}

export interface Skipped {
  personId: string;
  name: string;
  why: 'turned-off' | 'no-address';
}

/**
 * The reminders due now: for each question inside its window, each voter with nothing recorded,
 * not reminded of it before (`sent` holds `proposalId/personId`), who has an address and has not
 * turned question reminders off.
 */
export function questionRemindersDue(
  questions: readonly QuestionFacts[],
  recipients: ReadonlyMap<string, Recipient>,
  sent: ReadonlySet<string>,
  now: Date,
): { due: DueQuestionReminder[]; skipped: Skipped[] } {
  const due: DueQuestionReminder[] = [];
  const skipped: Skipped[] = [];
  for (const question of questions) {
    if (!inReminderWindow(question.closesAt, now)) continue;
    for (const voter of question.voters) {
      if (voter.hasRecorded || sent.has(sentKey(question.proposalId, voter.personId))) continue;
      const person = recipients.get(voter.personId);
      if (!person) continue;
      if (!person.questionReminders) {
        skipped.push({ personId: person.personId, name: person.name, why: 'turned-off' });
      } else if (!person.email) {
        skipped.push({ personId: person.personId, name: person.name, why: 'no-address' });
      } else {
        due.push({
          proposalId: question.proposalId,
          personId: person.personId,
          email: person.email,
          name: person.name,
        });
      }
    }
  }
  return { due, skipped };
}

/** The key of one reminder in the record of those sent: what it was about, and to whom. */
export function sentKey(about: string, personId: string): string {
  return `${about}/${personId}`;
}

/**
 * The ISO 8601 week a London calendar day falls in, e.g. "2026-W50": the digest goes once a week,
 * whichever day the job first runs in it.
 */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  // The week belongs to the year of its Thursday.
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  const weekOneMonday = firstThursday.getTime() - firstWeekday * 86_400_000;
  const week = Math.floor((thursday.getTime() - weekOneMonday) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface ActionFacts {
  id: string;
  ownerPersonId: string;
  status: string;
  dueOn: string;
}

export interface DueDigest<A extends ActionFacts> {
  personId: string;
  name: string;
  email: string;
  /** Most overdue first. */
  actions: (A & { daysOverdue: number })[];
}

/**
 * The digests due this week: one per owner with at least one open action past its due day, not
 * sent a digest this week already (`sentThisWeek` holds person ids), who has an address and has not
 * turned the digest off. An action due today is not yet overdue.
 */
export function digestsDue<A extends ActionFacts>(
  actions: readonly A[],
  recipients: ReadonlyMap<string, Recipient>,
  sentThisWeek: ReadonlySet<string>,
  today: string,
): { due: DueDigest<A>[]; skipped: Skipped[] } {
  const byOwner = new Map<string, (A & { daysOverdue: number })[]>();
  for (const action of actions) {
    if (action.status !== 'open' || action.dueOn >= today) continue;
    const list = byOwner.get(action.ownerPersonId) ?? [];
    list.push({ ...action, daysOverdue: daysBetween(action.dueOn, today) });
    byOwner.set(action.ownerPersonId, list);
  }
  const due: DueDigest<A>[] = [];
  const skipped: Skipped[] = [];
  for (const [personId, list] of byOwner) {
    if (sentThisWeek.has(personId)) continue;
    const person = recipients.get(personId);
    if (!person) continue;
    if (!person.actionDigest) {
      skipped.push({ personId, name: person.name, why: 'turned-off' });
    } else if (!person.email) {
      skipped.push({ personId, name: person.name, why: 'no-address' });
    } else {
      due.push({
        personId,
        name: person.name,
        email: person.email,
        actions: list.sort(
          (left, right) => right.daysOverdue - left.daysOverdue || left.id.localeCompare(right.id),
        ),
      });
    }
  }
  return { due: due.sort((left, right) => left.name.localeCompare(right.name)), skipped };
}
