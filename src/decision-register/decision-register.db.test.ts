import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { memberAccount } from '../../test/support/member-accounts.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { proposals } from '../db/schema/decisions.ts';
import { people } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let publicUser: { authorization: string };
let otherBodysMember: { authorization: string };
let lcgMember: { authorization: string };
let meetingId: string;
let members: { seatHoldingId: string; personId: string; memberName: string }[];
const bearer = new Map<string, { authorization: string }>();
const items: Record<string, string> = {};
const ids: Record<string, string> = {};
const lcg = 'london-commissioning-group';

async function put(item: string, payload: Record<string, unknown>, open = true) {
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/proposals`,
    headers: secretariat,
    payload: { agendaItemId: items[item], ...payload },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().proposalId as string;
  if (open) {
    const opened = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${id}/open`,
      headers: secretariat,
    });
    expect(opened.statusCode).toBe(200);
  }
  return id;
}

async function everyoneVotes(id: string, objector?: string) {
  for (const member of members) {
    const cast = await app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${id}/votes`,
      headers: bearer.get(member.seatHoldingId)!,
      payload:
        member.seatHoldingId === objector
          ? { choice: 'against', reason: 'Patients would travel "too far", and for longer.' }
          : { choice: 'for' },
    });
    expect(cast.statusCode, cast.body).toBe(201);
  }
  const closed = await app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${id}/close`,
    headers: secretariat,
  });
  expect(closed.statusCode, closed.body).toBe(200);
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  publicUser = await bearerFor(app, 'public');
  lcgMember = await bearerFor(app, 'member');
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
  for (const member of members) {
    await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
      headers: secretariat,
      payload: { status: 'present' },
    });
    const account = await memberAccount(app, {
      personId: member.personId,
      email: `register-${member.seatHoldingId}@test.invalid`,
      bodySlug: lcg,
    });
    bearer.set(member.seatHoldingId, { authorization: account.authorization });
  }
  const memberIds = new Set(members.map((member) => member.personId));
  const outsider = (await database.db.select({ id: people.id }).from(people).limit(60)).find(
    (person) => !memberIds.has(person.id),
  )!;
  otherBodysMember = await memberAccount(app, {
    personId: outsider.id,
    email: 'joint-committee-member@test.invalid',
    bodySlug: 'joint-committee-of-pcts',
  });
  for (const [key, payload] of Object.entries({
    stroke: { title: 'London-wide stroke pathway', purpose: 'decision' },
    cardiology: { title: 'Cardiology service development', purpose: 'decision' },
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
  ids.stroke = await put('stroke', {
    title: 'Adopt the London-wide stroke pathway',
    text: 'The group agrees the hyper-acute stroke pathways for London.',
    decisionKind: 'london-wide-view',
  });
  await everyoneVotes(ids.stroke);
  ids.cardiac = await put('cardiology', {
    title: 'Concentrate cardiac surgery, "hub and spoke", on three sites',
    text: 'The group advises on concentrating cardiac surgery.',
    decisionKind: 'coordination-between-sectors',
  });
  await everyoneVotes(ids.cardiac, members[1]!.seatHoldingId);
  ids.secret = await put('secret', {
    title: 'Support the nominee for chair of the clinical reference group',
    text: 'The group supports the nominee.',
    decisionKind: 'joint-working-adds-value',
    ballot: 'secret',
  });
  await everyoneVotes(ids.secret);
  ids.confidential = await put('confidential', {
    title: 'Negotiating mandate for Provider X',
    text: 'The group agrees the negotiating mandate.',
    decisionKind: 'joint-working-adds-value',
  });
  ids.draft = await put(
    'stroke',
    {
      title: 'A drafted stroke question',
      text: 'Not yet put.',
      decisionKind: 'london-wide-view',
    },
    false,
  );
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

function search(query: string, headers: Record<string, string> = {}) {
  return app.inject({ url: `/api/v1/decisions${query}`, headers });
}

describe('the decision register', () => {
  it('finds a decision by a stemmed word (pathway finds "pathways"), best match first', async () => {
    const found = await search('?q=pathway');
    expect(found.statusCode).toBe(200);
    expect(found.json().orderedBy).toBe('relevance');
    expect(found.json().items.map((item: { id: string }) => item.id)).toEqual([ids.stroke]);
    expect(found.json().items[0]).toMatchObject({ outcome: 'consensus', status: 'closed' });
  });

  it('never lists drafts, and filters by body, kind, dates, status and outcome', async () => {
    const all = (await search('')).json();
    expect(all.total).toBe(3);
    expect(JSON.stringify(all)).not.toContain('drafted');
    const byKind = (await search('?kind=coordination-between-sectors')).json();
    expect(byKind.items.map((item: { id: string }) => item.id)).toEqual([ids.cardiac]);
    expect((await search('?outcome=advice')).json().total).toBe(1);
    expect((await search(`?body=${lcg}&from=2026-12-10&to=2026-12-10`)).json().total).toBe(3);
    expect((await search('?from=2026-12-11')).json().total).toBe(0);
    expect((await search('?body=joint-committee-of-pcts')).json().total).toBe(0);
    expect((await search('?status=open')).json().total).toBe(0);
  });

  it('shows a Part II decision only to the body’s own people', async () => {
    for (const headers of [{}, publicUser, otherBodysMember]) {
      const list = await search('?q=mandate', headers);
      expect(list.json().total).toBe(0);
      expect(JSON.stringify((await search('', headers)).json())).not.toContain('Provider X');
      expect((await search('', headers)).json().total).toBe(3);
      const csv = await app.inject({ url: '/api/v1/decisions.csv', headers });
      expect(csv.body).not.toContain('Provider X');
      const detail = await app.inject({ url: `/api/v1/decisions/${ids.confidential}`, headers });
      expect(detail.statusCode).toBe(404);
      expect(
        (await app.inject({ url: `/decisions/${ids.confidential}`, headers })).statusCode,
      ).toBe(404);
    }
    for (const headers of [secretariat, lcgMember]) {
      expect((await search('?q=mandate', headers)).json().total).toBe(1);
      const detail = await app.inject({ url: `/api/v1/decisions/${ids.confidential}`, headers });
      expect(detail.statusCode).toBe(200);
    }
  });

  it('a secret ballot shows counts only; a page per decision has the trail', async () => {
    const secret = (await app.inject(`/api/v1/decisions/${ids.secret}`)).json();
    expect(secret.decision.votes).toEqual([]);
    expect(secret.decision.result.counts.for).toBe(members.length);
    for (const member of members) expect(JSON.stringify(secret)).not.toContain(member.memberName);
    expect(secret.auditEvents).toBeNull();
    expect(secret.lifecycle.map((step: { event: string }) => step.event)).toEqual([
      'put',
      'opened',
      'closed',
    ]);
    const forSecretariat = (
      await app.inject({ url: `/api/v1/decisions/${ids.cardiac}`, headers: secretariat })
    ).json();
    expect(forSecretariat.auditEvents.map((event: { action: string }) => event.action)).toContain(
      'proposal.closed',
    );
    // Issue 22, item 5: the trail names who acted and what they did, and the changes in words.
    const closed = forSecretariat.auditEvents.find(
      (event: { action: string }) => event.action === 'proposal.closed',
    );
    expect(closed).toMatchObject({ who: 'Demo Secretariat', what: 'Question: closed' });
    expect(JSON.stringify(closed.changes)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(forSecretariat.links.adviceNote).toBe(`/proposals/${ids.cardiac}/advice-note`);
    const page = await app.inject(`/decisions/${ids.cardiac}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Advice, not a decision');
    expect(page.body).toContain('Patients would travel');
    expect(page.body).toContain(`/proposals/${ids.cardiac}`);
    expect((await app.inject(`/decisions/${ids.draft}`)).statusCode).toBe(404);
  });

  it('exports CSV with RFC 4180 quoting and the same filters', async () => {
    const csv = await app.inject('/api/v1/decisions.csv?outcome=advice');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,url,body,meeting,meeting_date,agenda_item,part_ii,title,kind,method,ballot,status,outcome,summary,for,against,abstain,no_vote,opened_at,closed_at',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"Concentrate cardiac surgery, ""hub and spoke"", on three sites"');
    const search = await app.inject('/decisions?q=pathway');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('/api/v1/decisions.csv?q=pathway');
    expect(search.body).toContain('Adopt the London-wide stroke pathway');
  });

  it.each([
    ['?from=2026-12-11&to=2026-12-01', 'to'],
    ['?kind=approve-everything', 'kind'],
    ['?from=2026-02-30', 'from'],
    ['?body=no-such-body', 'body'],
    ['?status=draft', 'status'],
  ])('refuses %s with a 400 naming %s, and nothing changes', async (query, field) => {
    const [before] = await database.db.select({ total: count() }).from(auditEvents);
    const refused = await search(query);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors.map((error: { field: string }) => error.field)).toContain(field);
    const page = await app.inject(`/decisions${query}`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain(`href="#${field}"`);
    const [after] = await database.db.select({ total: count() }).from(auditEvents);
    expect(after).toEqual(before);
    expect((await database.db.select({ total: count() }).from(proposals))[0]!.total).toBe(5);
  });
});
