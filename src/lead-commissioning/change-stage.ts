/**
 * Use case: the lead PCT's post holder, or the local group's secretariat (or an administrator),
 * moves a negotiation to its next stage, dated and with a note; the history is kept in
 * negotiation_steps (2006 §106 "Implement and monitor the progress of negotiations across its
 * geographical area"). A move the stages do not allow is refused with the rule it breaks.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { type FieldProblem, invalidInput } from '../shared/problems.ts';
import {
  forbidden,
  loadArrangement,
  mayWrite,
  nameOf,
  postsOf,
  runsTheArea,
} from './arrangement-access.ts';
import { insertStep, lockArrangement, selectSteps, updateStage } from './arrangement-queries.ts';
import {
  type NegotiationStage,
  negotiationStages,
  negotiationsClause,
  stageMoveProblem,
} from './arrangement-rules.ts';

export function asStage(stage: string): NegotiationStage {
  return (negotiationStages as readonly string[]).includes(stage)
    ? (stage as NegotiationStage)
    : 'preparation';
}

/** The stage a dispute interrupted: the stage of the step before the last move into dispute. */
export function stageBeforeDispute(steps: readonly { stage: string }[]): NegotiationStage | null {
  for (let index = steps.length - 1; index > 0; index -= 1) {
    if (steps[index]?.stage === 'in-dispute') {
      const before = steps[index - 1]?.stage;
      return before ? asStage(before) : null;
    }
  }
  return null;
}

/** Whether the actor may move the negotiation: the lead's post holder or the area's secretariat. */
export async function mayMoveNegotiation(
  db: Database,
  actor: Actor,
  arrangement: { bodySlug: string; leadOrganisationId: string },
  now: Date,
): Promise<boolean> {
  if (!mayWrite(actor)) return false;
  if (runsTheArea(actor, arrangement.bodySlug)) return true;
  return (await postsOf(db, actor, now)).has(arrangement.leadOrganisationId);
}

export async function changeStage(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  arrangementId: string;
  stage: NegotiationStage;
  happenedOn: string;
  note?: string | undefined;
}): Promise<{ stage: NegotiationStage }> {
  const { db, context, actor } = options;
  const arrangement = await loadArrangement(db, options.arrangementId);
  if (!(await mayMoveNegotiation(db, actor, arrangement, context.now))) {
    throw forbidden(
      `Only a post holder of the lead PCT, the secretariat of ${arrangement.bodyTitle} or an administrator may move this negotiation on (${negotiationsClause.clause}).`,
    );
  }
  const today = londonDate(context.now);
  const steps = await selectSteps(db, arrangement.id);
  const from = asStage(arrangement.stage);
  const problems: FieldProblem[] = [];
  const moveProblem = stageMoveProblem(from, options.stage, stageBeforeDispute(steps));
  if (moveProblem) problems.push({ field: 'stage', message: moveProblem });
  if (options.happenedOn > today) {
    problems.push({
      field: 'happenedOn',
      message: `A stage cannot be reached after today (${today}).`,
    });
  } else if (options.happenedOn < arrangement.stageChangedOn) {
    problems.push({
      field: 'happenedOn',
      message: `The negotiation reached its present stage on ${arrangement.stageChangedOn}: the next stage cannot come before it.`,
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
  await db.transaction(async (transaction) => {
    await lockArrangement(transaction, arrangement.id);
    await updateStage(transaction, arrangement.id, options.stage, options.happenedOn);
    const step = {
      id: uuidv7(),
      arrangementId: arrangement.id,
      stage: options.stage,
      happenedOn: options.happenedOn,
      note: options.note ?? null,
      recordedBy: nameOf(actor, context.actor),
      recordedAt: context.now,
    };
    await insertStep(transaction, step);
    await recordAuditEvents(transaction, context, [
      {
        action: 'lead-arrangement.stage-changed',
        entityType: 'lead-arrangement',
        entityId: arrangement.id,
        before: { stage: from, stageChangedOn: arrangement.stageChangedOn },
        after: { stage: options.stage, stageChangedOn: options.happenedOn, note: step.note },
      },
    ]);
  });
  return { stage: options.stage };
}

/**
 * Refuses, before a request's body is read, anyone who may not move the arrangement on (the
 * lead's post holder, the area's secretariat, an administrator): a refusal never depends on what
 * was sent.
 */
export async function refuseUnlessMayMove(options: {
  db: Database;
  actor: Actor;
  arrangementId: string;
  now: Date;
}): Promise<void> {
  const arrangement = await loadArrangement(options.db, options.arrangementId);
  if (!(await mayMoveNegotiation(options.db, options.actor, arrangement, options.now))) {
    throw forbidden(
      `Only a post holder of the lead PCT, the secretariat of ${arrangement.bodyTitle} or an administrator may act on this negotiation (${negotiationsClause.clause}).`,
    );
  }
}
