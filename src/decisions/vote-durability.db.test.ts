import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { memberAccount } from '../../test/support/member-accounts.ts';
import { findFreePort } from '../../test/support/postgres-global-setup.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { createDatabaseTarget } from '../../test/support/test-database.ts';
import { openDatabase } from '../db/connection.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { proposals, votes } from '../db/schema/decisions.ts';

/*
 * Fault test (issue 6): the real server, as a child process, is killed with SIGKILL in the middle
 * of a stream of votes. After a restart on the same database every vote that was answered 201 must
 * be stored exactly once, and closing each question must tally exactly the stored votes. It runs in
 * both database tiers: on PostgreSQL the app dies but the database server lives; on PGlite the
 * database dies with the app, mid-write, and must recover from its own files (and its lock file).
 */

const binary = path.resolve(import.meta.dirname, '../../bin/concordat.js');
const lcg = 'london-commissioning-group';
/** 11 seats of the 2008 London group, all present, on 24 questions: a stream of 264 votes. */
const questionCount = 24;
/** Requests kept in flight at once, so the kill lands while several are unanswered. */
const concurrency = 8;
/** The server is killed the moment this many votes have been answered 201. */
const acknowledgementsBeforeKill = 120;

type Choice = 'for' | 'against' | 'abstain';

interface Member {
  seatHoldingId: string;
  memberName: string;
  authorization: string;
}

interface Ballot {
  proposalId: string;
  member: Member;
  choice: Choice;
  reason?: string;
}

type Outcome =
  | { kind: 'acknowledged'; voteId: string | undefined }
  | { kind: 'refused'; status: number; code: string | undefined }
  | { kind: 'unanswered' }
  | { kind: 'not-sent' };

interface RunningServer {
  baseUrl: string;
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

// Two server starts, the seed and a few hundred HTTP votes: generous, and never asserted on.
const budget = { timeout: 180_000 };

/** Servers this file started; a failed assertion must not leave one running. */
const runningServers = new Set<ChildProcess>();
afterEach(() => {
  for (const child of runningServers) child.kill('SIGKILL');
  runningServers.clear();
});

describe('kill -9 of the server during a stream of votes', budget, () => {
  it('every vote answered 201 is stored exactly once after a restart, and every tally equals the stored votes', async () => {
    const target = await createDatabaseTarget();
    const { secretariat, members, questionIds } = await prepareMeetingWithOpenQuestions(target);
    const ballots = ballotsFor(questionIds, members);
    expect(ballots).toHaveLength(questionCount * members.length);

    // ---- The stream, and the kill ----
    const first = await startServer(target.environment);
    const { outcomes, inFlightAtKill } = await streamVotes(
      first,
      ballots,
      acknowledgementsBeforeKill,
    );
    const death = await first.exited;
    expect(death.signal).toBe('SIGKILL');
    // The kill landed mid-stream: every other worker had a vote on the wire.
    expect(inFlightAtKill).toBe(concurrency - 1);

    const acknowledged = ballots.filter((_, index) => outcomes[index]!.kind === 'acknowledged');
    const unanswered = ballots.filter((_, index) => outcomes[index]!.kind === 'unanswered');
    const notSent = ballots.filter((_, index) => outcomes[index]!.kind === 'not-sent');
    const refused = outcomes.filter((outcome) => outcome.kind === 'refused');
    // Before the kill every vote is valid, so each answer is a 201; a refusal would be a bug.
    expect(refused).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(acknowledgementsBeforeKill);
    expect(notSent.length).toBeGreaterThan(0);
    expect(acknowledged.length + unanswered.length + notSent.length).toBe(ballots.length);

    if (target.dataDirectory) {
      // The killed server could not remove its lock: the restart must take over the stale one.
      const lockFile = path.join(target.dataDirectory, 'concordat.lock');
      expect(existsSync(lockFile)).toBe(true);
      expect(readFileSync(lockFile, 'utf8')).toBe(String(first.process.pid));
    }

    // ---- Restart on the same database: what is stored, through the API ----
    const second = await startServer(target.environment);
    let unansweredButStored = 0;
    try {
      // While a question is open the API names who has voted (the chair's and secretariat's
      // "not voted" list and the count), not how: the choices are checked once closed, below.
      const voted = await votersThroughApi(second, secretariat, questionIds, members);
      const key = (ballot: Ballot) => `${ballot.proposalId}/${ballot.member.memberName}`;
      for (const ballot of acknowledged) {
        expect(voted.has(key(ballot)), `acknowledged ${key(ballot)} is stored`).toBe(true);
      }
      for (const ballot of notSent) {
        expect(voted.has(key(ballot)), `never sent ${key(ballot)}`).toBe(false);
      }
      unansweredButStored = unanswered.filter((ballot) => voted.has(key(ballot))).length;
      expect(voted.size).toBe(acknowledged.length + unansweredButStored);

      // The meeting goes on: each member who heard nothing presses again, the rest vote for the
      // first time. The seat's one vote makes the retry safe — 201 where the first attempt was
      // lost, 409 "already voted" where it was stored.
      const resumed = [...unanswered, ...notSent];
      const { outcomes: answers } = await streamVotes(second, resumed);
      for (const [index, ballot] of resumed.entries()) {
        expect(answers[index], `${key(ballot)} sent again`).toMatchObject(
          voted.has(key(ballot))
            ? { kind: 'refused', status: 409, code: 'already-voted' }
            : { kind: 'acknowledged' },
        );
      }

      // Closing applies the engine to the stored votes: its counts are exactly the ballots.
      for (const proposalId of questionIds) {
        const closed = await fetch(`${second.baseUrl}/api/v1/proposals/${proposalId}/close`, {
          method: 'POST',
          headers: secretariat,
        });
        expect(closed.status, await closed.clone().text()).toBe(200);
        const view = (await (
          await fetch(`${second.baseUrl}/api/v1/proposals/${proposalId}`, { headers: secretariat })
        ).json()) as {
          status: string;
          result: { counts: Record<string, number> };
          votes: { voter: string; choice: string }[];
        };
        expect(view.status).toBe('closed');
        const intended = ballots.filter((ballot) => ballot.proposalId === proposalId);
        // One vote per member, each as cast: nothing doubled, nothing changed by the crash.
        expect(view.votes.map(({ voter, choice }) => `${voter}: ${choice}`).sort()).toEqual(
          intended.map((ballot) => `${ballot.member.memberName}: ${ballot.choice}`).sort(),
        );
        expect(view.result.counts).toMatchObject({
          for: intended.filter((ballot) => ballot.choice === 'for').length,
          against: intended.filter((ballot) => ballot.choice === 'against').length,
          abstain: intended.filter((ballot) => ballot.choice === 'abstain').length,
          noVote: 0,
        });
      }
    } finally {
      await stopServer(second);
    }

    // ---- The same, by SQL, with the server stopped ----
    const database = await openDatabase(target);
    try {
      // The premise on both engines: a commit is on disk (in the operating system's hands) before
      // the server answers. Asynchronous commit makes this test lose acknowledged votes on PGlite.
      const setting = (await database.db.execute(sql`show synchronous_commit`)) as unknown as {
        rows: { synchronous_commit: string }[];
      };
      expect(setting.rows[0]?.synchronous_commit).toBe('on');
      const duplicates = await database.db
        .select({ proposalId: votes.proposalId, voterId: votes.voterId, times: count() })
        .from(votes)
        .where(inArray(votes.proposalId, questionIds))
        .groupBy(votes.proposalId, votes.voterId)
        .having(sql`count(*) > 1`);
      expect(duplicates).toEqual([]);
      const rows = await database.db
        .select({
          id: votes.id,
          proposalId: votes.proposalId,
          voterId: votes.voterId,
          choice: votes.choice,
        })
        .from(votes)
        .where(inArray(votes.proposalId, questionIds));
      expect(rows).toHaveLength(ballots.length);
      const rowOf = new Map(rows.map((row) => [`${row.proposalId}/${row.voterId}`, row]));
      for (const [index, ballot] of ballots.entries()) {
        const outcome = outcomes[index]!;
        if (outcome.kind !== 'acknowledged') continue;
        // The row that survived is the one the server answered with.
        expect(rowOf.get(`${ballot.proposalId}/${ballot.member.seatHoldingId}`)).toEqual({
          id: outcome.voteId ?? expect.any(String),
          proposalId: ballot.proposalId,
          voterId: ballot.member.seatHoldingId,
          choice: ballot.choice,
        });
      }
      // Each vote and its audit event were written in one transaction: neither survived alone.
      const [castEvents] = await database.db
        .select({ total: count() })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, 'vote.cast'),
            inArray(sql`${auditEvents.after}->>'proposalId'`, questionIds),
          ),
        );
      expect(castEvents?.total).toBe(ballots.length);
      // The kept result is the engine's tally of exactly these rows.
      const kept = await database.db
        .select({ id: proposals.id, result: proposals.result, status: proposals.status })
        .from(proposals)
        .where(inArray(proposals.id, questionIds));
      for (const question of kept) {
        const counts = (question.result as { counts: Record<Choice, number> }).counts;
        const onQuestion = rows.filter((row) => row.proposalId === question.id);
        expect(question.status).toBe('closed');
        expect({ for: counts.for, against: counts.against, abstain: counts.abstain }).toEqual({
          for: onQuestion.filter((row) => row.choice === 'for').length,
          against: onQuestion.filter((row) => row.choice === 'against').length,
          abstain: onQuestion.filter((row) => row.choice === 'abstain').length,
        });
      }
    } finally {
      await database.close();
      if (target.dataDirectory) rmSync(target.dataDirectory, { recursive: true, force: true });
    }

    process.stderr.write(
      `vote durability (${process.env.CONCORDAT_TEST_DATABASE}): ${ballots.length} votes, ` +
        `${acknowledged.length} answered 201, ${unanswered.length} in flight at the kill ` +
        `(${unansweredButStored} of them stored), ${notSent.length} not sent; all stored once after the retries\n`,
    );
  });
});

/**
 * The 2008 London group's meeting with all 11 members present and `questionCount` open questions,
 * made in-process through the real app, then closed so the server can open the database.
 */
async function prepareMeetingWithOpenQuestions(
  target: Awaited<ReturnType<typeof createDatabaseTarget>>,
) {
  const database = await openDatabase(target);
  await migrateDatabase(database);
  const app = await buildSeededTestApp(database, { now: () => new Date() });
  try {
    const secretariat = await bearerFor(app, 'secretariat');
    const inject = async (
      method: 'POST' | 'PUT',
      url: string,
      payload: Record<string, unknown> | undefined,
      expected: number,
    ) => {
      const response = await app.inject({ method, url, headers: secretariat, payload });
      expect(response.statusCode, response.body).toBe(expected);
      return response.json();
    };
    const startsAt = new Date(Date.now() + 14 * 24 * 60 * 60 * 1000);
    const { meetingId } = await inject(
      'POST',
      `/api/v1/bodies/${lcg}/meetings`,
      {
        title: 'Durability meeting',
        startsAt: startsAt.toISOString(),
        location: 'Southside, 105 Victoria Street',
        noticeGivenOn: new Date().toISOString().slice(0, 10),
      },
      201,
    );
    const attendance = (await app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance as {
      seatHoldingId: string;
      personId: string;
      memberName: string;
    }[];
    expect(attendance).toHaveLength(11);
    const members: Member[] = [];
    for (const seat of attendance) {
      await inject(
        'PUT',
        `/api/v1/meetings/${meetingId}/attendance/${seat.seatHoldingId}`,
        { status: 'present' },
        200,
      );
      const account = await memberAccount(app, {
        personId: seat.personId,
        email: `durability-${seat.seatHoldingId}@test.invalid`,
        bodySlug: lcg,
      });
      members.push({
        seatHoldingId: seat.seatHoldingId,
        memberName: seat.memberName,
        authorization: account.authorization,
      });
    }
    const { agendaItemId } = await inject(
      'POST',
      `/api/v1/meetings/${meetingId}/agenda-items`,
      { title: 'London-wide service changes', purpose: 'decision' },
      201,
    );
    const questionIds: string[] = [];
    for (let number = 1; number <= questionCount; number += 1) {
      const { proposalId } = await inject(
        'POST',
        `/api/v1/meetings/${meetingId}/proposals`,
        {
          agendaItemId,
          title: `Service change ${number}`,
          text: `The group agrees London-wide service change ${number}.`,
          decisionKind: 'london-wide-view',
        },
        201,
      );
      await inject('POST', `/api/v1/proposals/${proposalId}/open`, undefined, 200);
      questionIds.push(proposalId);
    }
    return { secretariat, members, questionIds };
  } finally {
    await app.close();
    await database.close();
  }
}

/** Every member's view on every question, a fixed mix of agree, stand aside and object. */
function ballotsFor(questionIds: string[], members: Member[]): Ballot[] {
  return questionIds.flatMap((proposalId, question) =>
    members.map((member, seat): Ballot => {
      const turn = (question * members.length + seat) % 7;
      if (turn === 3) {
        return { proposalId, member, choice: 'against', reason: `Objection ${question}.${seat}` };
      }
      return { proposalId, member, choice: turn === 5 ? 'abstain' : 'for' };
    }),
  );
}

/**
 * One vote over HTTP. The status line is the server's answer: a 201 whose body is cut off by the
 * kill still counts as acknowledged, without its vote id.
 */
async function postVote(baseUrl: string, ballot: Ballot): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/v1/proposals/${ballot.proposalId}/votes`, {
      method: 'POST',
      headers: { authorization: ballot.member.authorization, 'content-type': 'application/json' },
      body: JSON.stringify({
        choice: ballot.choice,
        ...(ballot.reason && { reason: ballot.reason }),
      }),
    });
  } catch {
    return { kind: 'unanswered' };
  }
  const body = (await response.json().catch(() => undefined)) as
    | { voteId?: string; code?: string }
    | undefined;
  return response.status === 201
    ? { kind: 'acknowledged', voteId: body?.voteId }
    : { kind: 'refused', status: response.status, code: body?.code };
}

/**
 * Sends the ballots `concurrency` at a time, as a meeting's members pressing their buttons. With
 * `killAfter`, the server gets SIGKILL the moment that many votes have been answered 201, while the
 * other workers' votes are on the wire; the ballots not yet taken by a worker stay not sent.
 */
async function streamVotes(
  server: RunningServer,
  ballots: Ballot[],
  killAfter = Number.POSITIVE_INFINITY,
): Promise<{ outcomes: Outcome[]; inFlightAtKill: number | undefined }> {
  const outcomes: Outcome[] = ballots.map(() => ({ kind: 'not-sent' }));
  let next = 0;
  let acknowledgedCount = 0;
  let inFlight = 0;
  let inFlightAtKill: number | undefined;
  const worker = async () => {
    while (inFlightAtKill === undefined && next < ballots.length) {
      const index = next;
      next += 1;
      inFlight += 1;
      const outcome = await postVote(server.baseUrl, ballots[index]!);
      inFlight -= 1;
      outcomes[index] = outcome;
      if (outcome.kind !== 'acknowledged') continue;
      acknowledgedCount += 1;
      if (acknowledgedCount === killAfter) {
        inFlightAtKill = inFlight;
        server.process.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { outcomes, inFlightAtKill };
}

/** `proposalId/memberName` of every stored vote, from each open question's count and "not voted" list. */
async function votersThroughApi(
  server: RunningServer,
  secretariat: { authorization: string },
  questionIds: string[],
  members: Member[],
): Promise<Set<string>> {
  const voted = new Set<string>();
  for (const proposalId of questionIds) {
    const response = await fetch(`${server.baseUrl}/api/v1/proposals/${proposalId}`, {
      headers: secretariat,
    });
    expect(response.status).toBe(200);
    const view = (await response.json()) as {
      status: string;
      votesRecorded: number;
      notVoted: string[];
    };
    expect(view.status).toBe('open');
    const voters = members.filter((member) => !view.notVoted.includes(member.memberName));
    // The count of rows agrees with the voters named: no seat's vote is stored twice.
    expect(view.votesRecorded).toBe(voters.length);
    for (const member of voters) voted.add(`${proposalId}/${member.memberName}`);
  }
  return voted;
}

/** `concordat serve` as its own process, ready once it reports that it is serving. */
async function startServer(environment: Record<string, string>): Promise<RunningServer> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [binary, 'serve'], {
    env: {
      ...process.env,
      ...environment,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      COOKIE_SECRET: 'test-cookie-secret-test-cookie-secret',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  runningServers.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      runningServers.delete(child);
      resolve({ code, signal });
    }),
  );
  let progress = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      progress += chunk.toString();
      if (progress.includes('Concordat is serving')) resolve();
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`serve exited (${code ?? signal}) before serving: ${progress}`)),
    );
  });
  return { baseUrl: `http://127.0.0.1:${port}`, process: child, exited };
}

async function stopServer(server: RunningServer) {
  if (server.process.exitCode === null && server.process.signalCode === null) {
    server.process.kill('SIGTERM');
  }
  const { code } = await server.exited;
  expect(code).toBe(0);
}
