/**
 * The decision following consultation over JSON (issue 25 part 5; Gunning 4: responses
 * "conscientiously taken into account"), and the OpenAPI document of the analysis and decision
 * API. Refusals name Gunning 4 and change nothing.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AnalysisApiHarness,
  apiOf as api,
  openAnalysisApiHarness,
} from '../../test/support/consultation-analysis-api.ts';
import { fixedNow } from '../../test/support/test-app.ts';
import { consultations } from '../db/schema/consultations.ts';

let harness: AnalysisApiHarness;
let first: AnalysisApiHarness['first'];
let otherSecretariat: AnalysisApiHarness['otherSecretariat'];
let administrator: AnalysisApiHarness['administrator'];
const call: AnalysisApiHarness['call'] = (...args) => harness.call(...args);
const snapshot: AnalysisApiHarness['snapshot'] = (id) => harness.snapshot(id);
const consultationWithAnswers: AnalysisApiHarness['consultationWithAnswers'] = (...args) =>
  harness.consultationWithAnswers(...args);
const addThemes: AnalysisApiHarness['addThemes'] = (consultation) =>
  harness.addThemes(consultation);

beforeAll(async () => {
  harness = await openAnalysisApiHarness();
  ({ first, otherSecretariat, administrator } = harness);
});

afterAll(async () => {
  await harness?.close();
});

describe('the OpenAPI document', () => {
  it('describes every analysis and decision route', async () => {
    const document = (await harness.app.inject('/api/v1/openapi.json')).json();
    const paths = Object.keys(document.paths);
    for (const path of [
      '/api/v1/consultations/{slug}/questions/{number}/themes',
      '/api/v1/consultations/{slug}/questions/{number}/codings',
      '/api/v1/consultations/{slug}/questions/{number}/suggestions',
      '/api/v1/consultations/{slug}/questions/{number}/suggestions/{suggestionId}',
      '/api/v1/consultations/{slug}/analysis',
      '/api/v1/consultations/{slug}/analysis/report',
      '/api/v1/consultations/{slug}/analysis/questions/{number}/themes/{code}/response',
      '/api/v1/consultations/{slug}/decision',
      '/api/v1/consultations/{slug}/decision/outcome',
    ])
      expect(paths).toContain(path);
    expect(
      document.paths['/api/v1/consultations/{slug}/questions/{number}/codings'].post.summary,
    ).toContain('Gunning 4');
  });
});

describe('the decision following consultation over JSON (Gunning 4)', () => {
  const closed = {
    stage: 'approved' as const,
    opensAt: new Date('2026-08-01T09:00:00Z'),
    closesAt: new Date('2026-11-01T17:00:00Z'),
  };

  async function meeting(title: string) {
    const scheduled = await call(
      'POST',
      '/api/v1/bodies/joint-committee-of-pcts/meetings',
      administrator,
      {
        title,
        startsAt: '2026-12-15T14:00:00Z',
        location: 'Southside, 105 Victoria Street',
        noticeGivenOn: '2026-12-01',
      },
    );
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    return scheduled.json().meetingId as string;
  }

  it('shows the refusals and refuses to put the decision without a report, changing nothing', async () => {
    const { consultation } = await consultationWithAnswers(1, closed);
    const meetingId = await meeting('Joint Committee, no report (API)');
    const shown = await call('GET', `${api(consultation.slug)}/decision`, first);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ stage: 'approved', meetingChoices: [], question: null });
    expect(shown.json().refusals[0]).toContain('No analysis report has been produced');
    const before = await snapshot(consultation.id);
    const refused = await call('POST', `${api(consultation.slug)}/decision`, first, { meetingId });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('Gunning principle 4: responses');
    expect(refused.json().detail).toContain('“conscientiously taken into account”');
    expect(await snapshot(consultation.id)).toEqual(before);
    const [row] = await harness.database.db
      .select({ stage: consultations.stage })
      .from(consultations)
      .where(eq(consultations.id, consultation.id));
    expect(row!.stage).toBe('approved');
  });

  it('refuses to put the decision before the close, naming the closing date (Gunning 4)', async () => {
    const { consultation } = await consultationWithAnswers(1, {
      stage: 'approved',
      opensAt: new Date('2026-11-01T09:00:00Z'),
      closesAt: new Date('2027-02-01T17:00:00Z'),
    });
    expect(
      (await call('POST', `${api(consultation.slug)}/analysis/report`, first)).statusCode,
    ).toBe(201);
    const meetingId = await meeting('Joint Committee, too early (API)');
    const before = await snapshot(consultation.id);
    const refused = await call('POST', `${api(consultation.slug)}/decision`, first, { meetingId });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain(
      'The consultation has not closed (it closes on 1 February 2027)',
    );
    expect(await snapshot(consultation.id)).toEqual(before);
    // Deciding is for those running it: the London group's secretariat is refused on the record.
    const other = await call('POST', `${api(consultation.slug)}/decision`, otherSecretariat, {
      meetingId,
    });
    expect(other.statusCode).toBe(403);
  });

  it('puts the decision to a meeting once closed, reported and answered, and records it decided', async () => {
    const { consultation } = await consultationWithAnswers(1, closed);
    await addThemes(consultation);
    for (const code of ['TRAVEL', 'ACCESS']) {
      const answered = await call(
        'PUT',
        `${api(consultation.slug)}/analysis/questions/4/themes/${code}/response`,
        first,
        { weHeard: `We heard about ${code}.`, weDid: `We changed ${code}.` },
      );
      expect(answered.statusCode).toBe(204);
    }
    expect(
      (await call('POST', `${api(consultation.slug)}/analysis/report`, first)).statusCode,
    ).toBe(201);
    const meetingId = await meeting('Joint Committee, the decision (API)');
    const shown = await call('GET', `${api(consultation.slug)}/decision`, first);
    expect(shown.json().refusals).toEqual([]);
    expect(shown.json().meetingChoices.map((choice: { id: string }) => choice.id)).toContain(
      meetingId,
    );
    const put = await call('POST', `${api(consultation.slug)}/decision`, first, { meetingId });
    expect(put.statusCode, put.body).toBe(201);
    expect(put.json().meetingId).toBe(meetingId);
    const early = await call('POST', `${api(consultation.slug)}/decision/outcome`, first);
    expect(early.statusCode).toBe(409);
    await harness.database.db.execute(
      sql`update proposals set status = 'closed', outcome = 'carried', result = '{"outcome":"carried"}'::jsonb, closed_at = ${fixedNow} where id = ${put.json().proposalId}`,
    );
    const recorded = await call('POST', `${api(consultation.slug)}/decision/outcome`, first);
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toEqual({
      stage: 'decided',
      outcome: 'Carried',
      proposalId: put.json().proposalId,
    });
    const after = await call('GET', `${api(consultation.slug)}/decision`, first);
    expect(after.json()).toMatchObject({ stage: 'decided', question: { outcome: 'Carried' } });
  });
});
