import { count, like, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import {
  addAgendaItem,
  type HeldMeeting,
  meetingWithEveryonePresent,
  openQuestion,
} from '../../test/support/meeting-fixtures.ts';
import { buildSeededTestApp, fixedNow, seedDemo } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import {
  briefingLinks,
  briefings,
  reviewCommissionDueChanges,
  reviewCommissions,
  reviewOutcomes,
} from '../db/schema/accountability.ts';
import { auditEvents } from '../db/schema/audit.ts';
import type { App } from '../http/app-types.ts';
import { seedDemoMeetings } from '../seed/demo-meetings.ts';
import { anonymousActor } from '../shared/actor.ts';
import { getCommunications } from './communications-service.ts';
import { seedDemoAccountability } from './index.ts';

// The test clock is 2026-11-23 (fixedNow); the 2008 London terms are in force with their
// `reporting:` duties; the North Central secretariat is area-secretariat@.
const lcg = 'london-commissioning-group';
const northCentral = 'north-central-local-commissioning-group';
const tasking =
  '2008 Commissioning development: "The LCG will task the sector groups with reviews and collate the outcomes"';

let database: DatabaseHandle;
let app: App;
type Headers = { authorization: string };
let secretariat: Headers;
let programmeOffice: Headers;
let areaSecretariat: Headers;
let member: Headers;
let chair: Headers;
let publicAccount: Headers;
let readOnlyProgrammeOffice: Headers;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  programmeOffice = await bearerFor(app, 'programme');
  areaSecretariat = await bearerFor(app, 'areaSecretariat');
  member = await bearerFor(app, 'member');
  chair = await bearerFor(app, 'chair');
  publicAccount = await bearerFor(app, 'public');
  readOnlyProgrammeOffice = await bearerFor(app, 'programme', 'read');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function rowCounts() {
  const total = async (table: Parameters<ReturnType<typeof database.db.select>['from']>[0]) => {
    const [row] = await database.db.select({ n: count() }).from(table);
    return row?.n ?? 0;
  };
  const [events] = await database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(
      or(like(auditEvents.action, 'review-commission.%'), like(auditEvents.action, 'briefing.%')),
    );
  return {
    commissions: await total(reviewCommissions),
    dueChanges: await total(reviewCommissionDueChanges),
    outcomes: await total(reviewOutcomes),
    briefings: await total(briefings),
    links: await total(briefingLinks),
    audit: events?.n ?? 0,
  };
}

const post = (url: string, payload: unknown, headers: Headers) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });

/** A multipart/form-data body serialised by the platform's own FormData, as a browser sends it. */
async function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([new Uint8Array(file.content)]), file.name);
  const request = new Request('http://concordat.invalid/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') as string,
  };
}

async function reportOutcome(
  commissionId: string,
  fields: Record<string, string>,
  headers: Headers,
  file: { name: string; content: Buffer } | null = {
    name: 'review.txt',
    content: Buffer.from('The sector found that access varies.\n'),
  },
) {
  const body = await multipart(fields, file ?? undefined);
  return app.inject({
    method: 'POST',
    url: `/api/v1/review-commissions/${commissionId}/outcome`,
    headers: { ...headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}

const commission = {
  sector: northCentral,
  title: 'Access to out-of-hours primary care',
  terms: 'Review access to out-of-hours care across the sector and recommend how to commission it.',
  commissionedOn: '2026-10-01',
  minuteReference: 'LCG/26/12',
  dueOn: '2026-12-15',
};

const outcome = {
  summary: 'Access varies across the five PCTs.',
  recommendations: 'A single specification for the sector\nQuarterly reporting to the sector group',
  reportedOn: '2026-11-20',
};

describe(tasking, () => {
  let commissionId: string;

  it('the programme office commissions a review from North Central, audited', async () => {
    const before = await rowCounts();
    const created = await post(`/bodies/${lcg}/review-commissions`, commission, programmeOffice);
    expect(created.statusCode, created.body).toBe(201);
    commissionId = created.json().commissionId;
    const after = await rowCounts();
    expect(after.commissions).toBe(before.commissions + 1);
    expect(after.audit).toBe(before.audit + 1);
    const view = (await app.inject(`/api/v1/review-commissions/${commissionId}`)).json();
    expect(view).toMatchObject({
      sectorGroup: { slug: northCentral, title: 'North Central London Local Commissioning Group' },
      commissionedBy: { slug: lcg },
      state: 'due-soon',
      outcome: null,
      rule: { clause: '2008 Commissioning development' },
    });
  });

  it('the London secretariat may commission too; a member, the chair, the public and a read-only token may not, nothing written', async () => {
    const allowed = await post(
      `/bodies/${lcg}/review-commissions`,
      { ...commission, title: 'Community dental services', dueOn: '2027-03-31' },
      secretariat,
    );
    expect(allowed.statusCode, allowed.body).toBe(201);
    const before = await rowCounts();
    for (const headers of [
      member,
      chair,
      publicAccount,
      readOnlyProgrammeOffice,
      areaSecretariat,
    ]) {
      const refused = await post(`/bodies/${lcg}/review-commissions`, commission, headers);
      expect(refused.statusCode, refused.body).toBe(403);
    }
    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/review-commissions`,
      payload: commission,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses tasking the London group itself, a body that is not a sector group, and a due date before the commission — nothing written', async () => {
    const before = await rowCounts();
    const itself = await post(
      `/bodies/${lcg}/review-commissions`,
      { ...commission, sector: lcg },
      programmeOffice,
    );
    expect(itself.statusCode).toBe(400);
    expect(itself.json().errors[0]).toMatchObject({ field: 'sector' });
    expect(itself.json().errors[0].message).toContain('cannot task itself');
    expect(itself.json().errors[0].message).toContain('2008 Commissioning development');
    const jointCommittee = await post(
      `/bodies/${lcg}/review-commissions`,
      { ...commission, sector: 'joint-committee-of-pcts' },
      programmeOffice,
    );
    expect(jointCommittee.statusCode).toBe(400);
    expect(jointCommittee.json().errors[0].message).toContain('is not a sector group');
    const early = await post(
      `/bodies/${lcg}/review-commissions`,
      { ...commission, dueOn: '2026-09-30' },
      programmeOffice,
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().errors).toEqual([
      {
        field: 'dueOn',
        message: 'The due date cannot be before the date the review was commissioned.',
      },
    ]);
    const blank = await post(
      `/bodies/${lcg}/review-commissions`,
      { ...commission, title: '  ', terms: '' },
      programmeOffice,
    );
    expect(blank.statusCode).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

  it('changes the due date with a reason, keeping the history; refuses it without a reason', async () => {
    const before = await rowCounts();
    const noReason = await post(
      `/review-commissions/${commissionId}/due-date`,
      { dueOn: '2027-01-31', reason: ' ' },
      programmeOffice,
    );
    expect(noReason.statusCode).toBe(400);
    expect(await rowCounts()).toEqual(before);
    const byMember = await post(
      `/review-commissions/${commissionId}/due-date`,
      { dueOn: '2027-01-31', reason: 'More time' },
      member,
    );
    expect(byMember.statusCode).toBe(403);
    const byNorthCentral = await post(
      `/review-commissions/${commissionId}/due-date`,
      { dueOn: '2027-01-31', reason: 'More time' },
      areaSecretariat,
    );
    expect(byNorthCentral.statusCode).toBe(403);
    const changed = await post(
      `/review-commissions/${commissionId}/due-date`,
      { dueOn: '2027-01-31', reason: 'The sector asked to include the winter data.' },
      programmeOffice,
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      dueOn: '2027-01-31',
      state: 'commissioned',
      dueDateChanges: [
        {
          previousDueOn: '2026-12-15',
          dueOn: '2027-01-31',
          reason: 'The sector asked to include the winter data.',
        },
      ],
    });
    const after = await rowCounts();
    expect(after.dueChanges).toBe(before.dueChanges + 1);
    expect(after.audit).toBe(before.audit + 1);
  });

  it('only the tasked sector records the outcome: the programme office and the London secretariat are refused, nothing written', async () => {
    const before = await rowCounts();
    for (const headers of [programmeOffice, secretariat, member]) {
      const refused = await reportOutcome(commissionId, outcome, headers);
      expect(refused.statusCode, refused.body).toBe(403);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an outcome without its report, or with a file that is not what it says — nothing written', async () => {
    const before = await rowCounts();
    const noFile = await reportOutcome(commissionId, outcome, areaSecretariat, null);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().errors).toContainEqual({
      field: 'file',
      message: 'Choose a file to upload.',
    });
    const fakePdf = await reportOutcome(commissionId, outcome, areaSecretariat, {
      name: 'review.pdf',
      content: Buffer.from('not a pdf'),
    });
    expect(fakePdf.statusCode).toBe(400);
    expect(fakePdf.json().errors[0].message).toContain('a PDF starts with %PDF-');
    const noRecommendations = await reportOutcome(
      commissionId,
      { ...outcome, recommendations: '\n \n' },
      areaSecretariat,
    );
    expect(noRecommendations.statusCode).toBe(400);
    const future = await reportOutcome(
      commissionId,
      { ...outcome, reportedOn: '2026-11-24' },
      areaSecretariat,
    );
    expect(future.statusCode).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

  it('North Central records the outcome with its report; the London list shows it reported', async () => {
    const before = await rowCounts();
    const recorded = await reportOutcome(commissionId, outcome, areaSecretariat);
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toEqual({ commissionId, version: 1 });
    const after = await rowCounts();
    expect(after.outcomes).toBe(before.outcomes + 1);
    expect(after.audit).toBe(before.audit + 1);
    const list = (await app.inject(`/api/v1/bodies/${lcg}/review-commissions`)).json();
    const group = list.commissioned.find(
      (entry: { sectorGroup: { slug: string } }) => entry.sectorGroup.slug === northCentral,
    );
    const reported = group.items.find((item: { id: string }) => item.id === commissionId);
    expect(reported).toMatchObject({
      state: 'reported',
      outcome: {
        version: 1,
        summary: outcome.summary,
        recommendations: [
          'A single specification for the sector',
          'Quarterly reporting to the sector group',
        ],
        reportedOn: '2026-11-20',
        report: { fileName: 'review.txt', mediaType: 'text/plain; charset=utf-8' },
      },
    });
    expect(list.counts.reported).toBe(1);
    const report = await app.inject(reported.outcome.report.href);
    expect(report.statusCode).toBe(200);
    expect(report.body).toBe('The sector found that access varies.\n');
    const sectorList = (
      await app.inject(`/api/v1/bodies/${northCentral}/review-commissions`)
    ).json();
    expect(sectorList.isSectorGroup).toBe(true);
    expect(sectorList.tasked.map((item: { id: string }) => item.id)).toContain(commissionId);
  });

  it('a sector reports once: a second outcome is refused unless it is a correction with a reason, kept as version 2', async () => {
    const before = await rowCounts();
    const again = await reportOutcome(commissionId, outcome, areaSecretariat);
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('correctionReason');
    expect(await rowCounts()).toEqual(before);
    const corrected = await reportOutcome(
      commissionId,
      {
        ...outcome,
        summary: 'Access varies across the five PCTs, most in Haringey.',
        correctionReason: 'The Haringey figures were wrong.',
      },
      areaSecretariat,
    );
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json().version).toBe(2);
    const view = (await app.inject(`/api/v1/review-commissions/${commissionId}`)).json();
    expect(view.outcome).toMatchObject({
      version: 2,
      correctionReason: 'The Haringey figures were wrong.',
    });
    expect(view.outcomeVersions).toHaveLength(2);
  });

  it('withdraws a review with a reason; a withdrawn review takes no outcome and no change', async () => {
    const created = await post(
      `/bodies/${lcg}/review-commissions`,
      { ...commission, title: 'Elective orthopaedic capacity' },
      programmeOffice,
    );
    const id = created.json().commissionId;
    const withdrawn = await post(
      `/review-commissions/${id}/withdrawal`,
      { withdrawnOn: '2026-11-01', reason: 'Taken into the London-wide review.' },
      programmeOffice,
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      state: 'withdrawn',
      withdrawnReason: 'Taken into the London-wide review.',
    });
    const before = await rowCounts();
    const late = await reportOutcome(id, outcome, areaSecretariat);
    expect(late.statusCode).toBe(409);
    const moved = await post(
      `/review-commissions/${id}/due-date`,
      { dueOn: '2027-06-30', reason: 'More time' },
      programmeOffice,
    );
    expect(moved.statusCode).toBe(409);
    expect(await rowCounts()).toEqual(before);
  });

  it('the database holds the invariants too: a due date before the commission and a withdrawal without a reason are refused', async () => {
    const [row] = await database.db.select().from(reviewCommissions).limit(1);
    await expect(
      database.db
        .insert(reviewCommissions)
        .values({ ...row!, id: '01900000-0000-7000-8000-0000000000f1', dueOn: '2000-01-01' }),
    ).rejects.toThrow();
    await expect(
      database.db.insert(reviewCommissions).values({
        ...row!,
        id: '01900000-0000-7000-8000-0000000000f2',
        withdrawnOn: '2026-11-01',
        withdrawnReason: null,
      }),
    ).rejects.toThrow();
  });
});

describe('2008 Communications: "PCT Members of the LCG will communicate and discuss key commissioning issues with London PCT CEs at their monthly meeting"', () => {
  let meeting: HeldMeeting;
  let questionId: string;
  let confidentialQuestionId: string;
  let chiefExecutive: { id: string; name: string };
  let otherBodysPaperId: string;

  beforeAll(async () => {
    meeting = await meetingWithEveryonePresent(app, 'Communications meeting');
    const item = await addAgendaItem(app, meeting, { title: 'Stroke services' });
    questionId = await openQuestion(app, meeting, {
      agendaItemId: item,
      ballot: 'named',
      title: 'Stroke units',
    });
    const partTwo = await addAgendaItem(app, meeting, {
      title: 'Provider negotiations',
      isConfidential: true,
      confidentialityReason: 'Commercial interests of a provider',
    });
    confidentialQuestionId = await openQuestion(app, meeting, {
      agendaItemId: partTwo,
      ballot: 'named',
      title: 'Negotiating position',
    });
    const communications = (
      await app.inject({ url: `/api/v1/bodies/${lcg}/communications`, headers: programmeOffice })
    ).json();
    const duty = communications.briefingDuties.find(
      (candidate: { id: string }) => candidate.id === 'pct-chief-executives-briefing',
    );
    chiefExecutive = duty.people[0];
    // A paper of North Central's own meeting: another body's.
    const scheduled = await post(
      `/bodies/${northCentral}/meetings`,
      {
        title: 'North Central December meeting',
        startsAt: '2026-12-11T14:00:00Z',
        location: 'Camden Town Hall',
        noticeGivenOn: '2026-11-20',
      },
      areaSecretariat,
    );
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const northCentralMeeting = scheduled.json().meetingId;
    const added = await post(
      `/meetings/${northCentralMeeting}/agenda-items`,
      { title: 'Sector finance', purpose: 'information' },
      areaSecretariat,
    );
    const body = await multipart(
      { agendaItemId: added.json().agendaItemId, title: 'Finance report' },
      { name: 'finance.txt', content: Buffer.from('Finance at month seven.\n') },
    );
    const uploaded = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${northCentralMeeting}/papers`,
      headers: { ...areaSecretariat, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    otherBodysPaperId = uploaded.json().paperId;
  });

  const briefing = () => ({
    dutyId: 'pct-chief-executives-briefing',
    briefedOn: '2026-11-23',
    reported: 'The stroke units decision and what it means for each PCT.',
    byPersonId: chiefExecutive.id,
    covers: [questionId],
  });

  it('names the duties with their clause, who may brief, and none met yet', async () => {
    const communications = (
      await app.inject({ url: `/api/v1/bodies/${lcg}/communications`, headers: member })
    ).json();
    const duty = communications.duties.find(
      (candidate: { id: string }) => candidate.id === 'pct-chief-executives-briefing',
    );
    expect(duty).toMatchObject({
      clause: '2008 §Key responsibilities, Communications',
      frequencyText: 'Every month',
      to: ['the monthly meeting of London PCT Chief Executives'],
      by: ['London PCT Chief Executives'],
      due: { lastMet: null, status: 'overdue' },
    });
    const progress = communications.duties.find(
      (candidate: { id: string }) => candidate.id === 'progress-updates',
    );
    expect(progress.sourceText).toContain('a progress update covering it');
    expect(communications.mayLog).toBe(false);
  });

  it('is read by signed-in people only', async () => {
    expect((await app.inject(`/api/v1/bodies/${lcg}/communications`)).statusCode).toBe(401);
    expect(
      (await app.inject({ url: `/api/v1/bodies/${lcg}/communications`, headers: publicAccount }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a briefing by someone the duty does not name, of another body’s paper, of Part II business, or against a duty that is not a briefing — nothing written', async () => {
    const before = await rowCounts();
    const nhsLondonHolder = (
      await app.inject({ url: `/api/v1/bodies/${lcg}/communications`, headers: programmeOffice })
    )
      .json()
      .briefingDuties.find((candidate: { id: string }) => candidate.id === 'nhs-london-briefing')
      .people[0];
    const wrongPerson = await post(
      `/bodies/${lcg}/briefings`,
      { ...briefing(), byPersonId: nhsLondonHolder.id },
      programmeOffice,
    );
    expect(wrongPerson.statusCode).toBe(400);
    expect(wrongPerson.json().errors[0]).toMatchObject({ field: 'byPersonId' });
    expect(wrongPerson.json().errors[0].message).toContain(
      '2008 §Key responsibilities, Communications',
    );
    const otherBody = await post(
      `/bodies/${lcg}/briefings`,
      { ...briefing(), covers: [otherBodysPaperId] },
      programmeOffice,
    );
    expect(otherBody.statusCode).toBe(400);
    expect(otherBody.json().errors[0].message).toContain('belongs to another body');
    const partTwo = await post(
      `/bodies/${lcg}/briefings`,
      { ...briefing(), covers: [confidentialQuestionId] },
      programmeOffice,
    );
    expect(partTwo.statusCode).toBe(400);
    expect(partTwo.json().errors[0].message).toContain('Part II');
    const minutesDuty = await post(
      `/bodies/${lcg}/briefings`,
      { ...briefing(), dutyId: 'minutes' },
      programmeOffice,
    );
    expect(minutesDuty.statusCode).toBe(400);
    expect(minutesDuty.json().errors[0].field).toBe('dutyId');
    const future = await post(
      `/bodies/${lcg}/briefings`,
      { ...briefing(), briefedOn: '2026-11-24' },
      programmeOffice,
    );
    expect(future.statusCode).toBe(400);
    const blank = await post(
      `/bodies/${lcg}/briefings`,
      { ...briefing(), reported: ' ' },
      programmeOffice,
    );
    expect(blank.statusCode).toBe(400);
    for (const headers of [
      member,
      chair,
      publicAccount,
      areaSecretariat,
      readOnlyProgrammeOffice,
    ]) {
      const refused = await post(`/bodies/${lcg}/briefings`, briefing(), headers);
      expect(refused.statusCode, refused.body).toBe(403);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('logs a briefing linked to a decision, audited; the duty reads met today and next due by the end of next month', async () => {
    const before = await rowCounts();
    const logged = await post(`/bodies/${lcg}/briefings`, briefing(), programmeOffice);
    expect(logged.statusCode, logged.body).toBe(201);
    const after = await rowCounts();
    expect(after.briefings).toBe(before.briefings + 1);
    expect(after.links).toBe(before.links + 1);
    expect(after.audit).toBe(before.audit + 1);
    const communications = (
      await app.inject({ url: `/api/v1/bodies/${lcg}/communications`, headers: member })
    ).json();
    expect(communications.briefings[0]).toMatchObject({
      briefedOn: '2026-11-23',
      audience: 'the monthly meeting of London PCT Chief Executives',
      by: chiefExecutive,
      covered: [
        {
          kind: 'decision',
          id: questionId,
          title: 'Stroke units',
          href: `/proposals/${questionId}`,
        },
      ],
    });
    const duty = communications.duties.find(
      (candidate: { id: string }) => candidate.id === 'pct-chief-executives-briefing',
    );
    expect(duty.due).toEqual({ lastMet: '2026-11-23', nextDue: '2026-12-31', status: 'met' });
  });
});

describe('the pages: a refused form shows the error summary linked to the field, values kept, nothing written', () => {
  it('commissioning the London group itself, and logging a briefing with nothing reported', async () => {
    let { cookies } = await signInThroughForm(app, demoEmails.programme);
    const page = await app.inject({
      url: `/bodies/${lcg}/review-commissions`,
      headers: { cookie: cookies },
    });
    cookies = cookieHeader(page.headers['set-cookie'], cookies);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Commission a review from a sector group');
    const before = await rowCounts();
    const refused = await app.inject({
      method: 'POST',
      url: `/bodies/${lcg}/review-commissions`,
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(page.body),
        sector: lcg,
        title: 'Stroke pathway review',
        terms: 'Review the stroke pathway.',
        'commissionedOn[day]': '1',
        'commissionedOn[month]': '10',
        'commissionedOn[year]': '2026',
        'dueOn[day]': '31',
        'dueOn[month]': '1',
        'dueOn[year]': '2027',
      }).toString(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('nhsuk-error-summary');
    expect(refused.body).toContain('href="#sector"');
    expect(refused.body).toContain('cannot task itself');
    expect(refused.body).toContain('value="Stroke pathway review"');
    const communications = await app.inject({
      url: `/bodies/${lcg}/communications`,
      headers: { cookie: cookies },
    });
    expect(communications.statusCode).toBe(200);
    cookies = cookieHeader(communications.headers['set-cookie'], cookies);
    const blank = await app.inject({
      method: 'POST',
      url: `/bodies/${lcg}/briefings`,
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(communications.body),
        dutyId: 'pct-chief-executives-briefing',
        'briefedOn[day]': '23',
        'briefedOn[month]': '11',
        'briefedOn[year]': '2026',
        reported: '   ',
      }).toString(),
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('href="#reported"');
    expect(blank.body).toContain('Write what was reported.');
    expect(await rowCounts()).toEqual(before);
  });
});

describe('demo data', () => {
  it('seeds a year (2008/09) of briefings and three reviews through the use cases, once', async () => {
    const fresh = await openTestDatabase();
    try {
      await seedDemo(fresh);
      const context = { actor: 'seed', now: fixedNow };
      await seedDemoMeetings({ db: fresh.db, context, publicUrl: 'http://concordat.invalid' });
      expect(await seedDemoAccountability({ db: fresh.db, context })).toBe(3 + 12 + 3);
      expect(await seedDemoAccountability({ db: fresh.db, context })).toBe(0);
      const [outcomes] = await fresh.db.select({ n: count() }).from(reviewOutcomes);
      expect(outcomes?.n).toBe(1);
      const [logged] = await fresh.db.select({ n: count() }).from(briefings);
      expect(logged?.n).toBe(15);
      // The minutes duty is met by the demo meetings' distributed minutes (through minutes' face).
      const communications = await getCommunications({
        db: fresh.db,
        actor: anonymousActor,
        slug: lcg,
        now: fixedNow,
      });
      const minutes = communications.duties.find((duty) => duty.id === 'minutes');
      expect(minutes?.due.lastMet).toMatch(/^2026-/);
      const chiefExecutives = communications.duties.find(
        (duty) => duty.id === 'pct-chief-executives-briefing',
      );
      expect(chiefExecutives?.due).toEqual({
        lastMet: '2009-03-15',
        nextDue: '2009-04-30',
        status: 'overdue',
      });
    } finally {
      await fresh.close();
    }
  });
});
