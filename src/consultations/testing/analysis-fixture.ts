/**
 * Tests only: responses written straight into the table (batch inserts, with their "answered" and
 * choice tallies, as submitting would), and analysts acting as registry people, so the analysis
 * tests do not depend on the responding and importing use cases.
 */
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/connection.ts';
import { consultationResponses } from '../../db/schema/consultations.ts';
import {
  type Actor,
  hashPassword,
  insertAccount,
  insertBodyRoleAssignments,
} from '../../identity/index.ts';
import { type Answers, type RespondentCategory, tallyDeltasOf } from '../response-rules.ts';
import { applyResponseCountDeltas, applyTallyDeltas } from '../tally-queries.ts';
import type { TestConsultation } from './consultation-fixture.ts';

export async function insertTestResponses(
  db: Database,
  consultation: TestConsultation,
  now: Date,
  responses: { category: RespondentCategory; answers: Answers }[],
): Promise<string[]> {
  const rows = responses.map((response) => ({
    id: uuidv7(),
    consultationId: consultation.id,
    respondentCategory: response.category,
    organisationName: response.category === 'organisation' ? 'A test organisation' : null,
    channel: 'online',
    state: 'submitted',
    answers: response.answers,
    submittedAt: now,
    createdAt: now,
    updatedAt: now,
  }));
  await db.transaction(async (transaction) => {
    for (let start = 0; start < rows.length; start += 500) {
      await transaction.insert(consultationResponses).values(rows.slice(start, start + 500));
    }
    await applyTallyDeltas(
      transaction,
      consultation.id,
      responses.flatMap((response) =>
        tallyDeltasOf(consultation.questions, response.answers, response.category),
      ),
    );
    await applyResponseCountDeltas(
      transaction,
      consultation.id,
      responses.map((response) => ({
        channel: 'online',
        respondentCategory: response.category,
        change: 1,
      })),
    );
  });
  return rows.map((row) => row.id);
}

/** Analysts who run the Joint Committee's consultation, each acting as a registry person. */
export async function testAnalysts(db: Database): Promise<[Actor, Actor]> {
  // Any two people of the registry (read as the registry's rows, not through its table).
  const result = await db.execute(sql`select id from people order by id limit 2`);
  const [first, second] = (result as unknown as { rows: { id: string }[] }).rows;
  if (!first || !second) throw new Error('the registry has fewer than two people');
  const analyst = (personId: string, name: string): Actor => ({
    kind: 'account',
    accountId: uuidv7(),
    email: `${name}@test.invalid`,
    displayName: name,
    personId,
    isAdministrator: true,
    bodyRoles: [],
    authenticatedBy: 'session',
  });
  return [analyst(first.id, 'first-analyst'), analyst(second.id, 'second-analyst')];
}

/**
 * A secretariat account of the consultation's body that acts as a registry person (the demo's
 * secretariat is linked to none, and a coding names its analyst), signed in with `password`.
 */
export async function insertAnalystAccount(
  db: Database,
  options: { bodySlug: string; email: string; personIndex: number; password: string; now: Date },
): Promise<string> {
  const result = await db.execute(
    sql`select id from people where id not in (select person_id from accounts where person_id is not null) order by id offset ${options.personIndex} limit 1`,
  );
  const [person] = (result as unknown as { rows: { id: string }[] }).rows;
  if (!person) throw new Error('the registry has too few people');
  const accountId = uuidv7();
  const passwordHash = await hashPassword(options.password);
  await db.transaction(async (transaction) => {
    await insertAccount(transaction, {
      id: accountId,
      email: options.email,
      displayName: options.email,
      personId: person.id,
      passwordHash,
      isAdministrator: false,
      isDemo: false,
      createdAt: options.now,
    });
    await insertBodyRoleAssignments(transaction, [
      {
        id: uuidv7(),
        accountId,
        bodyId: options.bodySlug,
        role: 'secretariat',
        startsOn: options.now.toISOString().slice(0, 10),
      },
    ]);
  });
  return accountId;
}
