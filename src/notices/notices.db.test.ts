import { count, eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { startSmtpTestServer } from '../../test/support/smtp-test-server.ts';
import { buildSeededTestApp, fixedNow, testConfig } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { buildApp } from '../app.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { meetings } from '../db/schema/meetings.ts';
import { seatHoldings } from '../db/schema/membership.ts';
import { meetingNotices } from '../db/schema/notices.ts';
import { people } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';
import { createMailer } from '../mail/mailer.ts';

let database: DatabaseHandle;
let app: App;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let secretariat: { authorization: string };
let meetingId: string;
let memberWithoutAddress: string;

const lcg = 'london-commissioning-group';

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  database = await openTestDatabase();
  app = await buildSeededTestApp(database, {
    mailer: createMailer({ smtpUrl: smtp.url, from: 'concordat@demo.invalid' }),
  });
  secretariat = await bearerFor(app, 'secretariat');
  const scheduled = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title: 'London Commissioning Group, December',
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-11-23',
    },
  });
  meetingId = scheduled.json().meetingId;
  for (const payload of [
    { title: 'Finance report, month 7', purpose: 'decision' },
    {
      title: 'Disposal of the Edgware estate',
      purpose: 'decision',
      isConfidential: true,
      confidentialityReason: 'Commercial negotiations are under way with two bidders.',
    },
  ]) {
    const added = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/agenda-items`,
      headers: secretariat,
      payload,
    });
    expect(added.statusCode).toBe(201);
  }
  // One member has no address in the registry: the page must say they were not e-mailed.
  const report = (await app.inject(`/api/v1/meetings/${meetingId}`)).json();
  const [holding] = await database.db
    .select({ personId: seatHoldings.personId })
    .from(seatHoldings)
    .where(eq(seatHoldings.id, report.attendance[0].seatHoldingId));
  memberWithoutAddress = holding!.personId;
  await database.db.update(people).set({ email: null }).where(eq(people.id, memberWithoutAddress));
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  await smtp?.stop();
});

function sendNotice(headers: Record<string, string> = secretariat, id = meetingId) {
  return app.inject({ method: 'POST', url: `/api/v1/meetings/${id}/notices`, headers });
}

describe('SI 2000/89 Sch 2: "at least 3 clear days\' notice stating the business" — notice by e-mail', () => {
  let sent: { personId: string; name: string; email: string }[];
  let mail: ParsedMail[];

  it('e-mails every member with an address over SMTP, once each, and lists the one without', async () => {
    const response = await sendNotice();
    expect(response.statusCode).toBe(201);
    sent = response.json().sent;
    expect(sent.length).toBeGreaterThan(8);
    expect(new Set(sent.map((person) => person.personId)).size).toBe(sent.length);
    expect(
      response.json().withoutAddress.map((person: { personId: string }) => person.personId),
    ).toEqual([memberWithoutAddress]);
    // Delivery runs once the notice is recorded: by the response, the SMTP server has them all.
    mail = [...smtp.received];
    expect(mail).toHaveLength(sent.length);
    const recipients = mail.map(
      (message) => (Array.isArray(message.to) ? message.to[0] : message.to)?.value[0]?.address,
    );
    expect(recipients.sort()).toEqual(sent.map((person) => person.email).sort());
  });

  it('states the meeting, its time and place, the business, and links to the page and the agenda pack', () => {
    const message = mail[0]!;
    expect(message.subject).toBe(
      'Notice of meeting: London Commissioning Group, December, 10 December 2026 14:00',
    );
    const text = message.text ?? '';
    const meetingUrl = `${app.settings.publicUrl}/meetings/${meetingId}`;
    expect(text).toContain('You are given notice of a meeting of London Commissioning Group.');
    expect(text).toContain('When: 10 December 2026 14:00 (London time)');
    expect(text).toContain('Where: Southside, 105 Victoria Street');
    expect(text).toContain('1. Finance report, month 7 (for decision)');
    // Members take part in Part II business: its title is stated, never the reason behind it.
    expect(text).toContain('Part II, from which the public is excluded by resolution');
    expect(text).toContain('2. Disposal of the Edgware estate (for decision)');
    expect(text).not.toContain('two bidders');
    expect(text).toContain(`The meeting, its agenda and papers: ${meetingUrl}`);
    expect(text).toContain(`The agenda pack (PDF): ${meetingUrl}/agenda-pack.pdf`);
    expect(text).toContain('Notice given on 23 November 2026.');
  });

  it('records who was sent notice, with the audit event, and shows delivery on the page', async () => {
    const [rows] = await database.db
      .select({ total: count() })
      .from(meetingNotices)
      .where(eq(meetingNotices.meetingId, meetingId));
    expect(rows?.total).toBe(sent.length);
    const [event] = await database.db
      .select({ after: auditEvents.after, occurredAt: auditEvents.occurredAt })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'meeting.notice-sent'));
    expect(event?.occurredAt.toISOString()).toBe(fixedNow.toISOString());
    expect((event?.after as { recipients: string[] } | undefined)?.recipients).toHaveLength(
      sent.length,
    );

    const listing = (
      await app.inject({ url: `/api/v1/meetings/${meetingId}/notices`, headers: secretariat })
    ).json();
    expect(listing.notices).toHaveLength(sent.length);
    expect(listing.notices.every((notice: { status: string }) => notice.status === 'sent')).toBe(
      true,
    );
    expect(listing.withoutAddress).toHaveLength(1);

    const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
    const page = await app.inject({
      url: `/meetings/${meetingId}/notices`,
      headers: { cookie: cookies },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(sent[0]!.name);
    expect(page.body).toContain('Delivered 23 November 2026 10:00');
    expect(page.body).toContain('Members without an e-mail address');
  });

  it('sends notice again from the button on the meeting page (form post with CSRF)', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
    const page = await app.inject({ url: `/meetings/${meetingId}`, headers: { cookie: cookies } });
    expect(page.body).toContain(`action="/meetings/${meetingId}/notices"`);
    const before = smtp.received.length;
    const posted = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/notices`,
      headers: {
        cookie: cookieHeader(page.headers['set-cookie'], cookies),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body) }).toString(),
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(`/meetings/${meetingId}/notices?changed=sent`);
    expect(smtp.received.length - before).toBe(sent.length);
  });

  it("keeps members' addresses from anyone who does not run the body's meetings", async () => {
    const member = await bearerFor(app, 'member');
    expect(
      (await app.inject({ url: `/api/v1/meetings/${meetingId}/notices`, headers: member }))
        .statusCode,
    ).toBe(403);
    expect((await sendNotice(member)).statusCode).toBe(403);
    expect((await app.inject(`/meetings/${meetingId}/notices`)).statusCode).toBe(303);
  });

  it('refuses notice of a meeting that has been held, and sends nothing', async () => {
    const scheduled = await app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/meetings`,
      headers: secretariat,
      payload: {
        title: 'Already held',
        startsAt: '2026-12-17T14:00:00Z',
        location: 'Southside',
        noticeGivenOn: '2026-11-23',
      },
    });
    const heldId = scheduled.json().meetingId;
    await database.db.update(meetings).set({ status: 'held' }).where(eq(meetings.id, heldId));
    const before = smtp.received.length;
    const response = await sendNotice(secretariat, heldId);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('meeting-not-scheduled');
    expect(smtp.received.length).toBe(before);
  });

  it('offers no notice button on the meeting page when the server has no SMTP server, and says why', async () => {
    const withoutMail = await buildApp({
      database,
      config: testConfig(),
      logger: false,
      now: () => fixedNow,
    });
    try {
      const { cookies } = await signInThroughForm(withoutMail, demoEmails.secretariat);
      const page = await withoutMail.inject({
        url: `/meetings/${meetingId}`,
        headers: { cookie: cookies },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(`action="/meetings/${meetingId}/notices"`);
      expect(page.body).not.toContain('Send notice of this meeting by e-mail');
      expect(page.body).toContain(
        'Notice cannot be sent by e-mail from here: this server has no mail server set up (SMTP_URL). Give members notice another way.',
      );
      // Who has been sent notice is still there to read.
      expect(page.body).toContain(`href="/meetings/${meetingId}/notices"`);
      // With mail set up, the same page offers the button and not the sentence.
      const withMail = await app.inject({
        url: `/meetings/${meetingId}`,
        headers: { cookie: (await signInThroughForm(app, demoEmails.secretariat)).cookies },
      });
      expect(withMail.body).toContain('Send notice of this meeting by e-mail');
      expect(withMail.body).not.toContain('Notice cannot be sent by e-mail');
    } finally {
      await withoutMail.close();
    }
  });

  it('says so, and queues nothing, when the server has no SMTP server', async () => {
    const withoutMail = await buildApp({
      database,
      config: testConfig(),
      logger: false,
      now: () => fixedNow,
    });
    try {
      const [before] = await database.db.select({ total: count() }).from(meetingNotices);
      const response = await withoutMail.inject({
        method: 'POST',
        url: `/api/v1/meetings/${meetingId}/notices`,
        headers: secretariat,
      });
      expect(response.statusCode).toBe(503);
      expect(response.json().detail).toContain('SMTP_URL');
      const [after] = await database.db.select({ total: count() }).from(meetingNotices);
      expect(after?.total).toBe(before?.total);
    } finally {
      await withoutMail.close();
    }
  });
});
