/**
 * Use case: a PCT records its local commissioning plan for the round — which of London's agreed
 * intentions it plans for, and its own lines against none — so the London group can check the
 * "fit" between local plans (2006 §104). A post holder at the PCT records it, or the London
 * group's secretariat for it. Recording again replaces the plan; each is audited.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, ProblemError } from '../shared/problems.ts';
import { loadRound, type RoundAddress } from './intention-access.ts';
import { holdsPostAt, selectIntentions, selectPrimaryCareTrusts } from './intention-queries.ts';
import { clauses } from './intention-rules.ts';
import { replaceLocalPlan } from './local-plan-queries.ts';

export interface LocalPlanInput {
  organisationId: string;
  intentionIds: string[];
  ownLines: { title: string; note?: string | undefined }[];
}

export async function recordLocalPlan(
  options: RoundAddress & LocalPlanInput & { db: Database; context: ActionContext; actor: Actor },
): Promise<{ planId: string; gaps: number; divergences: number }> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  return db.transaction(async (transaction) => {
    const round = await loadRound(transaction, options, true);
    const pct = (await selectPrimaryCareTrusts(transaction)).find(
      (candidate) => candidate.id === options.organisationId,
    );
    if (!pct) {
      throw invalidInput([
        { field: 'organisationId', message: 'Choose the PCT whose local plan this is.' },
      ]);
    }
    const runsRound = mayRunBody(actor, round.bodySlug);
    const holdsPost =
      actor.kind === 'account' &&
      actor.personId !== null &&
      (await holdsPostAt(transaction, actor.personId, pct.id, today));
    if (!runsRound && !holdsPost) {
      throw new ProblemError({
        status: 403,
        code: 'forbidden',
        title: 'You do not have permission to do this',
        detail: `Only someone holding a post at ${pct.name}, or the secretariat of ${round.bodyTitle}, may record its local plan.`,
      });
    }
    if (round.status !== 'agreed' && round.status !== 'published') {
      throw conflict(
        'status',
        `A local plan is checked for fit against the intentions ${round.bodyTitle} agreed, and they are not agreed yet (${clauses.fit.clause}).`,
      );
    }
    const intentions = await selectIntentions(transaction, round.id);
    const intentionIds = [...new Set(options.intentionIds)];
    const unknown = intentionIds.find((id) => !intentions.some((intention) => intention.id === id));
    if (unknown) {
      throw invalidInput([
        {
          field: 'intentionIds',
          message: 'Choose from the London intentions of this round.',
        },
      ]);
    }
    const entries = [
      ...intentions
        .filter((intention) => intentionIds.includes(intention.id))
        .map((intention) => ({
          id: uuidv7(),
          intentionId: intention.id,
          title: intention.title,
          note: null,
        })),
      ...options.ownLines.map((line) => ({
        id: uuidv7(),
        intentionId: null,
        title: line.title,
        note: line.note ?? null,
      })),
    ];
    const planId = await replaceLocalPlan(
      transaction,
      {
        id: uuidv7(),
        roundId: round.id,
        organisationId: pct.id,
        recordedOn: today,
        recordedBy: context.actor,
        createdAt: context.now,
      },
      entries,
    );
    const gaps = intentions.length - intentionIds.length;
    await recordAuditEvents(transaction, context, [
      {
        action: 'local-plan.recorded',
        entityType: 'commissioning-round',
        entityId: round.id,
        after: {
          planId,
          organisationId: pct.id,
          intentionIds,
          ownLines: options.ownLines.map((line) => line.title),
          gaps,
        },
      },
    ]);
    return { planId, gaps, divergences: options.ownLines.length };
  });
}
