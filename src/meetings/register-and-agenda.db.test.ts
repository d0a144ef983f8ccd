import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, csrfTokenIn, signInThroughForm } from '../../test/support/demo-actors.ts';
import { memberAccount } from '../../test/support/member-accounts.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { getActionFormChoices, recordAction } from '../actions/action-service.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { attendanceRecords } from '../db/schema/meetings.ts';
import { createProposal } from '../decisions/create-proposal.ts';
import { listProposals } from '../decisions/meeting-proposals-view.ts';
import type { App } from '../http/app-types.ts';
import { selectAccountByEmail } from '../identity/identity-queries.ts';
import { type Actor, loadAccountActor } from '../identity/index.ts';
import { uploadPaper } from '../papers/paper-service.ts';
import { ProblemError } from '../shared/problems.ts';
import { addAgendaItem } from './add-agenda-item.ts';
import { checkIn } from './check-in.ts';
import { declareInterest } from './declare-interest.ts';
import { editAgendaItem } from './edit-agenda-item.ts';
import { getMeeting } from './meeting-view.ts';
import { moveAgendaItem } from './move-agenda-item.ts';
import { closeRegister, openRegister } from './open-register.ts';
import { recordRegister } from './record-register.ts';
import { scheduleMeeting } from './schedule-meeting.ts';
import { withdrawAgendaItem } from './withdraw-agenda-item.ts';

let database: DatabaseHandle;
let app: App;
let secretariat: Actor;
let outsider: Actor;

const lcg = 'london-commissioning-group';
const context = { actor: 'test', now: fixedNow };

async function actorFor(accountId: string): Promise<Actor> {
  const actor = await loadAccountActor(database.db, accountId, fixedNow, {
    authenticatedBy: 'session',
  });
  if (!actor) throw new Error('no actor');
  return actor;
}

async function actorOfEmail(email: string): Promise<Actor> {
  const account = await selectAccountByEmail(database.db, email);
  return actorFor(account!.id);
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await actorOfEmail('secretariat@demo.invalid');
  outsider = await actorOfEmail('public@demo.invalid');
  // Seeding London on a shared machine can take longer than the default minute.
}, 180_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A London group meeting on 10 December 2026; notice given on `noticeGivenOn` (today is 23 November). */
async function meeting(title: string, noticeGivenOn = '2026-12-01') {
  const { meetingId } = await scheduleMeeting({
    db: database.db,
    context,
    actor: secretariat,
    slug: lcg,
    title,
    startsAt: '2026-12-10T14:00:00Z',
    location: 'Southside, 105 Victoria Street',
    noticeGivenOn,
  });
  const report = await getMeeting({ db: database.db, meetingId, actor: secretariat });
  return { meetingId, members: report.attendance };
}

async function memberActor(member: { personId: string; seatHoldingId: string }) {
  const { accountId } = await memberAccount(app, {
    personId: member.personId,
    email: `room-${member.seatHoldingId}@test.invalid`,
    bodySlug: lcg,
  });
  return actorFor(accountId);
}

async function refusal(promise: Promise<unknown>): Promise<ProblemError['problem']> {
  try {
    await promise;
  } catch (caught) {
    if (caught instanceof ProblemError) return caught.problem;
    throw caught;
  }
  throw new Error('expected a refusal');
}

async function auditCount(action: string, meetingId: string) {
  const rows = await database.db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, meetingId)));
  return rows.length;
}

async function statuses(meetingId: string) {
  const report = await getMeeting({ db: database.db, meetingId, actor: secretariat });
  return new Map(report.attendance.map((member) => [member.seatHoldingId, member.status]));
}

describe('the attendance register: one save for every member', () => {
  it('records everyone present but the exceptions, in one save, each change audited', async () => {
    const { meetingId, members } = await meeting('Register: one save');
    expect(members.length).toBeGreaterThan(5);
    const [away, absent] = members;
    const saved = await recordRegister({
      db: database.db,
      context,
      actor: secretariat,
      meetingId,
      entries: [
        { seatHoldingId: away!.seatHoldingId, status: 'apologies' },
        { seatHoldingId: absent!.seatHoldingId, status: 'absent' },
      ],
    });
    expect(saved).toEqual({ recorded: members.length, changed: members.length });
    const recorded = await statuses(meetingId);
    expect(recorded.get(away!.seatHoldingId)).toBe('apologies');
    expect(recorded.get(absent!.seatHoldingId)).toBe('absent');
    expect([...recorded.values()].filter((status) => status === 'present')).toHaveLength(
      members.length - 2,
    );
    expect(await auditCount('meeting.attendance-recorded', meetingId)).toBe(members.length);

    // Saving the same register again changes nothing and records nothing more.
    const again = await recordRegister({
      db: database.db,
      context,
      actor: secretariat,
      meetingId,
      entries: [
        { seatHoldingId: away!.seatHoldingId, status: 'apologies' },
        { seatHoldingId: absent!.seatHoldingId, status: 'absent' },
      ],
    });
    expect(again.changed).toBe(0);
    expect(await auditCount('meeting.attendance-recorded', meetingId)).toBe(members.length);
  });

  it('records a deputy where the terms provide for deputies, refusing one without a name and recording nothing', async () => {
    const { meetingId, members } = await meeting('Register: deputies');
    const report = await getMeeting({ db: database.db, meetingId, actor: secretariat });
    // The 2008 terms take a deputy neither to count nor to vote (2008 §Membership, commentary).
    expect(report.deputiesAllowed).toBe(true);
    const [member] = members;
    const problem = await refusal(
      recordRegister({
        db: database.db,
        context,
        actor: secretariat,
        meetingId,
        entries: [{ seatHoldingId: member!.seatHoldingId, status: 'deputy', deputyName: ' ' }],
      }),
    );
    expect(problem.status).toBe(400);
    expect(problem.errors?.[0]?.field).toBe(`deputyName-${member!.seatHoldingId}`);
    const rows = await database.db
      .select()
      .from(attendanceRecords)
      .where(eq(attendanceRecords.meetingId, meetingId));
    expect(rows).toHaveLength(0);

    await recordRegister({
      db: database.db,
      context,
      actor: secretariat,
      meetingId,
      entries: [{ seatHoldingId: member!.seatHoldingId, status: 'deputy', deputyName: 'A Deputy' }],
    });
    const after = await getMeeting({ db: database.db, meetingId, actor: secretariat });
    expect(after.attendance[0]).toMatchObject({ status: 'deputy', deputyName: 'A Deputy' });
  });

  it('refuses someone who is not a member that day, naming the register', async () => {
    const { meetingId } = await meeting('Register: a stranger');
    const problem = await refusal(
      recordRegister({
        db: database.db,
        context,
        actor: secretariat,
        meetingId,
        entries: [{ seatHoldingId: '01900000-0000-7000-8000-0000000000ff', status: 'present' }],
      }),
    );
    expect(problem.errors?.[0]?.field).toBe('register');
    expect(problem.errors?.[0]?.message).not.toContain('01900000');
  });

  it('refuses anyone but the secretariat or an administrator', async () => {
    const { meetingId, members } = await meeting('Register: permission');
    const member = await memberActor(members[0]!);
    for (const actor of [member, outsider]) {
      const problem = await refusal(
        recordRegister({ db: database.db, context, actor, meetingId, entries: [] }),
      );
      expect(problem.status).toBe(403);
    }
    expect([...(await statuses(meetingId)).values()].every((status) => status === null)).toBe(true);
  });

  it('takes the register from the meeting page in one form, returning to the register', async () => {
    const { meetingId, members } = await meeting('Register: the page');
    const { cookies } = await signInThroughForm(app, 'secretariat@demo.invalid');
    const page = await app.inject({ url: `/meetings/${meetingId}`, headers: { cookie: cookies } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Save the register');
    // One form for the register, not a Save per member.
    expect(page.body.match(/action="\/meetings\/[^"]+\/attendance\//g)).toBeNull();
    const withCsrf = cookieHeader(page.headers['set-cookie'], cookies);
    const post = (url: string, fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
      });
    const [first, second] = members;
    const wrong = await post(`/meetings/${meetingId}/register`, {
      [`status-${first!.seatHoldingId}`]: 'asleep',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain(`href="#status-${first!.seatHoldingId}"`);

    const saved = await post(`/meetings/${meetingId}/register`, {
      [`status-${first!.seatHoldingId}`]: 'present',
      [`status-${second!.seatHoldingId}`]: 'apologies',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/meetings/${meetingId}?changed=register#register`);
    const recorded = await statuses(meetingId);
    expect(recorded.get(second!.seatHoldingId)).toBe('apologies');
    expect([...recorded.values()].filter((status) => status === 'present')).toHaveLength(
      members.length - 1,
    );
  });
});

describe('self check-in while the register is open', () => {
  it('lets a member mark themselves present only while the secretariat has the register open', async () => {
    const { meetingId, members } = await meeting('Check-in');
    const [seat] = members;
    const member = await memberActor(seat!);

    const closed = await refusal(checkIn({ db: database.db, context, actor: member, meetingId }));
    expect(closed.status).toBe(409);
    expect(closed.code).toBe('register-closed');

    const memberOpening = await refusal(
      openRegister({ db: database.db, context, actor: member, meetingId }),
    );
    expect(memberOpening.status).toBe(403);

    await openRegister({ db: database.db, context, actor: secretariat, meetingId });
    const twice = await refusal(
      openRegister({ db: database.db, context, actor: secretariat, meetingId }),
    );
    expect(twice.code).toBe('register-open');

    const checkedIn = await checkIn({ db: database.db, context, actor: member, meetingId });
    expect(checkedIn.seats).toEqual([{ seatHoldingId: seat!.seatHoldingId, status: 'present' }]);
    expect((await statuses(meetingId)).get(seat!.seatHoldingId)).toBe('present');
    expect(await auditCount('meeting.register-opened', meetingId)).toBe(1);
    expect(await auditCount('meeting.attendance-recorded', meetingId)).toBe(1);

    const notAMember = await refusal(
      checkIn({ db: database.db, context, actor: outsider, meetingId }),
    );
    expect(notAMember.status).toBe(403);

    await closeRegister({ db: database.db, context, actor: secretariat, meetingId });
    const afterClosing = await refusal(
      checkIn({ db: database.db, context, actor: member, meetingId }),
    );
    expect(afterClosing.code).toBe('register-closed');
    expect(await auditCount('meeting.register-closed', meetingId)).toBe(1);
  });

  it('offers the member a check-in button on the meeting page and the live page', async () => {
    const { meetingId, members } = await meeting('Check-in pages');
    const seat = members[1]!;
    const { accountId } = await memberAccount(app, {
      personId: seat.personId,
      email: `room-pages-${seat.seatHoldingId}@test.invalid`,
      bodySlug: lcg,
      password: 'a long enough password for tests',
    });
    expect(accountId).toBeTruthy();
    const [account] = await database.db.query.accounts.findMany({
      where: (accounts, { eq: equals }) => equals(accounts.id, accountId),
    });
    const { cookies } = await signInThroughForm(
      app,
      account!.email,
      'a long enough password for tests',
    );
    const before = await app.inject({
      url: `/meetings/${meetingId}`,
      headers: { cookie: cookies },
    });
    expect(before.body).not.toContain('I am here: mark me present');
    await openRegister({ db: database.db, context, actor: secretariat, meetingId });
    for (const url of [`/meetings/${meetingId}`, `/meetings/${meetingId}/live`]) {
      const page = await app.inject({ url, headers: { cookie: cookies } });
      expect(page.body).toContain('I am here: mark me present');
    }
    const page = await app.inject({
      url: `/meetings/${meetingId}/live`,
      headers: { cookie: cookies },
    });
    const withCsrf = cookieHeader(page.headers['set-cookie'], cookies);
    const checked = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/check-in`,
      headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), returnTo: 'live' }).toString(),
    });
    expect(checked.statusCode).toBe(303);
    expect(checked.headers.location).toBe(`/meetings/${meetingId}/live?changed=checked-in`);
    expect((await statuses(meetingId)).get(seat.seatHoldingId)).toBe('present');
  });
});

describe('agenda items: edited, reordered and withdrawn before notice', () => {
  async function agenda(title: string, noticeGivenOn?: string) {
    const made = await meeting(title, noticeGivenOn);
    const items = [];
    for (const itemTitle of ['Finance report', 'Urgent care strategy', 'Any other business']) {
      const { agendaItemId } = await addAgendaItem({
        db: database.db,
        context,
        actor: secretariat,
        meetingId: made.meetingId,
        title: itemTitle,
        purpose: 'decision',
        isConfidential: false,
      });
      items.push(agendaItemId);
    }
    return { ...made, items };
  }

  async function agendaOf(meetingId: string) {
    return (await getMeeting({ db: database.db, meetingId, actor: secretariat })).agenda;
  }

  it('edits an item: description, a member presenting it and a start time, audited', async () => {
    const { meetingId, members, items } = await agenda('Agenda: edit');
    await editAgendaItem({
      db: database.db,
      context,
      actor: secretariat,
      meetingId,
      agendaItemId: items[0]!,
      title: 'Finance report, month 8',
      purpose: 'information',
      isConfidential: false,
      description: 'The position at the end of November.',
      presenterPersonId: members[0]!.personId,
      startTime: '14:30',
    });
    const [item] = await agendaOf(meetingId);
    expect(item).toMatchObject({
      title: 'Finance report, month 8',
      purpose: 'information',
      description: 'The position at the end of November.',
      presenterName: members[0]!.memberName,
      startTime: '14:30',
      minutesAllotted: null,
      withdrawn: false,
    });
    expect(await auditCount('meeting.agenda-item-edited', meetingId)).toBe(1);

    await editAgendaItem({
      db: database.db,
      context,
      actor: secretariat,
      meetingId,
      agendaItemId: items[1]!,
      title: 'Urgent care strategy',
      purpose: 'decision',
      isConfidential: false,
      presenterName: 'Dr A Patel, Director of Public Health',
      minutesAllotted: 20,
    });
    const [, second] = await agendaOf(meetingId);
    expect(second).toMatchObject({
      presenterName: 'Dr A Patel, Director of Public Health',
      presenterPersonId: null,
      minutesAllotted: 20,
    });
  });

  it('refuses two presenters, two times, or an item of another meeting', async () => {
    const { meetingId, members, items } = await agenda('Agenda: edit refusals');
    const base = {
      db: database.db,
      context,
      actor: secretariat,
      meetingId,
      agendaItemId: items[0]!,
      title: 'Finance report',
      purpose: 'decision' as const,
      isConfidential: false,
    };
    const twoPresenters = await refusal(
      editAgendaItem({
        ...base,
        presenterPersonId: members[0]!.personId,
        presenterName: 'Someone',
      }),
    );
    expect(twoPresenters.errors?.[0]?.field).toBe('presenterName');
    const twoTimes = await refusal(
      editAgendaItem({ ...base, startTime: '14:00', minutesAllotted: 10 }),
    );
    expect(twoTimes.errors?.[0]?.field).toBe('minutesAllotted');
    const other = await agenda('Agenda: another meeting');
    const elsewhere = await refusal(editAgendaItem({ ...base, agendaItemId: other.items[0]! }));
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.detail).toBe('That item is not on the agenda of Agenda: edit refusals.');
  });

  it('moves items up and down, and refuses to move past either end', async () => {
    const { meetingId, items } = await agenda('Agenda: move');
    const moved = await moveAgendaItem({
      db: database.db,
      context,
      actor: secretariat,
      meetingId,
      agendaItemId: items[2]!,
      direction: 'up',
    });
    expect(moved.position).toBe(2);
    expect((await agendaOf(meetingId)).map((item) => item.title)).toEqual([
      'Finance report',
      'Any other business',
      'Urgent care strategy',
    ]);
    const first = await refusal(
      moveAgendaItem({
        db: database.db,
        context,
        actor: secretariat,
        meetingId,
        agendaItemId: items[0]!,
        direction: 'up',
      }),
    );
    expect(first.code).toBe('cannot-move');
    expect(first.detail).toContain('already the first item');
    expect(await auditCount('meeting.agenda-item-moved', meetingId)).toBe(1);
  });

  it('withdraws an item, which stays in the record marked withdrawn and is no longer edited', async () => {
    const { meetingId, members, items } = await agenda('Agenda: withdraw');
    const empty = await refusal(
      withdrawAgendaItem({
        db: database.db,
        context,
        actor: secretariat,
        meetingId,
        agendaItemId: items[1]!,
        reason: '  ',
      }),
    );
    expect(empty.errors?.[0]?.field).toBe('reason');
    await withdrawAgendaItem({
      db: database.db,
      context,
      actor: secretariat,
      meetingId,
      agendaItemId: items[1]!,
      reason: 'The strategy goes to the January meeting.',
    });
    const withdrawn = (await agendaOf(meetingId))[1]!;
    expect(withdrawn).toMatchObject({
      title: 'Urgent care strategy',
      position: 2,
      withdrawn: true,
      withdrawnReason: 'The strategy goes to the January meeting.',
    });
    const edit = await refusal(
      editAgendaItem({
        db: database.db,
        context,
        actor: secretariat,
        meetingId,
        agendaItemId: items[1]!,
        title: 'Urgent care strategy',
        purpose: 'decision',
        isConfidential: false,
      }),
    );
    expect(edit.code).toBe('item-withdrawn');
    const declared = await refusal(
      declareInterest({
        db: database.db,
        context,
        actor: secretariat,
        meetingId,
        agendaItemId: items[1]!,
        seatHoldingId: members[0]!.seatHoldingId,
        kind: 'financial',
        interest: 'A shareholding in a provider.',
      }),
    );
    expect(declared.errors?.[0]?.message).toContain('was withdrawn from the agenda');
    expect(await auditCount('meeting.agenda-item-withdrawn', meetingId)).toBe(1);

    // A withdrawn item takes no more business: no question, paper or action, and no picker offers it.
    const base = { db: database.db, context, actor: secretariat, meetingId };
    const question = await refusal(
      createProposal({
        ...base,
        agendaItemId: items[1]!,
        title: 'Adopt the strategy',
        text: 'That the group adopts the urgent care strategy.',
        ballot: 'named',
      }),
    );
    expect(question.errors?.[0]?.message).toContain('was withdrawn from the agenda');
    const paper = await refusal(
      uploadPaper({
        ...base,
        agendaItemId: items[1]!,
        title: 'Strategy',
        file: { fileName: 'strategy.pdf', content: Buffer.from('%PDF-1.4\n'), truncated: false },
      }),
    );
    expect(paper.errors?.map((error) => error.message).join(' ')).toContain('was withdrawn');
    const action = await refusal(
      recordAction({
        ...base,
        agendaItemId: items[1]!,
        description: 'Circulate the strategy.',
        ownerPersonId: members[0]!.personId,
        dueOn: '2027-01-31',
      }),
    );
    expect(action.errors?.[0]?.message).toContain('was withdrawn from the agenda');
    const offered = await listProposals({ db: database.db, actor: secretariat, meetingId });
    expect(offered.agenda.map((item) => item.id)).not.toContain(items[1]!);
    const choices = await getActionFormChoices({ db: database.db, meetingId });
    expect(choices.agendaItems.map((item) => item.id)).not.toContain(items[1]!);
  });

  it('after notice is given, refuses to withdraw, reorder or retitle items, citing the notice rule', async () => {
    // Notice given on 20 November; today is 23 November.
    const { meetingId, items } = await agenda('Agenda: after notice', '2026-11-20');
    const base = { db: database.db, context, actor: secretariat, meetingId };
    const withdraw = await refusal(
      withdrawAgendaItem({ ...base, agendaItemId: items[0]!, reason: 'Not ready.' }),
    );
    expect(withdraw.status).toBe(409);
    expect(withdraw.code).toBe('notice-given');
    expect(withdraw.detail).toContain('given on 20 November 2026');
    expect(withdraw.detail).toContain('SI 2000/89 Sch 2');
    const move = await refusal(
      moveAgendaItem({ ...base, agendaItemId: items[1]!, direction: 'down' }),
    );
    expect(move.code).toBe('notice-given');
    const retitle = await refusal(
      editAgendaItem({
        ...base,
        agendaItemId: items[0]!,
        title: 'Something else',
        purpose: 'decision',
        isConfidential: false,
      }),
    );
    expect(retitle.code).toBe('notice-given');
    // The description, presenter and time do not change the business: still allowed.
    await editAgendaItem({
      ...base,
      agendaItemId: items[0]!,
      title: 'Finance report',
      purpose: 'decision',
      isConfidential: false,
      description: 'Papers to follow.',
    });
    expect((await agendaOf(meetingId))[0]!.description).toBe('Papers to follow.');
  });

  it('refuses members and the public every agenda change', async () => {
    const { meetingId, members, items } = await agenda('Agenda: permission');
    const member = await memberActor(members[2]!);
    for (const actor of [member, outsider]) {
      const base = { db: database.db, context, actor, meetingId, agendaItemId: items[0]! };
      // Each attempt starts only when awaited: a refusal created early would reject unobserved.
      const attempts = [
        () =>
          editAgendaItem({
            ...base,
            title: 'Mine now',
            purpose: 'decision',
            isConfidential: false,
          }),
        () => moveAgendaItem({ ...base, direction: 'down' }),
        () => withdrawAgendaItem({ ...base, reason: 'Because.' }),
      ];
      for (const attempt of attempts) expect((await refusal(attempt())).status).toBe(403);
    }
    const events = await database.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, meetingId), like(auditEvents.action, '%agenda-item-%')));
    // Only the three additions.
    expect(events).toHaveLength(3);
  });
});
