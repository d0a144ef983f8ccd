/** SQL for PCTs' local plans and their lines (split from intention-queries.ts). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { localPlanEntries, localPlans } from '../db/schema/commissioning.ts';
export interface LocalPlanRecord {
  id: string;
  organisationId: string;
  recordedOn: string;
  recordedBy: string;
  entries: { intentionId: string | null; title: string; note: string | null }[];
}

export async function selectLocalPlans(
  reader: Reader,
  roundId: string,
): Promise<LocalPlanRecord[]> {
  const plans = await reader
    .select({
      id: localPlans.id,
      organisationId: localPlans.organisationId,
      recordedOn: localPlans.recordedOn,
      recordedBy: localPlans.recordedBy,
    })
    .from(localPlans)
    .where(eq(localPlans.roundId, roundId));
  const entries = plans.length
    ? await reader
        .select({
          planId: localPlanEntries.planId,
          intentionId: localPlanEntries.intentionId,
          title: localPlanEntries.title,
          note: localPlanEntries.note,
        })
        .from(localPlanEntries)
        .where(
          inArray(
            localPlanEntries.planId,
            plans.map((plan) => plan.id),
          ),
        )
        .orderBy(asc(localPlanEntries.createdAt), asc(localPlanEntries.id))
    : [];
  return plans.map((plan) => ({
    ...plan,
    entries: entries
      .filter((entry) => entry.planId === plan.id)
      .map(({ planId: _planId, ...entry }) => entry),
  }));
}

/** Records (or replaces) a PCT's local plan for the round: the plan row, then its lines afresh. */
export async function replaceLocalPlan(
  transaction: Transaction,
  plan: {
    id: string;
    roundId: string;
    organisationId: string;
    recordedOn: string;
    recordedBy: string;
    createdAt: Date;
  },
  entries: { id: string; intentionId: string | null; title: string; note: string | null }[],
): Promise<string> {
  const [existing] = await transaction
    .select({ id: localPlans.id })
    .from(localPlans)
    .where(
      and(eq(localPlans.roundId, plan.roundId), eq(localPlans.organisationId, plan.organisationId)),
    )
    .for('update');
  let planId = plan.id;
  if (existing) {
    planId = existing.id;
    await transaction.delete(localPlanEntries).where(eq(localPlanEntries.planId, planId));
    await transaction
      .update(localPlans)
      .set({ recordedOn: plan.recordedOn, recordedBy: plan.recordedBy })
      .where(eq(localPlans.id, planId));
  } else {
    await transaction.insert(localPlans).values(plan);
  }
  if (entries.length) {
    await transaction
      .insert(localPlanEntries)
      .values(entries.map((entry) => ({ ...entry, planId, createdAt: plan.createdAt })));
  }
  return planId;
}
