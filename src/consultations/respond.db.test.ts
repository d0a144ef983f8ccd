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
import { openTestDatabase } from '../../test/support/test-database.ts';
import { buildApp } from '../app.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import {
  consultationComments,
  consultationEvents,
  consultationResponses,
} from '../db/schema/consultations.ts';
import type { App } from '../http/app-types.ts';
import { anonymousActor } from '../shared/actor.ts';
import { responseQuota } from './respond-rules.ts';
import { submitResponse } from './submit-response.ts';
import { selectResponseCounts, selectTallies } from './tally-queries.ts';
import { insertTestConsultation, type TestConsultation } from './testing/consultation-fixture.ts';

// The test clock is 2026-11-23 10:00 (fixedNow). `open` runs from a week before to 91 days after;
// `closed` ran from 100 days before to the day before.
const day = 24 * 60 * 60 * 1000;
let database: DatabaseHandle;
let app: App;
let open: TestConsultation;
let closed: TestConsultation;
let nextAddress = 1;
const freshAddress = () => `10.25.${nextAddress >> 8}.${nextAddress++ & 255}`;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  open = await insertTestConsultation(database.db, { now: fixedNow });
  closed = await insertTestConsultation(database.db, {
    now: fixedNow,
    opensAt: new Date(fixedNow.getTime() - 100 * day),
    closesAt: new Date(fixedNow.getTime() - day),
  });
});

afterAll(async () => {
  await database?.close();
});

/** Opens the form and posts it as a browser without JavaScript would, from one address. */
async function postForm(
  path: string,
  fields: Record<string, string | string[]>,
  options: { address?: string; cookies?: string } = {},
) {
  const address = options.address ?? freshAddress();
  const form = await app.inject({
    url: path,
    remoteAddress: address,
    headers: { cookie: options.cookies ?? '' },
  });
  const cookies = cookieHeader(form.headers['set-cookie'], options.cookies ?? '');
  const body = new URLSearchParams();
  body.append('_csrf', csrfTokenIn(form.body));
  for (const [key, value] of Object.entries(fields)) {
    for (const each of [value].flat()) body.append(key, each);
  }
  return app.inject({
    method: 'POST',
    url: path,
    remoteAddress: address,
    headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

const respondPath = (consultation: TestConsultation) =>
  `/consultations/${consultation.slug}/respond`;

async function tally(consultation: TestConsultation, questionIndex: number, key: string) {
  const question = consultation.questions[questionIndex]!;
  const kind = question.kind === 'free-text' ? 'answered' : 'choice';
  return (await selectTallies(database.db, consultation.id))
    .filter((row) => row.questionId === question.id && row.kind === kind && row.key === key)
    .reduce((sum, row) => sum + row.count, 0);
}

/** The responses that count for the analysis's totals, online from members of the public. */
async function publicOnline(consultation: TestConsultation) {
  return (await selectResponseCounts(database.db, consultation.id))
    .filter((row) => row.channel === 'online' && row.respondentCategory === 'public')
    .reduce((sum, row) => sum + row.count, 0);
}

async function responseByNumber(number: number) {
  const [row] = await database.db
    .select()
    .from(consultationResponses)
    .where(eq(consultationResponses.number, number));
  return row!;
}

const numberIn = (html: string) =>
  Number(/Your response is number ([\d,]+)/.exec(html)?.[1]?.replaceAll(',', ''));

describe('the public form (2008 "Healthcare for London" bullet 1: "taking full account of all the comments received")', () => {
  it('takes a response without an account, gives its number and counts it in the same transaction', async () => {
    const before = await tally(open, 0, 'Agree');
    const response = await postForm(respondPath(open), {
      respondentCategory: 'public',
      'question-1': 'Agree',
      'question-2': ['GP appointments', 'Diagnostics'],
      'question-4': 'Polyclinics should open in the evenings for working people.',
      'comment-5.2': 'Travel times to the stroke units worry me.',
      website: '',
      intent: 'submit',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toMatch(/Your response is number [\d,]+\./);
    const row = await responseByNumber(numberIn(response.body));
    expect(row).toMatchObject({
      state: 'submitted',
      channel: 'online',
      respondentCategory: 'public',
    });
    expect(Object.keys(row.answers)).toHaveLength(3);
    expect(await tally(open, 0, 'Agree')).toBe(before + 1);
    expect(await tally(open, 1, 'Diagnostics')).toBeGreaterThanOrEqual(1);
    const comments = await database.db
      .select()
      .from(consultationComments)
      .where(eq(consultationComments.responseId, row.id));
    expect(comments.map((comment) => comment.sectionId)).toEqual([open.sections[1]!.id]);
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityId, row.id),
          eq(auditEvents.action, 'consultation-response.submitted'),
        ),
      );
    expect(audit).toBeDefined();
  });

  it('shows the form with every question kind and the categories in plain names; ?section= puts that comment box first', async () => {
    const page = await app.inject(`${respondPath(open)}?section=5.2`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Member of the public');
    expect(page.body).toContain('Organisation responding on behalf of its members');
    expect(page.body).toContain('type="checkbox"');
    expect(page.body).toContain('Leave this blank');
    expect(page.body.indexOf('id="comment-5.2"')).toBeLessThan(
      page.body.indexOf('id="comment-4.1"'),
    );
    expect(page.body.indexOf('id="comment-5.2"')).toBeLessThan(page.body.indexOf('Questions'));
  });

  it('refuses an empty response, naming the rule, and writes nothing', async () => {
    const before = await database.db.$count(consultationResponses);
    const response = await postForm(respondPath(open), {
      respondentCategory: 'clinician',
      'question-4': '   ',
      intent: 'submit',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The response is empty');
    expect(response.body).toContain('There is a problem');
    expect(await database.db.$count(consultationResponses)).toBe(before);
  });

  it('refuses a response after the close with the rule and its dates, and writes nothing', async () => {
    const before = await database.db.$count(consultationResponses);
    const response = await postForm(respondPath(closed), {
      respondentCategory: 'public',
      'question-1': 'Agree',
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('closed on 22 November 2026 at 10:00');
    expect(response.body).toContain('Business development');
    expect(await database.db.$count(consultationResponses)).toBe(before);
    const api = await app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${closed.slug}/responses`,
      remoteAddress: freshAddress(),
      payload: { respondentCategory: 'public', answers: { '1': 'Agree' } },
    });
    expect(api.statusCode).toBe(409);
    expect(api.json()).toMatchObject({ code: 'consultation-not-open' });
  });

  it('asks an organisation for its name, and keeps consent to publish for organisations only', async () => {
    const unnamed = await postForm(respondPath(open), {
      respondentCategory: 'organisation',
      'question-1': 'Disagree',
    });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.body).toContain('Give the name of the organisation');
    const person = await postForm(respondPath(open), {
      respondentCategory: 'public',
      publishConsent: 'yes',
      'question-1': 'Disagree',
    });
    expect((await responseByNumber(numberIn(person.body))).publishConsent).toBe(false);
  });
});

describe('floods and duplicates, without losing a genuine response (decision 045)', () => {
  it('holds a response that filled the honeypot, uncounted, until the runners release it and it counts', async () => {
    const before = await tally(open, 0, 'Strongly disagree');
    const countedBefore = await publicOnline(open);
    const response = await postForm(respondPath(open), {
      respondentCategory: 'public',
      'question-1': 'Strongly disagree',
      'further-comments': 'http://spam.example',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('kept for a member of the consultation team');
    const number = numberIn(response.body);
    expect((await responseByNumber(number)).state).toBe('held');
    expect(await tally(open, 0, 'Strongly disagree')).toBe(before);
    expect(await publicOnline(open)).toBe(countedBefore);

    const { cookies } = await signInThroughForm(app, demoEmails.administrator);
    const held = await app.inject({
      url: `/consultations/${open.slug}/responses?filter=held`,
      headers: { cookie: cookies },
    });
    expect(held.statusCode).toBe(200);
    expect(held.body).toContain(`Response ${number.toLocaleString('en-GB')}`);
    const page = await app.inject({
      url: `/consultations/${open.slug}/responses/${number}`,
      headers: { cookie: cookies },
    });
    const released = await app.inject({
      method: 'POST',
      url: `/consultations/${open.slug}/responses/${number}`,
      headers: {
        cookie: cookieHeader(page.headers['set-cookie'], cookies),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), action: 'release' }).toString(),
    });
    expect(released.statusCode, released.body).toBe(303);
    expect((await responseByNumber(number)).state).toBe('submitted');
    expect(await tally(open, 0, 'Strongly disagree')).toBe(before + 1);
    expect(await publicOnline(open)).toBe(countedBefore + 1);
    // Released twice is refused, counted once.
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${open.slug}/responses/${number}/review`,
      headers: await bearerFor(app, 'administrator'),
      payload: { action: 'release' },
    });
    expect(again.statusCode).toBe(409);
    expect(await tally(open, 0, 'Strongly disagree')).toBe(before + 1);
  });

  it('flags a response with the same text as a suspected duplicate, still counted; confirmed, it stops counting', async () => {
    const campaign = 'Save our A&E at Central Middlesex hospital, do not close it!';
    const first = await postForm(respondPath(open), {
      respondentCategory: 'public',
      'question-1': 'Neither',
      'question-4': campaign,
    });
    const before = await tally(open, 0, 'Neither');
    const countedBefore = await publicOnline(open);
    const second = await postForm(respondPath(open), {
      respondentCategory: 'public',
      'question-1': 'Neither',
      'question-4': '  save OUR a&e at central middlesex hospital -- do not close it ',
    });
    const firstRow = await responseByNumber(numberIn(first.body));
    const secondNumber = numberIn(second.body);
    expect((await responseByNumber(secondNumber)).duplicateOfResponseId).toBe(firstRow.id);
    expect(await tally(open, 0, 'Neither')).toBe(before + 1);
    expect(await publicOnline(open)).toBe(countedBefore + 1);

    const { cookies } = await signInThroughForm(app, demoEmails.administrator);
    const sideBySide = await app.inject({
      url: `/consultations/${open.slug}/responses/${secondNumber}`,
      headers: { cookie: cookies },
    });
    expect(sideBySide.body).toContain(`which it repeats`);
    expect(sideBySide.body).toContain('Confirm it is a duplicate');

    const admin = await bearerFor(app, 'administrator');
    const confirmed = await app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${open.slug}/responses/${secondNumber}/review`,
      headers: admin,
      payload: { action: 'confirm-duplicate' },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await tally(open, 0, 'Neither')).toBe(before);
    expect(await publicOnline(open)).toBe(countedBefore);
    expect((await responseByNumber(secondNumber)).duplicateConfirmedAt).not.toBeNull();
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'consultation-response.confirm-duplicate'));
    expect(events.length).toBeGreaterThanOrEqual(1);
  });

  it('clears a suspicion: the response stays counted and is no longer a suspected duplicate', async () => {
    const text = 'We need more district nurses across the outer boroughs of London.';
    await postForm(respondPath(open), { respondentCategory: 'nhs-staff', 'question-4': text });
    const second = await postForm(respondPath(open), {
      respondentCategory: 'nhs-staff',
      'question-4': text,
    });
    const number = numberIn(second.body);
    const cleared = await app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${open.slug}/responses/${number}/review`,
      headers: await bearerFor(app, 'administrator'),
      payload: { action: 'clear-duplicate' },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const row = await responseByNumber(number);
    expect(row.duplicateOfResponseId).toBeNull();
    expect(row.state).toBe('submitted');
  });

  it(`answers 429 after ${responseQuota.max} accepted responses an hour from one address, keeping what was typed`, async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    let last = await app.inject({ url: '/' });
    for (let attempt = 0; attempt <= responseQuota.max; attempt += 1) {
      last = await postForm(
        respondPath(open),
        { respondentCategory: 'public', 'question-4': `My own words, attempt number ${attempt}.` },
        { address },
      );
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, responseQuota.max).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.body).toContain('Too many responses from this connection');
    expect(last.body).toContain(`My own words, attempt number ${responseQuota.max}.`);
    expect(last.body).not.toContain('decision 045');
  });

  it('lets "Save and finish later" save after a 429, as the refusal advises', async () => {
    const address = freshAddress();
    for (let attempt = 0; attempt < responseQuota.max; attempt += 1) {
      const sent = await postForm(
        respondPath(open),
        { respondentCategory: 'public', 'question-4': `Words sent from a library, ${attempt}.` },
        { address },
      );
      expect(sent.statusCode, sent.body).toBe(200);
    }
    const refused = await postForm(
      respondPath(open),
      { respondentCategory: 'public', 'question-4': 'The twenty-first person in the library.' },
      { address },
    );
    expect(refused.statusCode).toBe(429);
    const saved = await postForm(
      respondPath(open),
      {
        respondentCategory: 'public',
        'question-4': 'The twenty-first person in the library.',
        intent: 'save',
      },
      { address },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).toMatch(/href="http[^"]+\/consultations\/[^"]+\/respond\/[^"]+"/);
  });

  it('shares one bucket between the form and the API: the API is no way round the limit', async () => {
    const address = freshAddress();
    for (let attempt = 0; attempt < responseQuota.max; attempt += 1) {
      const sent = await postForm(
        respondPath(open),
        { respondentCategory: 'public', 'question-4': `Words sent through the form, ${attempt}.` },
        { address },
      );
      expect(sent.statusCode, sent.body).toBe(200);
    }
    const byApi = await app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${open.slug}/responses`,
      remoteAddress: address,
      payload: { respondentCategory: 'public', answers: { '4': 'Words sent by a script.' } },
    });
    expect(byApi.statusCode, byApi.body).toBe(429);
    expect(byApi.json().code).toBe('too-many-responses');
  });

  it(`counts only accepted responses: ${responseQuota.max} refused posts (empty, closed) then a genuine one is taken`, async () => {
    const address = freshAddress();
    for (let attempt = 0; attempt < responseQuota.max; attempt += 1) {
      const refused =
        attempt % 2 === 0
          ? await postForm(respondPath(open), { respondentCategory: 'public' }, { address })
          : await postForm(
              respondPath(closed),
              { respondentCategory: 'public', 'question-4': 'Too late, sadly.' },
              { address },
            );
      expect([400, 409]).toContain(refused.statusCode);
    }
    const before = await publicOnline(open);
    const accepted = await postForm(
      respondPath(open),
      { respondentCategory: 'public', 'question-4': 'At last my genuine response goes through.' },
      { address },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await publicOnline(open)).toBe(before + 1);
  });
});

describe('a consultation not yet approved is not published: its public routes answer 404, as its own page', () => {
  for (const stage of ['preparing', 'approval-put'] as const) {
    it(`answers 404 on the form, its resume link and the organisations' responses (pages and API) while ${stage}`, async () => {
      const unpublished = await insertTestConsultation(database.db, { now: fixedNow, stage });
      const base = `/consultations/${unpublished.slug}`;
      for (const url of [
        `${base}/respond`,
        `${base}/respond/some-secret`,
        `${base}/organisation-responses`,
        `/api/v1${base}/organisation-responses`,
      ]) {
        const response = await app.inject({ url });
        expect(response.statusCode, url).toBe(404);
        expect(response.body).not.toContain('not yet approved');
      }
      const byApi = await app.inject({
        method: 'POST',
        url: `/api/v1${base}/responses`,
        remoteAddress: freshAddress(),
        payload: { respondentCategory: 'public', answers: { '4': 'Is this out yet?' } },
      });
      expect(byApi.statusCode, byApi.body).toBe(404);
      const page = await app.inject({ url: base });
      expect(page.statusCode).toBe(404);
    });
  }

  it("still opens the form to the consultation's runners while it is prepared", async () => {
    const unpublished = await insertTestConsultation(database.db, {
      now: fixedNow,
      stage: 'preparing',
    });
    const form = await app.inject({
      url: `/api/v1/consultations/${unpublished.slug}/organisation-responses`,
      headers: await bearerFor(app, 'administrator'),
    });
    // The organisations' responses are public only: not published, not found, to anyone.
    expect(form.statusCode).toBe(404);
    const { cookies } = await signInThroughForm(app, demoEmails.administrator);
    const page = await app.inject({
      url: `/consultations/${unpublished.slug}/respond`,
      headers: { cookie: cookies },
    });
    expect(page.statusCode, page.body).toBe(200);
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  it("limits each person by their own address, not the proxy's", async () => {
    const proxied = await buildApp({
      database,
      config: testConfig({ TRUST_PROXY: '1' }),
      logger: false,
      now: () => fixedNow,
    });
    try {
      const proxy = freshAddress();
      for (let person = 0; person <= responseQuota.max; person += 1) {
        const sent = await proxied.inject({
          method: 'POST',
          url: `/api/v1/consultations/${open.slug}/responses`,
          remoteAddress: proxy,
          headers: { 'x-forwarded-for': freshAddress() },
          payload: {
            respondentCategory: 'public',
            answers: { '4': `Person ${person} at a roadshow.` },
          },
        });
        expect(sent.statusCode, sent.body).toBe(201);
      }
    } finally {
      await proxied.close();
    }
  });
});

describe('save and finish later', () => {
  it('keeps a draft (not counted) behind a resume link whose secret is not stored, refills the form and submits it', async () => {
    const before = await tally(open, 2, '30 to 45 minutes');
    const saved = await postForm(respondPath(open), {
      respondentCategory: 'clinician',
      'question-3': '30 to 45 minutes',
      'comment-4.1': 'Polyclinics need diagnostics on site.',
      intent: 'save',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // The whole address, to copy (review L5); the page is never cached, as it holds the secret.
    expect(saved.headers['cache-control']).toBe('no-store');
    const address = /href="(http[^"]+\/consultations\/[^"]+\/respond\/[^"]+)"/.exec(
      saved.body,
    )?.[1];
    expect(address).toBeDefined();
    expect(saved.body).toContain(
      `<code id="resume-address" class="concordat-break-anywhere">${address}</code>`,
    );
    const link = new URL(address!).pathname;
    const secret = link!.split('/').at(-1)!;
    const drafts = await database.db
      .select()
      .from(consultationResponses)
      .where(eq(consultationResponses.state, 'draft'));
    expect(drafts.some((draft) => draft.resumeTokenHash?.includes(secret))).toBe(false);
    expect(await tally(open, 2, '30 to 45 minutes')).toBe(before);

    const resumed = await app.inject(link!);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.headers['cache-control']).toBe('no-store');
    expect(resumed.body).toContain('Continue your response');
    expect(resumed.body).toMatch(/value="30 to 45 minutes" checked/);
    expect(resumed.body).toContain('Polyclinics need diagnostics on site.');

    const sent = await postForm(link!, {
      respondentCategory: 'clinician',
      'question-3': '30 to 45 minutes',
      'comment-4.1': 'Polyclinics need diagnostics on site.',
      intent: 'submit',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const row = await responseByNumber(numberIn(sent.body));
    expect(row.state).toBe('submitted');
    expect(row.resumeTokenHash).toBeNull();
    expect(await tally(open, 2, '30 to 45 minutes')).toBe(before + 1);
    // The link opens drafts only: once sent, it opens nothing.
    expect((await app.inject(link!)).statusCode).toBe(404);
  });

  it('after the close, the resume link says the consultation closed', async () => {
    const saved = await submitResponse({
      db: database.db,
      context: { actor: 'test', now: new Date(fixedNow.getTime() - 10 * day) },
      actor: anonymousActor,
      slug: closed.slug,
      input: { respondentCategory: 'public', answers: {} },
      intent: 'save',
    });
    const link = `/consultations/${closed.slug}/respond/${saved.resumeSecret}`;
    const page = await app.inject(link);
    expect(page.body).toContain('closed on 22 November 2026 at 10:00');
    const sent = await postForm(link, { respondentCategory: 'public', 'question-1': 'Agree' });
    expect(sent.statusCode).toBe(409);
  });
});

describe("organisations' responses, published after the close with consent only, once the team has read them (review M8)", () => {
  it('shows nothing before the close, and after it only the organisations that agreed and the team cleared', async () => {
    const during = new Date(fixedNow.getTime() - 10 * day);
    const numbers: Record<string, number> = {};
    for (const [name, consent] of [
      ['Brent Patients Forum', true],
      ['Harrow Carers Network', false],
      ['Ealing Residents Association', true],
    ] as const) {
      numbers[name] = (
        await submitResponse({
          db: database.db,
          context: { actor: 'test', now: during },
          actor: anonymousActor,
          slug: closed.slug,
          input: {
            respondentCategory: 'organisation',
            organisationName: name,
            publishConsent: consent,
            answers: { [closed.questions[0]!.id]: 'Agree' },
          },
          intent: 'submit',
        })
      ).number;
    }
    const unread = await app.inject(`/consultations/${closed.slug}/organisation-responses`);
    expect(unread.statusCode).toBe(200);
    expect(unread.body).not.toContain('Brent Patients Forum');

    const { cookies } = await signInThroughForm(app, demoEmails.administrator);
    const staffPost = async (number: number, fields: Record<string, string>) => {
      const page = await app.inject({
        url: `/consultations/${closed.slug}/responses/${number}`,
        headers: { cookie: cookies },
      });
      return app.inject({
        method: 'POST',
        url: `/consultations/${closed.slug}/responses/${number}`,
        headers: {
          cookie: cookieHeader(page.headers['set-cookie'], cookies),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
      });
    };
    const toCheck = await app.inject({
      url: `/consultations/${closed.slug}/responses?filter=publication-check`,
      headers: { cookie: cookies },
    });
    expect(toCheck.body).toContain(`Response ${numbers['Brent Patients Forum']}`);
    expect(toCheck.body).not.toContain(`Response ${numbers['Harrow Carers Network']}<`);
    // Withholding needs its reason: the page again, nothing changed.
    const noReason = await staffPost(numbers['Ealing Residents Association']!, {
      action: 'withhold',
      reason: '  ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why it is withheld from publication');
    expect(
      (await responseByNumber(numbers['Ealing Residents Association']!)).publicationDecision,
    ).toBeNull();
    // One without consent is never published, so there is nothing to clear.
    const noConsent = await app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${closed.slug}/responses/${numbers['Harrow Carers Network']}/review`,
      headers: await bearerFor(app, 'administrator'),
      payload: { action: 'publish' },
    });
    expect(noConsent.statusCode).toBe(409);
    expect(
      (await staffPost(numbers['Brent Patients Forum']!, { action: 'publish' })).statusCode,
    ).toBe(303);
    expect(
      (
        await staffPost(numbers['Ealing Residents Association']!, {
          action: 'withhold',
          reason: 'It names a patient and her consultant.',
        })
      ).statusCode,
    ).toBe(303);
    const [withheld] = await database.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'consultation-response.withhold'),
          eq(
            auditEvents.entityId,
            (await responseByNumber(numbers['Ealing Residents Association']!)).id,
          ),
        ),
      );
    expect(withheld?.after).toMatchObject({
      publicationDecision: 'withhold',
      publicationReason: 'It names a patient and her consultant.',
    });

    const published = await app.inject(`/consultations/${closed.slug}/organisation-responses`);
    expect(published.statusCode).toBe(200);
    expect(published.body).toContain('Brent Patients Forum');
    expect(published.body).not.toContain('Harrow Carers Network');
    expect(published.body).not.toContain('Ealing Residents Association');
    const api = await app.inject(`/api/v1/consultations/${closed.slug}/organisation-responses`);
    expect(
      api.json().responses.map((each: { organisationName: string }) => each.organisationName),
    ).toEqual(['Brent Patients Forum']);

    await postForm(respondPath(open), {
      respondentCategory: 'organisation',
      organisationName: 'Camden Link',
      publishConsent: 'yes',
      'question-1': 'Agree',
    });
    const before = await app.inject(`/consultations/${open.slug}/organisation-responses`);
    expect(before.body).not.toContain('Camden Link');
    expect(before.body).toContain('published after the consultation closes');
  });
});

describe('the runners only', () => {
  it('refuses the review pages and actions to the public and to another body’s secretariat', async () => {
    for (const role of ['public', 'secretariat'] as const) {
      const { cookies } = await signInThroughForm(app, demoEmails[role]);
      const page = await app.inject({
        url: `/consultations/${open.slug}/responses`,
        headers: { cookie: cookies },
      });
      expect(page.statusCode).toBe(403);
      const action = await app.inject({
        method: 'POST',
        url: `/api/v1/consultations/${open.slug}/responses/1/review`,
        headers: await bearerFor(app, role),
        payload: { action: 'release' },
      });
      expect(action.statusCode).toBe(403);
    }
    expect((await app.inject(`/consultations/${open.slug}/responses`)).statusCode).toBe(303);
  });

  it('enters a response taken at an event (channel event), counted; a member of the public cannot', async () => {
    const eventId = uuidv7();
    await database.db.insert(consultationEvents).values({
      id: eventId,
      consultationId: open.id,
      title: 'Roadshow: Brent',
      sector: 'north-west',
      venue: 'Brent Civic Centre',
      startsAt: new Date(fixedNow.getTime() - 2 * day),
      createdAt: fixedNow,
      updatedAt: fixedNow,
    });
    const { cookies } = await signInThroughForm(app, demoEmails.administrator);
    const form = await app.inject({
      url: `/consultations/${open.slug}/responses/new`,
      headers: { cookie: cookies },
    });
    expect(form.body).toContain('Roadshow: Brent');
    const entered = await app.inject({
      method: 'POST',
      url: `/consultations/${open.slug}/responses`,
      headers: {
        cookie: cookieHeader(form.headers['set-cookie'], cookies),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(form.body),
        eventId,
        respondentCategory: 'public',
        'question-1': 'Strongly agree',
      }).toString(),
    });
    expect(entered.statusCode, entered.body).toBe(303);
    const number = Number(/responses\/(\d+)/.exec(entered.headers.location as string)?.[1]);
    expect(await responseByNumber(number)).toMatchObject({
      channel: 'event',
      eventId,
      state: 'submitted',
    });
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${open.slug}/responses`,
      remoteAddress: freshAddress(),
      headers: await bearerFor(app, 'public'),
      payload: { respondentCategory: 'public', answers: { '1': 'Agree' }, eventId },
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('events: attendance and notes (2008 "Business development" bullet 2: "a framework for effective public and patient involvement")', () => {
  it('the runners record attendance once an event has begun; a negative count, a future event and other people are refused', async () => {
    const held = uuidv7();
    const coming = uuidv7();
    await database.db.insert(consultationEvents).values([
      {
        id: held,
        consultationId: open.id,
        title: 'Roadshow: Croydon',
        sector: 'south-west',
        venue: 'Fairfield Halls',
        startsAt: new Date(fixedNow.getTime() - day),
        createdAt: fixedNow,
        updatedAt: fixedNow,
      },
      {
        id: coming,
        consultationId: open.id,
        title: 'Roadshow: Enfield',
        sector: 'north-central',
        venue: 'Dugdale Centre',
        startsAt: new Date(fixedNow.getTime() + 5 * day),
        createdAt: fixedNow,
        updatedAt: fixedNow,
      },
    ]);
    const admin = await bearerFor(app, 'administrator');
    const url = (id: string) => `/api/v1/consultations/${open.slug}/events/${id}/attendance`;
    const recorded = await app.inject({
      method: 'PUT',
      url: url(held),
      headers: admin,
      payload: { attendance: 140, notes: 'Most questions were about the A&E at Mayday.' },
    });
    expect(recorded.statusCode, recorded.body).toBe(204);
    const negative = await app.inject({
      method: 'PUT',
      url: url(held),
      headers: admin,
      payload: { attendance: -3 },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().detail).toContain('whole number of people');
    const future = await app.inject({
      method: 'PUT',
      url: url(coming),
      headers: admin,
      payload: { attendance: 10 },
    });
    expect(future.statusCode).toBe(409);
    expect(future.json().detail).toContain('recorded once it has begun');
    const other = await app.inject({
      method: 'PUT',
      url: url(held),
      headers: await bearerFor(app, 'secretariat'),
      payload: { attendance: 1 },
    });
    expect(other.statusCode).toBe(403);
    const [row] = await database.db
      .select()
      .from(consultationEvents)
      .where(eq(consultationEvents.id, held));
    expect(row).toMatchObject({
      attendance: 140,
      notes: 'Most questions were about the A&E at Mayday.',
    });

    const { cookies } = await signInThroughForm(app, demoEmails.administrator);
    const page = await app.inject({
      url: `/consultations/${open.slug}/events`,
      headers: { cookie: cookies },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Attendance: 140.');
    expect(page.body).toContain('Attendance is recorded once the event has begun.');
    const refused = await app.inject({
      method: 'POST',
      url: `/consultations/${open.slug}/events/${held}/attendance`,
      headers: {
        cookie: cookieHeader(page.headers['set-cookie'], cookies),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(page.body),
        attendance: 'lots',
        notes: 'Kept',
      }).toString(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('whole number of people');
    expect(refused.body).toContain('>Kept</textarea>');
  });
});

describe('the same form sent twice (review M2: a double click made two counted responses)', () => {
  const tokenIn = (html: string) => /name="submission" value="([^"]+)"/.exec(html)?.[1];

  it('the form carries a one-time token; sending it twice gives the first response back, counted once', async () => {
    const address = freshAddress();
    const form = await app.inject({ url: respondPath(open), remoteAddress: address });
    const token = tokenIn(form.body);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const cookies = cookieHeader(form.headers['set-cookie'], '');
    const body = new URLSearchParams({
      _csrf: csrfTokenIn(form.body),
      respondentCategory: 'public',
      'question-1': 'Agree',
      'question-4': 'Sent with a double click on a slow connection.',
      website: '',
      submission: token!,
      intent: 'submit',
    }).toString();
    const send = () =>
      app.inject({
        method: 'POST',
        url: respondPath(open),
        remoteAddress: address,
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body,
      });
    const countedBefore = await publicOnline(open);
    const agreeBefore = await tally(open, 0, 'Agree');
    // Both clicks in flight together, then a third after a lost answer.
    const [first, second] = await Promise.all([send(), send()]);
    const third = await send();
    for (const response of [first, second, third]) {
      expect(response.statusCode, response.body).toBe(200);
    }
    const numbers = [first, second, third].map((response) => numberIn(response.body));
    expect(new Set(numbers).size).toBe(1);
    expect(third.body).toContain('This form had already been sent, so nothing new was made');
    expect(await publicOnline(open)).toBe(countedBefore + 1);
    expect(await tally(open, 0, 'Agree')).toBe(agreeBefore + 1);
    const made = await database.db
      .select({ id: consultationResponses.id })
      .from(consultationResponses)
      .where(
        and(
          eq(consultationResponses.consultationId, open.id),
          eq(consultationResponses.number, numbers[0]!),
        ),
      );
    expect(made).toHaveLength(1);
    // A fresh form has a fresh token.
    const again = await app.inject({ url: respondPath(open), remoteAddress: address });
    expect(tokenIn(again.body)).not.toBe(token);
  });

  it('the API takes a token of the client’s own: 201 the first time, 200 with the same number after, one counted', async () => {
    const send = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/consultations/${open.slug}/responses`,
        remoteAddress: freshAddress(),
        payload: {
          respondentCategory: 'public',
          answers: { '1': 'Disagree' },
          submissionToken: 'client-chosen-token-0001',
        },
      });
    const disagreeBefore = await tally(open, 0, 'Disagree');
    const first = await send();
    const second = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode, second.body).toBe(200);
    expect(first.json()).toMatchObject({ replayed: false, state: 'submitted' });
    expect(second.json()).toMatchObject({ replayed: true, number: first.json().number });
    expect(await tally(open, 0, 'Disagree')).toBe(disagreeBefore + 1);
  });

  it('refuses a token Concordat could not have given, naming the field, and makes nothing', async () => {
    const before = await database.db.$count(consultationResponses);
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${open.slug}/responses`,
      remoteAddress: freshAddress(),
      payload: {
        respondentCategory: 'public',
        answers: { '1': 'Agree' },
        submissionToken: 'short',
      },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.body).toContain('one-time token');
    expect(await database.db.$count(consultationResponses)).toBe(before);
  });
});

describe('a stray character or a very long answer keeps the typed form (review M7)', () => {
  it('a NUL byte in an answer shows the form again, naming the question, with the rest of the text kept, and writes nothing', async () => {
    const before = await database.db.$count(consultationResponses);
    const response = await postForm(respondPath(open), {
      respondentCategory: 'public',
      'question-1': 'Agree',
      'question-4': 'Evening opening\u0000 matters to carers.',
      website: '',
      intent: 'submit',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('Question 4: Remove the NUL character');
    expect(response.body).toContain('href="#question-4"');
    expect(response.body).toContain('Evening opening matters to carers.');
    expect(response.body).not.toContain('question-4:');
    expect(await database.db.$count(consultationResponses)).toBe(before);
  });

  it('an answer of more than a megabyte is refused on the form as too long, its text still there to cut', async () => {
    const before = await database.db.$count(consultationResponses);
    const long = 'Stroke units should be near. '.repeat(40_000); // 1,160,000 characters
    const response = await postForm(respondPath(open), {
      respondentCategory: 'public',
      'question-4': long,
      website: '',
      intent: 'submit',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Question 4: the answer is longer than 50,000 characters.');
    expect(response.body).toContain('Stroke units should be near. Stroke units should be near.');
    expect(await database.db.$count(consultationResponses)).toBe(before);
  });

  it('elsewhere a NUL is still refused before any handler (decision 015)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${open.slug}/responses`,
      remoteAddress: freshAddress(),
      payload: { respondentCategory: 'public', answers: { '4': 'a\u0000b' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid-character' });
  });
});
