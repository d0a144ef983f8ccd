import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signInThroughForm } from '../../test/support/demo-actors.ts';
import { memberAccount } from '../../test/support/member-accounts.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { proposals, proxies, votes } from '../db/schema/decisions.ts';
import { people } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';

const run = promisify(execFile);
const pdfDirectory = mkdtempSync(path.join(tmpdir(), 'concordat-advice-'));

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let publicUser: { authorization: string };

const lcg = 'london-commissioning-group';
const decisionClause = '2008 §Decision-making';
const conflictClause = 'SI 1991/809 reg 10';

interface Member {
  seatHoldingId: string;
  personId: string;
  memberName: string;
  office: string | null;
  sector: string | null;
}

let meetingId: string;
let members: Member[];
let chair: Member;
let absentMember: Member;
let present: Member[];
const bearer = new Map<string, { authorization: string }>();
const items: Record<string, string> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  publicUser = await bearerFor(app, 'public');
  const scheduled = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title: 'December meeting',
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-12-01',
    },
  });
  expect(scheduled.statusCode).toBe(201);
  meetingId = scheduled.json().meetingId;
  members = (await app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance;
  expect(members).toHaveLength(11);
  chair = members.find((member) => member.office === 'chair')!;
  // One North West chief executive is absent: the chair and nine, one from each sector, are quorate.
  absentMember = members.filter((member) => member.sector === 'north-west')[1]!;
  present = members.filter((member) => member !== absentMember);
  for (const member of members) {
    const status = member === absentMember ? 'absent' : 'present';
    const recorded = await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
      headers: secretariat,
      payload: { status },
    });
    expect(recorded.statusCode).toBe(200);
    const account = await memberAccount(app, {
      personId: member.personId,
      email: `member-${member.seatHoldingId}@test.invalid`,
      bodySlug: lcg,
    });
    bearer.set(member.seatHoldingId, { authorization: account.authorization });
  }
  for (const [key, payload] of Object.entries({
    stroke: { title: 'London-wide stroke pathway', purpose: 'decision' },
    cardiology: { title: 'Cardiology service development', purpose: 'decision' },
    strategy: { title: 'Commissioning strategy 2027–2030', purpose: 'decision' },
    secret: { title: 'Chair of the clinical reference group', purpose: 'decision' },
    confidential: {
      title: 'Provider X contract',
      purpose: 'decision',
      isConfidential: true,
      confidentialityReason: 'Commercially sensitive negotiations in progress',
    },
  })) {
    const added = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/agenda-items`,
      headers: secretariat,
      payload,
    });
    expect(added.statusCode).toBe(201);
    items[key] = added.json().agendaItemId;
  }
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function propose(payload: Record<string, unknown>, headers = secretariat) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/proposals`,
    headers,
    payload,
  });
}

async function openQuestion(payload: Record<string, unknown>): Promise<string> {
  const created = await propose(payload);
  expect(created.statusCode).toBe(201);
  const proposalId = created.json().proposalId as string;
  const opened = await app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/open`,
    headers: secretariat,
  });
  expect(opened.statusCode).toBe(200);
  return proposalId;
}

function vote(proposalId: string, member: Member, payload: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/votes`,
    headers: bearer.get(member.seatHoldingId)!,
    payload,
  });
}

function close(proposalId: string) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/close`,
    headers: secretariat,
  });
}

async function rowCounts() {
  const [proposalRows] = await database.db.select({ total: count() }).from(proposals);
  const [voteRows] = await database.db.select({ total: count() }).from(votes);
  const [proxyRows] = await database.db.select({ total: count() }).from(proxies);
  const [events] = await database.db.select({ total: count() }).from(auditEvents);
  return {
    proposals: proposalRows?.total,
    votes: voteRows?.total,
    proxies: proxyRows?.total,
    events: events?.total,
  };
}

async function pdfText(url: string): Promise<string> {
  const response = await app.inject({ url });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  const file = path.join(pdfDirectory, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, response.rawPayload);
  const { stdout } = await run('/usr/bin/pdftotext', ['-layout', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

describe('putting a question', () => {
  it(`${decisionClause}: a London-wide decision is taken by "consensus with solutions to issues being found through discussion"`, async () => {
    const created = await propose({
      agendaItemId: items.stroke,
      title: 'Adopt the London-wide stroke pathway',
      text: 'The group agrees the hyper-acute stroke pathway for London.',
      decisionKind: 'london-wide-view',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().method).toEqual({
      id: 'consensus-with-advice',
      title: 'Consensus of the group, or advice setting out the range of views',
      clause: decisionClause,
    });
    const view = (await app.inject(`/api/v1/proposals/${created.json().proposalId}`)).json();
    expect(view.status).toBe('draft');
    expect(view.decisionKind).toMatchObject({ id: 'london-wide-view', clause: '2006 §2.2(a)' });
    expect(view.method.text).toContain('seeks to operate by consensus');
  });

  it(`${decisionClause}: "Decisions on policy and strategy are reserved to PCTs and NHS London" — put as a decision by consensus it is refused, and nothing changes`, async () => {
    const before = await rowCounts();
    const refused = await propose({
      agendaItemId: items.strategy,
      title: 'Approve the commissioning strategy',
      text: 'The group approves the strategy.',
      decisionKind: 'policy-and-strategy',
      methodId: 'consensus-with-advice',
    });
    expect(refused.statusCode).toBe(400);
    const [error] = refused.json().errors;
    expect(error.field).toBe('methodId');
    expect(error.message).toContain('reserved matter');
    expect(error.message).toContain(decisionClause);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a kind the constitution does not have, naming decisionKind', async () => {
    const refused = await propose({
      agendaItemId: items.stroke,
      title: 'x',
      text: 'x',
      decisionKind: 'approve-consultation',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('decisionKind');
  });

  it('only the secretariat or an administrator puts a question', async () => {
    const refused = await propose(
      { agendaItemId: items.stroke, title: 'x', text: 'x', decisionKind: 'london-wide-view' },
      bearer.get(present[1]!.seatHoldingId)!,
    );
    expect(refused.statusCode).toBe(403);
  });
});

describe('consensus', () => {
  it(`${decisionClause}: consensus is reached when the members present agree or stand aside and no one objects`, async () => {
    const proposalId = await openQuestion({
      agendaItemId: items.stroke,
      title: 'Agree the stroke pathway',
      text: 'The group agrees the pathway.',
      decisionKind: 'london-wide-view',
    });
    for (const [index, member] of present.entries()) {
      const cast = await vote(proposalId, member, { choice: index === 0 ? 'abstain' : 'for' });
      expect(cast.statusCode, cast.body).toBe(201);
    }
    const closed = await close(proposalId);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().outcome).toBe('consensus');
    const view = (await app.inject(`/api/v1/proposals/${proposalId}`)).json();
    expect(view.status).toBe('closed');
    expect(view.result.isDecision).toBe(true);
    expect(view.result.counts).toMatchObject({ for: 9, abstain: 1, against: 0 });
    expect(view.votes).toHaveLength(10);
    const [stored] = await database.db
      .select({ result: proposals.result, outcome: proposals.outcome })
      .from(proposals)
      .where(eq(proposals.id, proposalId));
    expect(stored?.outcome).toBe('consensus');
    expect((stored?.result as { outcome: string } | undefined)?.outcome).toBe('consensus');
    const advice = await app.inject(`/proposals/${proposalId}/advice-note`);
    expect(advice.statusCode).toBe(404);

    const afterClose = await vote(proposalId, absentMember, { choice: 'for' });
    expect(afterClose.statusCode).toBe(409);
  });

  it(`${decisionClause}: "Where consensus cannot be achieved, the range of stakeholder views will be reflected in advice to PCTs and NHS London" — an objection produces the advice note, page and PDF`, async () => {
    const proposalId = await openQuestion({
      agendaItemId: items.cardiology,
      title: 'Concentrate cardiac surgery on three sites',
      text: 'The group agrees to concentrate cardiac surgery on three London sites.',
      decisionKind: 'coordination-between-sectors',
    });
    const objector = present.find((member) => member.sector === 'south-east')!;
    const noReason = await vote(proposalId, objector, { choice: 'against' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const reason = 'Patients in Bexley would travel too far for surgery.';
    expect((await vote(proposalId, objector, { choice: 'against', reason })).statusCode).toBe(201);
    for (const member of present.filter((candidate) => candidate !== objector)) {
      expect((await vote(proposalId, member, { choice: 'for' })).statusCode).toBe(201);
    }
    const closed = await close(proposalId);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().outcome).toBe('advice');
    const view = (await app.inject(`/api/v1/proposals/${proposalId}`)).json();
    expect(view.result.isDecision).toBe(false);
    expect(view.result.advice.to).toEqual(['London PCTs', 'NHS London']);
    expect(view.result.rangeOfViews.against).toEqual([objector.memberName]);

    const page = await app.inject(`/proposals/${proposalId}/advice-note`);
    expect(page.statusCode).toBe(200);
    for (const text of ['London PCTs', 'NHS London', decisionClause, objector.memberName]) {
      expect(page.body).toContain(text);
    }
    expect(page.body).toContain('Patients in Bexley would travel too far for surgery.');
    const pdf = await pdfText(`/proposals/${proposalId}/advice-note.pdf`);
    expect(pdf).toContain('Advice note');
    expect(pdf).toContain('To: London PCTs; NHS London');
    expect(pdf).toContain(decisionClause);
    expect(pdf).toContain('range of stakeholder views will be reflected in advice');
    expect(pdf).toContain(`Object: 1 (${objector.memberName})`);
    expect(pdf).toContain(reason);
  });

  it(`${decisionClause}: a reserved matter always produces advice, never a decision, even when everyone agrees`, async () => {
    const proposalId = await openQuestion({
      agendaItemId: items.strategy,
      title: 'Advise on the commissioning strategy',
      text: 'The group advises PCTs and NHS London to adopt the strategy.',
      decisionKind: 'policy-and-strategy',
    });
    const view = (await app.inject(`/api/v1/proposals/${proposalId}`)).json();
    expect(view.reserved).toMatchObject({ clause: decisionClause });
    for (const member of present) {
      expect((await vote(proposalId, member, { choice: 'for' })).statusCode).toBe(201);
    }
    const closed = await close(proposalId);
    expect(closed.json().outcome).toBe('advice');
    const after = (await app.inject(`/api/v1/proposals/${proposalId}`)).json();
    expect(after.result.isDecision).toBe(false);
    expect(after.result.advice.consensusOnAdvice).toBe(true);
    expect(after.result.summary).toContain('Advice, not a decision');
  });
});

describe('votes refused with the rule they break', () => {
  let proposalId: string;
  let conflicted: Member;

  beforeAll(async () => {
    conflicted = present.find((member) => member.sector === 'north-central')!;
    const declared = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/declarations`,
      headers: secretariat,
      payload: {
        agendaItemId: items.cardiology,
        seatHoldingId: conflicted.seatHoldingId,
        kind: 'financial',
        interest: 'Spouse is a consultant cardiac surgeon at a bidding trust',
      },
    });
    expect(declared.statusCode).toBe(201);
    const created = await propose({
      agendaItemId: items.cardiology,
      title: 'Commission a cardiac network',
      text: 'The group agrees to commission a London cardiac network.',
      decisionKind: 'coordination-between-sectors',
    });
    proposalId = created.json().proposalId;
  });

  it('a vote on a question not yet open is refused (409), and nothing changes', async () => {
    const before = await rowCounts();
    const refused = await vote(proposalId, chair, { choice: 'for' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('has not been opened');
    expect(await rowCounts()).toEqual(before);
    await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/open`,
      headers: secretariat,
    });
  });

  it(`${conflictClause}: "Pecuniary interest: disclose, take no part in discussion or vote" — a conflicted member is refused with the engine's reason, and nothing changes`, async () => {
    const before = await rowCounts();
    const refused = await vote(proposalId, conflicted, { choice: 'for' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('declared an interest');
    expect(refused.json().detail).toContain(conflictClause);
    expect(await rowCounts()).toEqual(before);
  });

  it('an absent member is refused: the engine counts only those recorded present', async () => {
    const before = await rowCounts();
    const refused = await vote(proposalId, absentMember, { choice: 'for' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('not recorded as present');
    expect(await rowCounts()).toEqual(before);
  });

  it('someone who is not a member is refused, and nothing changes', async () => {
    const before = await rowCounts();
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/votes`,
      headers: publicUser,
      payload: { choice: 'for' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('not-a-member');
    expect(await rowCounts()).toEqual(before);
  });

  it('a second vote from one seat is refused (409) naming the rule, and nothing changes', async () => {
    expect((await vote(proposalId, chair, { choice: 'for' })).statusCode).toBe(201);
    const before = await rowCounts();
    const again = await vote(proposalId, chair, { choice: 'against', reason: 'Changed my mind' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('one vote per seat');
    expect(await rowCounts()).toEqual(before);
  });

  it('two simultaneous votes from one seat: exactly one is recorded (201) and the other refused (409)', async () => {
    const member = present.find((candidate) => candidate.sector === 'south-west')!;
    const responses = await Promise.all([
      vote(proposalId, member, { choice: 'for' }),
      vote(proposalId, member, { choice: 'abstain' }),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    const [rows] = await database.db
      .select({ total: count() })
      .from(votes)
      .where(eq(votes.voterId, member.seatHoldingId));
    expect(rows?.total).toBeGreaterThanOrEqual(1);
    const onThisQuestion = await database.db
      .select({ id: votes.id })
      .from(votes)
      .where(eq(votes.proposalId, proposalId));
    expect(onThisQuestion).toHaveLength(2);
  });

  it('the chair and secretariat see who has not voted; the public does not', async () => {
    const forSecretariat = (
      await app.inject({ url: `/api/v1/proposals/${proposalId}`, headers: secretariat })
    ).json();
    expect(forSecretariat.notVoted).toHaveLength(7);
    expect(forSecretariat.notVoted).not.toContain(chair.memberName);
    expect(forSecretariat.notVoted).not.toContain(conflicted.memberName);
    const forPublic = (await app.inject(`/api/v1/proposals/${proposalId}`)).json();
    expect(forPublic.notVoted).toBeNull();
    const { cookies } = await signInThroughForm(app, 'secretariat@demo.invalid');
    const page = await app.inject({
      url: `/proposals/${proposalId}`,
      headers: { cookie: cookies },
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toMatch(/Who has not (voted|given a view)/);
    expect(page.body).toContain('Close and apply the rules');
  });

  it('every vote is audited in its transaction', async () => {
    const events = await database.db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'vote.cast'));
    expect(
      events.some(
        (event) =>
          (event.after as { proposalId: string; voter: string }).proposalId === proposalId &&
          (event.after as { voter: string }).voter === chair.memberName,
      ),
    ).toBe(true);
  });
});

describe('amendments are decided before the main question', () => {
  it('refuses to close the main question while an amendment is open, then closes both in order', async () => {
    const mainId = await openQuestion({
      agendaItemId: items.stroke,
      title: 'Agree the stroke network',
      text: 'The group agrees eight hyper-acute stroke units.',
      decisionKind: 'london-wide-view',
    });
    const amendment = await propose({
      agendaItemId: items.stroke,
      amendsProposalId: mainId,
      title: 'Amendment: nine units',
      text: 'Replace "eight" with "nine".',
      decisionKind: 'london-wide-view',
    });
    expect(amendment.statusCode).toBe(201);
    const amendmentId = amendment.json().proposalId;
    const before = await rowCounts();
    const refused = await close(mainId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('amendments-first');
    expect(refused.json().detail).toContain('Amendment: nine units');
    expect(await rowCounts()).toEqual(before);

    await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${amendmentId}/withdraw`,
      headers: secretariat,
    });
    expect((await vote(mainId, chair, { choice: 'for' })).statusCode).toBe(201);
    expect((await close(mainId)).statusCode).toBe(200);
  });
});

describe('secret ballot', () => {
  it('shows counts only on the page, API and CSV, while the database keeps one vote per seat', async () => {
    const proposalId = await openQuestion({
      agendaItemId: items.secret,
      title: 'Support the nominee for chair of the clinical reference group',
      text: 'The group supports the nominee.',
      decisionKind: 'joint-working-adds-value',
      ballot: 'secret',
    });
    const [first, second, ...rest] = present;
    expect(
      (await vote(proposalId, first!, { choice: 'against', reason: 'Not known to me' })).statusCode,
    ).toBe(201);
    expect((await vote(proposalId, second!, { choice: 'abstain' })).statusCode).toBe(201);
    // Review finding 3: read before and after each vote, who has voted beside a running count
    // gave each member's choice. While open, no one — chair, secretariat, public — sees either.
    const readers = [secretariat, bearer.get(chair.seatHoldingId)!, publicUser];
    const whileOpen = async () => {
      const seen: string[] = [];
      for (const headers of readers) {
        const view = await app.inject({ url: `/api/v1/proposals/${proposalId}`, headers });
        expect(view.json().notVoted).toBeNull();
        expect(view.json().result).toBeNull();
        const page = await app.inject({ url: `/proposals/${proposalId}`, headers });
        expect(page.body).not.toContain('Who has not voted');
        const live = await app.inject({ url: `/api/v1/meetings/${meetingId}/live`, headers });
        seen.push(JSON.stringify(view.json()), page.body, live.body);
      }
      return seen;
    };
    const before = await whileOpen();
    for (const member of rest.slice(0, 3)) {
      expect((await vote(proposalId, member, { choice: 'for' })).statusCode).toBe(201);
    }
    const after = await whileOpen();
    // What changes between reads is how many have voted, never what they chose.
    const choiceWords = /\b(?:for|against|abstain)":\s*[1-9]/;
    for (const text of [...before, ...after]) expect(text).not.toMatch(choiceWords);
    for (const member of rest.slice(3)) {
      expect((await vote(proposalId, member, { choice: 'for' })).statusCode).toBe(201);
    }
    expect((await close(proposalId)).statusCode).toBe(200);
    const view = (
      await app.inject({ url: `/api/v1/proposals/${proposalId}`, headers: secretariat })
    ).json();
    expect(view.result.counts).toMatchObject({ for: 8, against: 1, abstain: 1 });
    expect(view.result.rangeOfViews.for).toEqual([]);
    expect(view.votes).toEqual([]);
    const shown = JSON.stringify(view);
    const page = await app.inject({ url: `/proposals/${proposalId}`, headers: secretariat });
    const csv = await app.inject(`/proposals/${proposalId}/results.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Agree,8');
    for (const member of present) {
      expect(shown).not.toContain(member.memberName);
      expect(page.body).not.toContain(member.memberName);
      expect(csv.body).not.toContain(member.memberName);
    }
    const stored = await database.db
      .select({ voterId: votes.voterId })
      .from(votes)
      .where(eq(votes.proposalId, proposalId));
    expect(stored.map((row) => row.voterId).sort()).toEqual(
      present.map((member) => member.seatHoldingId).sort(),
    );
    const trail = await database.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'vote.cast'));
    const secretEvents = trail.filter(
      (event) => (event.after as { proposalId: string }).proposalId === proposalId,
    );
    expect(secretEvents).toHaveLength(10);
    for (const event of secretEvents) expect(event.after).not.toHaveProperty('choice');
  });

  it('review: while a secret ballot is open, no one’s attendance or declarations change, so no count can be made to move and no refusal tells who has voted', async () => {
    const proposalId = await openQuestion({
      agendaItemId: items.secret,
      title: 'Support the deputy chair of the clinical reference group',
      text: 'The group supports the nominee.',
      decisionKind: 'joint-working-adds-value',
      ballot: 'secret',
    });
    const [voter, other] = present.filter((member) => member !== chair);
    expect((await vote(proposalId, voter!, { choice: 'for' })).statusCode).toBe(201);
    const attendance = (member: Member, status: string) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
        headers: secretariat,
        payload: status === 'deputy' ? { status, deputyName: 'A Deputy' } : { status },
      });
    // The voter and someone who has not voted get the same answer.
    for (const member of [voter!, other!]) {
      const refused = await attendance(member, 'deputy');
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().code).toBe('count-fixed');
      expect(refused.body).not.toContain(member.memberName);
      const declared = await app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${meetingId}/declarations`,
        headers: secretariat,
        payload: {
          agendaItemId: items.secret,
          seatHoldingId: member.seatHoldingId,
          kind: 'financial',
          interest: 'Shares in a provider',
        },
      });
      expect(declared.statusCode, declared.body).toBe(409);
    }
    const view = (
      await app.inject({ url: `/api/v1/proposals/${proposalId}`, headers: secretariat })
    ).json();
    expect(view.castingVoteDue).toBeNull();
    // The trail names neither the voter nor the account that pressed the button.
    const [event] = await database.db
      .select({ actor: auditEvents.actor, after: auditEvents.after })
      .from(auditEvents)
      .where(
        sql`${auditEvents.after}->>'proposalId' = ${proposalId} and ${auditEvents.action} = 'vote.cast'`,
      );
    expect(event!.actor).toBe('a voter in a secret ballot');
    expect(JSON.stringify(event!.after)).not.toContain(voter!.memberName);
    await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/withdraw`,
      headers: secretariat,
    });
    expect((await attendance(voter!, 'present')).statusCode).toBe(200);
  });

  it('a named ballot exports one row per voter', async () => {
    const [proposal] = await database.db
      .select({ id: proposals.id })
      .from(proposals)
      .where(eq(proposals.title, 'Concentrate cardiac surgery on three sites'));
    const csv = await app.inject(`/proposals/${proposal!.id}/results.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('voter,view,reason,cast_by,by_proxy,cast_at');
    expect(lines).toHaveLength(11);
    expect(csv.body).toContain('Object,Patients in Bexley would travel too far for surgery.');
  });
});

describe('Part II questions', () => {
  it('are seen only by the body’s own people', async () => {
    const created = await propose({
      agendaItemId: items.confidential,
      title: 'Negotiating mandate for Provider X',
      text: 'The group agrees the mandate.',
      decisionKind: 'joint-working-adds-value',
    });
    expect(created.statusCode).toBe(201);
    const proposalId = created.json().proposalId;
    expect((await app.inject(`/api/v1/proposals/${proposalId}`)).statusCode).toBe(404);
    expect((await app.inject(`/proposals/${proposalId}`)).statusCode).toBe(404);
    const publicList = (await app.inject(`/api/v1/meetings/${meetingId}/proposals`)).json();
    expect(JSON.stringify(publicList)).not.toContain('Provider X');
    expect(publicList.hiddenConfidentialCount).toBe(1);
    const forSecretariat = await app.inject({
      url: `/api/v1/proposals/${proposalId}`,
      headers: secretariat,
    });
    expect(forSecretariat.statusCode).toBe(200);
    const forMember = await app.inject({
      url: `/api/v1/proposals/${proposalId}`,
      headers: bearer.get(chair.seatHoldingId)!,
    });
    expect(forMember.statusCode).toBe(200);
  });
});

describe('proxies', () => {
  let grantor: Member;
  let holder: Member;

  beforeAll(() => {
    grantor = present.find((member) => member.sector === 'north-east')!;
    holder = present.find((member) => member.sector === 'south-west')!;
  });

  function grant(headers: { authorization: string }, payload: Record<string, unknown>) {
    return app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/proxies`,
      headers,
      payload,
    });
  }

  it('a proxy from someone who is not a member is refused, and nothing changes', async () => {
    const before = await rowCounts();
    const refused = await grant(publicUser, { proxyPersonId: holder.personId });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('not a member');
    expect(await rowCounts()).toEqual(before);
  });

  it('2008 §Membership, commentary: deputies may not vote, so a proxy held by someone outside the body is refused, and nothing changes', async () => {
    const memberIds = members.map((member) => member.personId);
    const outsiders = await database.db.select({ id: people.id }).from(people).limit(40);
    const outsider = outsiders.find((person) => !memberIds.includes(person.id))!;
    const before = await rowCounts();
    const refused = await grant(bearer.get(grantor.seatHoldingId)!, {
      proxyPersonId: outsider.id,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('proxyPersonId');
    expect(refused.json().errors[0].message).toContain('2008 §Membership, commentary');
    expect(await rowCounts()).toEqual(before);
  });

  it('the proxy casts for the grantor’s seat, recorded with who cast it; revoking keeps the history', async () => {
    const granted = await grant(bearer.get(grantor.seatHoldingId)!, {
      proxyPersonId: holder.personId,
    });
    expect(granted.statusCode).toBe(201);
    const proxyId = granted.json().proxyId;
    const twice = await grant(bearer.get(grantor.seatHoldingId)!, {
      proxyPersonId: chair.personId,
    });
    expect(twice.statusCode).toBe(409);

    const proposalId = await openQuestion({
      agendaItemId: items.stroke,
      title: 'Agree the stroke audit',
      text: 'The group agrees a London-wide stroke audit.',
      decisionKind: 'london-wide-view',
    });
    const cast = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/votes`,
      headers: bearer.get(holder.seatHoldingId)!,
      payload: { choice: 'for', onBehalfOf: grantor.seatHoldingId },
    });
    expect(cast.statusCode, cast.body).toBe(201);
    expect(cast.json()).toMatchObject({ voter: grantor.memberName, byProxy: true });
    const [row] = await database.db
      .select({ castBy: votes.castByPersonId, proxyId: votes.proxyId })
      .from(votes)
      .where(eq(votes.proposalId, proposalId));
    expect(row).toEqual({ castBy: holder.personId, proxyId });
    const own = await vote(proposalId, grantor, { choice: 'against', reason: 'x' });
    expect(own.statusCode).toBe(409);

    const revoked = await app.inject({
      method: 'POST',
      url: `/api/v1/proxies/${proxyId}/revoke`,
      headers: bearer.get(grantor.seatHoldingId)!,
    });
    expect(revoked.statusCode).toBe(200);
    const regranted = await grant(bearer.get(grantor.seatHoldingId)!, {
      proxyPersonId: chair.personId,
    });
    expect(regranted.statusCode).toBe(201);
    const history = await database.db
      .select({ revokedAt: proxies.revokedAt })
      .from(proxies)
      .where(inArray(proxies.grantorHoldingId, [grantor.seatHoldingId]));
    expect(history).toHaveLength(2);
    expect(history.filter((entry) => entry.revokedAt === null)).toHaveLength(1);
    const afterRevoke = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/votes`,
      headers: bearer.get(holder.seatHoldingId)!,
      payload: { choice: 'for', onBehalfOf: grantor.seatHoldingId },
    });
    expect(afterRevoke.statusCode).toBe(403);
  });
});

describe('the casting vote', () => {
  it('review finding 1: on a consensus question the casting-vote route is refused (409), even to the person presiding, and the question stays open', async () => {
    const proposalId = await openQuestion({
      agendaItemId: items.cardiology,
      title: 'Agree a shared cardiology specification',
      text: 'The group agrees the specification.',
      decisionKind: 'london-wide-view',
    });
    const someoneElse = present.find((member) => member !== chair)!;
    expect((await vote(proposalId, someoneElse, { choice: 'for' })).statusCode).toBe(201);
    const eventsBefore = await database.db.select({ n: count() }).from(auditEvents);
    for (const headers of [bearer.get(chair.seatHoldingId)!, secretariat]) {
      const casting = await app.inject({
        method: 'POST',
        url: `/api/v1/proposals/${proposalId}/casting-vote`,
        headers,
        payload: { choice: 'against' },
      });
      expect(casting.statusCode, casting.body).toBe(409);
      expect(casting.json().code).toBe('no-casting-vote-due');
      expect(casting.json().detail).toContain('only on a tie');
    }
    const [stored] = await database.db
      .select({ status: proposals.status, outcome: proposals.outcome })
      .from(proposals)
      .where(eq(proposals.id, proposalId));
    expect(stored).toEqual({ status: 'open', outcome: null });
    expect(await database.db.select({ n: count() }).from(auditEvents)).toEqual(eventsBefore);
    // The chair, not managing the meeting, may not close it either.
    const closed = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/close`,
      headers: bearer.get(chair.seatHoldingId)!,
    });
    expect(closed.statusCode).toBe(403);
    const withdrawn = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/withdraw`,
      headers: secretariat,
    });
    expect(withdrawn.statusCode).toBe(200);
  });

  it('SI 2000/89 Sch 2: "on a tie the person presiding has a second, casting vote" — a tied Joint Committee vote stays open until the presiding member casts it', async () => {
    const administrator = await bearerFor(app, 'administrator');
    const lcgMembers = (await app.inject(`/api/v1/bodies/${lcg}/members?asOf=2026-12-10`)).json();
    const pctHoldings = lcgMembers.seats
      .flatMap((seat: { holdings: unknown[] }) => seat.holdings)
      .filter(
        (holding: { organisation: { type: string } | null }) =>
          holding.organisation?.type === 'primary-care-trust',
      )
      .slice(0, 4) as { person: { id: string }; organisation: { id: string } }[];
    expect(pctHoldings).toHaveLength(4);
    for (const [index, holding] of pctHoldings.entries()) {
      const appointed = await app.inject({
        method: 'POST',
        url: '/api/v1/bodies/joint-committee-of-pcts/members',
        headers: administrator,
        payload: {
          personId: holding.person.id,
          seatRole: 'pct-representative',
          organisationId: holding.organisation.id,
          fillMethod: 'appointed',
          filledBy: 'delegating-pct-boards',
          ...(index === 0 && { office: 'chair' }),
          startsOn: '2026-01-01',
        },
      });
      expect(appointed.statusCode, appointed.body).toBe(201);
    }
    const scheduled = await app.inject({
      method: 'POST',
      url: '/api/v1/bodies/joint-committee-of-pcts/meetings',
      headers: administrator,
      payload: {
        title: 'Joint Committee, December',
        startsAt: '2026-12-11T10:00:00Z',
        location: 'Southside',
        noticeGivenOn: '2026-12-01',
      },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const committeeMeeting = scheduled.json().meetingId;
    const committee = (await app.inject(`/api/v1/meetings/${committeeMeeting}`)).json()
      .attendance as Member[];
    for (const member of committee) {
      const attended = await app.inject({
        method: 'PUT',
        url: `/api/v1/meetings/${committeeMeeting}/attendance/${member.seatHoldingId}`,
        headers: administrator,
        payload: { status: 'present' },
      });
      expect(attended.statusCode).toBe(200);
    }
    const item = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${committeeMeeting}/agenda-items`,
      headers: administrator,
      payload: { title: 'Decision following consultation', purpose: 'decision' },
    });
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${committeeMeeting}/proposals`,
      headers: administrator,
      payload: {
        agendaItemId: item.json().agendaItemId,
        title: 'Adopt the polysystem model',
        text: 'The committee adopts the polysystem model of care.',
        decisionKind: 'decide-following-consultation',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().method.id).toBe('majority-with-casting-vote');
    const proposalId = created.json().proposalId;
    await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/open`,
      headers: administrator,
    });
    const presider = committee.find((member) => member.office === 'chair')!;
    const presiderHeaders = bearer.get(
      members.find((lcgMember) => lcgMember.personId === presider.personId)!.seatHoldingId,
    )!;
    const [firstVoter, secondVoter, ...laterVoters] = committee;
    for (const [index, member] of [firstVoter!, secondVoter!].entries()) {
      await app.inject({
        method: 'POST',
        url: `/api/v1/proposals/${proposalId}/votes`,
        headers: bearer.get(
          members.find((lcgMember) => lcgMember.personId === member.personId)!.seatHoldingId,
        )!,
        payload: { choice: index % 2 === 0 ? 'for' : 'against' },
      });
    }
    // Review: tied 1–1 with two still to vote, the presiding member could end the vote with their
    // casting vote. The casting vote waits until the secretariat has closed the voting.
    const early = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/casting-vote`,
      headers: presiderHeaders,
      payload: { choice: 'for' },
    });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().code).toBe('no-casting-vote-due');
    expect(
      (await app.inject({ url: `/api/v1/proposals/${proposalId}`, headers: administrator })).json()
        .castingVoteDue,
    ).toBeNull();
    for (const [index, member] of laterVoters.entries()) {
      const cast = await app.inject({
        method: 'POST',
        url: `/api/v1/proposals/${proposalId}/votes`,
        headers: bearer.get(
          members.find((lcgMember) => lcgMember.personId === member.personId)!.seatHoldingId,
        )!,
        payload: { choice: index % 2 === 0 ? 'for' : 'against' },
      });
      expect(cast.statusCode, cast.body).toBe(201);
    }
    const tied = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/close`,
      headers: administrator,
    });
    expect(tied.statusCode, tied.body).toBe(200);
    expect(tied.json().outcome).toBe('castingVoteRequired');
    expect(tied.json().summary).toContain('Voting has ended');
    const view = (
      await app.inject({ url: `/api/v1/proposals/${proposalId}`, headers: administrator })
    ).json();
    expect(view.status).toBe('open');
    expect(view.castingVoteDue.presiding).toBe(presider.memberName);
    // Voting has ended: no vote is taken now, and nothing of the tie can move.
    const late = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/votes`,
      headers: presiderHeaders,
      payload: { choice: 'for' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('voting-ended');
    // Nor can the secretariat move the counted tie: attendance and declarations wait for the casting vote.
    const moved = await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${committeeMeeting}/attendance/${secondVoter!.seatHoldingId}`,
      headers: administrator,
      payload: { status: 'deputy', deputyName: 'A Deputy' },
    });
    expect(moved.statusCode, moved.body).toBe(409);
    expect(moved.json().code).toBe('count-fixed');

    const notPresiding = committee.find((member) => member !== presider)!;
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/casting-vote`,
      headers: bearer.get(
        members.find((lcgMember) => lcgMember.personId === notPresiding.personId)!.seatHoldingId,
      )!,
      payload: { choice: 'for' },
    });
    expect(refused.statusCode).toBe(403);
    const casting = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/casting-vote`,
      headers: bearer.get(
        members.find((lcgMember) => lcgMember.personId === presider.personId)!.seatHoldingId,
      )!,
      payload: { choice: 'for' },
    });
    expect(casting.statusCode, casting.body).toBe(200);
    expect(casting.json().outcome).toBe('carried');
    expect(casting.json().summary).toContain('casting vote');
    const [stored] = await database.db
      .select({ castingVote: proposals.castingVote, status: proposals.status })
      .from(proposals)
      .where(eq(proposals.id, proposalId));
    expect(stored).toEqual({ castingVote: 'for', status: 'closed' });
  });
});
