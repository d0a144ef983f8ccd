import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { startSmtpTestServer } from '../../test/support/smtp-test-server.ts';
import { buildSeededTestApp, testConfig } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { mailOutbox } from '../db/schema/mail.ts';
import { minuteEntries, minutesApprovals, minutesDistributions } from '../db/schema/minutes.ts';
import type { App } from '../http/app-types.ts';
import { createMailer } from '../mail/mailer.ts';

const run = promisify(execFile);
const lcg = 'london-commissioning-group';
const publicUrl = 'https://concordat.example.invalid';

let database: DatabaseHandle;
let app: App;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let secretariat: { authorization: string };
let member: { authorization: string };
let chair: { authorization: string };
let publicAccount: { authorization: string };
let pdfDirectory: string;

interface Member {
  seatHoldingId: string;
  memberName: string;
  office: string | null;
  sector: string | null;
}

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  database = await openTestDatabase();
  app = await buildSeededTestApp(database, {
    config: testConfig({ PUBLIC_URL: publicUrl }),
    mailer: createMailer({ smtpUrl: smtp.url, from: 'Concordat <minutes@concordat.invalid>' }),
  });
  secretariat = await bearerFor(app, 'secretariat');
  member = await bearerFor(app, 'member');
  chair = await bearerFor(app, 'chair');
  publicAccount = await bearerFor(app, 'public');
  pdfDirectory = mkdtempSync(path.join(tmpdir(), 'concordat-minutes-'));
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  await smtp?.stop();
  if (pdfDirectory) rmSync(pdfDirectory, { recursive: true, force: true });
});

async function schedule(title: string, startsAt: string, noticeGivenOn: string) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: { title, startsAt, location: 'Southside, 105 Victoria Street', noticeGivenOn },
  });
  expect(response.statusCode).toBe(201);
  return response.json().meetingId as string;
}

async function addItem(meetingId: string, payload: Record<string, unknown>) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload,
  });
  expect(response.statusCode).toBe(201);
  return response.json().agendaItemId as string;
}

async function membersOf(meetingId: string): Promise<Member[]> {
  return (await app.inject({ url: `/api/v1/meetings/${meetingId}`, headers: secretariat })).json()
    .attendance;
}

async function attend(meetingId: string, members: Member[], status = 'present') {
  for (const attendee of members) {
    const response = await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${attendee.seatHoldingId}`,
      headers: secretariat,
      payload: { status },
    });
    expect(response.statusCode).toBe(200);
  }
}

function writeMinute(meetingId: string, itemId: string, text: unknown, headers = secretariat) {
  return app.inject({
    method: 'PUT',
    url: `/api/v1/meetings/${meetingId}/minutes/${itemId}`,
    headers,
    payload: { text },
  });
}

function approve(meetingId: string, payload?: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/minutes/approval`,
    headers: secretariat,
    ...(payload && { payload }),
  });
}

function minutesOf(meetingId: string, headers: Record<string, string> = {}) {
  return app.inject({ url: `/api/v1/meetings/${meetingId}/minutes`, headers });
}

async function rowCounts() {
  const total = async (table: PgTable) => {
    const [row] = await database.db.select({ total: count() }).from(table);
    return row?.total;
  };
  return {
    minutes: await total(minuteEntries),
    approvals: await total(minutesApprovals),
    distributions: await total(minutesDistributions),
    mail: await total(mailOutbox),
    events: await total(auditEvents),
  };
}

async function pdfText(url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ url, headers });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  const file = path.join(pdfDirectory, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, response.rawPayload);
  const { stdout } = await run('/usr/bin/pdftotext', ['-layout', file, '-']);
  // pdftotext breaks long lines where the PDF wraps them; the checks read the words, not the layout.
  return stdout.replace(/\s+/g, ' ');
}

const publicMinute =
  'The group noted the Healthcare for London update and agreed the consultation timetable.';
const confidentialMinute =
  'The group agreed the negotiating mandate for Provider X within the stated envelope.';

let meetingA: string;
let meetingB: string;
let meetingC: string;
let publicItem: string;
let confidentialItem: string;
let membersB: Member[];

beforeAll(async () => {
  meetingA = await schedule('December meeting', '2026-12-10T14:00:00Z', '2026-12-01');
  meetingB = await schedule('January meeting', '2027-01-14T14:00:00Z', '2027-01-04');
  meetingC = await schedule('February meeting', '2027-02-11T14:00:00Z', '2027-02-01');
  publicItem = await addItem(meetingA, {
    title: 'Healthcare for London update',
    purpose: 'discussion',
  });
  confidentialItem = await addItem(meetingA, {
    title: 'Contract negotiation with Provider X',
    purpose: 'decision',
    isConfidential: true,
    confidentialityReason: 'Commercially sensitive negotiations in progress',
  });
  const membersA = await membersOf(meetingA);
  await attend(
    meetingA,
    membersA.filter((attendee) => attendee.sector !== 'north-east'),
  );
  await attend(
    meetingA,
    membersA.filter((attendee) => attendee.sector === 'north-east'),
    'apologies',
  );
  membersB = await membersOf(meetingB);
});

describe('drafting the minutes, item by item', () => {
  it('the secretariat writes the minute of an item, audited; writing it again replaces it', async () => {
    const first = await writeMinute(meetingA, publicItem, 'A first draft.');
    expect(first.statusCode).toBe(200);
    const replaced = await writeMinute(meetingA, publicItem, publicMinute);
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ agendaItemId: publicItem, text: publicMinute });
    const rows = await database.db
      .select()
      .from(minuteEntries)
      .where(eq(minuteEntries.agendaItemId, publicItem));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.text).toBe(publicMinute);
    const events = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, meetingA));
    expect(events.filter((event) => event.action === 'minutes.drafted')).toHaveLength(2);
  });

  it('refuses an empty minute naming text, and a member who is not the secretariat; nothing changes', async () => {
    const before = await rowCounts();
    const empty = await writeMinute(meetingA, confidentialItem, '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0]).toMatchObject({ field: 'text' });
    // PostgreSQL text cannot hold NUL: refused by name, not failed as a 500.
    const nul = await writeMinute(meetingA, confidentialItem, 'Agreed\u0000');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors).toEqual([{ field: 'text', message: expect.stringContaining('NUL') }]);
    expect((await writeMinute(meetingA, confidentialItem, 'x', member)).statusCode).toBe(403);
    const otherMeeting = await writeMinute(meetingB, publicItem, 'Wrong meeting');
    expect(otherMeeting.statusCode).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it('DESIGN: "draft minutes are never shown to anyone not entitled to them" — 404 for the public, shown to the body’s members, chair and secretariat with Part II', async () => {
    expect((await minutesOf(meetingA)).statusCode).toBe(404);
    expect((await minutesOf(meetingA, publicAccount)).statusCode).toBe(404);
    expect((await app.inject(`/meetings/${meetingA}/minutes`)).statusCode).toBe(404);
    expect((await app.inject(`/meetings/${meetingA}/minutes.pdf`)).statusCode).toBe(404);
    for (const headers of [member, chair, secretariat]) {
      const draft = await minutesOf(meetingA, headers);
      expect(draft.statusCode).toBe(200);
      expect(draft.json().status).toBe('draft');
      expect(draft.json().items.map((item: { title: string }) => item.title)).toEqual([
        'Healthcare for London update',
        'Contract negotiation with Provider X',
      ]);
    }
  });

  it('the meeting page offers the draft only to those who may read it: the public and an account outside the body get a sentence, not a link that 404s', async () => {
    const minutesLink = `href="/meetings/${meetingA}/minutes"`;
    const notYet =
      'The minutes of this meeting are published here once they are approved at the next meeting.';
    const anonymous = await app.inject(`/meetings/${meetingA}`);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).not.toContain(minutesLink);
    expect(anonymous.body).toContain(notYet);
    for (const [email, mayRead] of [
      ['public@demo.invalid', false],
      ['member@demo.invalid', true],
      ['secretariat@demo.invalid', true],
    ] as const) {
      const { cookies } = await signInThroughForm(app, email);
      const page = await app.inject({ url: `/meetings/${meetingA}`, headers: { cookie: cookies } });
      expect(page.body.includes(minutesLink), email).toBe(mayRead);
      expect(page.body.includes(notYet), email).toBe(!mayRead);
      if (mayRead) expect(page.body).toContain('a draft, public once approved at the next meeting');
    }
  });

  it('DOMAIN: "names of those present recorded" — the minutes name who was present and who sent apologies', async () => {
    const draft = (await minutesOf(meetingA, member)).json();
    expect(draft.present).toHaveLength(9);
    expect(draft.apologies).toHaveLength(2);
    const everyone = await membersOf(meetingA);
    const chairName = everyone.find((attendee) => attendee.office === 'chair')?.memberName;
    expect(draft.present.map((attendee: { name: string }) => attendee.name)).toContain(chairName);
  });

  it('the draft PDF is marked DRAFT and has an unsigned signature line', async () => {
    const text = await pdfText(`/meetings/${meetingA}/minutes.pdf`, {
      authorization: secretariat.authorization,
    });
    expect(text).toContain('DRAFT');
    expect(text).toContain('London Commissioning Group');
    expect(text).toContain('Signed: ____');
  });
});

describe('putting the minutes on the next meeting’s agenda', () => {
  it('refuses the minutes of a meeting that is not the one immediately before, naming minutesOfMeetingId', async () => {
    const before = await rowCounts();
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingC}/minutes-for-approval`,
      headers: secretariat,
      payload: { minutesOfMeetingId: meetingA },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('minutesOfMeetingId');
    expect(response.json().errors[0].message).toContain('held immediately before February meeting');
    expect(await rowCounts()).toEqual(before);
  });

  it('adds a public decision item titled after the day the minuted meeting was held, once only', async () => {
    const added = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingB}/minutes-for-approval`,
      headers: secretariat,
      payload: { minutesOfMeetingId: meetingA },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      position: 1,
      title: 'Minutes of the meeting held on 10 December 2026',
    });
    const agenda = (await app.inject(`/api/v1/meetings/${meetingB}`)).json().agenda;
    expect(agenda[0]).toMatchObject({ purpose: 'decision', isConfidential: false });
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingB}/minutes-for-approval`,
      headers: secretariat,
      payload: { minutesOfMeetingId: meetingA },
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('approving the minutes at the next meeting', () => {
  it('refuses while an item has no minute, listing it', async () => {
    const before = await rowCounts();
    const response = await approve(meetingA);
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((error: { field: string }) => error.field);
    expect(fields).toContain('minutes');
    expect(response.json().detail).toContain('2. Contract negotiation with Provider X');
    expect(await rowCounts()).toEqual(before);
  });

  it('2008 §Quorum: "a minimum of 8 London PCT Chief Executives (with an individual from each sector) in addition to the Chair" — refused at an inquorate meeting naming the missing sector; no approval, distribution, mail or audit event', async () => {
    expect((await writeMinute(meetingA, confidentialItem, confidentialMinute)).statusCode).toBe(
      200,
    );
    await attend(
      meetingB,
      membersB.filter((attendee) => attendee.sector !== 'south-east'),
    );
    const before = await rowCounts();
    const response = await approve(meetingA);
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe('inquorate');
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors[0].field).toBe('quorum');
    expect(problem.errors[0].message).toContain('2008 §Quorum');
    expect(problem.errors[0].message).toContain('with an individual from each sector');
    expect(problem.errors[0].message).toContain('South East');
    expect(await rowCounts()).toEqual(before);
    expect(smtp.received).toHaveLength(0);
  });

  it('refuses approval at a meeting that is no longer the next one', async () => {
    const earlier = await schedule('March meeting', '2027-03-11T14:00:00Z', '2027-03-01');
    const later = await schedule('April meeting', '2027-04-08T14:00:00Z', '2027-03-29');
    const itemOf = await addItem(earlier, {
      title: 'Commissioning intentions',
      purpose: 'decision',
    });
    expect((await writeMinute(earlier, itemOf, 'Agreed.')).statusCode).toBe(200);
    const added = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${later}/minutes-for-approval`,
      headers: secretariat,
      payload: { minutesOfMeetingId: earlier },
    });
    expect(added.statusCode).toBe(201);
    await schedule('Extraordinary March meeting', '2027-03-25T14:00:00Z', '2027-03-15');
    const before = await rowCounts();
    const response = await approve(earlier);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('not-next-meeting');
    expect(response.json().errors[0].message).toContain('that is Extraordinary March meeting');
    expect(await rowCounts()).toEqual(before);
  });

  it('approves at the quorate next meeting, signed by the chair presiding, with 32 distribution rows and 32 e-mails that arrive over SMTP', async () => {
    const southEast = membersB.find((attendee) => attendee.sector === 'south-east')!;
    await attend(meetingB, [southEast]);
    const before = await rowCounts();
    const response = await approve(meetingA);
    expect(response.statusCode).toBe(201);
    const approved = response.json();
    const chairName = membersB.find((attendee) => attendee.office === 'chair')!.memberName;
    expect(approved).toMatchObject({
      approvedAt: { meetingId: meetingB, title: 'January meeting', position: 1 },
      signedBy: { name: chairName, basis: 'chair' },
      distribution: { recipients: 32, mailed: 32, byHand: [], unmatched: [] },
    });
    expect(approved.quorumSummary).toContain('2008 §Quorum');
    const after = await rowCounts();
    expect(after).toMatchObject({
      approvals: (before.approvals ?? 0) + 1,
      distributions: (before.distributions ?? 0) + 32,
      mail: (before.mail ?? 0) + 32,
      events: (before.events ?? 0) + 2,
    });
    const [approval] = await database.db
      .select()
      .from(minutesApprovals)
      .where(eq(minutesApprovals.meetingId, meetingA));
    expect(approval).toMatchObject({ approvedAtMeetingId: meetingB });

    // The route sends after commit, so every message has reached the SMTP server by now.
    expect(smtp.received).toHaveLength(32);
    const brent = smtp.received.find((mail) =>
      mail.to && !Array.isArray(mail.to)
        ? mail.to.text === 'board-secretary.5k5@demo.invalid'
        : false,
    );
    expect(brent?.subject).toBe(
      'Approved minutes: London Commissioning Group, December meeting (10 December 2026)',
    );
    expect(brent?.text).toContain('To the board secretary of Brent Teaching PCT');
    expect(brent?.text).toContain(`${publicUrl}/meetings/${meetingA}/minutes`);
    expect(brent?.text).toContain(`signed by ${chairName}`);
    expect(brent?.text).toMatch(new RegExp(`${publicUrl}/receipts/rcpt_[\\w-]{43}`));
    const addresses = smtp.received.map((mail) =>
      mail.to && !Array.isArray(mail.to) ? mail.to.text : '',
    );
    expect(addresses).toContain('board-secretary.q36@demo.invalid');
    const sent = await database.db
      .select({ total: count() })
      .from(mailOutbox)
      .where(eq(mailOutbox.status, 'sent'));
    expect(sent[0]?.total).toBe(32);
  });

  it('refuses a second approval and any change to an approved minute with 409', async () => {
    const before = await rowCounts();
    expect((await approve(meetingA)).statusCode).toBe(409);
    const change = await writeMinute(meetingA, publicItem, 'Rewriting history.');
    expect(change.statusCode).toBe(409);
    expect(change.json().detail).toContain('approved minutes are signed and cannot change');
    expect(await rowCounts()).toEqual(before);
  });
});

describe('receipts', () => {
  const receiptPathIn = (text: string | undefined) => {
    const match = /\/receipts\/(rcpt_[\w-]+)/.exec(text ?? '');
    if (!match) throw new Error('no receipt link in the e-mail');
    return `/receipts/${match[1]}`;
  };

  it('a recipient confirms receipt through the link in the e-mail, once; a second confirmation says when the first was', async () => {
    const mail = smtp.received.find((candidate) =>
      candidate.text?.includes('board secretary of NHS London'),
    );
    const receiptPath = receiptPathIn(mail?.text);
    const page = await app.inject(receiptPath);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('NHS London');
    expect(page.body).toContain('December meeting');
    expect(page.body).toContain('Confirm receipt');
    const events = async () =>
      (
        await database.db
          .select({ action: auditEvents.action, after: auditEvents.after })
          .from(auditEvents)
          .where(eq(auditEvents.action, 'minutes.receipt-confirmed'))
      ).length;
    const eventsBefore = await events();
    const first = await app.inject({ method: 'POST', url: `/api/v1${receiptPath}` });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ organisation: 'NHS London', alreadyConfirmed: false });
    const second = await app.inject({ method: 'POST', url: `/api/v1${receiptPath}` });
    expect(second.json()).toMatchObject({
      alreadyConfirmed: true,
      receivedAt: first.json().receivedAt,
    });
    expect(await events()).toBe(eventsBefore + 1);
    const confirmedPage = await app.inject(receiptPath);
    expect(confirmedPage.body).toContain('was first confirmed on');
    expect(confirmedPage.body).not.toContain('>Confirm receipt<');
  });

  it('the receipt page form records it without signing in (CSRF-checked)', async () => {
    const mail = smtp.received.find((candidate) =>
      candidate.text?.includes('board secretary of Brent Teaching PCT'),
    );
    const receiptPath = receiptPathIn(mail?.text);
    const page = await app.inject(receiptPath);
    const cookies = cookieHeader(page.headers['set-cookie']);
    const withoutToken = await app.inject({
      method: 'POST',
      url: receiptPath,
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(withoutToken.statusCode).toBe(403);
    const posted = await app.inject({
      method: 'POST',
      url: receiptPath,
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body) }).toString(),
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toContain('changed=confirmed');
    const distribution = (await minutesOf(meetingA, secretariat)).json().distribution;
    expect(distribution.summary).toBe('32 sent, 2 received');
    const brent = distribution.recipients.find(
      (recipient: { organisation: string }) => recipient.organisation === 'Brent Teaching PCT',
    );
    expect(brent).toMatchObject({
      mailStatus: 'sent',
      address: 'board-secretary.5k5@demo.invalid',
    });
    expect(brent.receivedAt).not.toBeNull();
  });

  it('an unknown receipt link is 404 and records nothing', async () => {
    const before = await rowCounts();
    expect((await app.inject('/receipts/rcpt_not-a-token')).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/receipts/rcpt_not-a-token' })).statusCode,
    ).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('the published minutes', () => {
  it('are public once approved, without Part II, signed and naming where they were approved', async () => {
    const response = await minutesOf(meetingA);
    expect(response.statusCode).toBe(200);
    const minutes = response.json();
    expect(minutes.status).toBe('approved');
    expect(minutes.items.map((item: { title: string }) => item.title)).toEqual([
      'Healthcare for London update',
    ]);
    expect(minutes.items[0].minute.text).toBe(publicMinute);
    expect(minutes.hiddenConfidentialCount).toBe(1);
    expect(minutes.distribution).toBeNull();
    expect(minutes.approval).toMatchObject({
      approvedAtMeeting: { id: meetingB, title: 'January meeting', meetingOn: '2027-01-14' },
      agendaItemPosition: 1,
    });
    expect(JSON.stringify(minutes)).not.toContain('Provider X');

    const meetingPage = await app.inject(`/meetings/${meetingA}`);
    expect(meetingPage.body).toContain(`href="/meetings/${meetingA}/minutes"`);
    expect(meetingPage.body).not.toContain('published here once they are approved');

    const page = await app.inject(`/meetings/${meetingA}/minutes`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1 Part II item is not published');
    expect(page.body).toContain(publicMinute);
    expect(page.body).not.toContain(confidentialMinute);
    expect(page.body).not.toContain('Distribution');

    const insider = (await minutesOf(meetingA, member)).json();
    expect(insider.items[1].minute.text).toBe(confidentialMinute);
  });

  it('the public PDF names the body, those present, the minutes and the signature, without the Part II minute', async () => {
    const chairName = membersB.find((attendee) => attendee.office === 'chair')!.memberName;
    const text = await pdfText(`/meetings/${meetingA}/minutes.pdf`);
    expect(text).toContain('London Commissioning Group');
    expect(text).toContain('Minutes: December meeting');
    expect(text).toContain(publicMinute);
    expect(text).toContain(`Present ${chairName}`);
    expect(text).toContain(`Signed: ${chairName}, presiding`);
    expect(text).toContain('Approved as a correct record at January meeting on 14 January 2027');
    expect(text).toContain('1 Part II item is not published');
    expect(text).not.toContain('Provider X');
    expect(text).not.toContain('DRAFT');
    const insiderText = await pdfText(`/meetings/${meetingA}/minutes.pdf`, {
      authorization: secretariat.authorization,
    });
    expect(insiderText).toContain(confidentialMinute);
  });
});

describe('the minutes pages', () => {
  it('the secretariat drafts through the form; errors name the item’s field', async () => {
    const item = await addItem(meetingB, {
      title: 'Specialised commissioning',
      purpose: 'decision',
    });
    const { cookies } = await signInThroughForm(app, 'secretariat@demo.invalid');
    const page = await app.inject({
      url: `/meetings/${meetingB}/minutes`,
      headers: { cookie: cookies },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Write the minute of item 2');
    const withCsrf = cookieHeader(page.headers['set-cookie'], cookies);
    const post = (text: string) =>
      app.inject({
        method: 'POST',
        url: `/meetings/${meetingB}/minutes/${item}`,
        headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), text }).toString(),
      });
    const refused = await post('');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(`href="#text-${item}"`);
    const saved = await post('The group agreed the specialised commissioning plan.');
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(
      `/meetings/${meetingB}/minutes?changed=minute#item-${item}`,
    );
    const after = await app.inject({
      url: saved.headers.location!.split('#')[0]!,
      headers: { cookie: withCsrf },
    });
    expect(after.body).toContain('The group agreed the specialised commissioning plan.');
    expect(after.body).toContain('The minute was saved.');
  });
});
