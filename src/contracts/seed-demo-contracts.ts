/**
 * The demo's contracts register: the 2007/08 contracts of London's acute and mental health
 * providers, each commissioned by the PCTs of the provider's sector with shares by weighted
 * population, led by one of them; realistic values, a single tender with its reason, an
 * extension, and a mix of statuses. The London mental health trusts of 2007/08 (and any acute
 * trust the lead-commissioning demo did not add) join the registry first. Runs the real use case
 * as a seed administrator, so every rule holds. Once only: nothing if the register has contracts.
 * The providers are real trust names; the contracts and their figures are fictional.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { insertOrganisations } from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { listApprovedVersions } from '../specifications/index.ts';
import type { ContractInput } from './contract-check.ts';
import { countContracts, selectOrganisationsOfTypes } from './contract-queries.ts';
import { penceFromPounds, primaryCareTrust, sharesByPopulation } from './contract-rules.ts';
import { type DemoProvider, demoContracts, demoProviders } from './demo-contracts-data.ts';
import { recordContract } from './record-contract.ts';

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

const pounds = (text: string) => {
  const read = penceFromPounds(text, 'value');
  if (!read.ok) throw new Error(read.message);
  return read.value;
};

export async function seedDemoContracts(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  if ((await countContracts(db)) > 0) return 0;
  const existing = await selectOrganisationsOfTypes(db, [
    'provider-trust',
    'foundation-trust',
    'other',
  ]);
  const isThere = (provider: DemoProvider) =>
    existing.some(
      (row) =>
        row.name.toLowerCase() === provider.name.toLowerCase() || row.odsCode === provider.odsCode,
    );
  const missing = demoProviders.filter((provider) => !isThere(provider));
  await db.transaction(async (transaction) => {
    const rows = missing.map((provider) => ({
      id: uuidv7(),
      name: provider.name,
      type: provider.type,
      odsCode: null,
      sectorId: null,
      population: null,
      source: `Demo: a real London ${provider.kind} trust of 2007/08 (ODS ${provider.odsCode}); its contracts are fictional.`,
      createdAt: context.now,
    }));
    await insertOrganisations(transaction, rows);
    await recordAuditEvents(
      transaction,
      context,
      rows.map((row) => ({
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: row.id,
        after: { name: row.name, type: row.type, sectorId: row.sectorId },
      })),
    );
  });

  const organisations = await selectOrganisationsOfTypes(db, [
    'provider-trust',
    'foundation-trust',
    primaryCareTrust,
  ]);
  const find = (name: string) => {
    const found = organisations.find((each) => each.name === name);
    if (!found) throw new Error(`the demo organisation ${name} is not in the registry`);
    return found;
  };
  const versions = await listApprovedVersions(db);
  let recorded = 0;
  for (const demo of demoContracts) {
    const commissioners = demo.commissioners.map(find);
    const shares = sharesByPopulation(commissioners.map((each) => each.population ?? 0));
    const version = demo.specificationArea
      ? versions.find((each) =>
          each.serviceArea.toLowerCase().includes(demo.specificationArea ?? ''),
        )
      : undefined;
    const contract: ContractInput = {
      reference: demo.reference,
      title: demo.title,
      service: demo.service,
      providerOrganisationId: find(demo.provider).id,
      specificationVersionId: version?.versionId,
      procurementRoute: demo.route,
      singleTenderReason: demo.singleTenderReason,
      extendsReference: demo.extendsReference,
      startsOn: demo.startsOn,
      endsOn: demo.endsOn,
      extensionOptions: demo.options,
      totalValuePence: pounds(demo.total),
      annualValuePence: pounds(demo.annual),
      shareBasis: 'population',
      commissioners: commissioners.map((each, index) => ({
        organisationId: each.id,
        shareBasisPoints: shares[index] ?? 0,
      })),
      leadOrganisationId: find(demo.lead).id,
      status: demo.status,
    };
    await recordContract({ db, context, actor: seedAdministrator, contract });
    recorded += 1;
  }
  return recorded;
}
