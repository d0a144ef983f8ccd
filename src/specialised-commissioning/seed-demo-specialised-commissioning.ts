/**
 * The demo's London specialised services consortium: all 31 London PCTs as members with shares by
 * population (the registry's 2011 census proxy, apportioned to exactly 100.00%), illustrative
 * pooled budgets for 2007/08 and 2008/09, and four services. Runs the real use cases as a seed
 * administrator; does nothing once a consortium exists or without 31 PCTs in the registry.
 */
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { addService } from './add-service.ts';
import { selectConsortia, selectPrimaryCareTrusts } from './consortium-queries.ts';
import { sharesFromPopulations } from './consortium-rules.ts';
import { recordConsortium } from './record-consortium.ts';
import { setBudget } from './set-budget.ts';

const seedAdministrator: Actor = {
  kind: 'account',
  accountId: 'seed',
  email: 'seed@demo.invalid',
  displayName: 'The London group’s secretariat (demo)',
  personId: null,
  isAdministrator: true,
  bodyRoles: [],
  authenticatedBy: 'session',
};

export const demoConsortiumName = 'London Specialised Commissioning Group';

export async function seedDemoSpecialisedCommissioning(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  const actor = seedAdministrator;
  if ((await selectConsortia(db)).length > 0) return 0;
  const pcts = await selectPrimaryCareTrusts(db);
  if (pcts.length !== 31) return 0;
  const shares = sharesFromPopulations(pcts.map((pct) => pct.population ?? 0));
  const { consortiumId } = await recordConsortium({
    db,
    context,
    actor,
    name: demoConsortiumName,
    shareBasis: 'population',
    shareBasisNote:
      'Each PCT’s share of the 31 PCTs’ population (2011 census usual residents as a proxy), in hundredths of a per cent, apportioned so the shares make exactly 100.00%.',
    establishedOn: '2007-04-01',
    members: pcts.map((pct, index) => ({
      organisationId: pct.id,
      shareBasisPoints: shares[index] ?? 0,
    })),
  });
  // Illustrative figures, not the real pooled budgets.
  for (const [startYear, amountPence] of [
    [2007, 61_234_567_800],
    [2008, 64_891_000_001],
  ] as const) {
    await setBudget({ db, context, actor, consortiumId, startYear, amountPence });
  }
  for (const name of [
    'Renal dialysis and transplantation',
    'Neonatal intensive care',
    'HIV treatment and care',
    'Cancer radiotherapy',
  ]) {
    await addService({ db, context, actor, consortiumId, name });
  }
  return 1;
}
