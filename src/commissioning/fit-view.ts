/**
 * Read model: the "fit" between local plans (2006 §104) — per PCT, the London intentions it has
 * not planned for (gaps) and its own lines (divergences); for London, how many PCTs plan for each
 * intention and which PCTs have no plan. Signed-in readers only.
 */
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { loadRound, type RoundAddress } from './intention-access.ts';
import { holdsPostAt, selectIntentions, selectPrimaryCareTrusts } from './intention-queries.ts';
import { clauses, fitOf } from './intention-rules.ts';
import { type RoundSummary, roundSummaryOf } from './intentions-view.ts';
import { selectLocalPlans } from './local-plan-queries.ts';

export interface FitView {
  round: RoundSummary;
  rule: { clause: string; text: string };
  intentions: {
    id: string;
    position: number;
    title: string;
    serviceArea: string;
    planning: number;
  }[];
  pcts: {
    id: string;
    name: string;
    sectorName: string | null;
    hasPlan: boolean;
    recordedOn: string | null;
    gaps: string[];
    divergences: { title: string; note: string | null }[];
  }[];
  withoutPlan: string[];
  /** Whether local plans may be recorded now: once the intentions are agreed. */
  plansOpen: boolean;
  /** The PCTs this reader may record a plan for. */
  mayRecordFor: { id: string; name: string }[];
}

export async function getFit(
  options: RoundAddress & { db: Database; actor: Actor; now: Date },
): Promise<FitView> {
  const { db, actor } = options;
  // A read for signed-in accounts: the route is 'public.read', so the refusal speaks of reading.
  if (actor.kind !== 'account') {
    throw new ProblemError({
      status: 401,
      code: 'sign-in-required',
      title: 'Sign in to continue',
      detail: 'Sign in to read the fit of local plans with the London commissioning intentions.',
    });
  }
  const round = await loadRound(db, options);
  const [intentions, plans, pcts] = await Promise.all([
    selectIntentions(db, round.id),
    selectLocalPlans(db, round.id),
    selectPrimaryCareTrusts(db),
  ]);
  const fit = fitOf(
    intentions,
    pcts,
    plans.map((plan) => ({
      organisationId: plan.organisationId,
      intentionIds: plan.entries.flatMap((entry) => (entry.intentionId ? [entry.intentionId] : [])),
      ownLines: plan.entries.filter((entry) => entry.intentionId === null),
    })),
  );
  const titleOf = new Map(intentions.map((intention) => [intention.id, intention.title]));
  const planOf = new Map(plans.map((plan) => [plan.organisationId, plan]));
  const plansOpen = round.status === 'agreed' || round.status === 'published';
  const today = londonDate(options.now);
  let mayRecordFor: { id: string; name: string }[] = [];
  if (plansOpen && mayRunBody(actor, round.bodySlug)) mayRecordFor = pcts;
  else if (plansOpen && actor.kind === 'account' && actor.personId) {
    const personId = actor.personId;
    const held = await Promise.all(pcts.map((pct) => holdsPostAt(db, personId, pct.id, today)));
    mayRecordFor = pcts.filter((_pct, index) => held[index]);
  }
  return {
    round: roundSummaryOf(round),
    rule: clauses.fit,
    intentions: intentions.map((intention) => ({
      id: intention.id,
      position: intention.position,
      title: intention.title,
      serviceArea: intention.serviceArea,
      planning: fit.perIntention.find((entry) => entry.intentionId === intention.id)?.planning ?? 0,
    })),
    pcts: fit.pcts.map((entry) => {
      const plan = planOf.get(entry.pct.id);
      return {
        id: entry.pct.id,
        name: entry.pct.name,
        sectorName: entry.pct.sectorName,
        hasPlan: entry.hasPlan,
        recordedOn: plan?.recordedOn ?? null,
        gaps: entry.gaps.map((id) => titleOf.get(id) ?? ''),
        divergences: (plan?.entries ?? [])
          .filter((line) => line.intentionId === null)
          .map((line) => ({ title: line.title, note: line.note })),
      };
    }),
    withoutPlan: fit.withoutPlan.map((pct) => pct.name),
    plansOpen,
    mayRecordFor: mayRecordFor.map((pct) => ({ id: pct.id, name: pct.name })),
  };
}
