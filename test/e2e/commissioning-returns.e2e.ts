import { and, eq, isNull } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations, posts } from '../../src/db/schema/registry.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
  signInThroughForm,
} from '../support/browser.ts';
import { openRound, returnsShown, submitReturn } from '../support/commissioning-steps.ts';
import { demoEmails } from '../support/demo-actors.ts';
import { memberAccount } from '../support/member-accounts.ts';
import { startTestServer } from '../support/running-app.ts';

// 2006 §104: "Undertake an annual ‘horizon scanning’ process to identify prospective commissioning
// priorities, with input from all London PCTs"; 2008 Business development: "a consistent
// commissioning business process and timetable". The server's clock starts on 23 November 2026
// (the demo accounts' roles start on the seed's day) and moves past the due date for a late return.
let clock = new Date('2026-11-23T10:00:00Z');
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
const ealingEmail = 'chief-executive.ealing@demo.invalid';

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  const [ealing] = await server.app.database.db
    .select({ personId: posts.personId })
    .from(posts)
    .innerJoin(organisations, eq(posts.organisationId, organisations.id))
    .where(and(eq(organisations.name, 'Ealing PCT'), isNull(posts.endsOn)));
  await memberAccount(server.app, {
    personId: ealing!.personId,
    email: ealingEmail,
    password: demoPassword,
  });
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function signIn(email: string, returnTo: string): Promise<Page> {
  return signInThroughForm(context, server.baseUrl, { email, password: demoPassword }, returnTo);
}

describe('the 2008/09 round: opened, returns made on time, late and nil, and shown on the round page', () => {
  let roundPath: string;

  it('the London secretariat opens the 2008/09 round from /commissioning', async () => {
    const page = await signIn(demoEmails.secretariat, '/commissioning');
    roundPath = await openRound(page, server.baseUrl, {
      year: '2008/09',
      timetable: {
        submissionsOpenOn: '2026-11-02',
        submissionsDueOn: '2026-11-30',
        consolidationBy: '2026-12-18',
        agreementBy: '2027-01-29',
        publicationBy: '2027-03-05',
      },
    });
    expect(roundPath).toBe('/bodies/london-commissioning-group/commissioning-rounds/2008-09');
  });

  it('Brent’s chief executive sends two priorities on time', async () => {
    const page = await signIn(demoEmails.member, roundPath);
    await submitReturn(page, server.baseUrl, {
      roundPath,
      submitter: 'Brent Teaching PCT',
      priorities: [
        {
          title: 'Hyper-acute stroke units',
          serviceArea: 'Stroke',
          rationale: 'Fewer than half our stroke patients reach a stroke unit within four hours.',
          expectedEffect: 'More patients thrombolysed within three hours.',
          population: 'Adults at risk of stroke in Brent',
        },
        {
          title: 'Structured education for type 2 diabetes',
          serviceArea: 'Diabetes',
          rationale: 'Admissions for diabetic complications are above the London average.',
          expectedEffect: 'Fewer emergency admissions for complications.',
          population: 'Adults with type 2 diabetes in Brent',
        },
      ],
    });
  });

  it('the secretariat enters Kingston’s nil return on its behalf', async () => {
    const page = await signIn(demoEmails.secretariat, roundPath);
    await submitReturn(page, server.baseUrl, {
      roundPath,
      submitter: 'Kingston PCT',
      nilReturn: true,
    });
    expect(await page.locator('main').textContent()).toContain('on behalf of Kingston PCT');
  });

  it('after the due date, Ealing’s return is refused without its reason and taken with it', async () => {
    clock = new Date('2026-12-03T10:00:00Z');
    const page = await signIn(ealingEmail, roundPath);
    await submitReturn(page, server.baseUrl, {
      roundPath,
      submitter: 'Ealing PCT',
      priorities: [
        {
          title: 'Urgent care centres in front of the emergency department',
          serviceArea: 'Urgent care',
          rationale: 'A third of emergency attendances could be seen by a GP.',
          expectedEffect: 'The four-hour standard met consistently.',
          population: 'Everyone using urgent care in Ealing',
        },
      ],
      lateReason: 'The PCT Board approved the priorities on 2 December.',
    });
  });

  it('the round page shows all three returns, and the missing ones as overdue', async () => {
    const page = await signIn(demoEmails.member, roundPath);
    const rows = await returnsShown(page, server.baseUrl, roundPath, [
      'Brent Teaching PCT',
      'Kingston PCT',
      'Ealing PCT',
      'Camden PCT',
    ]);
    expect(rows['Brent Teaching PCT']).toMatch(/Received on 23 November 2026 On time 2/);
    expect(rows['Kingston PCT']).toMatch(/Received on 23 November 2026: nil return On time 0/);
    expect(rows['Ealing PCT']).toContain(
      'Late: The PCT Board approved the priorities on 2 December.',
    );
    expect(rows['Camden PCT']).toContain('Not received, 3 days overdue');
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
