import { Command } from 'commander';
import { and, eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import {
  addAgendaItem,
  type HeldMeeting,
  meetingWithEveryonePresent,
} from '../../test/support/meeting-fixtures.ts';
import { startSmtpTestServer } from '../../test/support/smtp-test-server.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { registerReminderCommands } from '../cli/reminders-command.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { accounts } from '../db/schema/identity.ts';
import { mailOutbox } from '../db/schema/mail.ts';
import { people } from '../db/schema/registry.ts';
import { reminderSends } from '../db/schema/reminders.ts';
import type { App } from '../http/app-types.ts';
import { createMailer } from '../mail/mailer.ts';
import { deliverPendingMail } from '../mail/outbox.ts';
import { sendReminders, startReminderSchedule } from './index.ts';

let database: DatabaseHandle;
let app: App;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let meeting: HeldMeeting;
let now = fixedNow;
let memberPersonId: string;
let memberCookies: string;

const closesAt = '2026-12-10T17:00:00Z';
const hoursBeforeClosing = (hours: number) =>
  new Date(new Date(closesAt).getTime() - hours * 3_600_000);
const publicUrl = 'https://concordat.example';

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  database = await openTestDatabase();
  app = await buildSeededTestApp(database, {
    mailer: createMailer({ smtpUrl: smtp.url, from: 'concordat@demo.invalid' }),
    now: () => now,
  });
  meeting = await meetingWithEveryonePresent(app, 'London Commissioning Group, December');
  const [member] = await database.db
    .select({ personId: accounts.personId })
    .from(accounts)
    .where(eq(accounts.email, demoEmails.member));
  memberPersonId = member!.personId!;
  expect(meeting.members.map((entry) => entry.personId)).toContain(memberPersonId);
  memberCookies = (await signInThroughForm(app, demoEmails.member)).cookies;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  await smtp?.stop();
});

async function putQuestion(agendaItemId: string, title: string, closing = closesAt) {
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meeting.meetingId}/proposals`,
    headers: meeting.secretariat,
    payload: {
      agendaItemId,
      title,
      text: 'The group agrees.',
      decisionKind: 'london-wide-view',
      closesAt: closing,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const proposalId = created.json().proposalId as string;
  const opened = await app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/open`,
    headers: meeting.secretariat,
  });
  expect(opened.statusCode, opened.body).toBe(200);
  return proposalId;
}

async function run(at: Date) {
  now = at;
  const report = await sendReminders({
    db: database.db,
    context: { actor: 'scheduler', now: at },
    publicUrl,
  });
  smtp.received.length = 0;
  const mailer = createMailer({ smtpUrl: smtp.url, from: 'concordat@demo.invalid' });
  await deliverPendingMail({ db: database.db, mailer, now: () => at });
  return { report, mail: [...smtp.received] };
}

const addressOf = (message: ParsedMail) =>
  (Array.isArray(message.to) ? message.to[0] : message.to)?.value[0]?.address;

async function emailOf(personId: string) {
  const [row] = await database.db
    .select({ email: people.email })
    .from(people)
    .where(eq(people.id, personId));
  return row?.email;
}

describe('turning reminders off on the account page', () => {
  it('shows both reminders on at first, saves the choice, and audits it', async () => {
    const page = await app.inject({ url: '/account', headers: { cookie: memberCookies } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('E-mail reminders');
    expect(page.body).toMatch(/value="questions" checked/);
    expect(page.body).toMatch(/value="overdue-actions" checked/);
    // Neither box ticked: both reminders off.
    const saved = await app.inject({
      method: 'POST',
      url: '/account/reminders',
      headers: {
        cookie: cookieHeader(page.headers['set-cookie'], memberCookies),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body) }).toString(),
    });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe('/account?notice=reminders-saved#reminders-heading');
    const after = await app.inject({
      url: '/account?notice=reminders-saved',
      headers: { cookie: memberCookies },
    });
    expect(after.body).toContain('Your choice of e-mail reminders has been saved.');
    expect(after.body).not.toMatch(/value="questions" checked/);
    expect(after.body).not.toMatch(/value="overdue-actions" checked/);
    const [account] = await database.db
      .select()
      .from(accounts)
      .where(eq(accounts.email, demoEmails.member));
    expect(account).toMatchObject({ questionReminders: false, actionDigest: false });
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'account.reminders-changed'),
          eq(auditEvents.entityId, account!.id),
        ),
      );
    expect(event).toMatchObject({
      before: { questionReminders: true, actionDigest: true },
      after: { questionReminders: false, actionDigest: false },
    });
  });
});

describe('the reminder before a question closes', () => {
  let proposalId: string;
  let confidentialId: string;
  let voter: HeldMeeting['members'][number];

  it('refuses a closing time already past', async () => {
    const itemId = await addAgendaItem(app, meeting, { title: 'Too late' });
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meeting.meetingId}/proposals`,
      headers: meeting.secretariat,
      payload: {
        agendaItemId: itemId,
        title: 'Late',
        text: 'The group agrees.',
        decisionKind: 'london-wide-view',
        closesAt: '2026-11-01T12:00:00Z',
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The closing time must be in the future.');
  });

  it('sends nothing while the closing time is more than a day away', async () => {
    const item = await addAgendaItem(app, meeting, { title: 'Stroke services' });
    proposalId = await putQuestion(item, 'Adopt the stroke service specification');
    const secret = await addAgendaItem(app, meeting, {
      title: 'Disposal of the Edgware estate',
      isConfidential: true,
      confidentialityReason: 'Commercial negotiations are under way with two bidders.',
    });
    confidentialId = await putQuestion(secret, 'Accept the Edgware bid');
    voter = meeting.members.find((member) => member.personId !== memberPersonId)!;
    const voted = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/votes`,
      headers: voter.headers,
      payload: { choice: 'for' },
    });
    expect(voted.statusCode, voted.body).toBe(201);
    const { report, mail } = await run(hoursBeforeClosing(30));
    expect(report.questionReminders).toEqual([]);
    expect(mail).toEqual([]);
  });

  it('e-mails, over SMTP, each member yet to vote, not the one who voted nor the one who opted out', async () => {
    const { report, mail } = await run(hoursBeforeClosing(3));
    const others = meeting.members.filter((member) => member.personId !== memberPersonId);
    const stroke = mail.filter((message) => message.subject?.includes('stroke service'));
    // Everyone with an address but the voter and the member who turned reminders off.
    const expected = (
      await Promise.all(
        others.filter((member) => member !== voter).map((member) => emailOf(member.personId)),
      )
    ).filter(Boolean);
    expect(stroke.map(addressOf).sort()).toEqual(expected.sort());
    expect(stroke.map(addressOf)).not.toContain(await emailOf(voter.personId));
    expect(mail.map(addressOf)).not.toContain(await emailOf(memberPersonId));
    expect(report.skipped).toContainEqual(
      expect.objectContaining({ personId: memberPersonId, why: 'turned-off' }),
    );
    const message = stroke[0]!;
    expect(message.subject).toMatch(
      /^Your (vote|view) is awaited on “Adopt the stroke service specification”: it closes 10 December 2026 17:00$/,
    );
    expect(message.text).toMatch(
      /You have not yet recorded your (vote|view) on a question put to London Commissioning Group\./,
    );
    expect(message.text).toContain(`${publicUrl}/proposals/${proposalId}`);
    expect(message.text).toContain('You will not be reminded of this question again.');
  });

  it('never names a Part II question in the mail', async () => {
    const rows = await database.db
      .select({ subject: mailOutbox.subject, body: mailOutbox.body })
      .from(reminderSends)
      .innerJoin(mailOutbox, eq(reminderSends.mailId, mailOutbox.id))
      .where(eq(reminderSends.about, confidentialId));
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(row.subject).toMatch(
        /^Your (vote|view) is awaited on a confidential question for London Commissioning Group: it closes 10 December 2026 17:00$/,
      );
      expect(`${row.subject}\n${row.body}`).not.toMatch(/Edgware|bid|two bidders/);
      expect(row.body).toContain(`${publicUrl}/proposals/${confidentialId}`);
    }
  });

  it('is sent once: a later run in the window sends no reminder again, and each is audited', async () => {
    const { report, mail } = await run(hoursBeforeClosing(1));
    expect(report.questionReminders).toEqual([]);
    expect(mail).toEqual([]);
    const sends = await database.db
      .select()
      .from(reminderSends)
      .where(eq(reminderSends.about, proposalId));
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'reminder.question-closing'));
    expect(
      events.filter((event) => (event.after as { proposalId: string }).proposalId === proposalId),
    ).toHaveLength(sends.length);
  });

  it('is sent only by the schedule or the command line, never on a person’s request', async () => {
    await expect(
      sendReminders({
        db: database.db,
        context: { actor: 'account:someone <a@example.invalid>', now },
        publicUrl,
      }),
    ).rejects.toMatchObject({ problem: { status: 403 } });
  });
});

describe('the weekly digest of overdue actions', () => {
  let owner: HeldMeeting['members'][number];

  async function recordAction(ownerPersonId: string, description: string, dueOn: string) {
    const recorded = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meeting.meetingId}/actions`,
      headers: meeting.secretariat,
      payload: { description, ownerPersonId, dueOn },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
  }

  it('lists each owner’s overdue actions with days overdue, once a week, through the command', async () => {
    now = fixedNow;
    for (const member of meeting.members) {
      if (member.personId !== memberPersonId && (await emailOf(member.personId))) {
        owner = member;
        break;
      }
    }
    await recordAction(owner.personId, 'Circulate the revised tariff', '2026-12-11');
    await recordAction(owner.personId, 'Report on waiting times', '2026-12-31');
    await recordAction(memberPersonId, 'Write to the trusts', '2026-12-11');
    // Monday 4 January 2027: the first is 24 days overdue, the second 4.
    now = new Date('2027-01-04T08:00:00Z');
    const stdout: string[] = [];
    const program = new Command().exitOverride();
    registerReminderCommands(program, {
      openDatabase: async () => ({ ...database, close: async () => {} }),
      mailer: () => createMailer({ smtpUrl: smtp.url, from: 'concordat@demo.invalid' }),
      now: () => now,
      streams: {
        stdout: { write: (text: string) => stdout.push(text) } as unknown as NodeJS.WritableStream,
        stderr: { write: () => true } as unknown as NodeJS.WritableStream,
      },
    });
    smtp.received.length = 0;
    await program.parseAsync(['node', 'concordat', 'reminders', 'send']);
    const output = stdout.join('');
    expect(output).toContain('Overdue-actions digest to');
    expect(output).toMatch(
      /Queued 0 question reminders and 1 digest \(week 2027-W01\); sent 1 message\./,
    );
    expect(output).toMatch(/No digest to .*: they turned it off/);
    expect(smtp.received).toHaveLength(1);
    const digest = smtp.received[0]!;
    expect(addressOf(digest)).toBe(await emailOf(owner.personId));
    expect(digest.subject).toBe('Your overdue actions: 2 actions past their due date');
    expect(digest.text).toContain(
      '- Circulate the revised tariff (London Commissioning Group, December): due 11 December 2026, 24 days overdue',
    );
    expect(digest.text).toContain('due 31 December 2026, 4 days overdue');
    expect(digest.text).toContain('/actions/overdue');
  });

  it('is not sent again the same week, and comes again the next', async () => {
    const sameWeek = await run(new Date('2027-01-08T08:00:00Z'));
    expect(sameWeek.report.digests).toEqual([]);
    expect(sameWeek.mail).toEqual([]);
    const nextWeek = await run(new Date('2027-01-11T08:00:00Z'));
    expect(nextWeek.report.digests).toEqual([{ to: expect.any(String), actions: 2 }]);
    expect(nextWeek.mail.map(addressOf)).toEqual([await emailOf(owner.personId)]);
  });
});

describe('the server’s hourly run', () => {
  it('sends what is due and hands it to the mail dispatcher, and stops cleanly', async () => {
    // Monday of the week after: the owner's overdue actions are due a digest again.
    const at = new Date('2027-01-18T08:00:00Z');
    const logged: object[] = [];
    let delivered!: () => void;
    const deliveredOnce = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    const schedule = startReminderSchedule({
      db: database.db,
      publicUrl,
      now: () => at,
      deliver: async () => delivered(),
      logger: { info: (obj) => logged.push(obj), error: (obj) => logged.push(obj) },
      firstRunAfterMilliseconds: 0,
    });
    await deliveredOnce;
    await schedule.stop();
    expect(logged).toEqual([{ questionReminders: 0, digests: 1 }]);
    const sends = await database.db
      .select()
      .from(reminderSends)
      .where(and(eq(reminderSends.kind, 'overdue-actions'), eq(reminderSends.about, '2027-W03')));
    expect(sends).toHaveLength(1);
  });
});
