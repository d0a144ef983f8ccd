import { count, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { bodies, constitutionAdoptions } from '../db/schema/bodies.ts';
import { commissioningRounds } from '../db/schema/commissioning.ts';
import { accounts } from '../db/schema/identity.ts';
import { leadArrangements } from '../db/schema/lead-commissioning.ts';
import { organisations, people, posts } from '../db/schema/registry.ts';
import { specificationReviews } from '../db/schema/specifications.ts';
import type { App } from '../http/app-types.ts';

/**
 * 2006 §3.2: "it is not proposed that an agency providing this support becomes, in itself, a
 * decision making body". The engine's rule (businessServiceMayNotOwn), enforced on each record that
 * has an owner or a signer: a board's adoption of terms, a lead commissioning arrangement's lead and
 * associates, a specification's quality-assurance sign-off (and, in their unit tests, the sponsoring
 * boards named to ratify a decision). Each refusal names the rule and writes nothing.
 */
let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let administrator: { authorization: string };
let areaSecretariat: { authorization: string };
let businessServiceId: string;

const post = (url: string, payload: object, headers: { authorization: string }) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });

async function organisationId(name: string) {
  const [row] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, name));
  return row!.id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  administrator = await bearerFor(app, 'administrator');
  areaSecretariat = await bearerFor(app, 'areaSecretariat');
  businessServiceId = await organisationId('London Commissioning Business Service');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('2006 §3.2: the Business Service never owns a decision, a vote or a sign-off', () => {
  it('refuses it adopting a body’s terms of reference (a board’s sign-off)', async () => {
    const [before] = await database.db.select({ n: count() }).from(constitutionAdoptions);
    const refused = await post(
      '/bodies/london-commissioning-group/versions/2/adoptions',
      { organisationId: businessServiceId, adoptedOn: '2026-11-01', minuteReference: 'CBS/1' },
      secretariat,
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('may not give a sign-off');
    expect(refused.json().detail).toContain('2006 §3.2');
    const [after] = await database.db.select({ n: count() }).from(constitutionAdoptions);
    expect(after?.n).toBe(before?.n);
  });

  it('refuses it as the lead or an associate of a lead commissioning arrangement', async () => {
    const [london] = await database.db
      .select({ id: bodies.id })
      .from(bodies)
      .where(eq(bodies.slug, 'london-commissioning-group'));
    await database.db.insert(commissioningRounds).values({
      id: uuidv7(),
      bodyId: london!.id,
      startYear: 2007,
      submissionsOpenOn: '2006-09-01',
      submissionsDueOn: '2006-10-31',
      consolidationBy: '2006-11-30',
      agreementBy: '2006-12-31',
      publicationBy: '2007-01-31',
      createdAt: new Date('2006-09-01T09:00:00Z'),
    });
    const provider = uuidv7();
    await database.db
      .insert(organisations)
      .values({ id: provider, name: 'Whittington Hospital NHS Trust', type: 'provider-trust' });
    const camden = await organisationId('Camden PCT');
    const base = {
      roundYear: '2007-08',
      providerOrganisationId: provider,
      service: 'Acute services',
      startedOn: '2026-10-01',
    };
    const asLead = await post(
      '/bodies/north-central-local-commissioning-group/negotiations',
      {
        ...base,
        leadOrganisationId: businessServiceId,
        leadShareBasisPoints: 4000,
        associates: [{ organisationId: camden, shareBasisPoints: 6000 }],
      },
      areaSecretariat,
    );
    expect(asLead.statusCode).toBe(400);
    const leadProblem = asLead
      .json()
      .errors.find((each: { field: string }) => each.field === 'leadOrganisationId');
    expect(leadProblem.message).toContain('cannot be the lead commissioner');
    expect(leadProblem.message).toContain('2006 §3.2');
    const asAssociate = await post(
      '/bodies/north-central-local-commissioning-group/negotiations',
      {
        ...base,
        leadOrganisationId: camden,
        leadShareBasisPoints: 6000,
        associates: [{ organisationId: businessServiceId, shareBasisPoints: 4000 }],
      },
      areaSecretariat,
    );
    expect(asAssociate.statusCode).toBe(400);
    expect(asAssociate.json().errors[0].message).toContain('cannot be an associate');
    const [arrangements] = await database.db.select({ n: count() }).from(leadArrangements);
    expect(arrangements?.n).toBe(0);
  });

  it('lets an officer of the Business Service ask for changes to a specification, never sign it off', async () => {
    // The demo administrator acts as a (fictional) officer holding a post at the Business Service.
    const officer = uuidv7();
    await database.db
      .insert(people)
      .values({ id: officer, name: 'Quinn Abara', isFictional: true });
    await database.db.insert(posts).values({
      id: uuidv7(),
      personId: officer,
      organisationId: businessServiceId,
      role: 'director',
      title: 'Head of Quality Assurance',
      startsOn: '2026-01-01',
    });
    await database.db
      .update(accounts)
      .set({ personId: officer })
      .where(eq(accounts.email, 'admin@demo.invalid'));
    const created = await post(
      '/specifications',
      {
        title: 'Neonatal intensive care',
        serviceArea: 'Neonatal care',
        scope: 'Babies needing intensive care at birth.',
        outcomes: 'Fewer transfers out of London.',
        standards: [],
        writtenOn: '2026-10-01',
      },
      secretariat,
    );
    expect(created.statusCode, created.body).toBe(201);
    const path = `/specifications/${created.json().specificationId}/versions/1`;
    expect((await post(`${path}/submission`, {}, secretariat)).statusCode).toBe(200);
    const signOff = await post(
      `${path}/reviews`,
      { outcome: 'signed-off', comments: 'Meets the standards.', reviewedOn: '2026-11-02' },
      administrator,
    );
    expect(signOff.statusCode).toBe(409);
    expect(signOff.json().detail).toContain('may not sign a specification off');
    expect(signOff.json().detail).toContain('2006 §3.2');
    const [reviews] = await database.db.select({ n: count() }).from(specificationReviews);
    expect(reviews?.n).toBe(0);
    const changes = await post(
      `${path}/reviews`,
      {
        outcome: 'changes-needed',
        comments: 'Add the transfer standard.',
        reviewedOn: '2026-11-02',
      },
      administrator,
    );
    expect(changes.statusCode, changes.body).toBe(201);
  });
});
