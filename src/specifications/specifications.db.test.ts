import { count, eq, like } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { bodies } from '../db/schema/bodies.ts';
import { commissioningIntentions, commissioningRounds } from '../db/schema/commissioning.ts';
import { leadArrangements } from '../db/schema/lead-commissioning.ts';
import { organisations } from '../db/schema/registry.ts';
import { specificationReviews, specificationVersions } from '../db/schema/specifications.ts';
import type { App } from '../http/app-types.ts';
import { listApprovedVersions } from './index.ts';

// The test clock is 2026-11-23 (fixedNow). The demo secretariat ("Demo Secretariat") keeps the
// library for the London group; the demo administrator ("Demo Administrator") reviews.
const clause = '2006 §3.1(b)';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let administrator: { authorization: string };
let member: { authorization: string };
let chair: { authorization: string };

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  administrator = await bearerFor(app, 'administrator');
  member = await bearerFor(app, 'member');
  chair = await bearerFor(app, 'chair');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function auditCount(): Promise<number> {
  const [row] = await database.db
    .select({ events: count() })
    .from(auditEvents)
    .where(like(auditEvents.action, 'specification.%'));
  return row?.events ?? 0;
}

async function versionRows(specificationId: string) {
  return database.db
    .select({
      version: specificationVersions.version,
      status: specificationVersions.status,
      approvedOn: specificationVersions.approvedOn,
      scope: specificationVersions.scope,
    })
    .from(specificationVersions)
    .where(eq(specificationVersions.specificationId, specificationId))
    .orderBy(specificationVersions.version);
}

async function reviewCount(): Promise<number> {
  const [row] = await database.db.select({ reviews: count() }).from(specificationReviews);
  return row?.reviews ?? 0;
}

const post = (url: string, payload: unknown = {}, headers = secretariat) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });

const stroke = {
  title: 'Hyper-acute stroke unit',
  serviceArea: 'Stroke',
  scope: 'Adults arriving by ambulance with suspected acute stroke, at any hour.',
  outcomes: 'Fewer emergency readmissions within 90 days of discharge.',
  standards: [
    {
      reference: 'NICE CG68',
      title: 'Stroke: diagnosis and initial management of acute stroke and TIA',
    },
  ],
  writtenOn: '2026-10-01',
};

describe('2006 §3.1(b) “Service specifications, standards of clinical effectiveness, quality assurance”', () => {
  let specificationId: string;
  const path = () => `/specifications/${specificationId}`;

  it('adds a specification with its first version, a draft, audited; the public does not see the draft', async () => {
    const before = await auditCount();
    const created = await post('/specifications', stroke);
    expect(created.statusCode, created.body).toBe(201);
    specificationId = created.json().specificationId;
    expect(created.json().version).toBe(1);
    expect(await auditCount()).toBe(before + 1);

    const view = (await app.inject({ url: `/api/v1${path()}`, headers: secretariat })).json();
    expect(view).toMatchObject({
      title: 'Hyper-acute stroke unit',
      serviceArea: 'Stroke',
      approvedVersion: null,
      versions: [{ version: 1, status: 'draft', authorName: 'Demo Secretariat' }],
    });
    expect((await app.inject(`/api/v1${path()}`)).statusCode).toBe(404);
    const library = (await app.inject('/api/v1/specifications')).json();
    expect(library.serviceAreas).toEqual([]);
  });

  it('refuses a second specification of the same title, and anyone but the London group’s secretariat or an administrator', async () => {
    expect(
      (await post('/specifications', { ...stroke, title: 'hyper-acute STROKE unit' })).statusCode,
    ).toBe(409);
    expect((await post('/specifications', stroke, member)).statusCode).toBe(403);
    const byChair = await post('/specifications', { ...stroke, title: 'Another' }, chair);
    expect(byChair.statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/specifications', payload: stroke }))
        .statusCode,
    ).toBe(401);
  });

  it('refuses an approval of an unreviewed specification, naming 2006 §3.1(b); nothing is written', async () => {
    const before = await auditCount();
    for (const headers of [secretariat, administrator]) {
      const refused = await post(
        `${path()}/versions/1/approval`,
        { approvedOn: '2026-11-01' },
        headers,
      );
      expect(refused.statusCode).toBe(409);
      expect(refused.json().detail).toContain(
        'An approval of an unreviewed specification is refused',
      );
      expect(refused.json().detail).toContain(clause);
    }
    expect(await versionRows(specificationId)).toMatchObject([
      { version: 1, status: 'draft', approvedOn: null },
    ]);
    expect(await auditCount()).toBe(before);
  });

  it('submits the draft for review; a version in review is not redrafted', async () => {
    const submitted = await post(`${path()}/versions/1/submission`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('in-review');
    expect((await post(`${path()}/versions/1/submission`)).statusCode).toBe(409);
    const redraft = await post(`${path()}/versions`, {
      ...stroke,
      title: undefined,
      serviceArea: undefined,
    });
    expect(redraft.statusCode).toBe(409);
    expect(redraft.json().detail).toContain('quality-assurance review');
    const refusedApproval = await post(`${path()}/versions/1/approval`, {
      approvedOn: '2026-11-01',
    });
    expect(refusedApproval.json().detail).toContain('has not been signed off by quality assurance');
  });

  it('refuses the author reviewing their own version, and a reviewer named in the request; nothing is written', async () => {
    const before = { audit: await auditCount(), reviews: await reviewCount() };
    const review = {
      outcome: 'signed-off',
      comments: 'Looks right to me.',
      reviewedOn: '2026-11-02',
    };
    const refused = await post(`${path()}/versions/1/reviews`, review);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain(
      'Demo Secretariat wrote version 1, so cannot review it',
    );
    expect(refused.json().detail).toContain(clause);
    // The reviewer is the account recording the review: a name in the request is no field at all.
    for (const reviewerName of ['demo secretariat', 'Dr Someone Else']) {
      const named = await post(`${path()}/versions/1/reviews`, { ...review, reviewerName });
      expect(named.statusCode, reviewerName).toBe(400);
      expect(named.json().errors).toMatchObject([{ field: 'reviewerName' }]);
    }
    expect(await reviewCount()).toBe(before.reviews);
    expect(await auditCount()).toBe(before.audit);
    expect(await versionRows(specificationId)).toMatchObject([{ status: 'in-review' }]);
  });

  it('a review asking for changes sends the version back to draft; the draft is revised in place', async () => {
    const reviewed = await post(
      `${path()}/versions/1/reviews`,
      {
        outcome: 'changes-needed',
        comments: 'Add a door-to-needle standard.',
        reviewedOn: '2026-11-03',
      },
      administrator,
    );
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    expect(reviewed.json().status).toBe('draft');
    const revised = await post(`${path()}/versions`, {
      scope: `${stroke.scope}\nDoor-to-needle time under 60 minutes.`,
      outcomes: stroke.outcomes,
      standards: stroke.standards,
      writtenOn: '2026-11-04',
    });
    expect(revised.statusCode, revised.body).toBe(201);
    expect(revised.json()).toMatchObject({ version: 1, revised: true });
    expect(await versionRows(specificationId)).toMatchObject([{ version: 1, status: 'draft' }]);
    const view = (
      await app.inject({ url: `/api/v1${path()}/versions/1`, headers: secretariat })
    ).json();
    expect(view.reviews).toMatchObject([
      {
        outcome: 'changes-needed',
        reviewerName: 'Demo Administrator',
        comments: 'Add a door-to-needle standard.',
      },
    ]);
    expect(view.statusText).toBe('Draft');
  });

  it('after sign-off by quality assurance the version is approved, audited, and public', async () => {
    expect((await post(`${path()}/versions/1/submission`)).statusCode).toBe(200);
    // A sign-off recorded after the changes-needed review, by someone who is not the author.
    const signedOff = await post(
      `${path()}/versions/1/reviews`,
      { outcome: 'signed-off', comments: 'The standard is now there.', reviewedOn: '2026-11-05' },
      administrator,
    );
    expect(signedOff.statusCode, signedOff.body).toBe(201);
    expect(signedOff.json().status).toBe('in-review');
    const early = await post(`${path()}/versions/1/approval`, { approvedOn: '2026-11-04' });
    expect(early.statusCode).toBe(409);
    const future = await post(`${path()}/versions/1/approval`, { approvedOn: '2026-11-30' });
    expect(future.statusCode).toBe(400);
    const before = await auditCount();
    const approved = await post(`${path()}/versions/1/approval`, { approvedOn: '2026-11-06' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ version: 1, superseded: [] });
    expect(await auditCount()).toBe(before + 1);
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'specification.version-approved'));
    expect(event).toMatchObject({
      entityType: 'specification',
      entityId: specificationId,
      after: {
        version: 1,
        status: 'approved',
        approvedOn: '2026-11-06',
        approvedBy: 'Demo Secretariat',
      },
    });

    const publicView = (await app.inject(`/api/v1${path()}`)).json();
    expect(publicView).toMatchObject({ approvedVersion: 1, versions: [{ status: 'approved' }] });
    // The public sees who signed off, and when, not the reviewers' comments nor a review asking for changes.
    expect(publicView.versions[0].reviews).toEqual([
      {
        outcome: 'signed-off',
        outcomeText: 'Signed off',
        reviewerName: 'Demo Administrator',
        reviewedOn: '2026-11-05',
        comments: null,
        recordedBy: 'Demo Administrator',
      },
    ]);
    const library = (await app.inject('/api/v1/specifications')).json();
    expect(library.serviceAreas).toMatchObject([
      {
        serviceArea: 'Stroke',
        specifications: [
          { title: 'Hyper-acute stroke unit', approved: { version: 1 }, latest: null },
        ],
      },
    ]);
  });

  it('approving a new version supersedes the one approved before, and the version page compares them', async () => {
    const drafted = await post(`${path()}/versions`, {
      scope: `${stroke.scope}\nDoor-to-needle time under 45 minutes.`,
      outcomes: stroke.outcomes,
      standards: [
        ...stroke.standards,
        { reference: 'National Stroke Strategy', title: 'Department of Health, 2007' },
      ],
      authorName: 'Dr Miriam Ashworth',
      writtenOn: '2026-11-10',
    });
    expect(drafted.json()).toMatchObject({ version: 2, revised: false });
    expect((await post(`${path()}/versions/2/submission`)).statusCode).toBe(200);
    // The secretariat drafted version 2, though it names another author, so may not review it.
    const review = { outcome: 'signed-off', comments: 'Agreed.', reviewedOn: '2026-11-12' };
    const byDrafter = await post(`${path()}/versions/2/reviews`, review);
    expect(byDrafter.statusCode).toBe(409);
    expect(byDrafter.json().detail).toContain('You drafted version 2, so cannot review it');
    const reviewed = await post(`${path()}/versions/2/reviews`, review, administrator);
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    const approved = await post(`${path()}/versions/2/approval`, { approvedOn: '2026-11-13' });
    expect(approved.json()).toMatchObject({ version: 2, superseded: [1] });
    expect(await versionRows(specificationId)).toMatchObject([
      { version: 1, status: 'superseded', approvedOn: '2026-11-06' },
      { version: 2, status: 'approved', approvedOn: '2026-11-13' },
    ]);
    const version = (await app.inject(`/api/v1${path()}/versions/2`)).json();
    expect(version.comparedWith).toEqual({
      version: 1,
      scope: [
        { change: 'removed', text: 'Door-to-needle time under 60 minutes.' },
        { change: 'added', text: 'Door-to-needle time under 45 minutes.' },
      ],
      outcomes: [],
      standards: [
        { change: 'added', text: 'National Stroke Strategy: Department of Health, 2007' },
      ],
      unchanged: false,
    });
    expect(await listApprovedVersions(database.db)).toMatchObject([
      { specificationId, version: 2, label: 'Hyper-acute stroke unit, version 2 (Stroke)' },
    ]);
  });

  it('links good practice to the specification (2008 terms, Commissioning development), audited', async () => {
    const before = await auditCount();
    const added = await post(`${path()}/good-practice`, {
      title: 'Ambulance pre-alert',
      summary: 'Crews telephone the unit from the scene.',
      link: 'https://example.org/pre-alert',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(
      (
        await post(`${path()}/good-practice`, {
          title: 'x',
          summary: 'y',
          link: 'javascript:alert(1)',
        })
      ).statusCode,
    ).toBe(400);
    expect(await auditCount()).toBe(before + 1);
    const view = (await app.inject(`/api/v1${path()}`)).json();
    expect(view.goodPractice).toEqual([
      {
        title: 'Ambulance pre-alert',
        summary: 'Crews telephone the unit from the scene.',
        link: 'https://example.org/pre-alert',
        organisationName: null,
      },
    ]);
  });

  it('shows where a version is used: the London commissioning intentions and the lead commissioning arrangements', async () => {
    const [london] = await database.db
      .select({ id: bodies.id })
      .from(bodies)
      .where(eq(bodies.slug, 'london-commissioning-group'));
    const [approvedVersion] = await database.db
      .select({ id: specificationVersions.id })
      .from(specificationVersions)
      .where(eq(specificationVersions.status, 'approved'));
    const roundId = uuidv7();
    await database.db.insert(commissioningRounds).values({
      id: roundId,
      bodyId: london!.id,
      startYear: 2008,
      submissionsOpenOn: '2007-09-01',
      submissionsDueOn: '2007-10-31',
      consolidationBy: '2007-11-30',
      agreementBy: '2007-12-31',
      publicationBy: '2008-01-31',
      createdAt: fixedNow,
    });
    await database.db.insert(commissioningIntentions).values({
      id: uuidv7(),
      roundId,
      position: 1,
      title: 'Hyper-acute stroke units for all Londoners',
      serviceArea: 'Stroke',
      description: 'Eight units.',
      specificationVersionId: approvedVersion!.id,
      createdAt: fixedNow,
    });
    const [provider] = await database.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.name, 'Camden PCT'));
    const [lead] = await database.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.name, 'Islington PCT'));
    const arrangementId = uuidv7();
    await database.db.insert(leadArrangements).values({
      id: arrangementId,
      roundId,
      bodyId: london!.id,
      providerOrganisationId: provider!.id,
      service: 'Hyper-acute stroke care',
      specificationVersionId: approvedVersion!.id,
      leadOrganisationId: lead!.id,
      leadShareBasisPoints: 4000,
      stageChangedOn: '2008-04-01',
      createdAt: fixedNow,
    });
    const version = (await app.inject(`/api/v1${path()}/versions/2`)).json();
    expect(version.usedBy.arrangements).toEqual([
      {
        service: 'Hyper-acute stroke care',
        providerName: 'Camden PCT',
        leadName: 'Islington PCT',
        round: '2008/09',
        stage: 'preparation',
        href: `/lead-commissioning/${arrangementId}`,
      },
    ]);
    expect(version.usedBy.intentions).toEqual([
      {
        title: 'Hyper-acute stroke units for all Londoners',
        round: '2008/09',
        href: '/bodies/london-commissioning-group/commissioning-rounds/2008-09/intentions',
        bodyTitle: expect.any(String),
      },
    ]);
    const page = await app.inject(`${path()}/versions/2`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hyper-acute stroke units for all Londoners');
    expect(page.body).toContain('Hyper-acute stroke care at Camden PCT');
  });
});

describe('full-text search over versions (PostgreSQL tsvector, English stemming)', () => {
  let diabetesId: string;

  beforeAll(async () => {
    const created = await post('/specifications', {
      title: 'Community diabetes service',
      serviceArea: 'Diabetes',
      scope: 'Specialist nurses in general practices.',
      outcomes: 'Structured education reduces emergency hospitalisations for hypoglycaemia.',
      standards: [
        { reference: 'National Service Framework for Diabetes', title: 'Standards (2001)' },
      ],
      authorName: 'Dr Samuel Oyelaran',
      writtenOn: '2026-09-08',
    });
    diabetesId = created.json().specificationId;
  });

  const search = async (q: string, headers: Record<string, string> = secretariat) =>
    (await app.inject({ url: `/api/v1/specifications?q=${encodeURIComponent(q)}`, headers })).json()
      .search;

  it('finds a version by a stemmed word in its outcomes, with the word marked in a snippet', async () => {
    const found = await search('hospitalisation');
    expect(found.results.map((result: { title: string }) => result.title)).toEqual([
      'Community diabetes service',
    ]);
    expect(found.results[0].snippet).toContainEqual({ text: 'hospitalisations', match: true });
    const readmission = await search('readmission');
    expect(readmission.results[0]).toMatchObject({ title: 'Hyper-acute stroke unit' });
  });

  it('finds a version by a cited standard', async () => {
    const byNice = await search('NICE CG68');
    expect(new Set(byNice.results.map((result: { title: string }) => result.title))).toEqual(
      new Set(['Hyper-acute stroke unit']),
    );
    const byFramework = await search('"National Service Framework"');
    expect(
      byFramework.results.map((result: { specificationId: string }) => result.specificationId),
    ).toEqual([diabetesId]);
  });

  it('shows the public approved versions only', async () => {
    expect((await search('hospitalisation', {})).results).toEqual([]);
    expect((await search('hospitalisation', {})).message).toContain(
      'No approved specification version',
    );
    expect((await search('readmission', {})).results.length).toBeGreaterThan(0);
  });

  it('answers empty and wordless searches plainly', async () => {
    expect((await search('   ')).message).toContain('Type a word or two');
    expect((await search('the and of')).message).toContain('only common words');
    expect((await search('!!! &&& ')).message).toContain('nothing to search for');
    expect((await search('xylophone')).message).toContain(
      'No specification version mentions “xylophone”',
    );
    const page = await app.inject('/specifications?q=the');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('only common words');
  });

  it('answers a repeated or a very long search in plain words, on the page and over the API', async () => {
    const cases = [
      { query: 'q=a&q=b', words: 'Search for one thing at a time.' },
      { query: `q=${'a'.repeat(5000)}`, words: 'Search for fewer than 200 characters.' },
    ];
    for (const { query, words } of cases) {
      const page = await app.inject(`/specifications?${query}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(words);
      expect(page.body).not.toMatch(/Invalid input|Too big|expected string/);
      const api = await app.inject(`/api/v1/specifications?${query}`);
      expect(api.statusCode).toBe(400);
      expect(api.json().detail).toContain(words);
    }
  });
});

describe('pages', () => {
  it('renders the library, a specification and a version, for the public and the secretariat, with no id shown', async () => {
    const [first] = await listApprovedVersions(database.db);
    const cookie = {};
    for (const url of [
      '/specifications',
      '/specifications?q=readmission',
      `/specifications/${first!.specificationId}`,
      `/specifications/${first!.specificationId}/versions/2`,
      `/specifications/${first!.specificationId}/versions/1`,
    ]) {
      const page = await app.inject({ url, headers: cookie });
      expect(page.statusCode, url).toBe(200);
      const text = page.body.replace(/<[^>]+>/g, ' ');
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
      expect(text).not.toContain('in-review');
    }
    const version = await app.inject(`/specifications/${first!.specificationId}/versions/2`);
    expect(version.body).toContain('13 November 2026');
    expect(version.body).toContain('Door-to-needle time under 45 minutes.');
    expect(version.body).toContain('Signed off by Demo Administrator, 12 November 2026');
    expect(version.body).toContain('Written by');
    expect(version.body).toContain('Dr Miriam Ashworth');
    expect(version.body).toContain('Approved by Demo Secretariat, 13 November 2026');
  });

  it('says a missing version plainly', async () => {
    const [first] = await listApprovedVersions(database.db);
    expect(
      (await app.inject(`/specifications/${first!.specificationId}/versions/9`)).statusCode,
    ).toBe(404);
  });
});

describe('quality assurance is done by another account, and asked for only when it can be given', () => {
  let specificationId: string;
  const path = () => `/specifications/${specificationId}`;
  const review = { outcome: 'signed-off', comments: 'Fine.', reviewedOn: '2026-11-20' };

  it('refuses the account that drafted a version signing it off, whatever author it named', async () => {
    const created = await post('/specifications', {
      ...stroke,
      title: 'Falls prevention service',
      serviceArea: 'Older people',
      authorName: 'Rev Author',
    });
    expect(created.statusCode, created.body).toBe(201);
    specificationId = created.json().specificationId;
    expect((await post(`${path()}/versions/1/submission`)).statusCode).toBe(200);
    const before = { audit: await auditCount(), reviews: await reviewCount() };
    const refused = await post(`${path()}/versions/1/reviews`, review);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('You drafted version 1, so cannot review it');
    expect(refused.json().detail).toContain(clause);
    const named = await post(`${path()}/versions/1/reviews`, {
      ...review,
      reviewerName: 'Someone Else',
    });
    expect(named.statusCode).toBe(400);
    expect(
      (await post(`${path()}/versions/1/approval`, { approvedOn: '2026-11-21' })).statusCode,
    ).toBe(409);
    expect(await reviewCount()).toBe(before.reviews);
    expect(await auditCount()).toBe(before.audit);
  });

  it('offers approval only once the latest review signed the version off', async () => {
    const view = async () =>
      (await app.inject({ url: `/api/v1${path()}/versions/1`, headers: secretariat })).json();
    expect(await view()).toMatchObject({ status: 'in-review', mayReview: true, mayApprove: false });
    const page = async () =>
      (await app.inject({ url: `${path()}/versions/1`, headers: secretariat })).body;
    expect(await page()).not.toContain('Approve this version');

    const reviewed = await post(`${path()}/versions/1/reviews`, review, administrator);
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    expect(await view()).toMatchObject({ mayReview: false, mayApprove: true });
    expect(await page()).toContain('Approve this version');
    const [row] = await database.db
      .select({ reviewerName: specificationReviews.reviewerName })
      .from(specificationReviews)
      .where(eq(specificationReviews.comments, 'Fine.'));
    expect(row?.reviewerName).toBe('Demo Administrator');
  });

  it('refuses titles, scopes, outcomes, comments and service areas with no visible character', async () => {
    const invisible = '\u200B\u2060\u202E ';
    for (const field of ['title', 'serviceArea', 'scope', 'outcomes']) {
      const refused = await post('/specifications', {
        ...stroke,
        title: 'Invisible test',
        [field]: invisible,
      });
      expect(refused.statusCode, field).toBe(400);
      expect(refused.json().errors, field).toMatchObject([{ field }]);
    }
    const drafted = await post(`${path()}/versions`, {
      ...stroke,
      title: undefined,
      serviceArea: undefined,
      scope: '\u200B',
    });
    expect(drafted.statusCode).toBe(400);
    const comments = await post(
      `${path()}/versions/1/reviews`,
      { ...review, comments: '\u2060\u200B' },
      administrator,
    );
    expect(comments.statusCode).toBe(400);
    expect(comments.json().errors).toMatchObject([{ field: 'comments' }]);
    expect(
      (await post('/specifications', { ...stroke, title: '\u200BFalls clinic\u202E' })).statusCode,
    ).toBe(201);
  });
});
