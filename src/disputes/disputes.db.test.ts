import { count, eq, like } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, demoEmails } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { proposals } from '../db/schema/decisions.ts';
import { disputeSteps, disputes } from '../db/schema/disputes.ts';
import { organisations, posts } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';
import { loadAccountActor } from '../identity/actor.ts';
import { selectAccountByEmail } from '../identity/identity-queries.ts';
import { disputesAwaitingTheChair } from './body-disputes-view.ts';

// The test clock is 2026-11-23 (fixedNow). The 2008 London terms carry over the 2006 dispute
// procedure: collective procurement by a 75% vote (2006 §111); service development and major
// reconfiguration up the 2006 §112 ladder (agree a process, mediation by the chair, facilitation
// by the SHA at the end of the review, sign-off by the sponsoring PCT Boards).
const lcg = 'london-commissioning-group';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let member: { authorization: string };
let chair: { authorization: string };
let administrator: { authorization: string };
let publicAccount: { authorization: string };
let meetingId: string;
let agendaItemId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  member = await bearerFor(app, 'member');
  chair = await bearerFor(app, 'chair');
  administrator = await bearerFor(app, 'administrator');
  publicAccount = await bearerFor(app, 'public');
  const scheduled = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title: 'October meeting',
      startsAt: '2026-10-08T13:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-09-20',
    },
  });
  expect(scheduled.statusCode).toBe(201);
  meetingId = scheduled.json().meetingId;
  const item = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title: 'Pathology procurement: choice of provider', purpose: 'decision' },
  });
  expect(item.statusCode).toBe(201);
  agendaItemId = item.json().agendaItemId;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A proposal row as the decisions capability leaves it; inserted directly, as the brief asks. */
async function insertProposal(status: 'open' | 'closed', outcome: string | null) {
  const id = uuidv7();
  await database.db.insert(proposals).values({
    id,
    meetingId,
    agendaItemId,
    title: `Award the pathology contract (${status})`,
    text: 'That the consortium awards the pathology contract to the preferred bidder.',
    methodId: 'collective-procurement-majority',
    status,
    outcome,
    openedAt: new Date('2026-10-08T13:30:00Z'),
    closedAt: status === 'closed' ? new Date('2026-10-08T13:45:00Z') : null,
    createdAt: new Date('2026-10-08T13:00:00Z'),
  });
  return id;
}

async function counts() {
  const [steps] = await database.db.select({ n: count() }).from(disputeSteps);
  const [events] = await database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(like(auditEvents.action, 'dispute.%'));
  return { steps: steps?.n ?? 0, events: events?.n ?? 0 };
}

const post = (url: string, payload: unknown, headers = secretariat) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });
const get = (url: string, headers = secretariat) => app.inject({ url: `/api/v1${url}`, headers });

async function raise(payload: Record<string, unknown>, headers = secretariat) {
  const raised = await post(`/bodies/${lcg}/disputes`, payload, headers);
  expect(raised.statusCode, raised.body).toBe(201);
  return raised.json().disputeId as string;
}

describe('2006 §111: "Disputes involving issues about collective procurement will normally be resolved by a 75% majority."', () => {
  let disputeId: string;

  it('raises a collective-procurement dispute whose next step is the 75% vote', async () => {
    disputeId = await raise({
      category: 'collective-procurement',
      title: 'Pathology procurement: choice of provider',
      description: 'Two PCTs object to the preferred bidder.',
      raisedOn: '2026-10-01',
    });
    const dispute = (await get(`/disputes/${disputeId}`)).json();
    expect(dispute).toMatchObject({
      status: 'open',
      category: {
        id: 'collective-procurement',
        title: 'Collective procurement',
        clause: '2006 §111',
      },
      // The demo secretariat account acts for no person in the registry.
      raisedBy: null,
      ageInDays: 53,
      next: {
        status: 'next',
        step: { id: 'consortium-vote', clause: '2006 §111' },
      },
    });
    expect(dispute.next.step.action).toContain('75%');
    expect(dispute.next.step.text).toContain('75% majority');
    expect(dispute.next.whoMustAct).toContain('members of London Commissioning Group');
  });

  it('refuses a vote step naming a proposal still open; nothing is written', async () => {
    const openProposal = await insertProposal('open', null);
    const before = await counts();
    const refused = await post(`/disputes/${disputeId}/steps`, {
      stepId: 'consortium-vote',
      takenOn: '2026-10-08',
      takenBy: 'The consortium PCTs at the October meeting',
      proposalId: openProposal,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'proposalId' });
    expect(refused.json().errors[0].message).toContain('closed');
    expect(await counts()).toEqual(before);
  });

  it('is settled by the closed vote: its carried outcome is the step’s, and the dispute is resolved', async () => {
    const carried = await insertProposal('closed', 'carried');
    const before = await counts();
    const recorded = await post(`/disputes/${disputeId}/steps`, {
      stepId: 'consortium-vote',
      takenOn: '2026-10-08',
      takenBy: 'The consortium PCTs at the October meeting',
      proposalId: carried,
      note: '26 of 31 PCTs for',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const dispute = recorded.json();
    expect(dispute.status).toBe('resolved');
    expect(dispute.next.status).toBe('resolved');
    expect(dispute.trail).toEqual([
      expect.objectContaining({
        position: 1,
        stepId: 'consortium-vote',
        outcome: 'carried',
        proposalId: carried,
        takenOn: '2026-10-08',
        takenBy: 'The consortium PCTs at the October meeting',
        note: '26 of 31 PCTs for',
        clause: '2006 §111',
      }),
    ]);
    const [row] = await database.db.select().from(disputes).where(eq(disputes.id, disputeId));
    expect(row?.status).toBe('resolved');
    expect(await counts()).toEqual({ steps: before.steps + 1, events: before.events + 1 });

    const closed = await post(`/disputes/${disputeId}/steps`, {
      stepId: 'consortium-vote',
      takenOn: '2026-10-09',
      takenBy: 'Anyone',
      outcome: 'notCarried',
    });
    expect(closed.statusCode).toBe(409);
  });

  it('refuses an outcome that contradicts the proposal’s recorded result', async () => {
    const otherId = await raise({
      category: 'collective-procurement',
      title: 'Community equipment procurement',
      description: 'Disagreement over the lead PCT.',
      raisedOn: '2026-10-02',
    });
    const notCarried = await insertProposal('closed', 'notCarried');
    const refused = await post(`/disputes/${otherId}/steps`, {
      stepId: 'consortium-vote',
      takenOn: '2026-10-08',
      takenBy: 'The consortium',
      outcome: 'carried',
      proposalId: notCarried,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('outcome');
    const unresolved = await post(`/disputes/${otherId}/steps`, {
      stepId: 'consortium-vote',
      takenOn: '2026-10-08',
      takenBy: 'The consortium',
      proposalId: notCarried,
    });
    // The vote settles the dispute whichever way it goes: the proposal falls, and that is final.
    expect(unresolved.statusCode).toBe(201);
    expect(unresolved.json().status).toBe('resolved');
    expect(unresolved.json().next.summary).toContain('Resolved on 2026-10-08: not carried');
  });
});

describe('2006 §112: a service-development dispute, through mediation by the chair to facilitation by the SHA', () => {
  let reviewId: string;
  let disputeId: string;

  it('arises in an agreed, started joint review; the agreement is the ladder’s first step', async () => {
    const created = await post(`/bodies/${lcg}/joint-reviews`, {
      title: 'Cardiology services review',
      category: 'service-development',
      decisionProcess: 'Recommendations by consensus of the sponsoring PCTs.',
      failureToAgree: 'Mediation by the chair; then facilitation by NHS London.',
    });
    reviewId = created.json().reviewId;
    expect(
      (
        await post(`/joint-reviews/${reviewId}/agreement`, {
          agreedOn: '2026-09-01',
          agreedMinuteReference: 'LCG/26/41',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await post(`/joint-reviews/${reviewId}/start`, { startedOn: '2026-09-02' })).statusCode,
    ).toBe(200);

    const wrongCategory = await post(`/bodies/${lcg}/disputes`, {
      category: 'major-service-reconfiguration',
      title: 'Cardiology: where the heart attack centres go',
      description: 'Sponsoring PCTs disagree on the recommendation.',
      jointReviewId: reviewId,
      raisedOn: '2026-10-01',
    });
    expect(wrongCategory.statusCode).toBe(400);
    expect(wrongCategory.json().errors[0].field).toBe('category');

    disputeId = await raise({
      category: 'service-development',
      title: 'Cardiology: where the heart attack centres go',
      description: 'Sponsoring PCTs disagree on the recommendation.',
      jointReviewId: reviewId,
      raisedOn: '2026-10-01',
    });
    const dispute = (await get(`/disputes/${disputeId}`)).json();
    expect(dispute.trail).toEqual([
      expect.objectContaining({
        position: null,
        stepId: 'agree-decision-process',
        takenOn: '2026-09-01',
        takenBy: 'London Commissioning Group (minute LCG/26/41)',
        outcome: 'agreed',
      }),
    ]);
    expect(dispute.next).toMatchObject({
      status: 'next',
      step: { id: 'mediation-by-chair', clause: '2006 §112', by: 'the chair' },
      whoMustAct: 'The chair',
    });
  });

  it('is offered on the live page to the chair and secretariat while mediation by the chair is due', async () => {
    const actorOf = async (email: string) => {
      const account = await selectAccountByEmail(database.db, email);
      const actor = await loadAccountActor(database.db, account!.id, fixedNow, {
        authenticatedBy: 'session',
      });
      return actor!;
    };
    const awaiting = (email: string) =>
      actorOf(email).then((actor) =>
        disputesAwaitingTheChair({ db: database.db, actor, slug: lcg, now: fixedNow }),
      );
    expect(await awaiting(demoEmails.secretariat)).toEqual([
      expect.objectContaining({ id: disputeId, clause: '2006 §112' }),
    ]);
    expect((await awaiting(demoEmails.chair)).map((dispute) => dispute.id)).toEqual([disputeId]);
    // Not for someone who may not read the body's disputes.
    expect(await awaiting(demoEmails.public)).toEqual([]);
  });

  it('refuses SHA facilitation before mediation, with the rule it breaks; nothing is written', async () => {
    const before = await counts();
    const refused = await post(`/disputes/${disputeId}/steps`, {
      stepId: 'sha-facilitation',
      takenOn: '2026-10-10',
      takenBy: 'NHS London',
      outcome: 'agreed',
    });
    expect(refused.statusCode).toBe(400);
    const [problem] = refused.json().errors;
    expect(problem.field).toBe('stepId');
    expect(problem.message).toContain('out of order');
    expect(problem.message).toContain('mediation by the chair');
    expect(problem.message).toContain('2006 §112');
    expect(await counts()).toEqual(before);
    const [row] = await database.db.select().from(disputes).where(eq(disputes.id, disputeId));
    expect(row?.status).toBe('open');
  });

  it('lets the chair record only the step the terms give the chair: another step is the secretariat’s', async () => {
    const before = await counts();
    const refused = await post(
      `/disputes/${disputeId}/steps`,
      {
        stepId: 'sha-facilitation',
        takenOn: '2026-10-10',
        takenBy: 'NHS London',
        outcome: 'agreed',
      },
      chair,
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('records only the mediation the chair conducts');
    expect(refused.json().detail).toContain('2006 §112');
    expect(await counts()).toEqual(before);
    const member = await bearerFor(app, 'member');
    const byMember = await post(
      `/disputes/${disputeId}/steps`,
      {
        stepId: 'mediation-by-chair',
        takenOn: '2026-10-15',
        takenBy: 'A member',
        outcome: 'agreed',
      },
      member,
    );
    expect(byMember.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('records mediation by the chair, conducted and recorded by the chair: facilitation then waits for the end of the review', async () => {
    // 2006 §112: "mediation within the Group, conducted by the Chair" — the chair's own control.
    const mediated = await post(
      `/disputes/${disputeId}/steps`,
      {
        stepId: 'mediation-by-chair',
        takenOn: '2026-10-15',
        takenBy: 'The chair, at a mediation meeting',
        outcome: 'notAgreed',
        note: 'Two PCTs still favour a third centre.',
      },
      chair,
    );
    expect(mediated.statusCode, mediated.body).toBe(201);
    const dispute = mediated.json();
    expect(dispute.status).toBe('open');
    expect(dispute.next.status).toBe('waiting');
    expect(dispute.next.step).toMatchObject({ id: 'sha-facilitation', by: 'NHS London' });
    expect(dispute.next.summary).toContain('end of the review');
    expect(dispute.next.whoMustAct).toContain('to finish the review');

    const early = await post(`/disputes/${disputeId}/steps`, {
      stepId: 'sha-facilitation',
      takenOn: '2026-10-20',
      takenBy: 'NHS London',
      outcome: 'agreed',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].message).toContain('at the end of the review');
    expect(early.json().errors[0].message).toContain('2006 §112');
  });

  it('lets mediation be repeated while the review runs', async () => {
    const again = await post(`/disputes/${disputeId}/steps`, {
      stepId: 'mediation-by-chair',
      takenOn: '2026-10-22',
      takenBy: 'The chair',
      outcome: 'notAgreed',
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().trail).toHaveLength(3);
  });

  it('asks NHS London to facilitate once the review ends, and records the facilitation; sign-off by the sponsoring boards is due', async () => {
    expect(
      (await post(`/joint-reviews/${reviewId}/end`, { endedOn: '2026-11-01' })).statusCode,
    ).toBe(200);
    const due = (await get(`/disputes/${disputeId}`)).json();
    expect(due.next).toMatchObject({
      status: 'next',
      step: { id: 'sha-facilitation', clause: '2006 §112' },
      whoMustAct: 'NHS London',
    });
    const oversight = (await get('/oversight/disputes', chair)).json();
    expect(oversight.items.find((item: { id: string }) => item.id === disputeId)).toMatchObject({
      body: { slug: lcg },
      category: { id: 'service-development' },
      ageInDays: 53,
      nextStep: { clause: '2006 §112' },
      whoMustAct: 'NHS London',
    });

    const facilitated = await post(`/disputes/${disputeId}/steps`, {
      stepId: 'sha-facilitation',
      takenOn: '2026-11-10',
      takenBy: 'NHS London, director of commissioning',
      outcome: 'agreed',
    });
    expect(facilitated.statusCode, facilitated.body).toBe(201);
    const dispute = facilitated.json();
    expect(dispute.status).toBe('open');
    expect(dispute.next.status).toBe('next');
    expect(dispute.next.step.id).toBe('sponsoring-board-sign-off');
    expect(dispute.next.whoMustAct).toBe('The sponsoring PCT Boards');
    expect(dispute.next.awaitingSignOff.length).toBeGreaterThan(0);
    const names = dispute.next.awaitingSignOff.map((board: { name: string }) => board.name);
    // The PCTs represented on the group when the dispute was raised: its ten chief executives.
    expect(names).toHaveLength(10);
    expect(names).toContain('Brent Teaching PCT');

    const stillOpen = (await get('/oversight/disputes', administrator)).json();
    expect(stillOpen.items.map((item: { id: string }) => item.id)).toContain(disputeId);
  });

  it('is resolved once every sponsoring board has signed off, and leaves the oversight list', async () => {
    const awaiting = (await get(`/disputes/${disputeId}`)).json().next.awaitingSignOff as {
      id: string;
      name: string;
    }[];
    for (const [index, board] of awaiting.entries()) {
      const signed = await post(`/disputes/${disputeId}/steps`, {
        stepId: 'sponsoring-board-sign-off',
        takenOn: '2026-11-20',
        takenBy: `${board.name} Board`,
        outcome: 'signedOff',
        boardOrganisationId: board.id,
      });
      expect(signed.statusCode, signed.body).toBe(201);
      expect(signed.json().status).toBe(index === awaiting.length - 1 ? 'resolved' : 'open');
    }
    const oversight = (await get('/oversight/disputes', administrator)).json();
    expect(oversight.items.map((item: { id: string }) => item.id)).not.toContain(disputeId);
  });
});

describe('a dispute step out of order, and who may do what', () => {
  it('refuses mediation on a service-development dispute whose decision process was never agreed', async () => {
    const disputeId = await raise(
      {
        category: 'service-development',
        title: 'Diabetes pathway',
        description: 'No process was agreed before the work began.',
        raisedOn: '2026-11-02',
      },
      member,
    );
    const dispute = (await get(`/disputes/${disputeId}`)).json();
    expect(dispute.next.step.id).toBe('agree-decision-process');
    expect(dispute.raisedBy).toEqual(expect.any(String));
    const before = await counts();
    const refused = await post(`/disputes/${disputeId}/steps`, {
      stepId: 'mediation-by-chair',
      takenOn: '2026-11-03',
      takenBy: 'The chair',
      outcome: 'agreed',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].message).toContain('before the decision process was agreed');
    expect(refused.json().errors[0].message).toContain('2006 §112');
    expect(await counts()).toEqual(before);

    const unknown = await post(`/disputes/${disputeId}/steps`, {
      stepId: 'consortium-vote',
      takenOn: '2026-11-03',
      takenBy: 'The chair',
      outcome: 'carried',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].message).toContain(
      'not a step on the Service development ladder',
    );

    const byMember = await post(
      `/disputes/${disputeId}/steps`,
      { stepId: 'agree-decision-process', takenOn: '2026-11-03', takenBy: 'Me', outcome: 'agreed' },
      member,
    );
    expect(byMember.statusCode).toBe(403);
  });

  it('refuses an unknown category, naming the constitution’s categories', async () => {
    const refused = await post(`/bodies/${lcg}/disputes`, {
      category: 'estates',
      title: 'Estates',
      description: 'Who pays for the building.',
      raisedOn: '2026-11-02',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('category');
    expect(refused.json().errors[0].message).toContain('Collective procurement');
  });

  it('shows a body’s disputes to its people and the SHA, not to the public', async () => {
    expect((await get(`/bodies/${lcg}/disputes`, member)).statusCode).toBe(200);
    expect((await get(`/bodies/${lcg}/disputes`, publicAccount)).statusCode).toBe(403);
    expect((await app.inject(`/api/v1/bodies/${lcg}/disputes`)).statusCode).toBe(401);
  });

  it('shows the oversight page to administrators, chairs, secretariats and NHS London post holders only', async () => {
    expect((await get('/oversight/disputes', administrator)).statusCode).toBe(200);
    expect((await get('/oversight/disputes', chair)).statusCode).toBe(200);
    expect((await get('/oversight/disputes', secretariat)).statusCode).toBe(200);
    expect((await get('/oversight/disputes', publicAccount)).statusCode).toBe(403);
    expect((await get('/oversight/disputes', member)).statusCode).toBe(403);
    expect((await app.inject('/api/v1/oversight/disputes')).statusCode).toBe(401);

    // A member who takes up a post at NHS London (the SHA) sees it from that day.
    const memberPersonId = (await selectAccountByEmail(database.db, demoEmails.member))!.personId!;
    const [nhsLondon] = await database.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.type, 'strategic-health-authority'));
    await database.db.insert(posts).values({
      id: uuidv7(),
      personId: memberPersonId,
      organisationId: nhsLondon!.id,
      role: 'director',
      title: 'Director of Commissioning',
      startsOn: '2026-11-01',
      createdAt: fixedNow,
    });
    const oversight = await get('/oversight/disputes', member);
    expect(oversight.statusCode).toBe(200);
    const open = oversight.json().items as { status: string; title: string }[];
    expect(open.every((item) => item.status === 'open')).toBe(true);
    // Settled and signed-off disputes are gone; the one still at its first step remains.
    expect(open.map((item) => item.title)).toEqual(['Diabetes pathway']);
  });
});
