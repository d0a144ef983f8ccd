/**
 * Issue 22, item 3: safeguards that match the page. The quorum refuses a vote and warns on views,
 * naming its finding and clause; what counts as consensus is the constitution's (the 2008 preset:
 * declared by the chair, objections recorded), and the chair declares the sense of the meeting.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { memberAccount } from '../../test/support/member-accounts.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { votes } from '../db/schema/decisions.ts';
import type { App } from '../http/app-types.ts';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };

const lcg = 'london-commissioning-group';
const quorumClause = '2008 §Quorum';
const decisionClause = '2008 §Decision-making';

interface Member {
  seatHoldingId: string;
  personId: string;
  memberName: string;
  office: string | null;
  sector: string | null;
}

interface Meeting {
  id: string;
  members: Member[];
  present: Member[];
  item: string;
}

const bearer = new Map<string, { authorization: string }>();
let quorate: Meeting;
let inquorate: Meeting;

async function meetingWith(title: string, startsAt: string, absent: (member: Member) => boolean) {
  const scheduled = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title,
      startsAt,
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-12-01',
    },
  });
  expect(scheduled.statusCode).toBe(201);
  const id = scheduled.json().meetingId as string;
  const members = (await app.inject(`/api/v1/meetings/${id}`)).json().attendance as Member[];
  for (const member of members) {
    const recorded = await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${id}/attendance/${member.seatHoldingId}`,
      headers: secretariat,
      payload: { status: absent(member) ? 'absent' : 'present' },
    });
    expect(recorded.statusCode).toBe(200);
    if (!bearer.has(member.personId)) {
      const account = await memberAccount(app, {
        personId: member.personId,
        email: `safeguards-${member.seatHoldingId}@test.invalid`,
        bodySlug: lcg,
      });
      bearer.set(member.personId, { authorization: account.authorization });
    }
  }
  const added = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${id}/agenda-items`,
    headers: secretariat,
    payload: { title: 'Cardiology service development', purpose: 'decision' },
  });
  expect(added.statusCode).toBe(201);
  return {
    id,
    members,
    present: members.filter((member) => !absent(member)),
    item: added.json().agendaItemId as string,
  };
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  quorate = await meetingWith('January meeting', '2027-01-14T14:00:00Z', () => false);
  // Both South East chief executives away: no one from South East, so inquorate (2008 §Quorum).
  inquorate = await meetingWith(
    'February meeting',
    '2027-02-11T14:00:00Z',
    (member) => member.sector === 'south-east',
  );
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function put(meeting: Meeting, payload: Record<string, unknown>) {
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meeting.id}/proposals`,
    headers: secretariat,
    payload: { agendaItemId: meeting.item, text: 'The group agrees.', ...payload },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().proposalId as string;
}

const act = (proposalId: string, action: 'open' | 'close') =>
  app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/${action}`,
    headers: secretariat,
  });

const vote = (proposalId: string, member: Member, payload: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/votes`,
    headers: bearer.get(member.personId)!,
    payload,
  });

describe(`${quorumClause}: "To remain quorate there will need to be a minimum of 8 London PCT Chief Executives (with an individual from each sector) in addition to the Chair."`, () => {
  it('issue 22: the 75% procurement vote (2006 §111) on an inquorate item is refused when opened, naming the clause, and nothing changes', async () => {
    const proposalId = await put(inquorate, {
      title: 'Award the pathology contract',
      methodId: 'collective-procurement-majority',
    });
    const refused = await act(proposalId, 'open');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('inquorate');
    expect(refused.json().detail).toContain(quorumClause);
    expect(refused.json().detail).toContain('South East sector unrepresented');
    expect(refused.json().detail).toContain('a vote is counted only at a quorate meeting');
    const view = (await app.inject(`/api/v1/proposals/${proposalId}`)).json();
    expect(view.status).toBe('draft');
    expect(view.quorum).toMatchObject({ quorate: false, clause: quorumClause });
    expect(view.quorum.refusal).toContain('cannot be opened');
    const page = await app.inject({ url: `/proposals/${proposalId}`, headers: secretariat });
    expect(page.body).toContain('The meeting is inquorate for this item');
  });

  it('a vote opened while quorate is refused at close once the meeting is inquorate', async () => {
    const meeting = await meetingWith('March meeting', '2027-03-11T14:00:00Z', () => false);
    const proposalId = await put(meeting, {
      title: 'Award the imaging contract',
      methodId: 'collective-procurement-majority',
    });
    const opened = await act(proposalId, 'open');
    expect(opened.statusCode).toBe(200);
    expect(opened.json().warning).toBeUndefined();
    for (const member of meeting.members.filter((entry) => entry.sector === 'south-east')) {
      const left = await app.inject({
        method: 'PUT',
        url: `/api/v1/meetings/${meeting.id}/attendance/${member.seatHoldingId}`,
        headers: secretariat,
        payload: { status: 'absent' },
      });
      expect(left.statusCode).toBe(200);
    }
    const refused = await act(proposalId, 'close');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('cannot be closed');
    expect(refused.json().detail).toContain(quorumClause);
    expect((await app.inject(`/api/v1/proposals/${proposalId}`)).json().status).toBe('open');
  });

  it('a consensus question on the same item opens with a warning and closes "inquorate", naming the finding', async () => {
    const proposalId = await put(inquorate, {
      title: 'Agree the cardiology pathway',
      decisionKind: 'coordination-between-sectors',
    });
    const opened = await act(proposalId, 'open');
    expect(opened.statusCode).toBe(200);
    expect(opened.json().warning).toContain('closes with no decision');
    expect(opened.json().warning).toContain(quorumClause);
    const page = await app.inject({ url: `/proposals/${proposalId}`, headers: secretariat });
    expect(page.body).toContain('The meeting is inquorate for this item');
    const closed = await act(proposalId, 'close');
    expect(closed.statusCode).toBe(200);
    expect(closed.json().outcome).toBe('inquorate');
    expect(closed.json().summary).toMatch(
      /^No decision: the meeting is inquorate: 9 of 11 members present/,
    );
    expect(closed.json().summary).toContain(quorumClause);
    expect(closed.json().warning).toContain('records no decision');
  });

  it('a quorate vote names the quorum finding in its result', async () => {
    const proposalId = await put(quorate, {
      title: 'Award the pharmacy contract',
      methodId: 'collective-procurement-majority',
    });
    expect((await act(proposalId, 'open')).statusCode).toBe(200);
    const closed = await act(proposalId, 'close');
    expect(closed.statusCode).toBe(200);
    expect(closed.json().outcome).toBe('notCarried');
    expect(closed.json().summary).toContain(`Quorate: 11 of 11 members present (${quorumClause}).`);
    const view = (await app.inject(`/api/v1/proposals/${proposalId}`)).json();
    expect(view.result.lines).toContain(`Quorate: 11 of 11 members present (${quorumClause}).`);
    expect(view.result.lines).toContain(
      'No vote recorded: ' +
        view.result.rangeOfViews.noViewRecorded.join(', ').replace(/, ([^,]*)$/, ' and $1') +
        '.',
    );
  });
});

describe(`${decisionClause}: "the LCG seeks to operate by consensus with solutions to issues being found through discussion" — declared by the chair, objections recorded`, () => {
  it('issue 22: one member agreeing while the other ten present record nothing is not consensus', async () => {
    const proposalId = await put(quorate, {
      title: 'Agree the stroke pathway',
      decisionKind: 'london-wide-view',
    });
    expect((await act(proposalId, 'open')).statusCode).toBe(200);
    const [first] = quorate.present;
    expect((await vote(proposalId, first!, { choice: 'for' })).statusCode).toBe(201);
    const closed = await act(proposalId, 'close');
    expect(closed.statusCode).toBe(200);
    expect(closed.json().outcome).toBe('advice');
    expect(closed.json().summary).toMatch(/^No consensus under 2008 §Decision-making/);
    expect(closed.json().summary).toContain('10 of the 11 present recorded no view');
    const view = (await app.inject(`/api/v1/proposals/${proposalId}`)).json();
    expect(view.result.isDecision).toBe(false);
    const page = await app.inject(`/proposals/${proposalId}`);
    expect(page.body).toContain('No view recorded: 10');
    expect(page.body).not.toContain('No vote or view recorded');
  });

  it('the chair declares the sense of the meeting with one objection recorded by name: no consensus, the objection kept as recorded by the chair, audited', async () => {
    const proposalId = await put(quorate, {
      title: 'Concentrate cardiac surgery',
      decisionKind: 'coordination-between-sectors',
    });
    expect((await act(proposalId, 'open')).statusCode).toBe(200);
    const chair = quorate.members.find((member) => member.office === 'chair')!;
    const objector = quorate.members.find((member) => member.sector === 'south-east')!;
    const chairView = (
      await app.inject({
        url: `/api/v1/proposals/${proposalId}`,
        headers: bearer.get(chair.personId)!,
      })
    ).json();
    expect(chairView.consensusRule).toMatchObject({
      clause: decisionClause,
      declaredByChair: true,
    });
    expect(chairView.senseOfMeeting.members).toHaveLength(11);
    const chairPage = await app.inject({
      url: `/proposals/${proposalId}`,
      headers: bearer.get(chair.personId)!,
    });
    expect(chairPage.body).toContain('Declare the sense of the meeting and close');
    const memberPage = await app.inject({
      url: `/proposals/${proposalId}`,
      headers: bearer.get(objector.personId)!,
    });
    expect(memberPage.body).not.toContain('Declare the sense of the meeting and close');

    const notChair = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/sense-of-meeting`,
      headers: bearer.get(objector.personId)!,
      payload: { sense: 'agreed' },
    });
    expect(notChair.statusCode).toBe(403);

    const reason = 'Patients in Bexley would travel too far.';
    const declared = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/sense-of-meeting`,
      headers: bearer.get(chair.personId)!,
      payload: { sense: 'agreed', objections: [{ seatHoldingId: objector.seatHoldingId, reason }] },
    });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json()).toMatchObject({ outcome: 'advice', objectionsRecorded: 1 });
    expect(declared.json().summary).toContain('1 objection recorded');
    const [stored] = await database.db
      .select({ choice: votes.choice, reason: votes.reason, castBy: votes.castByPersonId })
      .from(votes)
      .where(and(eq(votes.proposalId, proposalId), eq(votes.voterId, objector.seatHoldingId)));
    expect(stored).toEqual({ choice: 'against', reason, castBy: chair.personId });
    const events = await database.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'proposal.sense-declared'));
    expect(
      events.some(
        (event) =>
          (event.after as { proposalId: string }).proposalId === proposalId &&
          JSON.stringify(event.after).includes(reason),
      ),
    ).toBe(true);
  });

  it('the chair declares the sense of the meeting, no one objecting: consensus, and the result says it was declared', async () => {
    const proposalId = await put(quorate, {
      title: 'Adopt the London-wide stroke pathway',
      decisionKind: 'london-wide-view',
    });
    expect((await act(proposalId, 'open')).statusCode).toBe(200);
    const chair = quorate.members.find((member) => member.office === 'chair')!;
    const declared = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/sense-of-meeting`,
      headers: secretariat,
      payload: { sense: 'agreed' },
    });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json().outcome).toBe('consensus');
    expect(declared.json().summary).toContain(
      `declared by ${chair.memberName}, presiding, as the sense of the meeting, with no objection among the 11 present`,
    );
    expect(declared.json().summary).toContain(
      `Quorate: 11 of 11 members present (${quorumClause}).`,
    );
  });

  it('a declaration on a vote is refused, naming the method and its clause', async () => {
    const proposalId = await put(quorate, {
      title: 'Award the transport contract',
      methodId: 'collective-procurement-majority',
    });
    expect((await act(proposalId, 'open')).statusCode).toBe(200);
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/sense-of-meeting`,
      headers: secretariat,
      payload: { sense: 'agreed' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('not-declared-by-chair');
    expect(refused.json().detail).toContain('2006 §111');
  });

  it('the page form records the declaration and its objection', async () => {
    const proposalId = await put(quorate, {
      title: 'Agree the maternity pathway',
      decisionKind: 'london-wide-view',
    });
    expect((await act(proposalId, 'open')).statusCode).toBe(200);
    const objector = quorate.members.find((member) => member.sector === 'north-east')!;
    const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
    const page = await app.inject({
      url: `/proposals/${proposalId}`,
      headers: { cookie: cookies },
    });
    expect(page.body).toContain('Declare the sense of the meeting and close');
    const withCsrf = cookieHeader(page.headers['set-cookie'], cookies);
    const post = (fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/proposals/${proposalId}/sense-of-meeting`,
        headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
      });
    const missingReason = await post({ sense: 'agreed', objectors: objector.seatHoldingId });
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.body).toContain('Give the reason for the objection.');
    const posted = await post({
      sense: 'agreed',
      objectors: objector.seatHoldingId,
      [`reason-${objector.seatHoldingId}`]: 'Not enough midwives.',
    });
    expect(posted.statusCode, posted.body).toBe(303);
    const view = (await app.inject(`/api/v1/proposals/${proposalId}`)).json();
    expect(view.result.rangeOfViews.against).toEqual([objector.memberName]);
    expect(view.outcome).toBe('advice');
  });
});
