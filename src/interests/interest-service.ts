import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { InterestKind } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, isUniqueViolation, ProblemError } from '../shared/problems.ts';
import {
  type AnnualDeclarationRecord,
  type InterestRecord,
  insertAnnualDeclaration,
  insertInterest,
  lockPerson,
  selectAnnualDeclarations,
  selectBodySlugsOfPerson,
  selectInterestsOfPeople,
} from './interest-queries.ts';
import {
  type AnnualDeclarationView,
  declarationView,
  loadPerson,
} from './interest-register-view.ts';
import {
  annualDeclarationProblem,
  declarationLateness,
  entryDateProblems,
  type Lateness,
  mayRecordInterests,
} from './interest-rules.ts';

/**
 * The person whose register is to change, once the actor is known to be allowed to change it
 * (the person, an administrator, or the secretariat of a body they sit on); 404 or 403 otherwise.
 * Decided from the person alone, so the routes ask it before the body is read: a refusal never
 * depends on what was sent (docs/security.md).
 */
export async function personWhoseRegisterMayChange(options: {
  db: Database;
  actor: Actor;
  personId: string;
  now: Date;
}) {
  const person = await loadPerson(options.db, options.personId);
  const bodySlugs = await selectBodySlugsOfPerson(options.db, person.id, londonDate(options.now));
  if (mayRecordInterests(options.actor, { ...person, bodySlugs })) return person;
  throw new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail: `Only ${person.name}, an administrator or the secretariat of a body ${person.name} sits on may change this register of interests.`,
  });
}

export interface RecordInterestOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  personId: string;
  kind: InterestKind;
  description: string;
  aroseOn: string;
  /** Defaults to today in London. */
  declaredOn?: string | undefined;
  endedOn?: string | undefined;
  /** Withholds the entry from the published register, for this reason. */
  withheldReason?: string | undefined;
}

/**
 * Adds an entry to a person's register. A declaration more than 28 days after the interest arose
 * is accepted — the register must be complete — but flagged late, quoting the rule.
 */
export async function recordInterest(
  options: RecordInterestOptions,
): Promise<{ interestId: string; declaredOn: string; lateness: Lateness }> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const person = await personWhoseRegisterMayChange({
    db,
    actor,
    personId: options.personId,
    now: context.now,
  });
  const declaredOn = options.declaredOn ?? today;
  const dates = { aroseOn: options.aroseOn, declaredOn, endedOn: options.endedOn };
  const problems = entryDateProblems(dates, today);
  if (problems.length > 0) throw invalidInput(problems);
  const lateness = declarationLateness(dates);
  const entry: InterestRecord = {
    id: uuidv7(),
    personId: person.id,
    kind: options.kind,
    description: options.description,
    aroseOn: options.aroseOn,
    declaredOn,
    endedOn: options.endedOn ?? null,
    withheldReason: options.withheldReason?.trim() || null,
    recordedAt: context.now,
  };
  await db.transaction(async (transaction) => {
    await lockPerson(transaction, person.id);
    await insertInterest(transaction, entry);
    await recordAuditEvents(transaction, context, [
      {
        action: 'interests.entry-recorded',
        entityType: 'register-of-interests',
        entityId: person.id,
        after: {
          interestId: entry.id,
          person: person.name,
          kind: entry.kind,
          description: entry.description,
          aroseOn: entry.aroseOn,
          declaredOn: entry.declaredOn,
          endedOn: entry.endedOn,
          withheldReason: entry.withheldReason,
          late: lateness.explanation,
        },
      },
    ]);
  });
  return { interestId: entry.id, declaredOn, lateness };
}

/**
 * The annual declaration for a year: confirming the interests listed, or a nil return ("nothing
 * to declare"), which is refused while an interest on the register was current that year. One
 * per person per year; a second is a conflict.
 */
export async function makeAnnualDeclaration(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  personId: string;
  year: number;
  isNilReturn: boolean;
}): Promise<AnnualDeclarationView> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const person = await personWhoseRegisterMayChange({
    db,
    actor,
    personId: options.personId,
    now: context.now,
  });
  const duplicate = () =>
    conflict(
      'year',
      `${person.name} has already made the annual declaration for ${options.year}; there is one per year.`,
    );
  const declaration: AnnualDeclarationRecord = {
    id: uuidv7(),
    personId: person.id,
    year: options.year,
    isNilReturn: options.isNilReturn,
    declaredOn: today,
    recordedAt: context.now,
  };
  try {
    await db.transaction(async (transaction) => {
      await lockPerson(transaction, person.id);
      const made = await selectAnnualDeclarations(transaction, person.id);
      if (made.some((existing) => existing.year === options.year)) throw duplicate();
      const entries = await selectInterestsOfPeople(transaction, [person.id]);
      const problem = annualDeclarationProblem(declaration, entries, today);
      if (problem) throw invalidInput([problem]);
      await insertAnnualDeclaration(transaction, declaration);
      await recordAuditEvents(transaction, context, [
        {
          action: 'interests.annual-declaration-made',
          entityType: 'register-of-interests',
          entityId: person.id,
          after: {
            person: person.name,
            year: declaration.year,
            isNilReturn: declaration.isNilReturn,
            declaredOn: declaration.declaredOn,
          },
        },
      ]);
    });
  } catch (error) {
    // Two declarations racing past the check meet the unique index; the loser is told the same.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
  return declarationView(declaration);
}
