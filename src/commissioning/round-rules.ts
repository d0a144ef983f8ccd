/**
 * The rules of the annual commissioning round, pure (time and facts are arguments):
 * 2006 §104, "Undertake an annual ‘horizon scanning’ process to identify prospective commissioning
 * priorities, with input from all London PCTs to form the basis of annual London wide
 * Commissioning Intentions", run to 2008 "Business development" bullet 1's "consistent
 * commissioning business process and timetable". Each refusal carries its clause.
 */
import { daysBetween } from '../governance/index.ts';
import type { FieldProblem } from '../shared/problems.ts';

export interface Rule {
  clause: string;
  text: string;
}

export const horizonScanning: Rule = {
  clause: '2006 §104',
  text: 'Undertake an annual ‘horizon scanning’ process to identify prospective commissioning priorities, with input from all London PCTs to form the basis of annual London wide Commissioning Intentions',
};

export const consistentTimetable: Rule = {
  clause: '2008 Business development',
  text: 'ensuring delivery of a consistent commissioning business process and timetable',
};

export const roundStatuses = [
  'open',
  'consolidating',
  'put-to-group',
  'agreed',
  'published',
] as const;
export type RoundStatus = (typeof roundStatuses)[number];

export const statusInWords: Record<RoundStatus, string> = {
  open: 'Open for returns',
  consolidating: 'Consolidating the returns',
  'put-to-group': 'Intentions put to the London group',
  agreed: 'Intentions agreed',
  published: 'Prospectus published',
};

/** The round moves forward one step at a time and never back (except as the intentions slice says). */
export function nextStatus(status: RoundStatus): RoundStatus | undefined {
  return roundStatuses[roundStatuses.indexOf(status) + 1];
}

export function mayMoveTo(from: RoundStatus, to: RoundStatus): boolean {
  return nextStatus(from) === to;
}

export interface Timetable {
  submissionsOpenOn: string;
  submissionsDueOn: string;
  consolidationBy: string;
  agreementBy: string;
  publicationBy: string;
}

export const timetableSteps: readonly { field: keyof Timetable; label: string }[] = [
  { field: 'submissionsOpenOn', label: 'Returns open' },
  { field: 'submissionsDueOn', label: 'Returns due' },
  { field: 'consolidationBy', label: 'Returns consolidated into London intentions by' },
  { field: 'agreementBy', label: 'Intentions agreed by' },
  { field: 'publicationBy', label: 'Prospectus published by' },
];

const spoken = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "2008-03-12" reads "12 March 2008". */
export function dateInWords(iso: string): string {
  return spoken.format(new Date(`${iso}T00:00:00Z`));
}

/** The timetable in order: each date on or after the one before it. */
export function checkTimetable(timetable: Timetable): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (let index = 1; index < timetableSteps.length; index++) {
    const before = timetableSteps[index - 1]!;
    const step = timetableSteps[index]!;
    if (timetable[step.field] < timetable[before.field]) {
      problems.push({
        field: step.field,
        message: `“${step.label}” (${dateInWords(timetable[step.field])}) cannot come before “${before.label}” (${dateInWords(timetable[before.field])}): the timetable runs in order (${consistentTimetable.clause}: “${consistentTimetable.text}”).`,
      });
    }
  }
  return problems;
}

export interface Lateness {
  late: boolean;
  /** Whole days after the due date (0 when on time). */
  daysLate: number;
  submittedOn: string;
  dueOn: string;
  clause: string;
}

/** A return is late when made after the due date; the day itself is on time. */
export function lateness(submittedOn: string, dueOn: string): Lateness {
  const daysLate = Math.max(0, daysBetween(dueOn, submittedOn));
  return {
    late: daysLate > 0,
    daysLate,
    submittedOn,
    dueOn,
    clause: consistentTimetable.clause,
  };
}

/** Days a missing return is overdue today (0 until the due date has passed). */
export function daysOverdue(today: string, dueOn: string): number {
  return Math.max(0, daysBetween(dueOn, today));
}

export interface Candidate {
  name: string;
  type: string;
  sectorId: string | null;
}

export type Verdict = { ok: true } | { ok: false; message: string };

/**
 * Who is a PCT of the round: a primary care trust in one of the London group's sectors ("input
 * from all London PCTs", 2006 §104). Anything else is refused naming the rule.
 */
export function pctOfRound(candidate: Candidate, roundSectorIds: readonly string[]): Verdict {
  if (candidate.type !== 'primary-care-trust') {
    return {
      ok: false,
      message: `${candidate.name} is not a primary care trust: the round takes returns from London PCTs and the local groups only (${horizonScanning.clause}: “${horizonScanning.text}”).`,
    };
  }
  if (!candidate.sectorId || !roundSectorIds.includes(candidate.sectorId)) {
    return {
      ok: false,
      message: `${candidate.name} is not one of the London group’s PCTs (none of its sectors): the round takes returns from London PCTs only (${horizonScanning.clause}: “${horizonScanning.text}”).`,
    };
  }
  return { ok: true };
}

export interface ReturnFacts {
  status: RoundStatus;
  timetable: Timetable;
  /** Today, in London: the day the return is made. */
  today: string;
  /** The return already made by this submitter, if any. */
  existing: { submittedOn: string } | undefined;
  isNilReturn: boolean;
  priorityCount: number;
  lateReason: string | undefined;
}

export type Refusal = { ok: false; status: 400 | 409; errors: FieldProblem[] };
export type ReturnCheck = { ok: true; lateness: Lateness } | Refusal;

/**
 * Whether a return may be made (or replaced) now: not before returns open; after the due date only
 * with the reason it is late; a replacement only until consolidation starts; nothing once the round
 * has moved past consolidation; a nil return has no priorities, any other at least one.
 */
export function checkReturn(facts: ReturnFacts): ReturnCheck {
  const { status, timetable, today } = facts;
  const refused = (code: 400 | 409, field: string, message: string): ReturnCheck => ({
    ok: false,
    status: code,
    errors: [{ field, message }],
  });
  if (status !== 'open' && status !== 'consolidating') {
    return refused(
      409,
      'round',
      `The round has moved past consolidation (“${statusInWords[status]}”): returns are no longer taken (${consistentTimetable.clause}: “${consistentTimetable.text}”).`,
    );
  }
  if (facts.existing && status !== 'open') {
    return refused(
      409,
      'round',
      `A return was received on ${dateInWords(facts.existing.submittedOn)}; it may be replaced only until consolidation starts, and consolidation has started (${consistentTimetable.clause}).`,
    );
  }
  if (today < timetable.submissionsOpenOn) {
    return refused(
      409,
      'round',
      `Returns open on ${dateInWords(timetable.submissionsOpenOn)}; today is ${dateInWords(today)} (${consistentTimetable.clause}).`,
    );
  }
  const errors: FieldProblem[] = [];
  if (facts.isNilReturn && facts.priorityCount > 0) {
    errors.push({
      field: 'isNilReturn',
      message: 'A nil return has no priorities: untick “nil return” or remove the priorities.',
    });
  }
  if (!facts.isNilReturn && facts.priorityCount === 0) {
    errors.push({
      field: 'priorities',
      message: `Give at least one prospective commissioning priority, or make a nil return (${horizonScanning.clause}).`,
    });
  }
  const late = lateness(today, timetable.submissionsDueOn);
  if (late.late && !facts.lateReason) {
    errors.push({
      field: 'lateReason',
      message: `Returns were due on ${dateInWords(late.dueOn)}; this one is ${late.daysLate} ${late.daysLate === 1 ? 'day' : 'days'} late (made ${dateInWords(late.submittedOn)}). Give the reason it is late: a late return is taken only with its reason recorded (${consistentTimetable.clause}: “${consistentTimetable.text}”).`,
    });
  }
  if (errors.length > 0) return { ok: false, status: 400, errors };
  return { ok: true, lateness: late };
}

/**
 * The timetable may change only while the round is open for returns, and once any return has been
 * received the returns-due date stays put: each return was judged on time or late against it.
 */
export function checkTimetableChange(
  status: RoundStatus,
  timetable: Timetable,
  judged: { submissionsDueOn: string; returnsReceived: number } = {
    submissionsDueOn: timetable.submissionsDueOn,
    returnsReceived: 0,
  },
): { ok: true } | Refusal {
  if (status !== 'open') {
    return {
      ok: false,
      status: 409,
      errors: [
        {
          field: 'round',
          message: `The timetable can change only while the round is open for returns; it is now at “${statusInWords[status]}” (${consistentTimetable.clause}).`,
        },
      ],
    };
  }
  if (judged.returnsReceived > 0 && timetable.submissionsDueOn !== judged.submissionsDueOn) {
    const count = judged.returnsReceived;
    return {
      ok: false,
      status: 409,
      errors: [
        {
          field: 'submissionsDueOn',
          message: `The date returns are due stays ${dateInWords(judged.submissionsDueOn)}: ${count} ${count === 1 ? 'return has' : 'returns have'} been received and judged on time or late against it (${consistentTimetable.clause}: “${consistentTimetable.text}”). The other dates may still move.`,
        },
      ],
    };
  }
  const problems = checkTimetable(timetable);
  if (problems.length > 0) return { ok: false, status: 400, errors: problems };
  return { ok: true };
}

/** The financial year a round commissions for: 2008 reads "2008/09"; its path "2008-09". */
export function yearInWords(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function yearInPath(startYear: number): string {
  return yearInWords(startYear).replace('/', '-');
}

/** The financial years the register keeps rounds for: 2000/01 to 2099/00. */
export const firstStartYear = 2000;
export const lastStartYear = 2099;

/**
 * "2008-09" or "2008/09" → 2008; anything else (or "2008-10", or a year outside 2000/01 to
 * 2099/00) → undefined.
 */
export function startYearOf(text: string): number | undefined {
  const match = /^(\d{4})[-/](\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const startYear = Number(match[1]);
  if (startYear < firstStartYear || startYear > lastStartYear) return undefined;
  return Number(match[2]) === (startYear + 1) % 100 ? startYear : undefined;
}

/** Where each date of the timetable stands today. */
export function timetableToday(timetable: Timetable, today: string) {
  return timetableSteps.map((step) => ({
    ...step,
    date: timetable[step.field],
    passed: timetable[step.field] < today,
  }));
}

/** The next date of the timetable still to come, for the commissioning home page. */
export function nextDate(timetable: Timetable, today: string) {
  return timetableToday(timetable, today).find((step) => !step.passed);
}

/** The twelve London service areas the demo's priorities and intentions share (the form offers them). */
export const londonServiceAreas = [
  'Stroke',
  'Major trauma',
  'Urgent care',
  'Polyclinics and primary care',
  'Maternity and newborn',
  'Mental health',
  'End of life care',
  'Diabetes',
  'Chronic obstructive pulmonary disease',
  'Planned care',
  'Staying healthy',
  'Children and young people',
] as const;
