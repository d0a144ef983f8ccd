import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  type DemoRole,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { seedDemoAccountability } from '../accountability/index.ts';
import { seedIntentionsRound } from '../commissioning/intention-fixtures.ts';
import { seedDemoContracts } from '../contracts/index.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { seedDemoProgramme } from '../programme/index.ts';
import { seedDemoReports } from '../reports/index.ts';
import type { App } from './app-types.ts';

/**
 * Issue 22, item 5: "No slug, UUID, camelCase id or Markdown mark-up reaches a page: every
 * identifier has its title", and times without seconds. The pages the issue found them on, on the
 * demo data, with a dispute taken up the 2006 §112 ladder to sign-off so every kind of step shows.
 */
const lcg = 'london-commissioning-group';

/** What a reader sees: the text of the page, without tags, scripts or the constitution's source. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|pre|head)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

/** Identifiers and mark-up a page must never show, each with why. */
const leaks: readonly [RegExp, string][] = [
  [/agreeProcess|signOff|notAgreed|signedOff|notSignedOff|exOfficio/, 'a camelCase id'],
  [/north-east|north-west|north-central|south-east|south-west/, 'a sector id'],
  [/london-commissioning-group|sector-commissioning-group|nhs-london|london-pcts/, 'a body slug'],
  [
    /agree-decision-process|mediation-by-chair|sha-facilitation|sponsoring-board-sign-off/,
    'a step id',
  ],
  [/`/, 'Markdown mark-up'],
  [/\b\d{1,2}:\d{2}:\d{2}\b/, 'a time with seconds'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i, 'a UUID'],
];

function leaksIn(text: string): string[] {
  return leaks.flatMap(([pattern, what]) => {
    const found = pattern.exec(text);
    if (!found) return [];
    const at = found.index;
    return [`${what} "${found[0]}" in "…${text.slice(Math.max(0, at - 60), at + 60)}…"`];
  });
}

let database: DatabaseHandle;
let app: App;
let cookies: string;
let secretariat: { authorization: string };
let meetingId: string;
let disputeId: string;
let questionId: string;
let returnPath: string;
let reportId: string;
let consortiumId: string;
let reviewCommissionId: string;
let programmePages: string[] = [];
let reportPages: string[] = [];
let forwardPlanItemId: string;

const post = async (url: string, payload: object) => {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers: secretariat,
    payload,
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
};

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  cookies = (await signInThroughForm(app, demoEmails.secretariat)).cookies;

  meetingId = (
    await post(`/bodies/${lcg}/meetings`, {
      title: 'December meeting',
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-11-20',
    })
  ).meetingId;
  const { agendaItemId } = await post(`/meetings/${meetingId}/agenda-items`, {
    title: 'Stroke services',
    purpose: 'decision',
  });
  questionId = (
    await post(`/meetings/${meetingId}/proposals`, {
      agendaItemId,
      title: 'A London-wide view on stroke services',
      text: 'That the group supports the stroke strategy.',
      decisionKind: 'london-wide-view',
    })
  ).proposalId;

  // A service-development dispute up the 2006 §112 ladder: the agreed process, mediation by the
  // chair, facilitation by NHS London, then sign-off by one board (one refusal would close it).
  const { reviewId } = await post(`/bodies/${lcg}/joint-reviews`, {
    title: 'Cardiology services review',
    category: 'service-development',
    decisionProcess: 'Recommendations by consensus of the sponsoring PCTs.',
    failureToAgree: 'Mediation by the chair; then facilitation by NHS London.',
  });
  await post(`/joint-reviews/${reviewId}/agreement`, {
    agreedOn: '2026-09-01',
    agreedMinuteReference: 'LCG/26/41',
  });
  await post(`/joint-reviews/${reviewId}/start`, { startedOn: '2026-09-02' });
  disputeId = (
    await post(`/bodies/${lcg}/disputes`, {
      category: 'service-development',
      title: 'Cardiology: where the heart attack centres go',
      description: 'Sponsoring PCTs disagree on the recommendation.',
      jointReviewId: reviewId,
      raisedOn: '2026-10-01',
    })
  ).disputeId;
  await post(`/disputes/${disputeId}/steps`, {
    stepId: 'mediation-by-chair',
    takenOn: '2026-10-15',
    takenBy: 'The chair',
    outcome: 'notAgreed',
  });
  await post(`/joint-reviews/${reviewId}/end`, { endedOn: '2026-11-01' });
  const facilitated = await post(`/disputes/${disputeId}/steps`, {
    stepId: 'sha-facilitation',
    takenOn: '2026-11-10',
    takenBy: 'NHS London',
    outcome: 'agreed',
  });
  const [board] = facilitated.next.awaitingSignOff as { id: string; name: string }[];
  await post(`/disputes/${disputeId}/steps`, {
    stepId: 'sponsoring-board-sign-off',
    takenOn: '2026-11-20',
    takenBy: `${board?.name} Board`,
    outcome: 'signedOff',
    boardOrganisationId: board?.id,
  });

  // A commissioning round with a late return and a nil return, so its pages show every state.
  await post(`/bodies/${lcg}/commissioning-rounds`, {
    year: '2027-28',
    submissionsOpenOn: '2026-11-01',
    submissionsDueOn: '2026-11-20',
    consolidationBy: '2026-12-18',
    agreementBy: '2027-01-29',
    publicationBy: '2027-03-01',
  });
  const roundPath = `/bodies/${lcg}/commissioning-rounds/2027-28`;
  const round = (await app.inject({ url: `/api/v1${roundPath}`, headers: secretariat })).json();
  const [first, second] = round.returns.sectors[0].pcts as { submitter: string }[];
  for (const [submitter, payload] of [
    [
      first?.submitter,
      {
        lateReason: 'The board met on 21 November.',
        priorities: [
          {
            title: 'Hyper-acute stroke units',
            serviceArea: 'Stroke',
            rationale: 'Too few reach a stroke unit in time.',
            expectedEffect: 'More patients thrombolysed.',
            population: 'Adults at risk of stroke',
          },
        ],
      },
    ],
    [second?.submitter, { isNilReturn: true, lateReason: 'Board date.' }],
  ] as const) {
    const made = await app.inject({
      method: 'PUT',
      url: `/api/v1${roundPath}/returns/${submitter}`,
      headers: secretariat,
      payload,
    });
    expect(made.statusCode, made.body).toBe(201);
  }
  returnPath = `${roundPath}/returns/${first?.submitter}`;

  // The Business Service held to account: a service, an indicator, a report presented.
  const { offeringId } = await post('/business-service/services', {
    name: 'Contract monitoring',
    area: 'contracting-and-contract-management',
    description: 'Monthly activity monitoring.',
  });
  const { indicatorId } = await post('/business-service/indicators', {
    offeringId,
    name: 'Monitoring reports on time',
    measures: 'Share of reports issued within ten working days.',
    target: '90',
    unit: 'percent',
    direction: 'higher-is-better',
  });
  reportId = (
    await post('/business-service/reports', {
      startYear: 2007,
      quarter: 3,
      preparedOn: '2008-01-21',
      figures: [{ indicatorId, value: '85' }],
    })
  ).reportId;
  await post(`/business-service/reports/${reportId}/presentation`, { meetingId });

  // A specialised services consortium with a budget and a service.
  const pcts = (await app.inject('/api/v1/organisations?type=primary-care-trust')).json();
  const [a, b] = (pcts.items ?? pcts) as { id: string }[];
  consortiumId = (
    await post('/specialised-commissioning', {
      name: 'London Specialised Commissioning Group',
      shareBasis: 'population',
      shareBasisNote: 'By population.',
      establishedOn: '2007-04-01',
      members: [
        { organisationId: a?.id, shareBasisPoints: 4000 },
        { organisationId: b?.id, shareBasisPoints: 6000 },
      ],
    })
  ).consortiumId;
  const budget = await app.inject({
    method: 'POST',
    url: `/api/v1/specialised-commissioning/${consortiumId}/budgets`,
    headers: secretariat,
    payload: { startYear: 2007, amountPence: 123_456_789 },
  });
  expect(budget.statusCode, budget.body).toBe(204);
  // The reviews tasked to the sector groups and the briefing log, as the demo has them.
  await seedDemoAccountability({ db: database.db, context: { actor: 'seed', now: app.now() } });
  const commissions = (await app.inject(`/api/v1/bodies/${lcg}/review-commissions`)).json();
  reviewCommissionId = commissions.commissioned
    .flatMap((group: { items: { id: string; state: string }[] }) => group.items)
    .find((item: { state: string }) => item.state === 'reported').id;

  // The Healthcare for London delivery programme (issue 26): its pages on the demo programme.
  await seedDemoProgramme({ db: database.db, context: { actor: 'seed', now: new Date() } });
  const [programme] = (await app.inject(`/api/v1/bodies/${lcg}/programmes`)).json().items;
  const view = (await app.inject(`/api/v1/programmes/${programme.id}`)).json();
  const [workstream] = view.workstreams;
  const [project] = workstream.projects;
  const [late] = view.late;
  programmePages = [
    '/programmes',
    `/bodies/${lcg}/programmes`,
    `/programmes/${programme.id}`,
    `/programmes/${programme.id}/roll-up`,
    `/programme/workstreams/${workstream.id}`,
    `/programme/projects/${project.id}`,
    `/programme/actions/${late.id}`,
    '/programme/pcts/5K9',
  ];

  // Progress updates and annual reports (issue 26 item 3), as the demo generates and sends them.
  await seedDemoReports({ db: database.db, context: { actor: 'seed', now: new Date() } });
  const reports = (await app.inject(`/api/v1/bodies/${lcg}/reports`)).json().reports as {
    id: string;
    kindText: string;
    periodTo: string;
  }[];
  reportPages = [
    `/bodies/${lcg}/reports`,
    '/bodies/north-central-local-commissioning-group/reports',
    ...reports
      .filter((report) => report.periodTo === '2009-03-31' || report.periodTo === '2008-12-31')
      .map((report) => `/reports/${report.id}`),
  ];

  // Forward plan (issue 26 item 5): one expected decision on the December agenda, in Part II.
  forwardPlanItemId = (
    await post(`/bodies/${lcg}/forward-plan`, {
      title: 'Polyclinic pilots: award of the first wave',
      kind: 'commissioning-decision',
      summary: 'To agree which bids the PCTs will commission.',
      meetingId,
      partTwoExpected: true,
      partTwoReason: 'The commercial terms of the bids are confidential.',
      contact: 'Secretary to the group',
    })
  ).id;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function pageText(url: string): Promise<string> {
  const page = await app.inject({ url, headers: { cookie: cookies } });
  expect(page.statusCode, `${url}: ${page.body.slice(0, 300)}`).toBe(200);
  return visibleText(page.body);
}

describe('issue 22, item 5: pages show titles and words, never ids or mark-up', () => {
  const pages = () => [
    `/disputes/${disputeId}`,
    `/bodies/${lcg}/disputes`,
    '/oversight/disputes',
    `/bodies/${lcg}`,
    `/bodies/${lcg}/versions/1`,
    `/bodies/${lcg}/versions/2`,
    `/bodies/${lcg}/members`,
    `/bodies/${lcg}/meetings`,
    `/meetings/${meetingId}`,
    `/meetings/${meetingId}/proposals`,
    `/proposals/${questionId}`,
    '/decisions',
    '/account',
    '/specifications',
    '/specifications?q=stroke',
    '/markets',
    '/markets?service=Mental+health',
    '/markets/practice-based-commissioning',
    '/clinical-networks',
    '/commissioning',
    `/bodies/${lcg}/commissioning-rounds/2027-28`,
    returnPath,
    `${returnPath}/form`,
    '/business-service',
    `/business-service/reports/${reportId}`,
    '/specialised-commissioning',
    `/specialised-commissioning/${consortiumId}`,
    `/bodies/${lcg}/review-commissions`,
    '/bodies/north-central-local-commissioning-group/review-commissions',
    `/review-commissions/${reviewCommissionId}`,
    `/bodies/${lcg}/communications`,
    ...programmePages,
    ...reportPages,
    '/forward-plan',
    `/bodies/${lcg}/forward-plan`,
    `/forward-plan/${forwardPlanItemId}`,
  ];

  it('shows no step id, sector id, body slug, UUID, backtick or time with seconds', async () => {
    const found: string[] = [];
    for (const url of pages()) {
      for (const leak of leaksIn(await pageText(url))) found.push(`${url}: ${leak}`);
    }
    expect(found).toEqual([]);
  });

  it('names each kind of ladder step in words on the terms of reference', async () => {
    const text = await pageText(`/bodies/${lcg}/versions/2`);
    expect(text).toContain('Agreeing the decision process');
    expect(text).toContain('Sign-off by the sponsoring boards');
  });

  it('names the sector, the nominating body and the body of a role by their titles', async () => {
    expect(await pageText(`/meetings/${meetingId}`)).toContain('North East sector');
    expect(await pageText(`/bodies/${lcg}/members`)).toContain(
      "Ex officio: the sector's Collaborative Commissioning Group (CCG)",
    );
    expect(await pageText('/account')).toContain('secretariat of London Commissioning Group');
  });

  it('tells the dispute’s story in words: outcomes and the board that signed off', async () => {
    const text = await pageText(`/disputes/${disputeId}`);
    expect(text).toMatch(/mediation within the group, conducted by the chair: not agreed/);
    expect(text).toMatch(/sign-off by [^:]+: signed off \([^)]*PCT\)/);
  });

  it('shows times to the minute', async () => {
    expect(await pageText(`/meetings/${meetingId}`)).toMatch(/10 Dec 2026, 14:00(?!:)/);
    expect(await pageText(`/bodies/${lcg}/meetings`)).toMatch(/10 Dec 2026, 14:00(?!:)/);
  });

  it('asks for views, not votes, on a consensus question, and counts every decision', async () => {
    const draft = await pageText(`/proposals/${questionId}`);
    expect(draft).toContain('Open for views');
    expect(draft).toContain('Views recorded');
    const opened = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${questionId}/open`,
      headers: secretariat,
    });
    expect(opened.statusCode, opened.body).toBeLessThan(300);
    expect(await pageText(`/proposals/${questionId}?changed=opened`)).toContain(
      'The question is open for views.',
    );
    const register = await pageText('/decisions');
    expect(register).toContain('Download every decision as CSV');
    expect(register).not.toContain('every decisions');
  });
});

/** The links of a page that lead to other pages of this site (not the API, files or sign-out). */
function pageLinksIn(html: string): string[] {
  const links = [...html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)].map((match) =>
    match[1]!.replace(/&amp;/g, '&'),
  );
  return links.flatMap((href) => {
    if (!href.startsWith('/') || href.startsWith('//')) return [];
    const url = new URL(href, 'http://concordat.invalid');
    if (/^\/(api|assets|sign-out|healthz)\b|\.(csv|pdf|ics|json)$/.test(url.pathname)) return [];
    return [`${url.pathname}${url.search}`];
  });
}

/** Pages of the same shape (ids in the path made alike) are few enough to visit three of each. */
function shapeOf(path: string): string {
  return path
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    .replace(/\?.*$/, (query) => query.replace(/=[^&]*/g, '='));
}

/**
 * Every id the seed data gives a record that a page could leak: bodies' slugs, sectors' ids and
 * every hyphenated or camelCase id in the constitutions (decision kinds, methods, steps, seats).
 */
async function seedIdentifiers(): Promise<string[]> {
  const result = await database.db.execute(sql`
    select slug as id from bodies
    union select id from sectors
    union select distinct value #>> '{}' from constitution_versions,
      jsonb_path_query(document, 'strict $.**.id') as value`);
  const ids = (result as unknown as { rows: { id: string | null }[] }).rows.flatMap((row) =>
    row.id ? [row.id] : [],
  );
  return ids.filter((id) => /^[a-z][a-z0-9]*(-[a-z0-9]+)+$|^[a-z]+[A-Z]/.test(id));
}

describe('issue 22, item 5: a crawl of every linked page, as each demo account', () => {
  const accounts: (DemoRole | 'anonymous')[] = [
    'anonymous',
    'public',
    'member',
    'chair',
    'secretariat',
    'administrator',
  ];

  it.each(accounts)(
    'signed in as %s, no page shows a UUID, a seed id, a camelCase id or a backtick',
    async (account) => {
      const identifiers = await seedIdentifiers();
      expect(identifiers).toContain(lcg);
      const seedIdPattern = new RegExp(
        `(?<![\\w-])(${identifiers.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w-])`,
      );
      const leaksOnPage = (text: string) => [
        ...leaksIn(text).filter((leak) => !leak.startsWith('a time with seconds')),
        ...[seedIdPattern.exec(text)].flatMap((found) =>
          found
            ? [
                `a seed id "${found[0]}" in "…${text.slice(Math.max(0, found.index - 60), found.index + 60)}…"`,
              ]
            : [],
        ),
        // iCalendar is the standard's own name, not an identifier.
        ...[/(?<![\w-])(?!iCalendar\b)[a-z]+[A-Z][a-zA-Z]*(?![\w-])/.exec(text)].flatMap((found) =>
          found ? [`a camelCase id "${found[0]}"`] : [],
        ),
      ];
      const cookie =
        account === 'anonymous' ? '' : (await signInThroughForm(app, demoEmails[account])).cookies;
      const queue = ['/', `/meetings/${meetingId}`, `/disputes/${disputeId}`];
      const seen = new Set<string>();
      const shapes = new Map<string, number>();
      const found: string[] = [];
      let visited = 0;
      while (queue.length && visited < 400) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const shape = shapeOf(path);
        if ((shapes.get(shape) ?? 0) >= 3) continue;
        shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
        const page = await app.inject({ url: path, headers: cookie ? { cookie } : {} });
        visited += 1;
        if (page.statusCode >= 500) found.push(`${path}: answered ${page.statusCode}`);
        if (page.statusCode !== 200 || !String(page.headers['content-type']).includes('html')) {
          continue;
        }
        for (const leak of leaksOnPage(visibleText(page.body))) found.push(`${path}: ${leak}`);
        queue.push(...pageLinksIn(page.body).filter((link) => !seen.has(link)));
      }
      expect(visited).toBeGreaterThan(20);
      expect(found).toEqual([]);
    },
    300_000,
  );
});

describe('issue 23: the London commissioning intentions pages speak in words', () => {
  let roundPath: string;
  let intentionId: string;

  beforeAll(async () => {
    const round = await seedIntentionsRound(database.db, { now: app.now() });
    const api = `/bodies/${lcg}/commissioning-rounds/${round.year}`;
    await post(`${api}/intentions/consolidation`, {});
    intentionId = (
      await post(`${api}/intentions`, {
        title: 'Hyperacute stroke care',
        serviceArea: 'Stroke',
        description: 'Eight hyperacute stroke units.',
        priorityIds: round.priorities
          .filter((priority) => priority.serviceArea === 'Stroke')
          .map((priority) => priority.id),
      })
    ).intentionId;
    roundPath = `/bodies/${lcg}/commissioning-rounds/${round.year}`;
  });

  it('shows no UUID, slug, sector id, status id or camelCase id on the intentions, an intention and the fit', async () => {
    const identifiers = await seedIdentifiers();
    const seedIdPattern = new RegExp(
      `(?<![\\w-])(${identifiers.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w-])`,
    );
    const found: string[] = [];
    for (const url of [
      `${roundPath}/intentions`,
      `${roundPath}/intentions/${intentionId}`,
      `${roundPath}/fit`,
    ]) {
      const text = await pageText(url);
      for (const leak of leaksIn(text)) found.push(`${url}: ${leak}`);
      const seedId = seedIdPattern.exec(text);
      if (seedId) found.push(`${url}: a seed id "${seedId[0]}"`);
      if (/\b(put-to-group|consolidating|commissioning-intentions)\b/.test(text)) {
        found.push(`${url}: a status or kind id`);
      }
    }
    expect(found).toEqual([]);
    const intentions = await pageText(`${roundPath}/intentions`);
    expect(intentions).toContain('London commissioning intentions 2008/09');
    expect(intentions).toContain('North East, North West, South East');
  });
});

describe('issue 24: the contracts register speaks in words', () => {
  let contractIds: string[];

  beforeAll(async () => {
    await seedDemoContracts({ db: database.db, context: { actor: 'seed', now: app.now() } });
    const register = (await app.inject('/api/v1/contracts')).json();
    contractIds = register.contracts.map((each: { id: string }) => each.id);
  });

  it('shows no UUID, slug, sector id, route or status id on the register, its contracts and its forms', async () => {
    const identifiers = await seedIdentifiers();
    const seedIdPattern = new RegExp(
      `(?<![\\w-])(${identifiers.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w-])`,
    );
    const found: string[] = [];
    for (const url of [
      '/contracts',
      '/contracts?status=extended',
      '/contracts/new',
      '/contracts/import',
      ...contractIds.slice(0, 3).map((id) => `/contracts/${id}`),
      ...contractIds.slice(-3).map((id) => `/contracts/${id}`),
      `/contracts/${contractIds[0]}/edit`,
    ]) {
      const text = await pageText(url);
      for (const leak of leaksIn(text)) found.push(`${url}: ${leak}`);
      const seedId = seedIdPattern.exec(text);
      if (seedId) found.push(`${url}: a seed id "${seedId[0]}"`);
      const kindId =
        /\b(single-tender|competitive-dialogue|framework-call-off|primary-care-trust|provider-trust|foundation-trust)\b/.exec(
          text,
        );
      if (kindId) found.push(`${url}: a route or type id "${kindId[0]}"`);
    }
    expect(found).toEqual([]);
    const register = await pageText('/contracts');
    expect(register).toMatch(/23 contracts: £[\d,]+\.\d{2} in total/);
    expect(register).toContain('South London and Maudsley NHS Foundation Trust');
  });
});

describe('issue 25: responding to a consultation speaks in words', () => {
  it('shows no UUID, slug or category id on the form, the confirmation, the review and the published responses', async () => {
    const { insertTestConsultation } = await import(
      '../consultations/testing/consultation-fixture.ts'
    );
    const now = app.now();
    const open = await insertTestConsultation(database.db, { now, slug: 'plain-words-open' });
    const closed = await insertTestConsultation(database.db, {
      now,
      slug: 'plain-words-closed',
      opensAt: new Date(now.getTime() - 100 * 86_400_000),
      closesAt: new Date(now.getTime() - 86_400_000),
    });
    const form = await app.inject('/consultations/plain-words-open/respond?section=5.2');
    const sent = await app.inject({
      method: 'POST',
      url: '/consultations/plain-words-open/respond',
      headers: {
        cookie: cookieHeader(form.headers['set-cookie']),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(form.body),
        respondentCategory: 'organisation',
        organisationName: 'Brent Patients Forum',
        publishConsent: 'yes',
        'question-1': 'Agree',
        'question-4': 'Open the polyclinics in the evenings for people who work.',
        intent: 'submit',
      }).toString(),
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const admin = (await signInThroughForm(app, demoEmails.administrator)).cookies;
    const found: string[] = [];
    const texts: string[] = [];
    for (const url of [
      '/consultations/plain-words-open/respond?section=5.2',
      '/consultations/plain-words-closed/respond',
      '/consultations/plain-words-open/organisation-responses',
      '/consultations/plain-words-closed/organisation-responses',
      '/consultations/plain-words-open/responses',
      '/consultations/plain-words-open/responses?filter=held',
      '/consultations/plain-words-open/responses/new',
      '/consultations/plain-words-open/events',
    ]) {
      const page = await app.inject({ url, headers: { cookie: admin } });
      expect(page.statusCode, `${url}: ${page.body.slice(0, 300)}`).toBe(200);
      const text = visibleText(page.body);
      texts.push(text);
      for (const leak of leaksIn(text)) found.push(`${url}: ${leak}`);
      const id =
        /\b(nhs-staff|single-choice|multiple-choice|free-text|plain-words-open|plain-words-closed)\b/.exec(
          text,
        );
      if (id) found.push(`${url}: an id "${id[0]}"`);
    }
    expect(visibleText(sent.body)).toMatch(/Your response is number [\d,]+\./);
    expect(found).toEqual([]);
    expect(texts[1]).toMatch(/closed on \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}/);
    expect(open.slug).not.toBe(closed.slug);
  });
});

describe('issue 25: the second pass of double coding speaks in words', () => {
  it('shows no UUID, slug or id on the question’s analysis page and its second-pass page', async () => {
    const { insertTestConsultation } = await import(
      '../consultations/testing/consultation-fixture.ts'
    );
    const { insertTestResponses } = await import('../consultations/testing/analysis-fixture.ts');
    const consultation = await insertTestConsultation(database.db, {
      now: app.now(),
      slug: 'plain-words-second-pass',
    });
    const text = consultation.questions[3]!;
    await insertTestResponses(
      database.db,
      consultation,
      app.now(),
      Array.from({ length: 30 }, (_, index) => ({
        category: 'public' as const,
        answers: { [text.id]: `The bus to the polyclinic takes too long (${index}).` },
      })),
    );
    const admin = (await signInThroughForm(app, demoEmails.administrator)).cookies;
    const base = '/consultations/plain-words-second-pass/analysis/questions/4';
    const found: string[] = [];
    for (const url of [base, `${base}/second-pass`]) {
      const page = await app.inject({ url, headers: { cookie: admin } });
      expect(page.statusCode, `${url}: ${page.body.slice(0, 300)}`).toBe(200);
      const visible = visibleText(page.body.replace(/<svg\b[\s\S]*?<\/svg>/gi, ' '));
      for (const leak of leaksIn(visible)) found.push(`${url}: ${leak}`);
      const id = /\b(nhs-staff|free-text|plain-words-second-pass|second-pass)\b/.exec(visible);
      if (id) found.push(`${url}: an id "${id[0]}"`);
    }
    expect(found).toEqual([]);
  });
});
