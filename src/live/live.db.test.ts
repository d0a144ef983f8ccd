import { type ClientRequest, get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow, testConfig } from '../../test/support/test-app.ts';
import {
  createDatabaseTarget,
  openTestDatabase,
  testDatabaseEngine,
} from '../../test/support/test-database.ts';
import { buildApp } from '../app.ts';
import { type DatabaseHandle, openDatabase } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { proposals, votes } from '../db/schema/decisions.ts';
import { meetings } from '../db/schema/meetings.ts';
import type { App } from '../http/app-types.ts';
import { loadAccountActor } from '../identity/actor.ts';
import { selectAccountByEmail } from '../identity/identity-queries.ts';
import type { Actor } from '../identity/policy.ts';
import type { LiveSnapshot } from './live-rules.ts';
import { moveLiveAgendaItem } from './live-service.ts';

/**
 * Two app instances on one database, as behind a load balancer: changes made through instance A
 * reach the live streams of instance B through PostgreSQL LISTEN/NOTIFY. On PostgreSQL each
 * instance has its own pool and its own listening connection; PGlite is one process's database,
 * so there the two instances share it in-process, each with its own listener.
 */
let databaseA: DatabaseHandle;
let databaseB: DatabaseHandle;
let appA: App;
let appB: App;
let baseA: string;
let baseB: string;
let secretariat: { authorization: string };
let meetingId: string;
let publicItemId: string;
let privateItemId: string;
let members: {
  seatHoldingId: string;
  personId: string;
  memberName: string;
  office: string | null;
  sector: string | null;
}[];

const lcg = 'london-commissioning-group';
const privateTitle = 'Settlement with Northwick Park Provider (commercially confidential)';

async function openSecondInstance(): Promise<{ app: App; database: DatabaseHandle }> {
  const database =
    testDatabaseEngine() === 'postgres'
      ? await openDatabase({ databaseUrl: secondDatabaseUrl })
      : databaseA;
  const app = await buildApp({
    database,
    config: testConfig(),
    logger: false,
    now: () => fixedNow,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, database };
}

let secondDatabaseUrl: string;

function baseUrlOf(app: App): string {
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  if (testDatabaseEngine() === 'postgres') {
    const target = await createDatabaseTarget();
    secondDatabaseUrl = target.databaseUrl!;
    databaseA = await openDatabase({ databaseUrl: secondDatabaseUrl });
    await migrateDatabase(databaseA);
  } else {
    databaseA = await openTestDatabase();
  }
  appA = await buildSeededTestApp(databaseA);
  await appA.listen({ port: 0, host: '127.0.0.1' });
  baseA = baseUrlOf(appA);
  ({ app: appB, database: databaseB } = await openSecondInstance());
  baseB = baseUrlOf(appB);
  secretariat = await bearerFor(appA, 'secretariat');
});

afterAll(async () => {
  await appB?.close();
  await appA?.close();
  if (databaseB !== databaseA) await databaseB?.close();
  await databaseA?.close();
});

interface Stream {
  status: number;
  contentType: string | null;
  snapshots: LiveSnapshot[];
  raw(): string;
  ended(): boolean;
  next(predicate: (snapshot: LiveSnapshot) => boolean, what: string): Promise<LiveSnapshot>;
  close(): void;
}

/**
 * A real HTTP client reading the event stream as a browser's EventSource would. node:http rather
 * than fetch: undici opens a fresh pooled connection after an aborted body, which an app closing
 * would then wait on until its header timeout.
 */
async function openStream(
  base: string,
  id: string,
  headers: Record<string, string> = {},
): Promise<Stream> {
  const snapshots: LiveSnapshot[] = [];
  let raw = '';
  let ended = false;
  let buffer = '';
  const { request, response } = await new Promise<{
    request: ClientRequest;
    response: IncomingMessage;
  }>((resolve, reject) => {
    const request = get(
      `${base}/meetings/${id}/live/events`,
      { headers, agent: false },
      (response) => resolve({ request, response }),
    );
    request.on('error', reject);
  });
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    raw += chunk;
    buffer += chunk;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      if (!block.includes('event: snapshot')) continue;
      const data = block
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      snapshots.push(JSON.parse(data).snapshot);
    }
  });
  response.on('close', () => {
    ended = true;
  });
  response.on('error', () => {
    ended = true;
  });
  return {
    status: response.statusCode ?? 0,
    contentType: response.headers['content-type'] ?? null,
    snapshots,
    raw: () => raw,
    ended: () => ended,
    async next(predicate, what) {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const found = snapshots.findLast(predicate);
        if (found) return found;
        if (ended) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(
        `No snapshot where ${what} arrived (last: ${JSON.stringify(snapshots.at(-1))})`,
      );
    },
    close: () => request.destroy(),
  };
}

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function api(method: string, path: string, payload?: unknown) {
  const response = await fetch(`${baseA}/api/v1${path}`, {
    method,
    headers: { ...secretariat, ...(payload ? { 'content-type': 'application/json' } : {}) },
    body: payload ? JSON.stringify(payload) : null,
  });
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read by their documented shape
  return { status: response.status, body: (await response.json()) as any };
}

describe('the live meeting across two app instances on one database', () => {
  let publicStream: Stream;

  it('sets up a meeting with a public and a Part II item', async () => {
    const scheduled = await api('POST', `/bodies/${lcg}/meetings`, {
      title: 'December meeting',
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-12-01',
    });
    expect(scheduled.status).toBe(201);
    meetingId = scheduled.body.meetingId;
    const first = await api('POST', `/meetings/${meetingId}/agenda-items`, {
      title: 'Stroke services across London',
      purpose: 'decision',
      isConfidential: false,
    });
    const second = await api('POST', `/meetings/${meetingId}/agenda-items`, {
      title: privateTitle,
      purpose: 'decision',
      isConfidential: true,
      confidentialityReason: 'Commercial terms of a contract under negotiation.',
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    publicItemId = first.body.agendaItemId;
    privateItemId = second.body.agendaItemId;
    members = (await api('GET', `/meetings/${meetingId}`)).body.attendance;
    expect(members).toHaveLength(11);
  });

  it('opens an event stream on instance B with the retry interval and a first snapshot', async () => {
    publicStream = await openStream(baseB, meetingId);
    expect(publicStream.status).toBe(200);
    expect(publicStream.contentType).toBe('text/event-stream; charset=utf-8');
    const first = await publicStream.next(() => true, 'any snapshot');
    expect(publicStream.raw()).toMatch(/^retry: \d+\n\n/);
    expect(first).toMatchObject({ meetingId, current: null, privateSession: false });
    expect(first.quorum?.quorate).toBe(false);
    expect(appB.liveHub.subscriberCount(meetingId)).toBe(1);
  });

  it('attendance recorded through instance A makes the meeting quorate at B’s subscriber', async () => {
    const attending = members.filter(
      (member) => member.office === 'chair' || member.sector !== null,
    );
    for (const member of attending) {
      const recorded = await api(
        'PUT',
        `/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
        {
          status: 'present',
        },
      );
      expect(recorded.status).toBe(200);
    }
    const quorate = await publicStream.next(
      (snapshot) => snapshot.quorum?.quorate === true,
      'the meeting is quorate',
    );
    expect(quorate.quorum?.clause).toBe('2008 §Quorum');
  });

  it('the secretariat moves the meeting to item 1 with the form on A; audited, and B follows', async () => {
    const { cookies } = await signInThroughForm(appA, demoEmails.secretariat);
    const page = await appA.inject({
      url: `/meetings/${meetingId}/live`,
      headers: { cookie: cookies },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Move to item');
    const withCsrf = cookieHeader(page.headers['set-cookie'], cookies);
    const post = (agendaItemId: string) =>
      appA.inject({
        method: 'POST',
        url: `/meetings/${meetingId}/live/position`,
        headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), agendaItemId }).toString(),
      });

    const refused = await post('01900000-0000-7000-8000-0000000000ff');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#agendaItemId"');
    expect(refused.body).toContain('That item is not on the agenda of December meeting.');
    const [unmoved] = await databaseA.db
      .select({ live: meetings.liveAgendaItemId })
      .from(meetings)
      .where(eq(meetings.id, meetingId));
    expect(unmoved?.live).toBeNull();

    const moved = await post(publicItemId);
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe(`/meetings/${meetingId}/live?changed=position`);
    const onItem = await publicStream.next(
      (snapshot) => snapshot.current?.id === publicItemId,
      'the meeting is on item 1',
    );
    expect(onItem.current).toMatchObject({ position: 1, title: 'Stroke services across London' });
    expect(onItem.announcement).toContain(
      'The meeting is on item 1: Stroke services across London.',
    );
    const events = await databaseA.db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, meetingId), eq(auditEvents.action, 'meeting.live-item-moved')),
      );
    expect(events).toEqual([
      {
        action: 'meeting.live-item-moved',
        after: { agendaItem: { position: 1, title: 'Stroke services across London' } },
      },
    ]);
  });

  let proposalId: string;
  let castVotes: { id: string; voterId: string; castByPersonId: string }[];

  it('votes cast on A in an open secret ballot reach B as how many have voted — never a count of the choices, nor who voted how', async () => {
    proposalId = uuidv7();
    await databaseA.db.insert(proposals).values({
      id: proposalId,
      meetingId,
      agendaItemId: publicItemId,
      title: 'Commission a single stroke pathway',
      text: 'That the group agrees a single stroke pathway for London.',
      methodId: 'consensus-with-advice',
      ballot: 'secret',
      status: 'open',
      openedAt: fixedNow,
      createdAt: fixedNow,
    });
    const voters = members.filter((member) => member.sector !== null).slice(0, 3);
    castVotes = voters.map((voter) => ({
      id: uuidv7(),
      voterId: voter.seatHoldingId,
      castByPersonId: voter.personId,
    }));
    const choices = ['for', 'for', 'against'] as const;
    // Each vote its own transaction, as members press the button one after another.
    for (const [index, vote] of castVotes.entries()) {
      await databaseA.db.transaction(async (transaction) => {
        await transaction.insert(votes).values({
          ...vote,
          proposalId,
          choice: choices[index]!,
          castAt: fixedNow,
        });
        await notifyMeetingChanged(transaction, meetingId);
      });
    }
    const counted = await publicStream.next(
      (snapshot) => snapshot.question?.votesCast === 3,
      'three votes cast',
    );
    // While a secret ballot is open only how many have voted is shown: counts of the choices, read
    // after each vote, would give each choice away (review finding 3).
    expect(counted.question).toMatchObject({
      id: proposalId,
      status: 'open',
      ballot: 'secret',
      method: { id: 'consensus-with-advice', isConsensus: true },
      tally: null,
      votesCast: 3,
    });
    const snapshotFromApi = await fetch(`${baseB}/api/v1/meetings/${meetingId}/live`);
    expect(snapshotFromApi.status).toBe(200);
    const everythingSent = publicStream.raw() + (await snapshotFromApi.text());
    for (const vote of castVotes) {
      expect(everythingSent).not.toContain(vote.id);
      expect(everythingSent).not.toContain(vote.voterId);
      expect(everythingSent).not.toContain(vote.castByPersonId);
    }
  });

  it('a closed question shows its stored outcome at B, and never the names in its result', async () => {
    await databaseA.db.transaction(async (transaction) => {
      await transaction
        .update(proposals)
        .set({
          status: 'closed',
          closedAt: fixedNow,
          outcome: 'noConsensus',
          outcomeSummary:
            'No consensus: the range of views goes as advice to the PCTs and NHS London.',
          result: {
            outcome: 'noConsensus',
            counts: { for: 2, against: 1, abstain: 0, noVote: 8 },
            rangeOfViews: {
              for: ['Sentinel Agreeing Member'],
              against: ['Sentinel Objecting Member'],
              abstain: [],
              noViewRecorded: [],
            },
          },
        })
        .where(eq(proposals.id, proposalId));
      await notifyMeetingChanged(transaction, meetingId);
    });
    const closed = await publicStream.next(
      (snapshot) => snapshot.question?.status === 'closed',
      'the question is closed',
    );
    expect(closed.question).toMatchObject({
      outcome: 'noConsensus',
      outcomeSummary: 'No consensus: the range of views goes as advice to the PCTs and NHS London.',
      tally: { for: 2, against: 1, abstain: 0, notVoted: 8 },
    });
    expect(publicStream.raw()).not.toContain('Sentinel');
  });

  it('on a Part II item the public stream shows nothing of it; the body’s own stream does', async () => {
    const bodyStream = await openStream(baseB, meetingId, await bearerFor(appB, 'secretariat'));
    await bodyStream.next(() => true, 'a first snapshot');
    // Through the use-case on A's database, as the form above did through A's HTTP.
    await moveLiveAgendaItem({
      db: databaseA.db,
      context: { actor: 'secretariat@demo.invalid', now: fixedNow },
      actor: await secretariatActor(),
      meetingId,
      agendaItemId: privateItemId,
    });
    const inPrivate = await publicStream.next(
      (snapshot) => snapshot.privateSession,
      'the public sees a private session',
    );
    expect(inPrivate.current).toMatchObject({ id: privateItemId, position: 2, title: null });
    expect(inPrivate.question).toBeNull();
    expect(inPrivate.itemQuorum).toBeNull();
    expect(publicStream.raw()).not.toContain('Northwick Park');
    const entitled = await bodyStream.next(
      (snapshot) => snapshot.current?.id === privateItemId,
      'the body sees item 2',
    );
    expect(entitled.current?.title).toBe(privateTitle);
    expect(entitled.privateSession).toBe(false);

    // Review finding 7: votes on the Part II question send the public nothing at all, so the
    // public cannot count them by counting identical frames.
    const privateQuestionId = uuidv7();
    await databaseA.db.transaction(async (transaction) => {
      await transaction.insert(proposals).values({
        id: privateQuestionId,
        meetingId,
        agendaItemId: privateItemId,
        title: 'Settle the contract dispute',
        text: 'That the group settles.',
        methodId: 'consensus-with-advice',
        ballot: 'named',
        status: 'open',
        openedAt: fixedNow,
        createdAt: fixedNow,
      });
      await notifyMeetingChanged(transaction, meetingId);
    });
    await bodyStream.next(
      (snapshot) => snapshot.question?.id === privateQuestionId,
      'the body sees the Part II question',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const publicFramesBefore = publicStream.snapshots.length;
    const voters = members.filter((member) => member.sector !== null).slice(3, 6);
    for (const voter of voters) {
      await databaseA.db.transaction(async (transaction) => {
        await transaction.insert(votes).values({
          id: uuidv7(),
          voterId: voter.seatHoldingId,
          castByPersonId: voter.personId,
          proposalId: privateQuestionId,
          choice: 'for',
          castAt: fixedNow,
        });
        await notifyMeetingChanged(transaction, meetingId, 'vote');
      });
      await bodyStream.next(
        (snapshot) =>
          snapshot.question?.id === privateQuestionId &&
          snapshot.question.tally?.for === voters.indexOf(voter) + 1,
        `the body sees vote ${voters.indexOf(voter) + 1}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(publicStream.snapshots.length).toBe(publicFramesBefore);
    bodyStream.close();
  });

  it('a viewer who leaves is unsubscribed on the instance that served them', async () => {
    publicStream.close();
    await until(() => appB.liveHub.subscriberCount(meetingId) === 0, 'B has no subscribers');
    expect(appA.liveHub.subscriberCount()).toBe(0);
  });

  it('closing an instance ends its open streams cleanly instead of waiting on them', async () => {
    const third = await openSecondInstance();
    const stream = await openStream(baseUrlOf(third.app), meetingId);
    await stream.next(() => true, 'a first snapshot');
    await third.app.close();
    await until(() => stream.ended(), 'the stream ended');
    if (third.database !== databaseA) await third.database.close();
  });

  it('a stream for a meeting that does not exist is an ordinary 404, not a stream', async () => {
    const missing = await openStream(baseB, '01900000-0000-7000-8000-0000000000ff');
    expect(missing.status).toBe(404);
    expect(missing.contentType).not.toContain('text/event-stream');
  });
});

async function secretariatActor(): Promise<Actor> {
  const account = await selectAccountByEmail(databaseA.db, demoEmails.secretariat);
  const actor = await loadAccountActor(databaseA.db, account!.id, fixedNow, {
    authenticatedBy: 'session',
  });
  if (!actor) throw new Error('no secretariat account');
  return actor;
}
