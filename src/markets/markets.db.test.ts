import { count, eq, like, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import {
  clinicalNetworks,
  consortiumPathways,
  networkReviews,
  practiceConsortia,
  providerServices,
} from '../db/schema/markets.ts';
import { organisations } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';
import { seedDemoMarkets } from './seed-demo-markets.ts';

// The test clock is 2026-11-23 (fixedNow). The demo markets are seeded first: the acute and mental
// health trusts by sector, consortia of Camden and Lambeth PCTs, four clinical networks.
let database: DatabaseHandle;
let app: App;
let londonSecretariat: { authorization: string };
let areaSecretariat: { authorization: string };
let readOnly: { authorization: string };
let member: { authorization: string };
let publicAccount: { authorization: string };
let ids: Record<string, string>;

async function organisationId(name: string) {
  const [row] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, name));
  if (!row) throw new Error(`no organisation ${name}`);
  return row.id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  await seedDemoMarkets({ db: database.db, context: { actor: 'seed', now: fixedNow } });
  londonSecretariat = await bearerFor(app, 'secretariat');
  areaSecretariat = await bearerFor(app, 'areaSecretariat');
  readOnly = await bearerFor(app, 'secretariat', 'read');
  member = await bearerFor(app, 'member');
  publicAccount = await bearerFor(app, 'public');
  ids = {
    camden: await organisationId('Camden PCT'),
    islington: await organisationId('Islington PCT'),
    royalFree: await organisationId('Royal Free Hampstead NHS Trust'),
    camdenNorth: await organisationId('Camden North Practice Based Commissioning Consortium'),
  };
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (url: string, payload: unknown, headers: { authorization: string }) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });

async function written() {
  const tables = [
    providerServices,
    practiceConsortia,
    consortiumPathways,
    clinicalNetworks,
    networkReviews,
  ] as const;
  const counts: number[] = [];
  for (const table of tables) {
    const [row] = await database.db.select({ n: count() }).from(table);
    counts.push(row?.n ?? 0);
  }
  const [events] = await database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(
      or(
        like(auditEvents.action, 'provider-service.%'),
        like(auditEvents.action, 'practice-consortium.%'),
        like(auditEvents.action, 'pathway.%'),
        like(auditEvents.action, 'clinical-network.%'),
        like(auditEvents.action, 'organisation.%'),
      ),
    );
  return { counts, events: events?.n };
}

describe('the market: services by provider and sector, with the gaps (2006 §104, §106)', () => {
  it('shows everyone the grid of twelve service areas by five sectors and the gaps in words', async () => {
    const response = await app.inject({ url: '/api/v1/markets' });
    expect(response.statusCode).toBe(200);
    const market = response.json();
    expect(market.grid).toHaveLength(12);
    expect(market.sectors).toHaveLength(5);
    const trauma = market.grid.find(
      (row: { serviceArea: string }) => row.serviceArea === 'Major trauma',
    );
    expect(
      trauma.cells.map((cell: { sectorName: string; providerCount: number }) => [
        cell.sectorName,
        cell.providerCount,
      ]),
    ).toEqual([
      ['North West', 1],
      ['North Central', 0],
      ['North East', 1],
      ['South East', 1],
      ['South West', 1],
    ]);
    expect(market.gaps.map((gap: { text: string }) => gap.text)).toContain(
      'No provider of major trauma services is recorded in North Central London.',
    );
    // The map shows the first service with a gap unless one is chosen.
    expect(market.map.serviceArea).toBe('Major trauma');
    expect(market.mayManage).toBe(false);
    const barts = market.providers.find(
      (provider: { name: string }) => provider.name === 'Barts and The London NHS Trust',
    );
    expect(barts.services[1]).toEqual({ serviceArea: 'Major trauma', sectors: ['North East'] });
    const stroke = (await app.inject({ url: '/api/v1/markets?service=stroke' })).json();
    expect(stroke.map.serviceArea).toBe('Stroke');
    expect(stroke.map.table.every((row: { isGap: boolean }) => !row.isGap)).toBe(true);
  });

  it('records a provider’s services in the sectors it serves, with its audit event', async () => {
    const before = await written();
    const response = await post(
      '/markets/provider-services',
      {
        providerOrganisationId: ids.royalFree,
        serviceArea: 'major trauma',
        sectorIds: ['north-central', 'north-west'],
      },
      londonSecretariat,
    );
    expect(response.statusCode, response.body).toBe(201);
    const after = await written();
    expect(after.counts[0]).toBe((before.counts[0] ?? 0) + 2);
    expect(after.events).toBe((before.events ?? 0) + 2);
    const market = (await app.inject({ url: '/api/v1/markets' })).json();
    expect(market.gaps.map((gap: { text: string }) => gap.text)).not.toContain(
      'No provider of major trauma services is recorded in North Central London.',
    );
    // The same provider, service and sector again is a conflict, and nothing is written.
    const again = await post(
      '/markets/provider-services',
      {
        providerOrganisationId: ids.royalFree,
        serviceArea: 'Major trauma',
        sectorIds: ['north-central'],
      },
      londonSecretariat,
    );
    expect(again.statusCode).toBe(409);
    expect(await written()).toEqual(after);
  });

  it('refuses a provider that is not a provider, a sector that does not exist and another service area; nothing is written', async () => {
    const before = await written();
    const notAProvider = await post(
      '/markets/provider-services',
      { providerOrganisationId: ids.camden, serviceArea: 'Stroke', sectorIds: ['north-central'] },
      londonSecretariat,
    );
    expect(notAProvider.statusCode).toBe(400);
    expect(notAProvider.json().errors[0]).toMatchObject({ field: 'providerOrganisationId' });
    expect(notAProvider.json().errors[0].message).toContain('Camden PCT is not a provider');
    expect(notAProvider.json().errors[0].message).toContain('2006 §104');

    const noSuchSector = await post(
      '/markets/provider-services',
      { providerOrganisationId: ids.royalFree, serviceArea: 'Stroke', sectorIds: ['north-north'] },
      londonSecretariat,
    );
    expect(noSuchSector.statusCode).toBe(400);
    expect(noSuchSector.json().errors[0].message).toContain('There is no sector “north-north”');

    const otherArea = await post(
      '/markets/provider-services',
      {
        providerOrganisationId: ids.royalFree,
        serviceArea: 'Dentistry',
        sectorIds: ['north-central'],
      },
      londonSecretariat,
    );
    expect(otherArea.statusCode).toBe(400);
    expect(otherArea.json().errors[0].message).toContain(
      'not one of London’s twelve service areas',
    );
    expect(await written()).toEqual(before);
  });

  it('records a provider withdrawing, so the gap shows; a future date or a supply not recorded is refused', async () => {
    const barts = await organisationId('Barts and The London NHS Trust');
    const withdrawal = {
      providerOrganisationId: barts,
      serviceArea: 'Major trauma',
      sectorId: 'north-east',
      withdrawnOn: '2026-11-01',
      reason: 'The trauma centre moved to a new site outside the sector.',
    };
    const before = await written();
    const future = await post(
      '/markets/provider-services/withdrawals',
      { ...withdrawal, withdrawnOn: '2026-12-01' },
      londonSecretariat,
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('withdrawnOn');
    const notSupplied = await post(
      '/markets/provider-services/withdrawals',
      { ...withdrawal, serviceArea: 'Mental health' },
      londonSecretariat,
    );
    expect(notSupplied.statusCode).toBe(400);
    expect(notSupplied.json().errors[0].message).toContain('there is nothing to withdraw');
    expect(await written()).toEqual(before);

    const withdrawn = await post(
      '/markets/provider-services/withdrawals',
      withdrawal,
      londonSecretariat,
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const market = (await app.inject({ url: '/api/v1/markets' })).json();
    expect(market.gaps.map((gap: { text: string }) => gap.text)).toContain(
      'No provider of major trauma services is recorded in North East London.',
    );
    expect(market.withdrawals[0]).toMatchObject({
      providerName: 'Barts and The London NHS Trust',
      sectorName: 'North East',
      withdrawnOn: '2026-11-01',
    });
    const page = await app.inject({ url: '/markets' });
    expect(visibleText(page.body)).toContain(
      'Barts and The London NHS Trust stopped supplying major trauma services in North East on 1 November 2026',
    );
    // Withdrawn, the provider may enter again.
    const again = await post(
      '/markets/provider-services',
      { providerOrganisationId: barts, serviceArea: 'Major trauma', sectorIds: ['north-east'] },
      londonSecretariat,
    );
    expect(again.statusCode, again.body).toBe(201);
  });

  it('lets a local group’s secretariat manage, and refuses the public, a member and a read-only token', async () => {
    const body = {
      providerOrganisationId: ids.royalFree,
      serviceArea: 'Stroke',
      sectorIds: ['north-central'],
    };
    for (const refused of [publicAccount, member, readOnly]) {
      expect((await post('/markets/provider-services', body, refused)).statusCode).toBe(403);
    }
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/markets/provider-services',
          payload: body,
        })
      ).statusCode,
    ).toBe(401);
    expect((await post('/markets/provider-services', body, areaSecretariat)).statusCode).toBe(201);
  });
});

describe('Practice Based Commissioning consortia and their pathways (2006 §106)', () => {
  it('lists the demo consortia by PCT with their pathways', async () => {
    const practice = (await app.inject({ url: '/api/v1/markets/practice-consortia' })).json();
    const camden = practice.primaryCareTrusts.find(
      (pct: { name: string }) => pct.name === 'Camden PCT',
    );
    expect(camden.consortia).toHaveLength(2);
    const lambeth = practice.primaryCareTrusts.find(
      (pct: { name: string }) => pct.name === 'Lambeth PCT',
    );
    expect(lambeth.consortia).toHaveLength(2);
    expect(camden.consortia[0].pathways[0]).toMatchObject({
      name: 'Community diabetes clinic',
      statusName: 'In place',
      agreedOn: '2007-06-14',
    });
  });

  it('registers a consortium as a registry organisation in its PCT’s sector; a trust is not a PCT', async () => {
    const response = await post(
      '/markets/practice-consortia',
      { name: 'Islington Central Commissioning Consortium', primaryCareTrustId: ids.islington },
      areaSecretariat,
    );
    expect(response.statusCode, response.body).toBe(201);
    const [organisation] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, response.json().consortiumId));
    expect(organisation).toMatchObject({
      type: 'practice-based-commissioning-consortium',
      sectorId: 'north-central',
    });
    const before = await written();
    const notAPct = await post(
      '/markets/practice-consortia',
      { name: 'Hampstead Consortium', primaryCareTrustId: ids.royalFree },
      areaSecretariat,
    );
    expect(notAPct.statusCode).toBe(400);
    expect(notAPct.json().errors[0].message).toContain('is not a primary care trust');
    expect(await written()).toEqual(before);
  });

  it('refuses a pathway for a consortium of another PCT, quoting §106; nothing is written', async () => {
    const before = await written();
    const response = await post(
      '/markets/pathways',
      {
        consortiumId: ids.camdenNorth,
        primaryCareTrustId: ids.islington,
        name: 'Heart failure nurses',
        serviceArea: 'Planned care',
        status: 'proposed',
        description: 'Specialist nurses in the community.',
      },
      londonSecretariat,
    );
    expect(response.statusCode).toBe(400);
    const message = response.json().errors[0].message;
    expect(message).toContain(
      'Camden North Practice Based Commissioning Consortium is a consortium of Camden PCT, not of Islington PCT',
    );
    expect(message).toContain('2006 §106');
    expect(await written()).toEqual(before);
  });

  it('asks an agreed pathway for its date, refuses one in the future, and records a proposal', async () => {
    const pathway = {
      consortiumId: ids.camdenNorth,
      primaryCareTrustId: ids.camden,
      name: 'Heart failure nurses',
      serviceArea: 'Planned care',
      description: 'Specialist nurses in the community.',
    };
    const before = await written();
    const undated = await post(
      '/markets/pathways',
      { ...pathway, status: 'agreed' },
      londonSecretariat,
    );
    expect(undated.statusCode).toBe(400);
    expect(undated.json().errors[0].field).toBe('agreedOn');
    const future = await post(
      '/markets/pathways',
      { ...pathway, status: 'in-place', agreedOn: '2026-12-01' },
      londonSecretariat,
    );
    expect(future.statusCode).toBe(400);
    expect(await written()).toEqual(before);
    const proposed = await post(
      '/markets/pathways',
      { ...pathway, status: 'proposed' },
      londonSecretariat,
    );
    expect(proposed.statusCode, proposed.body).toBe(201);
  });
});

describe('a pathway moves forward (2006 §106)', () => {
  it('moves a proposal to agreed with its date, then in place; never back; nothing written on a refusal', async () => {
    const practice = (await app.inject({ url: '/api/v1/markets/practice-consortia' })).json();
    const camden = practice.primaryCareTrusts.find(
      (pct: { name: string }) => pct.name === 'Camden PCT',
    );
    const echo = camden.consortia[0].pathways.find(
      (pathway: { name: string }) => pathway.name === 'Direct access echocardiography',
    );
    expect(echo.status).toBe('proposed');
    const before = await written();
    const undated = await post(
      `/markets/pathways/${echo.id}/status`,
      { status: 'agreed' },
      londonSecretariat,
    );
    expect(undated.statusCode).toBe(400);
    expect(undated.json().errors[0].field).toBe('agreedOn');
    expect(await written()).toEqual(before);
    const agreed = await post(
      `/markets/pathways/${echo.id}/status`,
      { status: 'agreed', agreedOn: '2026-10-05' },
      londonSecretariat,
    );
    expect(agreed.statusCode, agreed.body).toBe(200);
    const back = await post(
      `/markets/pathways/${echo.id}/status`,
      { status: 'proposed' },
      londonSecretariat,
    );
    expect(back.statusCode).toBe(400);
    expect(back.json().errors[0].message).toContain('moves forward only');
    const inPlace = await post(
      `/markets/pathways/${echo.id}/status`,
      { status: 'in-place' },
      londonSecretariat,
    );
    expect(inPlace.statusCode, inPlace.body).toBe(200);
    const after = (await app.inject({ url: '/api/v1/markets/practice-consortia' })).json();
    const moved = after.primaryCareTrusts
      .find((pct: { name: string }) => pct.name === 'Camden PCT')
      .consortia[0].pathways.find((pathway: { id: string }) => pathway.id === echo.id);
    expect(moved).toMatchObject({ status: 'in-place', agreedOn: '2026-10-05' });
    expect(
      (await post(`/markets/pathways/${echo.id}/status`, { status: 'in-place' }, member))
        .statusCode,
    ).toBe(403);
  });
});

describe('clinical networks: reporting line (2006 §2.3), objectives and annual review', () => {
  it('lists the demo networks reporting to the London group, the cancer network’s review overdue', async () => {
    const list = (await app.inject({ url: '/api/v1/clinical-networks' })).json();
    expect(list.networks).toHaveLength(4);
    const cancer = list.networks.find(
      (each: { name: string }) => each.name === 'London Cancer Network',
    );
    expect(cancer.reportsTo.title).toBe('London Commissioning Group');
    expect(cancer.review.status).toBe('overdue');
    expect(list.overdue).toBe(1);
    const diabetes = list.networks.find(
      (each: { name: string }) => each.name === 'South East London Diabetes Network',
    );
    expect(diabetes.review.status).toBe('never-reviewed');
    const page = await app.inject({ url: `/clinical-networks/${cancer.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Review overdue since');
  });

  it('refuses a network reporting to a body that is not a group at sector or London level, quoting §2.3', async () => {
    const before = await written();
    const network = {
      name: 'London Renal Network',
      objectives: 'Dialysis close to home.',
    };
    const jointCommittee = await post(
      '/clinical-networks',
      { ...network, reportsTo: 'joint-committee-of-pcts' },
      londonSecretariat,
    );
    expect(jointCommittee.statusCode).toBe(400);
    expect(jointCommittee.json().errors[0].message).toContain('2006 §2.3');
    expect(jointCommittee.json().errors[0].message).toContain('at either sector or London level');
    const unknown = await post(
      '/clinical-networks',
      { ...network, reportsTo: 'no-such-group' },
      londonSecretariat,
    );
    expect(unknown.statusCode).toBe(400);
    expect(await written()).toEqual(before);
    const recorded = await post(
      '/clinical-networks',
      { ...network, reportsTo: 'north-central-local-commissioning-group' },
      areaSecretariat,
    );
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.headers.location).toBe(
      `/api/v1/clinical-networks/${recorded.json().networkId}`,
    );
  });

  it('refuses a review held in the future or due before it was held; records one and clears the flag', async () => {
    const list = (await app.inject({ url: '/api/v1/clinical-networks' })).json();
    const cancer = list.networks.find(
      (each: { name: string }) => each.name === 'London Cancer Network',
    );
    const before = await written();
    const future = await post(
      `/clinical-networks/${cancer.id}/reviews`,
      { heldOn: '2026-11-24', findings: 'Not yet held.', nextReviewDue: '2027-11-24' },
      londonSecretariat,
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].message).toContain('after today');
    const backwards = await post(
      `/clinical-networks/${cancer.id}/reviews`,
      { heldOn: '2026-11-20', findings: 'Held.', nextReviewDue: '2026-11-01' },
      londonSecretariat,
    );
    expect(backwards.statusCode).toBe(400);
    expect(await written()).toEqual(before);
    const held = await post(
      `/clinical-networks/${cancer.id}/reviews`,
      {
        heldOn: '2026-11-20',
        findings: 'Both trusts now meet the 62-day standard.',
        nextReviewDue: '2027-11-20',
      },
      londonSecretariat,
    );
    expect(held.statusCode, held.body).toBe(201);
    const detail = (await app.inject({ url: `/api/v1/clinical-networks/${cancer.id}` })).json();
    expect(detail.review).toMatchObject({ status: 'current', lastHeldOn: '2026-11-20' });
    expect(detail.reviews).toHaveLength(2);
    expect(detail.reviews[0].recordedBy).toBe('Demo Secretariat');
  });
});

/** What a reader sees: the page's text without tags (as the plain-words crawl reads it). */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|pre|head|svg)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('the pages', () => {
  it('draw the map as an image with a title and description, the same facts in a table, and no ids', async () => {
    const page = await app.inject({ url: '/markets?service=Mental+health' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain(
      '<title id="map-title">Map of London’s five sectors: providers of mental health services</title>',
    );
    expect(page.body).toContain('<pattern id="no-provider"');
    const unknown = await app.inject({ url: '/markets?service=Dentistry&service=Stroke' });
    expect(visibleText(unknown.body)).toContain('There is no service area called “Dentistry”');
    for (const url of ['/markets', '/markets/practice-based-commissioning', '/clinical-networks']) {
      const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
      const text = visibleText((await app.inject({ url, headers: { cookie: cookies } })).body);
      expect(text, url).not.toMatch(
        /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
      );
      expect(text, url).not.toMatch(
        /north-central|in-place|practice-based-commissioning-consortium/,
      );
    }
  });

  it('shows a pathway for another PCT’s consortium refused on the form, linked to the field', async () => {
    const signedIn = await signInThroughForm(app, demoEmails.secretariat);
    const page = await app.inject({
      url: '/markets/practice-based-commissioning',
      headers: { cookie: signedIn.cookies },
    });
    const cookies = cookieHeader(page.headers['set-cookie'], signedIn.cookies);
    const before = await written();
    const response = await app.inject({
      method: 'POST',
      url: '/markets/pathways',
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(page.body),
        consortiumId: ids.camdenNorth!,
        primaryCareTrustId: ids.islington!,
        name: 'Falls prevention',
        serviceArea: 'Staying healthy',
        status: 'agreed',
        description: 'Strength and balance classes.',
        'agreedOn[day]': '3',
        'agreedOn[month]': '4',
        'agreedOn[year]': '2008',
      }).toString(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#consortiumId"');
    expect(response.body).toContain('is a consortium of Camden PCT, not of Islington PCT');
    expect(await written()).toEqual(before);
  });
});
