/**
 * The voting preparer keeps every open question's electorate ready on its instance, so the first
 * vote after a question opens does not wait for 2,000 seats to load (bench/results/latest.md).
 * These tests open and change a question through one app instance and watch the preparer of
 * another keep the electorate at the current facts epoch. On PostgreSQL the instances have their
 * own pools; PGlite is one process's database, so there they share it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import {
  createDatabaseTarget,
  openTestDatabase,
  testDatabaseEngine,
} from '../../test/support/test-database.ts';
import { type DatabaseHandle, openDatabase } from '../db/connection.ts';
import { keptEpochOf, readFactsEpoch } from '../db/facts-cache.ts';
import { migrateDatabase } from '../db/migrate.ts';
import type { App } from '../http/app-types.ts';
import { prepareOpenQuestions } from './prepare-open-questions.ts';
import { startVotingPreparer, type VotingPreparer } from './voting-preparer.ts';

const lcg = 'london-commissioning-group';

let databaseA: DatabaseHandle;
let databaseB: DatabaseHandle;
let appA: App;
let preparer: VotingPreparer | undefined;
let secretariat: { authorization: string };
let meetingId: string;
let firstSeat: string;
let proposalId: string;
const warnings: string[] = [];

beforeAll(async () => {
  if (testDatabaseEngine() === 'postgres') {
    const { databaseUrl } = await createDatabaseTarget();
    databaseA = await openDatabase({ databaseUrl });
    await migrateDatabase(databaseA);
    databaseB = await openDatabase({ databaseUrl });
  } else {
    databaseA = await openTestDatabase();
    databaseB = databaseA;
  }
  appA = await buildSeededTestApp(databaseA);
  secretariat = await bearerFor(appA, 'secretariat');
  const scheduled = await appA.inject({
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
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  meetingId = scheduled.json().meetingId;
  firstSeat = (await appA.inject(`/api/v1/meetings/${meetingId}`)).json().attendance[0]
    .seatHoldingId;
  const item = await appA.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title: 'Cardiology service development', purpose: 'decision' },
  });
  const created = await appA.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/proposals`,
    headers: secretariat,
    payload: {
      agendaItemId: item.json().agendaItemId,
      title: 'Commission a cardiac network',
      text: 'The group agrees to commission a London cardiac network.',
      decisionKind: 'coordination-between-sectors',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  proposalId = created.json().proposalId;
});

afterAll(async () => {
  await preparer?.stop();
  await appA?.close();
  if (databaseB !== databaseA) await databaseB?.close();
  await databaseA?.close();
});

const rollKey = () => `ballot-roll:${proposalId}`;

async function openTheQuestion() {
  const opened = await appA.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/open`,
    headers: secretariat,
  });
  expect(opened.statusCode, opened.body).toBe(200);
}

describe('prepareOpenQuestions', () => {
  it('makes ready nothing while no question is open, and keeps nothing', async () => {
    expect(await prepareOpenQuestions({ db: databaseB.db })).toBe(0);
    expect(keptEpochOf(databaseB.db, rollKey())).toBeUndefined();
  });

  it('keeps an open question’s ballot roll and its meeting’s facts at the current epoch', async () => {
    await openTheQuestion();
    expect(await prepareOpenQuestions({ db: databaseB.db, meetingId })).toBe(1);
    const epoch = await readFactsEpoch(databaseB.db);
    expect(keptEpochOf(databaseB.db, rollKey())).toBe(epoch);
    expect(keptEpochOf(databaseB.db, `decision-facts:${meetingId}`)).toBe(epoch);
  });

  it('makes ready only the meeting it is given', async () => {
    expect(await prepareOpenQuestions({ db: databaseB.db, meetingId: crypto.randomUUID() })).toBe(
      0,
    );
  });
});

describe('the voting preparer of an instance', () => {
  it('has every open question ready when it has started', async () => {
    await recordAttendance('absent');
    const epoch = await readFactsEpoch(databaseA.db);
    // Nothing on B has read the facts since the attendance changed.
    expect(keptEpochOf(databaseB.db, rollKey())).toBeLessThan(epoch);
    preparer = await startVotingPreparer({ database: databaseB, logger: warningsLogger });
    expect(keptEpochOf(databaseB.db, rollKey())).toBe(epoch);
  });

  it('makes the electorate ready again after a change made through another instance', async () => {
    await recordAttendance('present');
    const epoch = await readFactsEpoch(databaseA.db);
    await vi.waitFor(() => expect(keptEpochOf(databaseB.db, rollKey())).toBe(epoch), {
      timeout: 5000,
    });
    expect(warnings).toEqual([]);
  });
});

const warningsLogger = {
  warn: (_object: object, message: string) => {
    warnings.push(message);
  },
};

async function recordAttendance(status: 'present' | 'absent') {
  const recorded = await appA.inject({
    method: 'PUT',
    url: `/api/v1/meetings/${meetingId}/attendance/${firstSeat}`,
    headers: secretariat,
    payload: { status },
  });
  expect(recorded.statusCode, recorded.body).toBe(200);
}
