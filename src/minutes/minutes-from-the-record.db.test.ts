import { uuidv7 } from 'uuidv7';
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
  londonGroup,
  meetingWithEveryonePresent,
  openQuestion,
} from '../../test/support/meeting-fixtures.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { disputeSteps } from '../db/schema/disputes.ts';
import type { App } from '../http/app-types.ts';
import { type Actor, loadAccountActor, selectAccountByEmail } from '../identity/index.ts';
import {
  getMinutesFromTheRecord,
  type MeetingRecordForMinutes,
} from './minutes-from-the-record.ts';
import { minuteFromTheRecord } from './minutes-from-the-record-text.ts';

const conflictClause = 'SI 1991/809 reg 10';
const partTwoInterest = 'Spouse is a director of a bidding provider';
const partTwoAction = 'Write to the unsuccessful bidders';

let database: DatabaseHandle;
let app: App;
let meeting: HeldMeeting;
let items: Record<'stroke' | 'cardiac' | 'procurement' | 'urgent', string>;
let record: MeetingRecordForMinutes;
let texts: Map<string, string>;

async function actorFor(email: string): Promise<Actor> {
  const account = await selectAccountByEmail(database.db, email);
  const actor = await loadAccountActor(database.db, account!.id, fixedNow, {
    authenticatedBy: 'session',
  });
  return actor!;
}

async function put(url: string, payload?: Record<string, unknown>, headers = meeting.secretariat) {
  const response = await app.inject({ method: 'POST', url, headers, ...(payload && { payload }) });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response;
}

async function closeWithEveryone(proposalId: string, choiceOf: (index: number) => string) {
  for (const [index, member] of meeting.members.entries()) {
    const choice = choiceOf(index);
    if (choice === 'none') continue;
    await put(
      `/api/v1/proposals/${proposalId}/votes`,
      choice === 'against' ? { choice, reason: 'Patients would travel too far.' } : { choice },
      member.headers,
    );
  }
  await put(`/api/v1/proposals/${proposalId}/close`);
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  meeting = await meetingWithEveryonePresent(app, 'Minutes from the record meeting');
  items = {
    stroke: await addAgendaItem(app, meeting, { title: 'Stroke pathway' }),
    cardiac: await addAgendaItem(app, meeting, { title: 'Cardiac surgery sites' }),
    procurement: await addAgendaItem(app, meeting, {
      title: 'Preferred bidders',
      isConfidential: true,
      confidentialityReason: 'Commercial interests of the bidders (1960 Act s1(2)).',
    }),
    urgent: await addAgendaItem(app, meeting, { title: 'Urgent care' }),
  };
  const conflicted = meeting.members[1]!;
  await put(`/api/v1/meetings/${meeting.meetingId}/declarations`, {
    agendaItemId: items.procurement,
    seatHoldingId: conflicted.seatHoldingId,
    kind: 'financial',
    interest: partTwoInterest,
  });

  const stroke = await openQuestion(app, meeting, {
    agendaItemId: items.stroke,
    ballot: 'named',
    title: 'Agree the stroke pathway',
  });
  await closeWithEveryone(stroke, () => 'for');
  const cardiac = await openQuestion(app, meeting, {
    agendaItemId: items.cardiac,
    ballot: 'named',
    title: 'Concentrate cardiac surgery on three sites',
  });
  await closeWithEveryone(cardiac, (index) => (index === 2 ? 'against' : 'for'));
  const bidders = await openQuestion(app, meeting, {
    agendaItemId: items.procurement,
    ballot: 'named',
    title: 'Agree the preferred bidders',
  });
  await closeWithEveryone(bidders, (index) => (index === 1 ? 'none' : 'for'));
  const withdrawn = await openQuestion(app, meeting, {
    agendaItemId: items.urgent,
    ballot: 'named',
    title: 'Extend the urgent care contract',
  });
  await put(`/api/v1/proposals/${withdrawn}/withdraw`);
  await openQuestion(app, meeting, {
    agendaItemId: items.urgent,
    ballot: 'named',
    title: 'Review the urgent care model',
  });

  const owner = meeting.members[3]!;
  const action = (agendaItemId: string | undefined, description: string) =>
    put(`/api/v1/meetings/${meeting.meetingId}/actions`, {
      ...(agendaItemId && { agendaItemId }),
      description,
      ownerPersonId: owner.personId,
      dueOn: '2027-01-15',
    });
  await action(items.cardiac, 'Publish the range of views to the PCT boards');
  await action(items.procurement, partTwoAction);
  await action(undefined, 'Circulate the forward plan');

  // A dispute step taken at the meeting on no question of it: listed for the secretary to place.
  const raised = await put(`/api/v1/bodies/${londonGroup}/disputes`, {
    category: 'collective-procurement',
    title: 'Pathology procurement: choice of provider',
    description: 'Two PCTs object to the preferred bidder.',
    raisedOn: '2026-11-20',
  });
  // The step is dated the meeting day, after the tests' clock: inserted as the record will stand.
  await database.db.insert(disputeSteps).values({
    id: uuidv7(),
    disputeId: raised.json().disputeId,
    position: 1,
    stepId: 'consortium-vote',
    takenOn: '2026-12-10',
    takenBy: 'The consortium PCTs at the December meeting',
    outcome: 'carried',
    recordedAt: fixedNow,
  });

  record = await getMinutesFromTheRecord({
    db: database.db,
    actor: await actorFor(demoEmails.secretariat),
    meetingId: meeting.meetingId,
    now: fixedNow,
  });
  texts = new Map(record.items.map((item) => [item.id, minuteFromTheRecord(item)]));
  // A meeting recorded vote by vote: more than the default minute on a shared machine.
}, 240_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the minutes from the record', () => {
  it('carries the attendance in names, the chair first', () => {
    expect(record.present).toHaveLength(meeting.members.length);
    expect(record.present.join(' ')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(record.apologies).toEqual([]);
  });

  it("states each closed question's result with the engine's explanation and clause", () => {
    const stroke = texts.get(items.stroke)!;
    expect(stroke).toContain('The question “Agree the stroke pathway” was put to the meeting');
    expect(stroke).toContain(
      'Decided by consensus under 2008 §Decision-making: every one of the 11 present recorded a view: 11 in agreement, 0 standing aside and no one against.',
    );
    // The result names the quorum finding it rests on (issue 22, item 3).
    expect(stroke).toContain('Quorate: 11 of 11 members present (2008 §Quorum).');
    expect(stroke.match(/2008 §Decision-making/g)).toHaveLength(1);
  });

  it('says where the advice note goes when consensus was not reached, with the action and its owner', () => {
    const cardiac = texts.get(items.cardiac)!;
    expect(cardiac).toContain(
      'Consensus was not reached: an advice note setting out the range of views goes to London PCTs and NHS London',
    );
    expect(cardiac).toContain(
      `Action: Publish the range of views to the PCT boards. Owner: ${meeting.members[3]!.memberName}. Due by 15 January 2027.`,
    );
  });

  it(`${conflictClause}: minutes the declaration with the part the member took`, () => {
    const procurement = record.items.find((item) => item.id === items.procurement)!;
    const [declaration] = procurement.declarations;
    expect(declaration).toMatchObject({
      member: meeting.members[1]!.memberName,
      kind: 'Financial interest',
      interest: partTwoInterest,
    });
    expect(declaration!.tookNoPartIn.map((entry) => entry.question)).toEqual([
      'Agree the preferred bidders',
    ]);
    expect(texts.get(items.procurement)).toContain(
      `${meeting.members[1]!.memberName} took no part in the vote on “Agree the preferred bidders”`,
    );
  });

  it('keeps Part II items in the Part II minutes only', () => {
    const procurement = texts.get(items.procurement)!;
    expect(procurement).toContain(partTwoInterest);
    expect(procurement).toContain(partTwoAction);
    for (const [itemId, text] of texts) {
      if (itemId === items.procurement) continue;
      expect(text).not.toContain(partTwoInterest);
      expect(text).not.toContain(partTwoAction);
      expect(text).not.toContain('preferred bidders');
    }
    expect(record.otherActions.map((action) => action.description)).toEqual([
      'Circulate the forward plan',
    ]);
  });

  it('lists a dispute step taken at the meeting on none of its questions for the secretary to place, in no item', () => {
    expect(record.otherDisputeSteps).toEqual([
      expect.objectContaining({
        dispute: 'Pathology procurement: choice of provider',
        clause: '2006 §111',
        takenBy: 'The consortium PCTs at the December meeting',
      }),
    ]);
    for (const text of texts.values()) expect(text).not.toContain('Pathology');
  });

  it('says a withdrawn question was withdrawn and an open one is not yet closed', () => {
    const urgent = texts.get(items.urgent)!;
    expect(urgent).toContain(
      'The question “Extend the urgent care contract” was withdrawn before a result was reached.',
    );
    expect(urgent).toContain(
      'The question “Review the urgent care model” is still open: no result is recorded yet.',
    );
  });

  it('is for those who keep the minutes: a member is refused', async () => {
    await expect(
      getMinutesFromTheRecord({
        db: database.db,
        actor: await actorFor(demoEmails.member),
        meetingId: meeting.meetingId,
        now: fixedNow,
      }),
    ).rejects.toMatchObject({ problem: { status: 403 } });
  });
});

describe('the draft minutes page opens from the record', () => {
  let cookie: string;
  let csrf: string;

  async function openPage() {
    const page = await app.inject({
      url: `/meetings/${meeting.meetingId}/minutes`,
      headers: { cookie },
    });
    expect(page.statusCode).toBe(200);
    cookie = cookieHeader(page.headers['set-cookie'], cookie);
    csrf = csrfTokenIn(page.body);
    return page.body;
  }

  function postForm(url: string, fields: Record<string, string> = {}) {
    return app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }

  beforeAll(async () => {
    cookie = (await signInThroughForm(app, demoEmails.secretariat)).cookies;
  });

  it('pre-fills each unwritten item with the record, marked as not saved yet', async () => {
    const body = await openPage();
    expect(body).toContain('From the record, not saved yet.');
    expect(body).toContain('Agree the stroke pathway');
    expect(body).toContain('Save the record as the minute of every item not yet written');
    expect(body).toContain('Circulate the forward plan');
    expect(body).not.toMatch(/>[^<]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[^<]*</);
  });

  it('saves the record for every item not yet written, and never replaces a minute the secretary saved', async () => {
    await openPage();
    const own = 'The Group discussed the stroke pathway at length and agreed it.';
    const saved = await postForm(`/meetings/${meeting.meetingId}/minutes/${items.stroke}`, {
      text: own,
    });
    expect(saved.statusCode, saved.body).toBe(303);
    await openPage();
    const filled = await postForm(`/meetings/${meeting.meetingId}/minutes-from-the-record`);
    expect(filled.statusCode, filled.body).toBe(303);
    expect(filled.headers.location).toContain('changed=from-the-record');

    const minutes = (
      await app.inject({
        url: `/api/v1/meetings/${meeting.meetingId}/minutes`,
        headers: await bearerFor(app, 'secretariat'),
      })
    ).json();
    const minuteOf = (id: string) =>
      minutes.items.find((item: { id: string }) => item.id === id).minute?.text;
    expect(minuteOf(items.stroke)).toBe(own);
    expect(minuteOf(items.cardiac)).toBe(texts.get(items.cardiac));
    expect(minuteOf(items.procurement)).toBe(texts.get(items.procurement));

    const body = await openPage();
    expect(body).toContain('What the record says of item 1 now');
    expect(body).not.toContain('Save the record as the minute of every item not yet written');
    const again = await postForm(`/meetings/${meeting.meetingId}/minutes-from-the-record`);
    expect(again.headers.location).toContain('changed=record-unchanged');
  });
});
