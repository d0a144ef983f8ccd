/**
 * Pure rules about members' terms, deputies, non-voting attendees and elections: the dates and
 * numbers a secretariat enters, checked before anything is written, and the constitution's own
 * words on each, so every page and refusal can quote the clause it applies.
 */
import { type Constitution, daysBetween } from '../governance/index.ts';
import type { FieldProblem } from '../shared/problems.ts';

/** A holding ending within this many days shows a warning, so a renewal is not missed. */
export const termWarningDays = 60;

export interface TermStatus {
  endsOn: string;
  /** Days from the date shown to the last day of the term (0 on the last day). */
  daysLeft: number;
  endingSoon: boolean;
}

/** The term of a holding as seen on a date; null when it has no end date. */
export function termStatus(endsOn: string | null, asOf: string): TermStatus | null {
  if (endsOn === null) return null;
  const daysLeft = daysBetween(asOf, endsOn);
  return { endsOn, daysLeft, endingSoon: daysLeft >= 0 && daysLeft <= termWarningDays };
}

/** A start and optional last day, in order; `field` names the last-day field in the errors. */
export function periodProblems(
  period: { startsOn: string; endsOn: string | null | undefined },
  endField = 'endsOn',
): FieldProblem[] {
  if (period.endsOn != null && period.endsOn < period.startsOn) {
    return [
      {
        field: endField,
        message: `The last day (${period.endsOn}) is before the first (${period.startsOn}); enter a last day on or after it.`,
      },
    ];
  }
  return [];
}

/**
 * A deputy stands in for one member, so their period must lie within that member's holding: not
 * before it starts, not after it ends.
 */
export function deputyPeriodProblems(
  period: { startsOn: string; endsOn: string | null },
  holding: { personName: string; startsOn: string; endsOn: string | null },
): FieldProblem[] {
  const problems = periodProblems(period);
  if (problems.length > 0) return problems;
  if (period.startsOn < holding.startsOn) {
    problems.push({
      field: 'startsOn',
      message: `${holding.personName}'s membership starts on ${holding.startsOn}; a deputy for them cannot start before it.`,
    });
  }
  if (holding.endsOn !== null && (period.endsOn === null || period.endsOn > holding.endsOn)) {
    problems.push({
      field: 'endsOn',
      message: `${holding.personName}'s membership ends on ${holding.endsOn}; a deputy for them must end by then.`,
    });
  }
  return problems;
}

export interface RuleWords {
  /** What the rule means for the record, in words. */
  summary: string;
  clause: string | null;
  text: string | null;
  assumption: string | null;
}

/** How the terms treat a deputy attending in a member's place. */
export function deputiesRule(constitution: Constitution): RuleWords {
  const rule = constitution.deputies;
  if (!rule) {
    return {
      summary:
        'These terms say nothing of deputies. The engine counts a deputy recorded for a member as that member attending; record the terms’ rule to change this.',
      clause: null,
      text: null,
      assumption: null,
    };
  }
  const counts = rule.countTowardQuorum
    ? 'counts toward the quorum'
    : 'does not count toward the quorum';
  const votes = rule.mayVote ? 'may vote' : 'may not vote';
  return {
    summary: `A deputy attending in a member's place ${counts} and ${votes}.`,
    clause: rule.clause,
    text: rule.text,
    assumption: rule.assumption?.reason ?? null,
  };
}

/** How the terms treat people attending without a seat. */
export function invitedAttendeesRule(constitution: Constitution): RuleWords {
  const rule = constitution.invitedAttendees;
  if (!rule) {
    return {
      summary:
        'These terms say nothing of invited attendees. A non-voting attendee is not a member: they never count toward the quorum and never vote.',
      clause: null,
      text: null,
      assumption: null,
    };
  }
  return {
    summary:
      'The terms allow attendance by invitation. An invited attendee is not a member: they never count toward the quorum and never vote.',
    clause: rule.clause,
    text: rule.text,
    assumption: rule.assumption?.reason ?? null,
  };
}

/** The standing-orders rule an election is decided by when the terms set none of their own. */
export const electionMajority = {
  clause: 'SI 2000/89 Sch 2',
  text: 'questions decided by a majority of those present and voting',
} as const;

export interface ElectedOffice {
  /** "the chair", "the seat" */
  what: string;
  clause: string;
  text: string;
}

/**
 * Whether the holding was filled by election under these terms: a seat filled by election, or a
 * chair or vice-chair the terms have elected. Null when nothing about it is elected.
 */
export function electedOffice(
  constitution: Constitution,
  holding: { seatRole: string; fillMethod: string; office: string | null },
): ElectedOffice | null {
  const seat = constitution.seats.find((candidate) => candidate.role === holding.seatRole);
  if (holding.office === 'chair' && constitution.chair.selection.method === 'elected') {
    return { what: 'the chair', clause: constitution.chair.clause, text: constitution.chair.text };
  }
  const viceChair = constitution.chair.viceChair;
  if (holding.office === 'viceChair' && viceChair?.selection.method === 'elected') {
    return { what: 'the vice-chair', clause: viceChair.clause, text: viceChair.text };
  }
  if (holding.fillMethod === 'elected' && seat) {
    return { what: `the seat (${seat.title})`, clause: seat.clause, text: seat.text };
  }
  return null;
}

/**
 * An election's result as the minutes record it. The terms elect but set no majority, so the
 * standing-orders rule is applied: elected by more than half of the votes cast (a tie elects no
 * one). Dates: held on or before the holding starts, and not in the future.
 */
export function electionProblems(election: {
  heldOn: string;
  votesFor: number;
  votesCast: number;
  holdingStartsOn: string;
  today: string;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (election.heldOn > election.today) {
    problems.push({
      field: 'heldOn',
      message: `The election cannot be recorded before it is held: ${election.heldOn} is after today (${election.today}).`,
    });
  } else if (election.heldOn > election.holdingStartsOn) {
    problems.push({
      field: 'heldOn',
      message: `The membership started on ${election.holdingStartsOn}; the election that filled it must be held on or before that day.`,
    });
  }
  if (election.votesCast < 1) {
    problems.push({ field: 'votesCast', message: 'Enter the number of votes cast: at least 1.' });
  } else if (election.votesFor > election.votesCast) {
    problems.push({
      field: 'votesFor',
      message: `Votes for (${election.votesFor}) cannot be more than the votes cast (${election.votesCast}).`,
    });
  } else if (election.votesFor * 2 <= election.votesCast) {
    problems.push({
      field: 'votesFor',
      message: `${election.votesFor} of ${election.votesCast} votes cast is not a majority: more than half is needed (${electionMajority.clause}: “${electionMajority.text}”, as the terms set no majority of their own).`,
    });
  }
  return problems;
}
