/**
 * A return to the round (2006 §104: "with input from all London PCTs"): a PCT's prospective
 * commissioning priorities — title, service area, rationale, expected effect and the population it
 * serves — or a nil return, or a local group's. Made by a person holding a current post at the
 * PCT (for a local group: its secretariat or chair), or entered by the round's secretariat on the
 * submitter's behalf and recorded as such. Late returns need their reason; a return may be
 * replaced until consolidation starts. One transaction with its audit event; a refusal writes
 * nothing.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, isChairOf, londonDate, mayRunBody } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, ProblemError } from '../shared/problems.ts';
import { forbidden, loadRound, type SubmitterOfRound, submitterOfRound } from './round-access.ts';
import {
  holdsCurrentPostAt,
  insertSubmission,
  type PriorityRecord,
  type RoundRecord,
  replaceSubmission,
  type Submitter,
  selectPriorities,
  selectRoundForUpdate,
  selectSubmission,
} from './round-queries.ts';
import { checkReturn, yearInWords } from './round-rules.ts';

export interface PriorityInput {
  title: string;
  serviceArea: string;
  rationale: string;
  expectedEffect: string;
  population: string;
}

export interface SubmitReturnOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  year: string;
  /** A PCT by its organisation id, or a local group by its slug. */
  submitter: string;
  isNilReturn: boolean;
  priorities: PriorityInput[];
  lateReason?: string | undefined;
}

export interface SubmittedReturn {
  submissionId: string;
  replaced: boolean;
  isLate: boolean;
  onBehalf: boolean;
}

/** Whether the actor makes the return as the submitter's own, or on its behalf as the round's secretariat. */
async function authorityOf(
  db: Database,
  actor: Actor,
  round: RoundRecord,
  who: SubmitterOfRound,
  today: string,
): Promise<'own' | 'on-behalf'> {
  if (actor.kind !== 'account') throw forbidden('Sign in to make a return.');
  const own =
    who.kind === 'pct'
      ? actor.personId !== null && (await holdsCurrentPostAt(db, actor.personId, who.id, today))
      : mayRunBody(actor, who.slug) || isChairOf(actor, who.slug);
  if (own && !actor.isAdministrator) return 'own';
  if (mayRunBody(actor, round.bodySlug)) return 'on-behalf';
  if (own) return 'own';
  throw forbidden(
    who.kind === 'pct'
      ? `Only a person holding a current post at ${who.name}, or the secretariat of ${round.bodyTitle} entering it on the PCT’s behalf, may make its return.`
      : `Only the secretariat or chair of ${who.name}, or the secretariat of ${round.bodyTitle} entering it on the group’s behalf, may make its return.`,
  );
}

function auditedReturn(
  submission: {
    isNilReturn: boolean;
    isLate: boolean;
    lateReason: string | null;
    submittedOn: string;
    submittedBy: string;
  },
  priorities: readonly PriorityRecord[],
) {
  return {
    isNilReturn: submission.isNilReturn,
    isLate: submission.isLate,
    lateReason: submission.lateReason,
    submittedOn: submission.submittedOn,
    submittedBy: submission.submittedBy,
    priorities: priorities.map(({ title, serviceArea, rationale, expectedEffect, population }) => ({
      title,
      serviceArea,
      rationale,
      expectedEffect,
      population,
    })),
  };
}

export async function submitReturn(options: SubmitReturnOptions): Promise<SubmittedReturn> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const round = await loadRound(db, options.slug, options.year);
  const who = await submitterOfRound(db, round, options.submitter);
  const authority = await authorityOf(db, actor, round, who, today);
  const onBehalf = authority === 'on-behalf';
  const actorName = actor.kind === 'account' ? actor.displayName : 'Unknown';
  const submittedBy = onBehalf
    ? `${actorName} (${actor.kind === 'account' && actor.isAdministrator ? 'administrator' : `secretariat of ${round.bodyTitle}`}, on behalf of ${who.name})`
    : actorName;
  const submitter: Submitter = who.kind === 'pct' ? { organisationId: who.id } : { bodyId: who.id };
  const lateReason = options.lateReason?.trim() || undefined;

  return db.transaction(async (transaction) => {
    const locked = await selectRoundForUpdate(transaction, round.bodyId, round.startYear);
    if (!locked) {
      throw new ProblemError({
        status: 404,
        code: 'not-found',
        title: 'Not found',
        detail: `${round.bodyTitle} has no commissioning round for ${yearInWords(round.startYear)}.`,
      });
    }
    const existing = await selectSubmission(transaction, locked.id, submitter);
    const check = checkReturn({
      status: locked.status,
      timetable: locked,
      today,
      existing,
      isNilReturn: options.isNilReturn,
      priorityCount: options.priorities.length,
      lateReason,
    });
    if (!check.ok) {
      const [first] = check.errors;
      if (check.status === 409 && first) throw conflict(first.field, first.message);
      throw invalidInput(check.errors);
    }
    const facts = {
      isNilReturn: options.isNilReturn,
      isLate: check.lateness.late,
      lateReason: check.lateness.late ? (lateReason ?? null) : null,
      submittedOn: today,
      submittedBy,
    };
    const priorities = options.priorities.map((priority, index) => ({
      id: uuidv7(),
      position: index + 1,
      ...priority,
    }));
    const whoInAudit = {
      roundId: locked.id,
      year: yearInWords(locked.startYear),
      ...submitter,
      submitterName: who.name,
      onBehalf,
    };
    if (existing) {
      const before = auditedReturn(existing, await selectPriorities(transaction, existing.id));
      await replaceSubmission(transaction, existing.id, facts, priorities, context.now);
      await recordAuditEvents(transaction, context, [
        {
          action: 'commissioning-round.return-replaced',
          entityType: 'commissioning-round',
          entityId: locked.id,
          before: { ...whoInAudit, ...before },
          after: { ...whoInAudit, ...auditedReturn(facts, priorities) },
        },
      ]);
      return { submissionId: existing.id, replaced: true, isLate: facts.isLate, onBehalf };
    }
    const submissionId = uuidv7();
    await insertSubmission(
      transaction,
      {
        id: submissionId,
        roundId: locked.id,
        organisationId: who.kind === 'pct' ? who.id : null,
        bodyId: who.kind === 'group' ? who.id : null,
        ...facts,
        createdAt: context.now,
      },
      priorities,
    );
    await recordAuditEvents(transaction, context, [
      {
        action: 'commissioning-round.return-submitted',
        entityType: 'commissioning-round',
        entityId: locked.id,
        after: { ...whoInAudit, ...auditedReturn(facts, priorities) },
      },
    ]);
    return { submissionId, replaced: false, isLate: facts.isLate, onBehalf };
  });
}
