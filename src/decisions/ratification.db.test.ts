import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { memberAccount } from '../../test/support/member-accounts.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { ratifications } from '../db/schema/decisions.ts';
import { organisations } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';

const lcg = 'london-commissioning-group';
const signOffClause = '2006 §112';
const signOffWords = 'sign off at the end of the process by the sponsoring PCT Boards';
// The fixed test clock is 2026-11-23: questions close, and boards sign, on that day.
const today = '2026-11-23';

interface Member {
  seatHoldingId: string;
  personId: string;
  memberName: string;
  office: string | null;
}

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let meetingId: string;
let members: Member[];
const bearer = new Map<string, { authorization: string }>();
let pcts: { id: string; name: string }[];

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  const scheduled = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title: 'December meeting',
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside',
      noticeGivenOn: '2026-12-01',
    },
  });
  expect(scheduled.statusCode).toBe(201);
  meetingId = scheduled.json().meetingId;
  members = (await app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance;
  for (const member of members) {
    await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
      headers: secretariat,
      payload: { status: 'present' },
    });
    const account = await memberAccount(app, {
      personId: member.personId,
      email: `ratify-${member.seatHoldingId}@test.invalid`,
      bodySlug: lcg,
    });
    bearer.set(member.personId, { authorization: account.authorization });
  }
  pcts = await database.db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.type, 'primary-care-trust'))
    .orderBy(organisations.name);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function decide(
  meeting: string,
  voters: Member[],
  kind: string,
  headers: { authorization: string },
  choice: 'for' | 'against' = 'for',
): Promise<string> {
  const item = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meeting}/agenda-items`,
    headers,
    payload: { title: `Item for ${kind}`, purpose: 'decision' },
  });
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meeting}/proposals`,
    headers,
    payload: {
      agendaItemId: item.json().agendaItemId,
      title: `A ${kind} question`,
      text: 'The body agrees.',
      decisionKind: kind,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const proposalId = created.json().proposalId as string;
  await app.inject({ method: 'POST', url: `/api/v1/proposals/${proposalId}/open`, headers });
  for (const voter of voters) {
    const cast = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/votes`,
      headers: bearer.get(voter.personId)!,
      payload: choice === 'against' ? { choice, reason: 'Not agreed.' } : { choice },
    });
    expect(cast.statusCode, cast.body).toBe(201);
  }
  const closed = await app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/close`,
    headers,
  });
  expect(closed.statusCode, closed.body).toBe(200);
  return proposalId;
}

async function counts() {
  const [rows] = await database.db.select({ total: count() }).from(ratifications);
  const [events] = await database.db.select({ total: count() }).from(auditEvents);
  return { ratifications: rows?.total, events: events?.total };
}

const requireBoards = (proposalId: string, organisationIds: string[], headers = secretariat) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/ratification`,
    headers,
    payload: { organisationIds },
  });

const signOff = (proposalId: string, payload: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/ratification/sign-offs`,
    headers: secretariat,
    payload: { decision: 'signed', decidedOn: today, minuteReference: '26/101', ...payload },
  });

describe(`${signOffClause}: "${signOffWords}"`, () => {
  it('a decision is in effect only when every sponsoring PCT Board has signed off, each status shown', async () => {
    const proposalId = await decide(meetingId, members, 'london-wide-view', secretariat);
    const [brent, harrow] = [pcts[0]!, pcts[1]!];
    const before = (await app.inject(`/api/v1/proposals/${proposalId}/ratification`)).json();
    expect(before.effect.status).toBe('inEffect');
    const named = await requireBoards(proposalId, [brent.id, harrow.id]);
    expect(named.statusCode, named.body).toBe(201);
    expect(named.json().effect.status).toBe('awaitingSignOff');
    expect(named.json().effect.awaiting).toEqual([brent.name, harrow.name]);
    expect(named.json().effect.clause).toBe(signOffClause);
    expect(named.json().effect.quote).toContain(signOffWords);

    const first = await signOff(proposalId, { organisationId: brent.id });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().effect.status).toBe('awaitingSignOff');
    expect(first.json().effect.awaiting).toEqual([harrow.name]);
    const second = await signOff(proposalId, { organisationId: harrow.id });
    expect(second.json().effect.status).toBe('inEffect');
    expect(second.json().effect.inEffectFrom).toBe(today);

    const proposal = (await app.inject(`/api/v1/proposals/${proposalId}`)).json();
    expect(proposal.ratification.effect.status).toBe('inEffect');
    const page = await app.inject(`/proposals/${proposalId}`);
    expect(page.body).toContain('Effect and sign-off');
    expect(page.body).toContain(harrow.name);
    const [audited] = await database.db
      .select({ total: count() })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'ratification.signed'));
    expect(audited?.total).toBe(2);
  });

  it('a refusal by one board leaves the decision not in effect and sends it to mediation by the chair', async () => {
    const proposalId = await decide(meetingId, members, 'london-wide-view', secretariat);
    await requireBoards(proposalId, [pcts[2]!.id, pcts[3]!.id]);
    const refused = await signOff(proposalId, { organisationId: pcts[2]!.id, decision: 'refused' });
    expect(refused.statusCode).toBe(201);
    expect(refused.json().effect.status).toBe('signOffRefused');
    expect(refused.json().effect.refusedBy).toEqual([pcts[2]!.name]);
    expect(refused.json().effect.next.action).toContain('mediation');
  });

  it('bad input is refused with the rule, and nothing changes', async () => {
    const proposalId = await decide(meetingId, members, 'london-wide-view', secretariat);
    const advice = await decide(meetingId, members, 'policy-and-strategy', secretariat);
    await requireBoards(proposalId, [pcts[4]!.id]);
    const nhsLondon = (
      await database.db
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.type, 'strategic-health-authority'))
    )[0]!;
    const member = await bearerFor(app, 'member');
    const before = await counts();
    const cases = [
      [await requireBoards(advice, [pcts[5]!.id]), 409, 'advice-needs-no-ratification'],
      [await requireBoards(proposalId, [pcts[5]!.id]), 409, 'ratification-already-required'],
      [await signOff(advice, { organisationId: pcts[5]!.id }), 409, 'advice-needs-no-ratification'],
      [await signOff(proposalId, { organisationId: pcts[5]!.id }), 400, 'board-not-named'],
      [await signOff(proposalId, { organisationId: nhsLondon.id }), 400, 'board-not-named'],
      [
        await signOff(proposalId, { organisationId: pcts[4]!.id, decidedOn: '2026-11-24' }),
        400,
        'invalid-input',
      ],
      [await requireBoards(proposalId, [pcts[5]!.id], member), 403, 'forbidden'],
    ] as const;
    for (const [response, status, code] of cases) {
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().code).toBe(code);
    }
    expect(await counts()).toEqual(before);
    expect((await signOff(proposalId, { organisationId: pcts[4]!.id })).statusCode).toBe(201);
    const duplicate = await signOff(proposalId, { organisationId: pcts[4]!.id });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('board-already-decided');
  });

  it('a board of another kind is refused when naming sponsors', async () => {
    const proposalId = await decide(meetingId, members, 'london-wide-view', secretariat);
    const [sha] = await database.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.type, 'strategic-health-authority'));
    const before = await counts();
    const refused = await requireBoards(proposalId, [sha!.id]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].message).toContain('not one of the sponsoring PCT Boards');
    expect(await counts()).toEqual(before);
  });
});

describe('2008 §Accountabilities: a Joint Committee decision binds the PCTs that delegated to it', () => {
  it('is in effect on closing, lists the PCTs it binds, and is never put to sign-off', async () => {
    const administrator = await bearerFor(app, 'administrator');
    const lcgMembers = (await app.inject(`/api/v1/bodies/${lcg}/members?asOf=2026-12-10`)).json();
    const holdings = lcgMembers.seats
      .flatMap((seat: { holdings: unknown[] }) => seat.holdings)
      .filter(
        (holding: { organisation: { type: string } | null }) =>
          holding.organisation?.type === 'primary-care-trust',
      )
      .slice(0, 3) as { person: { id: string }; organisation: { id: string } }[];
    for (const [index, holding] of holdings.entries()) {
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
    const committeeMeeting = scheduled.json().meetingId;
    const committee = (await app.inject(`/api/v1/meetings/${committeeMeeting}`)).json()
      .attendance as Member[];
    for (const member of committee) {
      await app.inject({
        method: 'PUT',
        url: `/api/v1/meetings/${committeeMeeting}/attendance/${member.seatHoldingId}`,
        headers: administrator,
        payload: { status: 'present' },
      });
    }
    const proposalId = await decide(
      committeeMeeting,
      committee,
      'decide-following-consultation',
      administrator,
    );
    const adoptions = (
      await app.inject('/api/v1/bodies/joint-committee-of-pcts/versions/1/adoptions')
    ).json();
    const view = (await app.inject(`/api/v1/proposals/${proposalId}/ratification`)).json();
    expect(view.effect.status).toBe('inEffect');
    expect(view.effect.clause).toBe('2008 §Accountabilities');
    expect(view.effect.inEffectFrom).toBe(today);
    expect(view.effect.binds.map((entry: { name: string }) => entry.name).sort()).toEqual(
      adoptions.status.adopted.map((entry: { name: string }) => entry.name).sort(),
    );
    expect(view.effect.binds.length).toBeGreaterThan(0);
    const before = await counts();
    const refused = await requireBoards(proposalId, [pcts[0]!.id], administrator);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('binding-decision');
    expect(await counts()).toEqual(before);
  });
});
