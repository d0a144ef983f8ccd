/**
 * Tests only: what the analysis and decision API tests share — a seeded app, two analysts of the
 * Joint Committee (registry people, bearer tokens), the London group's secretariat (runs none of
 * its consultations), a member and the administrator; a JSON caller; a consultation with answers
 * to its free-text question; and a snapshot of what a refusal must leave alone.
 */
import { count, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { selectTallies } from '../../src/consultations/tally-queries.ts';
import {
  insertAnalystAccount,
  insertTestResponses,
} from '../../src/consultations/testing/analysis-fixture.ts';
import {
  insertTestConsultation,
  type TestConsultation,
} from '../../src/consultations/testing/consultation-fixture.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { auditEvents } from '../../src/db/schema/audit.ts';
import { consultationCodings, consultationResponses } from '../../src/db/schema/consultations.ts';
import type { App } from '../../src/http/app-types.ts';
import { createApiToken } from '../../src/identity/account-service.ts';
import { loadAccountActor } from '../../src/identity/index.ts';
import { bearerFor } from './demo-actors.ts';
import { buildSeededTestApp, fixedNow } from './test-app.ts';
import { openTestDatabase } from './test-database.ts';

type Headers = Record<string, string>;

export const apiOf = (slug: string) => `/api/v1/consultations/${slug}`;

const travel = (n: number) => `The bus journey to the hospital takes too long, stop ${n}.`;
const access = (n: number) => `My GP surgery opening hours are too short, week ${n}.`;

function injectJson(
  app: App,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  headers: Headers,
  payload?: unknown,
) {
  return app.inject({
    method,
    url,
    headers,
    ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
  });
}

export interface AnalysisApiHarness {
  database: DatabaseHandle;
  app: App;
  first: Headers;
  second: Headers;
  otherSecretariat: Headers;
  member: Headers;
  administrator: Headers;
  call(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    headers: Headers,
    payload?: unknown,
  ): ReturnType<typeof injectJson>;
  snapshot(consultationId: string): Promise<{ codings: number; audits: number; tallies: string }>;
  consultationWithAnswers(
    size: number,
    options?: Partial<Parameters<typeof insertTestConsultation>[1]>,
  ): Promise<{
    consultation: TestConsultation;
    ids: string[];
    numberOf: Map<string, number>;
    questionId: string;
  }>;
  addThemes(consultation: TestConsultation): Promise<void>;
  close(): Promise<void>;
}

export async function openAnalysisApiHarness(): Promise<AnalysisApiHarness> {
  const database = await openTestDatabase();
  const app = await buildSeededTestApp(database);

  async function analystBearer(email: string, personIndex: number) {
    const accountId = await insertAnalystAccount(database.db, {
      bodySlug: 'joint-committee-of-pcts',
      email,
      personIndex,
      password: 'analyst-password-1',
      now: fixedNow,
    });
    const actor = await loadAccountActor(database.db, accountId, fixedNow, {
      authenticatedBy: 'session',
    });
    if (actor?.kind !== 'account') throw new Error('no analyst');
    const { token } = await createApiToken({
      db: database.db,
      actor,
      name: email,
      scope: 'write',
      now: fixedNow,
    });
    return { authorization: `Bearer ${token}` };
  }

  const first = await analystBearer('first-api-analyst@test.invalid', 0);
  const harness: AnalysisApiHarness = {
    database,
    app,
    first,
    second: await analystBearer('second-api-analyst@test.invalid', 1),
    // The demo secretariat is the London group's: it runs none of the Joint Committee's consultations.
    otherSecretariat: await bearerFor(app, 'secretariat'),
    member: await bearerFor(app, 'member'),
    administrator: await bearerFor(app, 'administrator'),

    call: (method, url, headers, payload) => injectJson(app, method, url, headers, payload),

    /** The counts a refusal must leave alone: codings, audit events and the tallies. */
    async snapshot(consultationId) {
      const [codings] = await database.db.select({ n: count() }).from(consultationCodings);
      const [audits] = await database.db.select({ n: count() }).from(auditEvents);
      return {
        codings: codings!.n,
        audits: audits!.n,
        tallies: JSON.stringify(await selectTallies(database.db, consultationId)),
      };
    },

    /** A consultation with `size` free-text answers to question 4, alternating travel and access. */
    async consultationWithAnswers(size, options = {}) {
      const consultation = await insertTestConsultation(database.db, {
        now: fixedNow,
        ...options,
      });
      const text = consultation.questions[3]!;
      const ids = await insertTestResponses(
        database.db,
        consultation,
        fixedNow,
        Array.from({ length: size }, (_, n) => ({
          category: n % 3 === 0 ? ('clinician' as const) : ('public' as const),
          answers: { [text.id]: n % 2 === 0 ? travel(n) : access(n) },
        })),
      );
      const rows = await database.db
        .select({ id: consultationResponses.id, number: consultationResponses.number })
        .from(consultationResponses)
        .where(eq(consultationResponses.consultationId, consultation.id));
      const numberOf = new Map(rows.map((row) => [row.id, row.number]));
      return { consultation, ids, numberOf, questionId: text.id };
    },

    async addThemes(consultation) {
      for (const [code, label] of [
        ['TRAVEL', 'Travel to hospital'],
        ['ACCESS', 'Access to a GP'],
      ] as const) {
        const added = await harness.call(
          'POST',
          `${apiOf(consultation.slug)}/questions/4/themes`,
          first,
          { code, label },
        );
        expect(added.statusCode, added.body).toBe(201);
      }
    },

    async close() {
      await app.close();
      await database.close();
    },
  };
  return harness;
}
