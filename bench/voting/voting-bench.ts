/**
 * The voting benchmark (issue 6 item 9): `voters` members vote in one poll while `subscribers`
 * Server-Sent Events streams watch the live meeting page, on a throwaway PostgreSQL with the app
 * in `instances` child processes (LISTEN/NOTIFY carries each change to every instance). Reports
 * votes/s, vote latency, the time from the close request to the last subscriber holding the
 * result, and the vote write path against raw `pg` inserts of the same rows. Asserts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { openDatabase } from '../../src/db/connection.ts';
import { meetingChangesChannel } from '../../src/db/meeting-changes.ts';
import { prepareDatabase } from '../../src/seed/prepare-database.ts';
import { findFreePort, startPostgresServer } from '../../test/support/postgres-global-setup.ts';
import { percentile, runAtRate, runWithConcurrency } from '../statistics.ts';
import { seedPoll } from './seed-poll.ts';
import { nowAbsolute, openWatchersProcess, type WatchersProcess } from './watchers-process.ts';

export interface VotingSettings {
  voters: number;
  subscribers: number;
  instances: number;
  concurrency: number;
  /** Votes a second offered in the poll: the members vote as they will, not waiting on each other. */
  votesPerSecond: number;
  /** The app's pool per instance (src/db/connection.ts); the baseline gets as many in all. */
  poolPerInstance: number;
}

export function votingSettingsFrom(environment: NodeJS.ProcessEnv): VotingSettings {
  const whole = (name: string, fallback: number) => {
    const value = Number(environment[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number`);
    return value;
  };
  return {
    voters: whole('BENCH_VOTERS', 2000),
    subscribers: whole('BENCH_SUBSCRIBERS', 10_000),
    instances: whole('BENCH_INSTANCES', 2),
    concurrency: whole('BENCH_VOTE_CONCURRENCY', 32),
    votesPerSecond: whole('BENCH_VOTE_RATE', 100),
    poolPerInstance: 10,
  };
}

const root = path.resolve(import.meta.dirname, '../..');
const targets = { voteP99Ms: 100, resultEverywhereMs: 1000, ratio: 0.5 };

interface Timed {
  status: number;
  body: string;
  ms: number;
}

function post(
  agent: http.Agent,
  url: string,
  authorization: string,
  payload: unknown,
): Promise<Timed> {
  const body = payload === undefined ? undefined : JSON.stringify(payload);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization,
          ...(body !== undefined && {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            ms: performance.now() - started,
          }),
        );
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}

/** The app as `concordat serve`, in a shell that first raises its file-descriptor limit. */
async function startInstance(options: {
  databaseUrl: string;
  port: number;
  progress: (message: string) => void;
}): Promise<ChildProcess> {
  const child = spawn(
    'sh',
    [
      '-c',
      'ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"',
      process.execPath,
      // BENCH_PROFILE_DIR=folder writes a CPU profile of each instance there, for finding hot spots.
      ...(process.env.BENCH_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : []),
      'bin/concordat.js',
      'serve',
      '--no-seed',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        PORT: String(options.port),
        LOG_LEVEL: 'warn',
        COOKIE_SECRET: 'voting-benchmark-cookie-secret-0123456789',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString();
      if (/Concordat is serving/.test(text)) resolve();
      else if (/error/i.test(text)) options.progress(`  instance :${options.port}: ${text.trim()}`);
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code) => reject(new Error(`app instance exited early with code ${code}`)));
  });
  return child;
}

function stopInstance(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const round = (value: number | undefined, digits = 0) =>
  value === undefined ? 'n/a' : value.toFixed(digits);

export async function runVotingBench(options: {
  settings: VotingSettings;
  progress: (message: string) => void;
}): Promise<string> {
  const { settings, progress } = options;
  progress(
    `voting: ${settings.voters} voters, ${settings.subscribers} subscribers, ${settings.instances} app instance(s), ${settings.concurrency} votes in flight`,
  );
  const postgres = await startPostgresServer({
    purpose: 'the voting benchmark',
    maxConnections: 100,
  });
  progress(`voting: throwaway PostgreSQL ${postgres.version} on port ${postgres.port}`);
  const instances: ChildProcess[] = [];
  let watchers: WatchersProcess | undefined;
  let baselinePool: pg.Pool | undefined;
  const handle = await openDatabase({ databaseUrl: postgres.adminUrl });
  try {
    await prepareDatabase({
      handle,
      now: new Date(),
      seedWhenEmpty: true,
      progress: (message) => progress(`voting: ${message}`),
    });
    const poll = await seedPoll({
      db: handle.db,
      voters: settings.voters,
      progress: (message) => progress(`voting: ${message}`),
    });

    const ports: number[] = [];
    for (let index = 0; index < settings.instances; index += 1) {
      const port = await findFreePort();
      instances.push(await startInstance({ databaseUrl: postgres.socketUrl, port, progress }));
      ports.push(port);
    }
    progress(`voting: app instances on ports ${ports.join(', ')}`);
    const base = (index: number) => `http://127.0.0.1:${ports[index % ports.length]}`;

    progress(`voting: opening ${settings.subscribers} event streams…`);
    const openedAt = performance.now();
    watchers = await openWatchersProcess({
      urls: ports.map((port) => `http://127.0.0.1:${port}/meetings/${poll.meetingId}/live/events`),
      count: settings.subscribers,
      openConcurrency: 100,
      progress,
    });
    await watchers.allSubscribed;
    const subscribeSeconds = (performance.now() - openedAt) / 1000;
    progress(`voting: ${settings.subscribers} subscribers hold the first snapshot`);

    const choices = ['for', 'for', 'for', 'for', 'for', 'for', 'against', 'against', 'against'];
    /** Every member votes once on `proposalId`, started by `run`; the latencies and the time. */
    const everyoneVotes = async (
      proposalId: string,
      agent: http.Agent,
      run: (task: (index: number) => Promise<void>) => Promise<void>,
    ) => {
      const latencies: number[] = [];
      const failures: string[] = [];
      const started = performance.now();
      await run(async (index) => {
        const voter = poll.voters[index]!;
        const answer = await post(
          agent,
          `${base(index)}/api/v1/proposals/${proposalId}/votes`,
          voter.authorization,
          { choice: choices[index % 10] ?? 'abstain' },
        );
        latencies.push(answer.ms);
        if (answer.status !== 201) failures.push(`${answer.status} ${answer.body.slice(0, 300)}`);
        if ((index + 1) % 500 === 0) progress(`  ${index + 1} votes cast`);
      });
      if (failures.length > 0) {
        throw new Error(`${failures.length} votes failed; the first: ${failures[0]}`);
      }
      return { latencies, seconds: (performance.now() - started) / 1000 };
    };

    const agent = new http.Agent({ keepAlive: true, maxSockets: 1_000 });
    /** The administrator opens or closes a question; the timed answer and its body. */
    const administer = async (proposalId: string, action: 'open' | 'close') => {
      const answer = await post(
        agent,
        `${base(0)}/api/v1/proposals/${proposalId}/${action}`,
        poll.closerAuthorization,
        undefined,
      );
      if (answer.status !== 200)
        throw new Error(`${action} answered ${answer.status}: ${answer.body}`);
      return answer;
    };
    const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

    // Warm-up (not reported): instances are long-running, so no measured vote should pay for
    // code not yet compiled or pool connections not yet opened — the first seconds of a cold
    // instance are what the slowest votes of an unwarmed run were made of.
    const warmUpVoters = Math.min(500, settings.voters);
    progress(`voting: warm-up: ${warmUpVoters} votes on a question opened at setup…`);
    await everyoneVotes(poll.warmUpProposalId, agent, (task) =>
      runWithConcurrency(warmUpVoters, settings.concurrency, task),
    );
    await administer(poll.warmUpProposalId, 'close');

    // Saturation: everyone votes on a question at once, as many in flight as the baseline has,
    // for the throughput the ratio compares.
    await administer(poll.saturationProposalId, 'open');
    await settle();
    progress(`voting: saturation: ${settings.voters} votes, ${settings.concurrency} in flight…`);
    const saturationAgent = new http.Agent({ keepAlive: true, maxSockets: settings.concurrency });
    const saturation = await everyoneVotes(poll.saturationProposalId, saturationAgent, (task) =>
      runWithConcurrency(settings.voters, settings.concurrency, task),
    );
    saturationAgent.destroy();
    const votesPerSecond = settings.voters / saturation.seconds;
    progress(
      `voting: saturation ${round(votesPerSecond)} votes/s, p50 ${round(percentile(saturation.latencies, 50))} ms, p99 ${round(percentile(saturation.latencies, 99))} ms`,
    );
    await administer(poll.saturationProposalId, 'close');

    // The poll: the members vote at a steady rate, each whenever they are ready (an open loop),
    // so a vote's latency is its own and not the queue's.
    await administer(poll.proposalId, 'open');
    await settle();
    const framesBefore = await watchers.frames();
    progress(
      `voting: the poll: ${settings.voters} votes at ${settings.votesPerSecond} a second through POST /api/v1/proposals/:id/votes…`,
    );
    const pollVotes = await everyoneVotes(poll.proposalId, agent, (task) =>
      runAtRate(settings.voters, settings.votesPerSecond, task),
    );
    const latencies = pollVotes.latencies;
    const votingSeconds = pollVotes.seconds;
    const framesDuringVoting = (await watchers.frames()) - framesBefore;
    progress(
      `voting: ${settings.voters} votes in ${votingSeconds.toFixed(1)} s, p50 ${round(percentile(latencies, 50))} ms, p99 ${round(percentile(latencies, 99))} ms`,
    );

    // Let the last vote's snapshot reach everyone, so the close is measured on its own; the
    // earlier questions' results are forgotten so only this one's counts.
    await settle();
    await watchers.forgetResults();
    progress('voting: closing the poll…');
    const closeStarted = nowAbsolute();
    const closed = await administer(poll.proposalId, 'close');
    const outcome = JSON.parse(closed.body) as { outcome: string; summary: string };
    const delivered = await watchers.resultEverywhere(30_000);
    const resultTimes = delivered.times.map((time) => time - closeStarted);
    const lastResultMs = Math.max(...resultTimes);
    progress(
      `voting: closed (${outcome.outcome}) in ${round(closed.ms)} ms; result at the last of ${delivered.times.length} subscribers after ${round(lastResultMs)} ms${delivered.missing ? `, ${delivered.missing} never received it` : ''}`,
    );
    agent.destroy();

    progress(`voting: raw baseline: ${settings.voters} vote rows through pg…`);
    baselinePool = new pg.Pool({
      connectionString: postgres.socketUrl,
      max: settings.poolPerInstance * settings.instances,
    });
    const pool = baselinePool;
    const baselineLatencies: number[] = [];
    const baselineStarted = performance.now();
    await runWithConcurrency(settings.voters, settings.concurrency, async (index) => {
      const voter = poll.voters[index]!;
      const choice = choices[index % 10] ?? 'abstain';
      const started = performance.now();
      const client = await pool.connect();
      try {
        await client.query('begin');
        const now = new Date();
        await client.query(
          'insert into votes (id, proposal_id, voter_id, choice, reason, cast_by_person_id, proxy_id, cast_at) values ($1, $2, $3, $4, $5, $6, $7, $8)',
          [
            uuidv7(),
            poll.baselineProposalId,
            voter.holdingId,
            choice,
            null,
            voter.personId,
            null,
            now,
          ],
        );
        await client.query(
          'insert into audit_events (id, occurred_at, actor, action, entity_type, entity_id, before, after, request_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
          [
            uuidv7(),
            now,
            `bench-baseline ${voter.name}`,
            'vote.cast',
            'meeting',
            poll.meetingId,
            null,
            JSON.stringify({
              proposalId: poll.baselineProposalId,
              voter: voter.name,
              choice,
              reason: null,
            }),
            `baseline-${index}`,
          ],
        );
        // The real path notifies in the same transaction; on a channel nobody listens to, so
        // the baseline pays for the notification but sets no instance recomputing.
        await client.query('select pg_notify($1, $2)', [
          `${meetingChangesChannel}_baseline`,
          poll.meetingId,
        ]);
        await client.query('commit');
      } finally {
        client.release();
      }
      baselineLatencies.push(performance.now() - started);
    });
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;
    const baselinePerSecond = settings.voters / baselineSeconds;
    const ratio = votesPerSecond / baselinePerSecond;
    progress(
      `voting: raw baseline ${round(baselinePerSecond)} votes/s (p99 ${round(percentile(baselineLatencies, 99), 1)} ms); ratio ${ratio.toFixed(3)}`,
    );

    const voteP99 = percentile(latencies, 99) ?? Number.POSITIVE_INFINITY;
    const met = (ok: boolean) => (ok ? 'met' : '**missed**');
    const everyone = delivered.missing === 0;
    return [
      '# Benchmark: voting in one poll while the live page is watched',
      '',
      `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${postgres.version} (throwaway, fsync off, reached through its Unix socket by the app and the baseline alike), everything on this one machine: the database, ${settings.instances} app instance(s) and the bench process with every client.`,
      '',
      '| measure | result | target | |',
      '|---|---:|---:|---|',
      `| the poll: ${settings.voters} votes offered at ${settings.votesPerSecond}/s | ${settings.voters} in ${votingSeconds.toFixed(1)} s | | |`,
      `| vote latency p50 | ${round(percentile(latencies, 50))} ms | | |`,
      `| vote latency p99 | ${round(voteP99)} ms | under ${targets.voteP99Ms} ms | ${met(voteP99 < targets.voteP99Ms)} |`,
      `| close request answered | ${round(closed.ms)} ms | | |`,
      `| close → result at the median subscriber | ${round(percentile(resultTimes, 50))} ms | | |`,
      `| close → result at the last of ${settings.subscribers} subscribers | ${everyone ? `${round(lastResultMs)} ms` : `${delivered.missing} never received it in 30 s`} | under ${targets.resultEverywhereMs} ms | ${met(everyone && lastResultMs < targets.resultEverywhereMs)} |`,
      `| saturation: votes/s with ${settings.concurrency} in flight | ${round(votesPerSecond)} (p50 ${round(percentile(saturation.latencies, 50))} ms, p99 ${round(percentile(saturation.latencies, 99))} ms) | | |`,
      `| raw baseline (pg) votes/s | ${round(baselinePerSecond)} (p99 ${round(percentile(baselineLatencies, 99), 1)} ms) | | |`,
      `| ratio app ÷ raw | ${ratio.toFixed(3)} | at least ${targets.ratio} | ${met(ratio >= targets.ratio)} |`,
      '',
      `Method. Setup (not timed): the body is created from bench/voting/bench-constitution.yaml (default NHS standing orders, a chair and up to 2,000 members of a consortium, simple majority of those present and voting) through the app's addConstitutionVersion; ${settings.voters} people, seat holdings, accounts and API tokens and their attendance (all present) are inserted in batches through the app's query modules with the rows and audit events its use-cases write, and the engine checks the membership once; the meeting, the agenda item, the live position and four questions go through the use-cases. The app runs as \`concordat serve\` with DATABASE_URL in ${settings.instances} process(es) (pool of ${settings.poolPerInstance} each). ${settings.subscribers} anonymous subscribers (the public audience) open GET /meetings/:id/live/events spread over the instances (opened in ${subscribeSeconds.toFixed(1)} s) from a process of their own at niceness 10 (the audience's browsers are not on the server; yielding the CPU can only make the result reach them later), and all hold the first snapshot before any vote. Every vote is POST /api/v1/proposals/:id/votes with the member's own bearer token, spread over the instances: castVote judges the member against the question's electorate, kept between votes while no fact changes, and writes the vote row, its audit event and a NOTIFY in one statement guarded by the facts epoch it was judged at (decision 012), which the votes arriving while one is at the database share (decision 013); latency is from the request to the end of its response. Warm-up (not reported): 500 members vote on a question of their own, which is then closed. Saturation: on a second question every member votes with ${settings.concurrency} requests in flight (a closed loop, as fast as the app answers) while the subscribers watch; its votes/s is what the ratio compares. The poll: on a third question every member votes once, started at a steady ${settings.votesPerSecond} a second (BENCH_VOTE_RATE) whether or not earlier votes have been answered (an open loop: members in a room do not wait for each other); its latencies are the p50 and p99. While it ran the subscribers received ${framesDuringVoting} snapshot frames in all (each instance spaces a meeting's vote snapshots to at most 2,500 frames a second, written in 2 ms slices, so with ${Math.round(settings.subscribers / settings.instances)} viewers an instance sends one every ${(settings.subscribers / settings.instances / 2.5 / 1000).toFixed(1)} s; decisions 011 and 012). Two seconds after the last vote the administrator closes the question (POST /api/v1/proposals/:id/close, outcome ${outcome.outcome}); the result time runs from sending that request to the moment the last subscriber's stream delivered a frame holding the question's outcome. Baseline: the same ${settings.voters} vote rows (same table, same columns, a fourth question of the same meeting) written with \`pg\` directly, ${settings.concurrency} in flight on a pool of ${settings.poolPerInstance * settings.instances} connections (as many as the app instances have): per vote BEGIN, INSERT INTO votes, INSERT INTO audit_events (the vote.cast event with the same fields), SELECT pg_notify on a channel nobody listens to, COMMIT, with the subscribers still connected but idle. The ratio is the app's saturation votes/s ÷ raw votes/s in the same run.`,
      '',
      `Where the time goes (CPU profiles of the instances, BENCH_PROFILE_DIR=folder; per-process CPU read from /proc; decisions 011–013): a vote re-reads nothing of the meeting — the ${settings.voters} seats, their attendance and interests are resolved once per change of any fact, before the first vote — and it makes at most two round trips to PostgreSQL (the token with its account and roles; the one-statement write) against the baseline's five; under load fewer, as the token lookups and vote writes that arrive while one is at the database go together in the next statement, one statement out per instance at a time. In a measured saturation run the two instances took about 0.9 of the machine's two cores, PostgreSQL about 0.5 and this bench's vote client about 0.3 (the audience process, at niceness 10, mostly reads its frames afterwards); in the baseline PostgreSQL took about 0.6 and the client 0.5. What an instance spends is Fastify, validation, the engine's judgement, Drizzle building statements, the socket writes to PostgreSQL and the fan-out of vote snapshots (${settings.subscribers} frames written every 2 s while voting, in 2 ms slices so no vote waits long behind one). The baseline runs with the audience idle and no HTTP in front, so it pays for neither. The close is one snapshot per instance, written to every subscriber straight away.`,
      '',
    ].join('\n');
  } finally {
    watchers?.close();
    await Promise.all(instances.map(stopInstance));
    await baselinePool?.end().catch(() => {});
    await handle.close().catch(() => {});
    postgres.stop();
  }
}
