/**
 * Issue 24: a contract is marked awarded only from a tender the consortium awarded, its procurement
 * decisions register complete (DOMAIN: "the decision, who was involved, conflicts and how managed —
 * complete before a contract is marked awarded"). The award fixes what was bought; the register
 * takes it from there, and the contract appears in the register and in the OCDS export.
 */
import { and, count, inArray, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { ocdsPackageErrors } from '../../test/support/ocds-validator.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { contracts } from '../db/schema/contracts.ts';
import { tenders } from '../db/schema/procurement.ts';
import { organisations } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';
import { seedDemoProcurement } from '../procurement/index.ts';
import { seedDemoMeetings } from '../seed/demo-meetings.ts';
import { seedDemoSpecifications } from '../specifications/index.ts';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let tenderId: string;
let leadId: string;
let awardedContractId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  const context = { actor: 'seed', now: fixedNow };
  await seedDemoMeetings({ db: database.db, context, publicUrl: 'http://localhost:3000' });
  await seedDemoSpecifications({ db: database.db, context });
  expect(await seedDemoProcurement({ db: database.db, context })).toBe(1);
  secretariat = await bearerFor(app, 'secretariat');
  const [tender] = await database.db.select({ id: tenders.id }).from(tenders);
  tenderId = tender!.id;
  const view = (
    await app.inject({ url: `/api/v1/procurement/tenders/${tenderId}`, headers: secretariat })
  ).json();
  expect(view.stage).toBe('awarded');
  leadId = (await app.inject({ url: '/api/v1/procurement', headers: secretariat })).json()
    .consortia[0].members[0].organisationId;
}, 240_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const body = {
  reference: 'LCG/2008/IAPT-01',
  startsOn: '2008-10-01',
  endsOn: '2011-09-30',
  annualValuePence: 100_000_000,
  shareBasis: 'population',
  procurementRoute: 'open',
};

const fromTender = (payload: object, headers = secretariat, id = tenderId) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/contracts/from-tender/${id}`,
    headers,
    payload,
  });

describe('a contract from an awarded tender', () => {
  it('refuses an outsider and a tender that was never awarded, writing nothing', async () => {
    const before = await database.db.select({ n: count() }).from(contracts);
    const member = await bearerFor(app, 'member');
    expect((await fromTender({ ...body, leadOrganisationId: leadId }, member)).statusCode).toBe(
      403,
    );
    const unknown = await fromTender(
      { ...body, leadOrganisationId: leadId },
      secretariat,
      '01900000-0000-7000-8000-0000000000aa',
    );
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().code).toBe('tender-not-awarded');
    expect(await database.db.select({ n: count() }).from(contracts)).toEqual(before);
  });

  it('records it as awarded, with what the award fixed; in the register and in an OCDS export that validates', async () => {
    const recorded = await fromTender({ ...body, leadOrganisationId: leadId });
    expect(recorded.statusCode, recorded.body).toBe(201);
    awardedContractId = recorded.json().contractId;
    const contract = (
      await app.inject({ url: `/api/v1/contracts/${recorded.json().contractId}` })
    ).json();
    expect(contract.status.id).toBe('awarded');
    expect(contract.provider.name).toBe('South London and Maudsley NHS Foundation Trust');
    expect(contract.commissioners.length).toBeGreaterThanOrEqual(8);
    expect(
      contract.commissioners.reduce(
        (sum: number, each: { shareBasisPoints: number }) => sum + each.shareBasisPoints,
        0,
      ),
    ).toBe(10_000);
    const register = (await app.inject('/api/v1/contracts')).json();
    expect(register.contracts.map((each: { reference: string }) => each.reference)).toContain(
      body.reference,
    );
    const ocds = (await app.inject('/api/v1/contracts.ocds.json')).json();
    expect(ocdsPackageErrors(ocds)).toEqual([]);
    expect(JSON.stringify(ocds)).toContain(body.reference);
    const page = await app.inject(`/contracts/${recorded.json().contractId}`);
    expect(page.body).toContain('Awarded');
  });

  it('a change keeps what the award fixed and its status, whatever the request says; the term may change', async () => {
    const row = { id: awardedContractId };
    const before = (await app.inject(`/api/v1/contracts/${row.id}`)).json();
    const [other] = await database.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        and(
          inArray(organisations.type, ['provider-trust', 'foundation-trust']),
          ne(organisations.id, before.provider.id),
        ),
      );
    const otherProvider = other!.id;
    const changed = await app.inject({
      method: 'PUT',
      url: `/api/v1/contracts/${row.id}`,
      headers: secretariat,
      payload: {
        ...body,
        endsOn: '2012-03-31',
        leadOrganisationId: leadId,
        title: 'Something else',
        service: 'Something else',
        providerOrganisationId: otherProvider,
        totalValuePence: 1,
        commissioners: [{ organisationId: leadId, shareBasisPoints: 10_000 }],
        status: 'active',
      },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = (await app.inject(`/api/v1/contracts/${row.id}`)).json();
    expect(after.endsOn).toBe('2012-03-31');
    expect(after.status.id).toBe('awarded');
    expect(after.provider.id).toBe(before.provider.id);
    expect(after.title).toBe(before.title);
    expect(after.totalValuePence).toBe(before.totalValuePence);
    expect(after.commissioners).toEqual(before.commissioners);
  });

  it('refuses the same award twice: one award, one contract', async () => {
    const again = await fromTender({
      ...body,
      reference: 'LCG/2008/IAPT-02',
      leadOrganisationId: leadId,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already-contracted');
    expect(again.json().detail).toContain('LCG/2008/IAPT-01');
  });
});
