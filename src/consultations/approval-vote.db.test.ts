import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { consultations } from '../db/schema/consultations.ts';
import { proposals } from '../db/schema/decisions.ts';
import type { App } from '../http/app-types.ts';
import { seedDemoJointCommitteeMembership } from '../seed/index.ts';

// The demo seats nine PCT representatives on the Joint Committee: the chief executives of Brent
// (member@), Camden (lead@) and Islington (associate@) among them. Quorum: one third of nine.
let database: DatabaseHandle;
let app: App;
let administrator: { authorization: string };

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  administrator = await bearerFor(app, 'administrator');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const api = (
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  headers: Record<string, string> = {},
  payload?: unknown,
) =>
  app.inject({
    method,
    url: `/api/v1${url}`,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

describe('the Joint Committee of PCTs carries the approval by a vote (2008 "Accountabilities": "London PCT Boards will discharge their formal responsibilities in respect of approving consultation ... by means of a Joint Committee")', () => {
  it('seats one representative of each of nine delegating PCTs, once', async () => {
    const context = { actor: 'seed', now: fixedNow };
    expect(await seedDemoJointCommitteeMembership({ db: database.db, context })).toBe(9);
    expect(await seedDemoJointCommitteeMembership({ db: database.db, context })).toBe(0);
  });

  it('the approval is put, the question opened, the seated members vote, it closes carried and the consultation is approved', async () => {
    const { slug, proposalId } = await carriedApproval({
      title: 'Carried by the committee',
      opensAt: '2026-12-16T09:00:00Z',
      closesAt: '2027-03-23T17:00:00Z',
      meetingStartsAt: '2026-12-15T14:00:00Z',
    });
    const outcome = await api('POST', `/consultations/${slug}/approval/outcome`, administrator);
    expect(outcome.statusCode, outcome.body).toBe(200);
    expect(outcome.json()).toEqual({ stage: 'approved', outcome: 'Carried' });
    const [row] = await database.db
      .select({ id: consultations.id, stage: consultations.stage })
      .from(consultations)
      .where(eq(consultations.slug, slug));
    expect(row?.stage).toBe('approved');
    const approved = await database.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'consultation.approved'));
    expect(approved.map((event) => event.after)).toContainEqual(
      expect.objectContaining({ stage: 'approved', proposalId, outcome: 'carried' }),
    );
  });

  it('Gunning principle 3 ("adequate time ... normally at least 12 weeks"): an approval recorded after the opening time, leaving under 12 weeks with no reason, sends it back to be prepared (review M9)', async () => {
    // Stated: 1 October to 20 January, 111 days. Recorded on 23 November: 58 days left.
    const { slug, proposalId } = await carriedApproval({
      title: 'Approved too late',
      opensAt: '2026-10-01T09:00:00Z',
      closesAt: '2027-01-20T17:00:00Z',
      meetingStartsAt: '2026-11-30T14:00:00Z',
    });
    const outcome = await api('POST', `/consultations/${slug}/approval/outcome`, administrator);
    expect(outcome.statusCode, outcome.body).toBe(200);
    expect(outcome.json()).toMatchObject({ stage: 'preparing', outcome: 'Carried' });
    expect(outcome.json().periodShortfall).toContain(
      'people would have 58 days from the approval to the close, not the 111 days put to the Joint Committee',
    );
    const [row] = await database.db
      .select({ stage: consultations.stage })
      .from(consultations)
      .where(eq(consultations.slug, slug));
    expect(row?.stage).toBe('preparing');
    const events = await database.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'consultation.approval-too-late'));
    expect(events.map((event) => event.after)).toContainEqual(
      expect.objectContaining({ stage: 'preparing', proposalId, outcome: 'carried' }),
    );
  });
});

/** A consultation prepared and put to the Joint Committee, whose question is voted and closed carried. */
async function carriedApproval(options: {
  title: string;
  opensAt: string;
  closesAt: string;
  meetingStartsAt: string;
}): Promise<{ slug: string; proposalId: string }> {
  {
    const created = await api('POST', '/consultations', administrator, {
      title: options.title,
      summary: 'Proposals for London’s health services over the next ten years.',
      opensAt: options.opensAt,
      closesAt: options.closesAt,
      formativeStatement:
        'No decision has been taken: the Joint Committee will decide after consultation.',
      reasonsStatement: 'The case for change is set out in chapter 2 of the document.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const slug = created.json().slug as string;
    const document = await api('POST', `/consultations/${slug}/documents`, administrator, {
      title: 'Consulting the capital',
      sections: [
        { number: '2', heading: 'The case for change', body: 'Why London’s services must change.' },
      ],
    });
    expect(document.statusCode, document.body).toBe(201);
    const question = await api('POST', `/consultations/${slug}/questions`, administrator, {
      text: 'Do you agree that polyclinics should be developed?',
      kind: 'single-choice',
      options: ['Agree', 'Neither', 'Disagree'],
      section: '2',
    });
    expect(question.statusCode, question.body).toBe(201);
    const scrutiny = await api(
      'POST',
      `/consultations/${slug}/scrutiny`,
      await bearerFor(app, 'chair'),
      {
        note: 'Scrutinised.',
      },
    );
    expect(scrutiny.statusCode, scrutiny.body).toBeLessThan(300);
    const scheduled = await api('POST', '/bodies/joint-committee-of-pcts/meetings', administrator, {
      title: `Joint Committee: ${options.title}`,
      startsAt: options.meetingStartsAt,
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-11-01',
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const meetingId = scheduled.json().meetingId as string;
    const put = await api('POST', `/consultations/${slug}/approval`, administrator, { meetingId });
    expect(put.statusCode, put.body).toBe(201);
    const { proposalId } = put.json();

    const attendance = (await api('GET', `/meetings/${meetingId}`)).json().attendance as {
      seatHoldingId: string;
    }[];
    expect(attendance).toHaveLength(9);
    for (const seat of attendance) {
      const recorded = await api(
        'PUT',
        `/meetings/${meetingId}/attendance/${seat.seatHoldingId}`,
        administrator,
        { status: 'present' },
      );
      expect(recorded.statusCode, recorded.body).toBe(200);
    }
    const opened = await api('POST', `/proposals/${proposalId}/open`, administrator);
    expect(opened.statusCode, opened.body).toBe(200);
    for (const role of ['member', 'lead', 'associate'] as const) {
      const cast = await api('POST', `/proposals/${proposalId}/votes`, await bearerFor(app, role), {
        choice: 'for',
      });
      expect(cast.statusCode, cast.body).toBe(201);
    }
    const closed = await api('POST', `/proposals/${proposalId}/close`, administrator);
    expect(closed.statusCode, closed.body).toBe(200);
    const [closedQuestion] = await database.db
      .select({ status: proposals.status, outcome: proposals.outcome })
      .from(proposals)
      .where(eq(proposals.id, proposalId));
    expect(closedQuestion).toEqual({ status: 'closed', outcome: 'carried' });

    return { slug, proposalId };
  }
}
