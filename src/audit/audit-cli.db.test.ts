import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { registerAuditCommands } from '../cli/audit-command.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { seedDemoData, seedReferenceData } from '../seed/reference-data.ts';

// `concordat audit …` through registerAuditCommands on a fresh demo database. The commands are
// not yet wired into src/cli/main.ts, so this drives a program of their own; a broken chain
// surfaces as a CommanderError with exit code 1, which runCli turns into the exit status.

let database: DatabaseHandle;

beforeAll(async () => {
  database = await openTestDatabase();
  const context = { actor: 'seed', now: new Date('2026-11-23T11:00:00Z') };
  await seedReferenceData({ db: database.db, context });
  await seedDemoData({ db: database.db, context });
});

afterAll(async () => {
  await database?.close();
});

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return () => text;
}

/** Runs one `audit` command line and reports what it printed and its exit code. */
async function concordatAudit(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const [readStdout, readStderr] = [collect(stdout), collect(stderr)];
  const program = new Command('concordat').exitOverride().configureOutput({
    writeOut: (text) => stdout.write(text),
    writeErr: (text) => stderr.write(text),
  });
  // The shared test database stays open across commands; each command "closes" its handle.
  registerAuditCommands(program, async () => ({ ...database, close: async () => {} }), {
    stdout,
    stderr,
  });
  let exitCode = 0;
  try {
    await program.parseAsync(['audit', ...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    exitCode = error.exitCode;
  }
  return { stdout: readStdout(), stderr: readStderr(), exitCode };
}

describe('concordat audit', () => {
  it('verifies a fresh demo database: nothing sealed yet is not a failure', async () => {
    const result = await concordatAudit(['verify']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(
      /^Audit chain verified: 0 events in 0 seals; \d+ not yet sealed\.\nRecords agree with their audit events: 0 votes, 0 questions, 0 attendance records and \d+ memberships\.\n$/,
    );
  });

  it('seals everything, printing progress on stderr and the count on stdout', async () => {
    const result = await concordatAudit(['seal', '--batch-size', '25']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Sealed \d+ audit events in \d+ seals\.\n$/);
    expect(result.stderr).toContain('Sealed 25 events in 1 seal so far…');
    expect((await concordatAudit(['seal'])).stdout).toBe(
      'Nothing to seal: every audit event is already sealed.\n',
    );
  });

  it('passes verify once sealed, and prints the chain head to keep', async () => {
    const result = await concordatAudit(['verify']);
    expect(result.exitCode).toBe(0);
    const [verdict, head, records] = result.stdout.trim().split('\n');
    expect(records).toMatch(/^Records agree with their audit events: /);
    expect(verdict).toMatch(/^Audit chain verified: \d+ events in \d+ seals; 0 not yet sealed\.$/);
    expect(head).toMatch(/^Chain head at sequence \d+: [0-9a-f]{64} \(keep a copy/);
    expect(result.stderr).toContain('Verifying the audit chain…');

    const json = JSON.parse((await concordatAudit(['verify', '--json'])).stdout);
    expect(json).toMatchObject({
      ok: true,
      unsealedEvents: 0,
      chainHead: {
        sequence: json.eventsChecked,
        chainHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
  });

  it('fails after a direct SQL change, naming the event, with exit code 1', async () => {
    const { rows } = (await database.db.execute(
      sql`select id, sequence from audit_events where sequence = 30`,
    )) as unknown as { rows: { id: string; sequence: number | string }[] };
    const target = rows[0]!;
    await database.db.execute(
      sql`update audit_events set actor = 'intruder' where id = ${target.id}`,
    );
    const result = await concordatAudit(['verify']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`^Audit chain BROKEN at sequence 30: Event ${target.id} \\(sequence 30, `),
    );
    expect(result.stdout).toContain('was altered after sealing');

    const json = await concordatAudit(['verify', '--json']);
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      eventsChecked: 29,
      problem: { kind: 'altered', sequence: 30, eventId: target.id },
    });
  });

  it('refuses a batch size that is not a whole number', async () => {
    const result = await concordatAudit(['seal', '--batch-size', 'lots']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Give a whole number of at least 1.');
  });
});
