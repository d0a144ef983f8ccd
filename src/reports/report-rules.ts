/**
 * The rules of progress updates and annual reports, pure: which duty of the terms a report meets,
 * what period it may cover, and how the record's facts are counted into its figures (attendance
 * by member and by sector, RAG by month). The facts are arguments; nothing here reads a database.
 */
import type { Constitution } from '../governance/index.ts';

export const reportKinds = ['progress-update', 'annual-report'] as const;
export type ReportKind = (typeof reportKinds)[number];

type ReportingDuty = NonNullable<Constitution['reporting']>[number];

/** The constitution's name for each kind of report. */
export const dutyKindOf: Record<ReportKind, ReportingDuty['report']> = {
  'progress-update': 'progressUpdate',
  'annual-report': 'annualReport',
};

export const reportKindText: Record<ReportKind, string> = {
  'progress-update': 'Progress update',
  'annual-report': 'Annual report',
};

/** Issue 26 and both documents: a report is "of" a period, and a period has an end. */
export const periodRule = {
  clause: '2008 §Key responsibilities, Communications',
  text: 'there will be regular progress updates and an annual report of the work of the LCG',
};

export interface FieldProblem {
  field: string;
  message: string;
}

/** The longest period each kind of report may cover, in calendar months. */
export const longestPeriodMonths: Record<ReportKind, number> = {
  // "Regular progress updates": within three months of each other (decision 072), so a quarter.
  'progress-update': 3,
  // "An annual report": a year, April to March as NHS bodies report, or any twelve months.
  'annual-report': 12,
};

/** The day a number of calendar months after a date, the day held to the month's end. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * Whether a period may be reported: it has an end, the end is not before its start, it has
 * ended by today (the figures are frozen as at the period's end, so a period still running has no
 * end to freeze them at; today's figures are those at the end of today, as the record stands), and
 * it is no longer than its kind of report covers — a quarter for a progress update, a year for an
 * annual report.
 */
export function checkPeriod(period: {
  kind: ReportKind;
  from: string;
  to: string | undefined;
  today: string;
}): FieldProblem[] {
  if (!period.to) {
    return [
      {
        field: 'periodTo',
        message: `Enter the date the period ends: a report is of a period with an end, and its figures are taken as at that end (${periodRule.clause}: “${periodRule.text}”).`,
      },
    ];
  }
  if (period.to < period.from) {
    return [{ field: 'periodTo', message: 'The period cannot end before it starts.' }];
  }
  if (period.to > period.today) {
    return [
      {
        field: 'periodTo',
        message:
          'The period has not ended yet: a report’s figures are taken as at the end of its period, so report a period that has ended.',
      },
    ];
  }
  const months = longestPeriodMonths[period.kind];
  if (period.to >= addMonths(period.from, months)) {
    return [
      {
        field: 'periodTo',
        message:
          period.kind === 'annual-report'
            ? 'An annual report covers a year at most: end the period within twelve months of its start (for the NHS year, 1 April to 31 March).'
            : 'A progress update covers a quarter at most: end the period within three months of its start (“regular progress updates”, reported at least every three months).',
      },
    ];
  }
  return [];
}

/**
 * The duty of the terms a report meets: the first reporting duty of its kind. A body whose terms
 * name none produces no such report, and the refusal says so.
 */
export function dutyForReport(
  constitution: Constitution | undefined,
  kind: ReportKind,
  bodyTitle: string,
): { duty: ReportingDuty } | { problem: FieldProblem } {
  const duty = (constitution?.reporting ?? []).find(
    (candidate) => candidate.report === dutyKindOf[kind],
  );
  if (duty) return { duty };
  return {
    problem: {
      field: 'kind',
      message: `The terms of reference of ${bodyTitle} in force name no duty to produce ${kind === 'annual-report' ? 'an annual report' : 'progress updates'}, so there is none to generate.`,
    },
  };
}

export interface AttendanceFact {
  meetingId: string;
  seatHoldingId: string;
  status: 'present' | 'apologies' | 'absent' | 'deputy';
}

export interface HoldingFact {
  id: string;
  personName: string;
  organisationName: string | null;
  sectorName: string | null;
  seatTitle: string;
  startsOn: string;
  endsOn: string | null;
}

export interface MemberAttendance {
  name: string;
  organisation: string | null;
  sector: string | null;
  seat: string;
  /** Meetings held while they held the seat. */
  expected: number;
  present: number;
  deputised: number;
  apologies: number;
  absent: number;
}

export interface SectorAttendance {
  sector: string;
  /** Attendances in person or by deputy, of the meetings the sector's members were expected at. */
  attended: number;
  expected: number;
  percent: number;
}

/**
 * Attendance by member over the meetings held: each seat holding is expected at the meetings
 * held while it was held; an expected meeting with no record counts as absent.
 */
export function attendanceByMember(
  meetings: readonly { id: string; on: string }[],
  holdings: readonly HoldingFact[],
  records: readonly AttendanceFact[],
): MemberAttendance[] {
  const statusOf = new Map(
    records.map((record) => [`${record.meetingId}:${record.seatHoldingId}`, record.status]),
  );
  return holdings
    .map((holding) => {
      const expectedAt = meetings.filter(
        (meeting) =>
          meeting.on >= holding.startsOn &&
          (holding.endsOn === null || meeting.on <= holding.endsOn),
      );
      const counts = { present: 0, deputised: 0, apologies: 0, absent: 0 };
      for (const meeting of expectedAt) {
        const status = statusOf.get(`${meeting.id}:${holding.id}`) ?? 'absent';
        if (status === 'deputy') counts.deputised += 1;
        else counts[status] += 1;
      }
      return {
        name: holding.personName,
        organisation: holding.organisationName,
        sector: holding.sectorName,
        seat: holding.seatTitle,
        expected: expectedAt.length,
        ...counts,
      };
    })
    .filter((member) => member.expected > 0)
    .sort((left, right) => left.name.localeCompare(right.name, 'en-GB'));
}

/** Attendance by sector: members of no one sector (NHS London, the Mayor’s office…) are counted as London-wide. */
export function attendanceBySector(members: readonly MemberAttendance[]): SectorAttendance[] {
  const bySector = new Map<string, { attended: number; expected: number }>();
  for (const member of members) {
    const sector = member.sector ?? 'London-wide members';
    const totals = bySector.get(sector) ?? { attended: 0, expected: 0 };
    totals.attended += member.present + member.deputised;
    totals.expected += member.expected;
    bySector.set(sector, totals);
  }
  return [...bySector.entries()]
    .map(([sector, totals]) => ({
      sector,
      ...totals,
      percent: totals.expected === 0 ? 0 : Math.round((totals.attended * 100) / totals.expected),
    }))
    .sort((left, right) => left.sector.localeCompare(right.sector, 'en-GB'));
}

/**
 * The month ends a period's "RAG by month" is counted at: the last day of each month the period
 * touches, the last one capped at the period's end.
 */
export function monthEndsOf(from: string, to: string): string[] {
  const ends: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    const end = last < to ? last : to;
    ends.push(end);
    if (end >= to) return ends;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** A month end as words for a chart's label: "March 2009". */
export function monthText(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * The financial year (April to March) a date falls in, as NHS bodies report: its first and last
 * day, for the annual report's default period.
 */
export function financialYearOf(date: string): { from: string; to: string } {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const start = month >= 4 ? year : year - 1;
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/** The quarter (of the financial year) a date falls in, for the progress update's default. */
export function quarterOf(date: string): { from: string; to: string } {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const firstMonth = month - ((month - 1) % 3);
  const lastMonth = firstMonth + 2;
  const pad = (value: number) => String(value).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${lastDay}` };
}
