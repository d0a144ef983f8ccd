import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedNow, seedDemo } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { tallyDeltasOf } from './response-rules.ts';
import { applyTallyDeltas, selectTallies } from './tally-queries.ts';
import { insertTestConsultation, type TestConsultation } from './testing/consultation-fixture.ts';

let database: DatabaseHandle;
let consultation: TestConsultation;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database);
  consultation = await insertTestConsultation(database.db, { now: fixedNow });
});

afterAll(async () => {
  await database?.close();
});

describe('the tallies the analysis reads', () => {
  it('add up responses per question, choice and category, and take one away again', async () => {
    const [agree, services, , text] = consultation.questions;
    const answers = {
      [agree!.id]: 'Agree',
      [services!.id]: ['Diagnostics'],
      [text!.id]: 'More GPs.',
    };
    await database.db.transaction(async (transaction) => {
      await applyTallyDeltas(transaction, consultation.id, [
        ...tallyDeltasOf(consultation.questions, answers, 'public'),
        ...tallyDeltasOf(consultation.questions, answers, 'public'),
        ...tallyDeltasOf(consultation.questions, { [agree!.id]: 'Agree' }, 'clinician'),
      ]);
    });
    await database.db.transaction(async (transaction) => {
      await applyTallyDeltas(
        transaction,
        consultation.id,
        tallyDeltasOf(consultation.questions, answers, 'public', -1),
      );
    });
    const tallies = await selectTallies(database.db, consultation.id);
    const countOf = (questionId: string, kind: string, key: string, category: string) =>
      tallies.find(
        (row) =>
          row.questionId === questionId &&
          row.kind === kind &&
          row.key === key &&
          row.respondentCategory === category,
      )?.count;
    expect(countOf(agree!.id, 'choice', 'Agree', 'public')).toBe(1);
    expect(countOf(agree!.id, 'choice', 'Agree', 'clinician')).toBe(1);
    expect(countOf(text!.id, 'answered', '', 'public')).toBe(1);
    expect(countOf(services!.id, 'choice', 'Diagnostics', 'public')).toBe(1);
  });
});
