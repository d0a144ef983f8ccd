/**
 * The register of interests' rules that need no database, from NHS England, Managing Conflicts
 * of Interest in the NHS (2017, updated): "Declare within 28 days of an interest arising;
 * decision-making staff make an annual declaration, nil returns included; registers published
 * annually; an entry may be withheld with a reason." Pure: today is always an argument.
 */
import { daysBetween } from '../governance/index.ts';
import type { Actor } from '../identity/index.ts';
import type { FieldProblem } from '../shared/problems.ts';

export const guidance = 'Managing Conflicts of Interest in the NHS (NHS England, 2017)';
export const twentyEightDayRule = 'Declare within 28 days of an interest arising';
export const annualDeclarationRule =
  'decision-making staff make an annual declaration, nil returns included';
export const withholdingRule = 'an entry may be withheld with a reason';

/** The most days after arising that a declaration is still on time. */
export const declarationWindowDays = 28;

export interface Lateness {
  late: boolean;
  /** Whole days from the day the interest arose to the day it was declared. */
  days: number;
  /** Set only when late: the rule, quoted, and by how much it was missed. */
  explanation: string | null;
}

/**
 * "Declare within 28 days of an interest arising": 28 days after is on time, 29 is late. The
 * days are counted from the day it arose to the day it was declared, both calendar dates.
 */
export function declarationLateness(entry: { aroseOn: string; declaredOn: string }): Lateness {
  const days = daysBetween(entry.aroseOn, entry.declaredOn);
  if (days <= declarationWindowDays) return { late: false, days, explanation: null };
  return {
    late: true,
    days,
    explanation: `Declared late: declared ${days} days after it arose; interests are to be declared within 28 days of arising (${guidance}: “${twentyEightDayRule}”).`,
  };
}

/**
 * The dates of a new entry, checked before anything is written: it cannot be declared before it
 * arose, nor on a day still to come, nor end before it arose.
 */
export function entryDateProblems(
  entry: { aroseOn: string; declaredOn: string; endedOn?: string | undefined },
  today: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (entry.aroseOn > today) {
    problems.push({
      field: 'aroseOn',
      message: `An interest is declared once it has arisen; ${entry.aroseOn} is still to come (today is ${today}).`,
    });
  }
  if (entry.declaredOn > today) {
    problems.push({
      field: 'declaredOn',
      message: `A declaration cannot be dated ${entry.declaredOn}, a date still to come; today is ${today}.`,
    });
  } else if (entry.declaredOn < entry.aroseOn) {
    problems.push({
      field: 'declaredOn',
      message: `An interest cannot be declared on ${entry.declaredOn}, before it arose on ${entry.aroseOn}.`,
    });
  }
  if (entry.endedOn !== undefined && entry.endedOn < entry.aroseOn) {
    problems.push({
      field: 'endedOn',
      message: `An interest cannot end on ${entry.endedOn}, before it arose on ${entry.aroseOn}.`,
    });
  }
  return problems;
}

/** Current at some point in the calendar year: arose by its end and not ended before its start. */
export function isCurrentInYear(
  entry: { aroseOn: string; endedOn: string | null },
  year: number,
): boolean {
  return (
    entry.aroseOn <= `${year}-12-31` && (entry.endedOn === null || entry.endedOn >= `${year}-01-01`)
  );
}

/** Current on a day: arose by then and not ended before it (the end date is the last day). */
export function isCurrentOn(entry: { aroseOn: string; endedOn: string | null }, date: string) {
  return entry.aroseOn <= date && (entry.endedOn === null || entry.endedOn >= date);
}

/**
 * A nil return says "nothing to declare", which is false while an interest on the register was
 * current in that year; a declaration confirming the listed interests needs some to confirm.
 */
export function annualDeclarationProblem(
  declaration: { year: number; isNilReturn: boolean },
  entries: readonly { aroseOn: string; endedOn: string | null }[],
  today: string,
): FieldProblem | undefined {
  const thisYear = Number(today.slice(0, 4));
  if (declaration.year > thisYear) {
    return {
      field: 'year',
      message: `The annual declaration for ${declaration.year} cannot be made before that year begins; this year is ${thisYear}.`,
    };
  }
  const current = entries.filter((entry) => isCurrentInYear(entry, declaration.year)).length;
  if (declaration.isNilReturn && current > 0) {
    return {
      field: 'isNilReturn',
      message: `A nil return says there is nothing to declare, but ${current} interest${current === 1 ? ' on the register was' : 's on the register were'} current in ${declaration.year}. Confirm the listed interests instead, or record when ${current === 1 ? 'it' : 'they'} ended.`,
    };
  }
  if (!declaration.isNilReturn && current === 0) {
    return {
      field: 'isNilReturn',
      message: `No interest on the register was current in ${declaration.year}, so there is nothing to confirm: make a nil return, or add the interests first.`,
    };
  }
  return undefined;
}

/**
 * Entries in a person's register are recorded by the person, by an administrator, or by the
 * secretariat of a body the person sits on (who keeps its register). A read token never writes.
 */
export function mayRecordInterests(
  actor: Actor,
  person: { id: string; bodySlugs: readonly string[] },
): boolean {
  if (actor.kind !== 'account') return false;
  if (actor.tokenScope !== undefined && actor.tokenScope !== 'write') return false;
  if (actor.isAdministrator || (actor.personId !== null && actor.personId === person.id)) {
    return true;
  }
  return actor.bodyRoles.some(
    (fact) => fact.role === 'secretariat' && person.bodySlugs.includes(fact.bodyId),
  );
}

/**
 * "An entry may be withheld with a reason": the published register shows that it is withheld and
 * why, never what it is. The person, the people of a body they sit on and administrators see it.
 */
export function mayReadWithheldEntries(
  actor: Actor,
  person: { id: string; bodySlugs: readonly string[] },
): boolean {
  if (actor.kind !== 'account') return false;
  if (actor.isAdministrator || (actor.personId !== null && actor.personId === person.id)) {
    return true;
  }
  return actor.bodyRoles.some((fact) => person.bodySlugs.includes(fact.bodyId));
}

/** "11 members; 3 have not made their 2026 declaration". */
export function declarationSummaryText(members: number, missing: number, year: number): string {
  const memberText = `${members} member${members === 1 ? '' : 's'}`;
  if (missing === 0) return `${memberText}; all have made their ${year} declaration`;
  return `${memberText}; ${missing} ${missing === 1 ? 'has' : 'have'} not made their ${year} declaration`;
}
