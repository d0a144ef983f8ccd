/**
 * The analysis JSON API (issue 25 part 4) over HTTP with bearer tokens: the codebook, codings of
 * both passes, suggestions, the analysis, the report and "we heard / we did". Each refusal names
 * its rule and changes nothing; a secretariat of another body gets 403 from the use case, a member
 * 403 at the route, no one signed in 401. The decision's API: decision-api.db.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AnalysisApiHarness,
  apiOf as api,
  openAnalysisApiHarness,
} from '../../test/support/consultation-analysis-api.ts';
import { inSecondPassSample } from './coding-rules.ts';
import { selectTallies } from './tally-queries.ts';

let harness: AnalysisApiHarness;
let first: AnalysisApiHarness['first'];
let second: AnalysisApiHarness['second'];
let otherSecretariat: AnalysisApiHarness['otherSecretariat'];
let member: AnalysisApiHarness['member'];
let administrator: AnalysisApiHarness['administrator'];
const call: AnalysisApiHarness['call'] = (...args) => harness.call(...args);
const snapshot: AnalysisApiHarness['snapshot'] = (id) => harness.snapshot(id);
const consultationWithAnswers: AnalysisApiHarness['consultationWithAnswers'] = (...args) =>
  harness.consultationWithAnswers(...args);
const addThemes: AnalysisApiHarness['addThemes'] = (consultation) =>
  harness.addThemes(consultation);

beforeAll(async () => {
  harness = await openAnalysisApiHarness();
  ({ first, second, otherSecretariat, member, administrator } = harness);
});

afterAll(async () => {
  await harness?.close();
});

describe('the codebook and coding over JSON (Gunning 4: "conscientiously taken into account")', () => {
  it('adds themes, codes answers by response number, lists a pass page by page', async () => {
    const { consultation, ids, numberOf } = await consultationWithAnswers(6);
    await addThemes(consultation);
    const codebook = await call('GET', `${api(consultation.slug)}/questions/4/themes`, first);
    expect(codebook.statusCode).toBe(200);
    expect(codebook.json().themes.map((theme: { code: string }) => theme.code)).toEqual([
      'TRAVEL',
      'ACCESS',
    ]);
    for (const [index, id] of ids.slice(0, 3).entries()) {
      const coded = await call('POST', `${api(consultation.slug)}/questions/4/codings`, first, {
        responseNumber: numberOf.get(id),
        codes: [index % 2 === 0 ? 'travel' : 'ACCESS'],
        quote: index % 2 === 0 ? 'takes too long' : 'opening hours',
      });
      expect(coded.statusCode, coded.body).toBe(200);
    }
    const tallies = await selectTallies(harness.database.db, consultation.id);
    expect(
      tallies.filter((row) => row.kind === 'theme').reduce((sum, row) => sum + row.count, 0),
    ).toBe(6); // three coded, each with one theme
    const codings = `${api(consultation.slug)}/questions/4/codings`;
    const page = await call('GET', `${codings}?pass=first&limit=2`, first);
    expect(page.statusCode).toBe(200);
    expect(page.json().codings).toMatchObject([
      { responseNumber: numberOf.get(ids[0]!), codes: ['TRAVEL'], quote: 'takes too long' },
      { responseNumber: numberOf.get(ids[1]!), codes: ['ACCESS'] },
    ]);
    expect(page.json().nextAfter).toBe(numberOf.get(ids[1]!));
    const rest = await call('GET', `${codings}?after=${page.json().nextAfter}&limit=2`, first);
    expect(rest.json()).toMatchObject({ codings: [{ codes: ['TRAVEL'] }], nextAfter: null });
    expect((await call('GET', `${codings}?limit=501`, first)).statusCode).toBe(400);
    expect((await call('GET', `${codings}?pass=second`, first)).json().codings).toEqual([]);
  });

  it('refuses a code not in the codebook, a quote not in the answer and a closed question, changing nothing', async () => {
    const { consultation, ids, numberOf } = await consultationWithAnswers(2);
    await addThemes(consultation);
    const codings = `${api(consultation.slug)}/questions/4/codings`;
    const before = await snapshot(consultation.id);
    const unknown = await call('POST', codings, first, {
      responseNumber: numberOf.get(ids[0]!),
      codes: ['PARKING'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].message).toContain(
      'The theme code PARKING is not in question 4’s codebook (TRAVEL, ACCESS)',
    );
    expect(unknown.json().errors[0].message).toContain('Gunning 4');
    const misquoted = await call('POST', codings, first, {
      responseNumber: numberOf.get(ids[0]!),
      codes: ['TRAVEL'],
      quote: 'three buses',
    });
    expect(misquoted.statusCode).toBe(400);
    expect(misquoted.json().errors[0].message).toContain('The quote is not part of the answer');
    const closedQuestion = await call(
      'POST',
      `${api(consultation.slug)}/questions/1/codings`,
      first,
      {
        responseNumber: numberOf.get(ids[0]!),
        codes: ['TRAVEL'],
      },
    );
    expect(closedQuestion.statusCode).toBe(409);
    expect(closedQuestion.json().detail).toContain(
      'only an open (free-text) question has a codebook',
    );
    const noSuchResponse = await call('POST', codings, first, {
      responseNumber: 999_999_999,
      codes: [],
    });
    expect(noSuchResponse.statusCode).toBe(404);
    const badCode = await call('POST', `${api(consultation.slug)}/questions/4/themes`, first, {
      code: 'NOT A CODE!',
      label: 'Bad',
    });
    expect(badCode.statusCode).toBe(400);
    expect(await snapshot(consultation.id)).toEqual(before);
  });

  it('takes a second pass only by another analyst and only on the sample (Cohen 1960)', async () => {
    const { consultation, ids, numberOf, questionId } = await consultationWithAnswers(60);
    await addThemes(consultation);
    const inSample = ids.find((id) => inSecondPassSample(id, questionId))!;
    const outside = ids.find((id) => !inSecondPassSample(id, questionId))!;
    const codings = `${api(consultation.slug)}/questions/4/codings`;
    for (const id of [inSample, outside]) {
      const coded = await call('POST', codings, first, {
        responseNumber: numberOf.get(id),
        codes: ['TRAVEL'],
      });
      expect(coded.statusCode, coded.body).toBe(200);
    }
    const before = await snapshot(consultation.id);
    const sameAnalyst = await call('POST', codings, first, {
      responseNumber: numberOf.get(inSample),
      pass: 'second',
      codes: ['TRAVEL'],
    });
    expect(sameAnalyst.statusCode).toBe(409);
    expect(sameAnalyst.json().detail).toContain('must be by another analyst than the first');
    expect(sameAnalyst.json().detail).toContain('Cohen 1960');
    const notSampled = await call('POST', codings, second, {
      responseNumber: numberOf.get(outside),
      pass: 'second',
      codes: ['TRAVEL'],
    });
    expect(notSampled.statusCode).toBe(409);
    expect(notSampled.json().detail).toContain('is not in the double-coding sample');
    expect(await snapshot(consultation.id)).toEqual(before);
    const secondPass = await call('POST', codings, second, {
      responseNumber: numberOf.get(inSample),
      pass: 'second',
      codes: ['TRAVEL'],
    });
    expect(secondPass.statusCode, secondPass.body).toBe(200);
    // The second pass changes no tally.
    expect((await snapshot(consultation.id)).tallies).toEqual(before.tallies);
    const listed = await call('GET', `${codings}?pass=second`, first);
    expect(listed.json().codings).toMatchObject([
      { responseNumber: numberOf.get(inSample), codes: ['TRAVEL'] },
    ]);
    const analysis = await call('GET', `${api(consultation.slug)}/analysis`, first);
    expect(analysis.json()).toMatchObject({ doubleCoded: 1 });
  });

  it('refuses the London group’s secretariat (403 from the use case), members (403), no one signed in (401)', async () => {
    const { consultation, ids, numberOf } = await consultationWithAnswers(1);
    await addThemes(consultation);
    const themes = `${api(consultation.slug)}/questions/4/themes`;
    const codings = `${api(consultation.slug)}/questions/4/codings`;
    const before = await snapshot(consultation.id);
    const coding = { responseNumber: numberOf.get(ids[0]!), codes: ['TRAVEL'] };
    for (const headers of [otherSecretariat, member]) {
      expect((await call('GET', themes, headers)).statusCode).toBe(403);
      expect((await call('POST', codings, headers, coding)).statusCode).toBe(403);
      expect((await call('GET', `${api(consultation.slug)}/analysis`, headers)).statusCode).toBe(
        403,
      );
      expect((await call('GET', `${api(consultation.slug)}/decision`, headers)).statusCode).toBe(
        403,
      );
    }
    const refused = await call('POST', codings, otherSecretariat, coding);
    expect(refused.json().detail).toMatch(/secretariat/);
    expect((await call('GET', themes, {})).statusCode).toBe(401);
    expect((await call('POST', codings, {}, coding)).statusCode).toBe(401);
    expect((await call('GET', `${api('no-such-consultation')}/analysis`, first)).statusCode).toBe(
      404,
    );
    // The administrator is not a registry person: a coding names its analyst.
    const unnamed = await call('POST', codings, administrator, coding);
    expect(unnamed.statusCode).toBe(403);
    expect(unnamed.json().detail).toContain('not linked to a person');
    expect(await snapshot(consultation.id)).toEqual(before);
  });
});

describe('suggested themes over JSON', () => {
  it('computes suggestions with their why, lists them, accepts one (coding it) and decides each once', async () => {
    const { consultation, ids, numberOf } = await consultationWithAnswers(30);
    await addThemes(consultation);
    const codings = `${api(consultation.slug)}/questions/4/codings`;
    for (const [index, id] of ids.slice(0, 16).entries()) {
      const coded = await call('POST', codings, first, {
        responseNumber: numberOf.get(id),
        codes: [index % 2 === 0 ? 'TRAVEL' : 'ACCESS'],
      });
      expect(coded.statusCode).toBe(200);
    }
    const suggestions = `${api(consultation.slug)}/questions/4/suggestions`;
    expect((await call('POST', suggestions, first, { count: 201 })).statusCode).toBe(400);
    const made = await call('POST', suggestions, first, { count: 10 });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json().answersLookedAt).toBe(10);
    expect(made.json().suggestionsMade).toBeGreaterThan(0);
    const pending = await call('GET', `${suggestions}?limit=500`, first);
    expect(pending.statusCode).toBe(200);
    const [suggestion] = pending.json().suggestions;
    expect(suggestion.why).toMatch(/“[^”]+” \(/);
    expect(suggestion.confidence).toMatch(/%$/);
    expect(['TRAVEL', 'ACCESS']).toContain(suggestion.code);
    const accepted = await call('POST', `${suggestions}/${suggestion.id}`, first, {
      outcome: 'accepted',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const coded = await call(
      'GET',
      `${codings}?after=${suggestion.responseNumber - 1}&limit=1`,
      first,
    );
    expect(coded.json().codings[0]).toMatchObject({
      responseNumber: suggestion.responseNumber,
      codes: [suggestion.code],
    });
    const before = await snapshot(consultation.id);
    const again = await call('POST', `${suggestions}/${suggestion.id}`, first, {
      outcome: 'rejected',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('already accepted: each is decided once');
    expect(await snapshot(consultation.id)).toEqual(before);
    const left = await call('GET', `${suggestions}?limit=500`, first);
    expect(left.json().suggestions.map((each: { id: string }) => each.id)).not.toContain(
      suggestion.id,
    );
    const other = left.json().suggestions[0];
    const rejected = await call('POST', `${suggestions}/${other.id}`, second, {
      outcome: 'rejected',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toEqual({ outcome: 'rejected' });
    const notOurs = await call(
      'POST',
      `${api(consultation.slug)}/questions/4/suggestions/01900000-0000-7000-8000-0000000000d1`,
      first,
      { outcome: 'accepted' },
    );
    expect(notOurs.statusCode).toBe(404);
    const analysis = await call('GET', `${api(consultation.slug)}/analysis`, first);
    expect(analysis.json()).toMatchObject({
      suggestionsDecided: 2,
      suggestionAgreement: '50%',
      suggestionAgreementPerMille: 500,
    });
  });
});

describe('the analysis, the report and "we heard / we did" over JSON', () => {
  it('reads the analysis from the tallies by category, freezes the report, records the response to a theme', async () => {
    const { consultation, ids, numberOf } = await consultationWithAnswers(3);
    await addThemes(consultation);
    await call('POST', `${api(consultation.slug)}/questions/4/codings`, first, {
      responseNumber: numberOf.get(ids[0]!),
      codes: ['TRAVEL'],
    });
    const analysis = await call('GET', `${api(consultation.slug)}/analysis`, first);
    expect(analysis.statusCode).toBe(200);
    const fourth = analysis.json().questions[3];
    expect(fourth).toMatchObject({ number: 4, isOpen: true, answered: 3, coded: 1, uncoded: 2 });
    expect(fourth.rows[0]).toMatchObject({
      code: 'TRAVEL',
      total: 1,
      byCategory: { public: 0, 'nhs-staff': 0, clinician: 1, organisation: 0 },
      kappaValue: null,
    });
    expect(analysis.json().pooledKappaValue).toBeNull();
    expect(analysis.body).not.toContain('<svg');
    const report = `${api(consultation.slug)}/analysis/report`;
    expect((await call('GET', report, first)).json().report).toBeNull();
    const produced = await call('POST', report, first);
    expect(produced.statusCode).toBe(201);
    expect(produced.json().version).toBe(1);
    const read = await call('GET', report, first);
    expect(read.json()).toMatchObject({
      report: {
        version: 1,
        producedOn: '23 November 2026',
        questions: [{ number: 1 }, {}, {}, { coded: 1 }],
      },
      themesWithoutResponse: 2,
    });
    const response = `${api(consultation.slug)}/analysis/questions/4/themes/travel/response`;
    const before = await snapshot(consultation.id);
    const empty = await call('PUT', response, first, {
      weHeard: 'The bus takes too long.',
      weDid: ' ',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('weDid');
    expect(await snapshot(consultation.id)).toEqual(before);
    const recorded = await call('PUT', response, first, {
      weHeard: 'The bus takes too long.',
      weDid: 'Transport for London will add routes.',
    });
    expect(recorded.statusCode, recorded.body).toBe(204);
    const codebook = await call('GET', `${api(consultation.slug)}/questions/4/themes`, first);
    expect(codebook.json().themes[0]).toMatchObject({
      code: 'TRAVEL',
      weDid: 'Transport for London will add routes.',
    });
    expect((await call('GET', report, first)).json().themesWithoutResponse).toBe(1);
  });
});
