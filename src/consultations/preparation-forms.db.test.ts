import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import {
  consultationDocumentVersions,
  consultationEvents,
  consultationQuestions,
  consultations,
} from '../db/schema/consultations.ts';
import type { App } from '../http/app-types.ts';

// The prepare slice's page forms, on the JSON use cases: no JavaScript, CSRF as every form, the
// refusals in the error summary, and bad input writes nothing.
let database: DatabaseHandle;
let app: App;
let cookies: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  cookies = (await signInThroughForm(app, demoEmails.administrator)).cookies;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** GETs the page (for its CSRF token), then posts the form from it. */
async function submit(pageUrl: string, action: string, fields: Record<string, string>) {
  const page = await app.inject({ url: pageUrl, headers: { cookie: cookies } });
  expect(page.statusCode, page.body).toBe(200);
  cookies = cookieHeader(page.headers['set-cookie'], cookies);
  return app.inject({
    method: 'POST',
    url: action,
    headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
  });
}

const tally = async (
  table:
    | typeof consultations
    | typeof consultationQuestions
    | typeof consultationDocumentVersions
    | typeof consultationEvents,
) => (await database.db.select({ n: count() }).from(table))[0]?.n;

const created = {
  title: 'Forms journey',
  summary: 'Proposals for London’s health services over the next ten years.',
  'opensOn[day]': '1',
  'opensOn[month]': '2',
  'opensOn[year]': '2027',
  opensTime: '09:00',
  'closesOn[day]': '10',
  'closesOn[month]': '5',
  'closesOn[year]': '2027',
  closesTime: '17:00',
  formativeStatement: 'No decision has been taken.',
  reasonsStatement: 'The case for change is in chapter 2.',
  shortPeriodReason: '',
};

describe('the page forms for preparing a consultation (2008 "Healthcare for London" bullet 1: "developing the consultation documentation and setting out the detailed process for consultation")', () => {
  let slug = '';

  it('/consultations/new: a period under 12 weeks without a reason is refused in the error summary (Gunning principle 3) and nothing is written; then created', async () => {
    const before = await tally(consultations);
    const refused = await submit('/consultations/new', '/consultations/new', {
      ...created,
      'closesOn[month]': '3',
      'closesOn[day]': '1',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('12 weeks');
    expect(refused.body).toContain('value="Forms journey"');
    expect(await tally(consultations)).toBe(before);
    const badDate = await submit('/consultations/new', '/consultations/new', {
      ...created,
      'opensOn[day]': '31',
      'opensOn[month]': '2',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('href="#opensOn"');

    const made = await submit('/consultations/new', '/consultations/new', created);
    expect(made.statusCode, made.body).toBe(303);
    expect(made.headers.location).toBe('/consultations/forms-journey/prepare?changed=created');
    slug = 'forms-journey';
    const [row] = await database.db
      .select({ opensAt: consultations.opensAt, closesAt: consultations.closesAt })
      .from(consultations)
      .where(eq(consultations.slug, slug));
    expect(row?.opensAt?.toISOString()).toBe('2027-02-01T09:00:00.000Z');
    expect(row?.closesAt?.toISOString()).toBe('2027-05-10T16:00:00.000Z');
  });

  it('adds a document version from "number | heading | text" lines; a malformed line is refused naming it', async () => {
    const prepare = `/consultations/${slug}/prepare`;
    const before = await tally(consultationDocumentVersions);
    const refused = await submit(prepare, `${prepare}/documents`, {
      documentChoice: 'new',
      documentTitle: 'Consulting the capital',
      documentSections: '2 | The case for change | Why services must change.\n4.2 Polyclinics',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Line 2 of the sections');
    expect(refused.body).toContain('href="#documentSections"');
    expect(await tally(consultationDocumentVersions)).toBe(before);
    const added = await submit(prepare, `${prepare}/documents`, {
      documentChoice: 'new',
      documentTitle: 'Consulting the capital',
      documentSections:
        '2 | The case for change | Why services must change.\n4.2 | Polyclinics | A new kind of local care.',
    });
    expect(added.statusCode, added.body).toBe(303);
    expect(await tally(consultationDocumentVersions)).toBe((before ?? 0) + 1);
    const page = await app.inject({
      url: `/consultations/${slug}/documents/1`,
      headers: { cookie: cookies },
    });
    expect(page.body).toContain('Polyclinics');
  });

  it('adds a question with choices one a line; a choice question without two choices is refused in the error summary', async () => {
    const prepare = `/consultations/${slug}/prepare`;
    const before = await tally(consultationQuestions);
    const refused = await submit(prepare, `${prepare}/questions`, {
      questionText: 'Do you agree that polyclinics should be developed?',
      questionKind: 'single-choice',
      questionChoices: 'Agree',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There is a problem');
    expect(await tally(consultationQuestions)).toBe(before);
    const added = await submit(prepare, `${prepare}/questions`, {
      questionText: 'Do you agree that polyclinics should be developed?',
      questionKind: 'single-choice',
      questionChoices: 'Agree\r\nNeither\r\n\r\nDisagree',
      questionSection: '4.2',
    });
    expect(added.statusCode, added.body).toBe(303);
    const [question] = await database.db
      .select({ options: consultationQuestions.options })
      .from(consultationQuestions)
      .innerJoin(consultations, eq(consultations.id, consultationQuestions.consultationId))
      .where(eq(consultations.slug, slug));
    expect(question?.options).toEqual(['Agree', 'Neither', 'Disagree']);
  });

  it('plans an event on a London date and time; an unknown date is refused', async () => {
    const prepare = `/consultations/${slug}/prepare`;
    const before = await tally(consultationEvents);
    const refused = await submit(prepare, `${prepare}/events`, {
      eventTitle: 'Roadshow: Camden',
      eventSector: 'north-central',
      eventVenue: 'Camden Town Hall',
      'eventDate[day]': '',
      'eventDate[month]': '',
      'eventDate[year]': '',
      eventTime: '18:30',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#eventDate"');
    expect(await tally(consultationEvents)).toBe(before);
    const added = await submit(prepare, `${prepare}/events`, {
      eventTitle: 'Roadshow: Camden',
      eventSector: 'north-central',
      eventVenue: 'Camden Town Hall',
      'eventDate[day]': '10',
      'eventDate[month]': '3',
      'eventDate[year]': '2027',
      eventTime: '18:30',
    });
    expect(added.statusCode, added.body).toBe(303);
    const [event] = await database.db
      .select({ startsAt: consultationEvents.startsAt, sector: consultationEvents.sector })
      .from(consultationEvents)
      .innerJoin(consultations, eq(consultations.id, consultationEvents.consultationId))
      .where(eq(consultations.slug, slug));
    expect(event).toEqual({ startsAt: new Date('2027-03-10T18:30:00Z'), sector: 'north-central' });
  });

  it('a member who does not run consultations cannot open the new consultation form', async () => {
    const member = (await signInThroughForm(app, demoEmails.member)).cookies;
    const page = await app.inject({ url: '/consultations/new', headers: { cookie: member } });
    expect(page.statusCode).toBe(403);
  });
});
