import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
} from '../support/browser.ts';
import { bearerFor, demoEmails } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let meetingId: string;
let secretariat: { authorization: string };

interface Member {
  seatHoldingId: string;
  office: string | null;
  sector: string | null;
}
let members: Member[];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  violations = recordContentSecurityPolicyViolations(browser.context);
  secretariat = await bearerFor(server.app, 'secretariat');
  const scheduled = await server.app.inject({
    method: 'POST',
    url: '/api/v1/bodies/london-commissioning-group/meetings',
    headers: secretariat,
    payload: {
      title: 'London Commissioning Group, live',
      startsAt: '2030-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2030-12-01',
    },
  });
  meetingId = scheduled.json().meetingId;
  const item = await server.app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload: { title: 'Stroke services across London', purpose: 'decision', isConfidential: false },
  });
  expect(item.statusCode).toBe(201);
  members = (await server.app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance;
  for (const member of members.filter((candidate) => candidate.sector !== 'south-east')) {
    expect((await attend(member)).statusCode).toBe(200);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function attend(member: Member) {
  return server.app.inject({
    method: 'PUT',
    url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
    headers: secretariat,
    payload: { status: 'present' },
  });
}

const textOf = async (page: Page, selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('the live meeting page in Chromium', () => {
  let viewer: Page;

  it('shows where the meeting is and its quorum, and connects to the event stream', async () => {
    viewer = await browser.context.newPage();
    await viewer.goto(`${server.baseUrl}/meetings/${meetingId}/live`);
    expect(await textOf(viewer, '#live-position')).toBe('The meeting is not on an agenda item.');
    expect(await textOf(viewer, '#live-quorum')).toContain('Inquorate');
    expect(await textOf(viewer, '#live-quorum')).toContain('South East');
    await viewer.locator('#live-connection').filter({ hasText: 'Following live' }).waitFor();
    await expectNoAccessibilityViolations(viewer);
  });

  it('becomes quorate without a reload when attendance is recorded through the API', async () => {
    // A navigation would lose this mark: it proves the page was updated in place.
    await viewer.evaluate("document.body.setAttribute('data-not-reloaded', 'yes')");
    const southEast = members.find((member) => member.sector === 'south-east')!;
    expect((await attend(southEast)).statusCode).toBe(200);
    await viewer
      .locator('#live-quorum')
      .filter({ hasText: /\bQuorate\b/ })
      .waitFor();
    expect(await viewer.locator('body').getAttribute('data-not-reloaded')).toBe('yes');
    expect(await textOf(viewer, '#live-announcement')).toContain('Quorate.');
    await expectNoAccessibilityViolations(viewer);
  });

  it('follows the secretariat moving the meeting to item 1 with the form', async () => {
    const secretary = await browser.context.newPage();
    await secretary.goto(`${server.baseUrl}/sign-in`);
    await secretary.getByLabel('E-mail address').fill(demoEmails.secretariat);
    await secretary.getByLabel('Password', { exact: true }).fill(demoPassword);
    await secretary.getByRole('button', { name: 'Sign in', exact: true }).click();
    await secretary.waitForURL((url) => url.pathname !== '/sign-in');
    await secretary.goto(`${server.baseUrl}/meetings/${meetingId}/live`);
    await expectNoAccessibilityViolations(secretary);
    await secretary.getByLabel('Move the meeting to item').selectOption({
      label: 'Item 1: Stroke services across London',
    });
    await secretary.getByRole('button', { name: 'Move to item' }).click();
    await secretary.waitForURL((url) => url.search === '?changed=position');
    expect(await textOf(secretary, 'main')).toContain('The meeting moved on.');
    await viewer.locator('#live-position').filter({ hasText: 'Item 1' }).waitFor();
    expect(await textOf(viewer, '#live-position')).toBe('Item 1: Stroke services across London');
    expect(await textOf(viewer, '#live-announcement')).toContain(
      'The meeting is on item 1: Stroke services across London.',
    );
    expect(await viewer.locator('body').getAttribute('data-not-reloaded')).toBe('yes');
    await secretary.close();
  });

  it('without JavaScript, a reload shows the same panels as the live page', async () => {
    const withoutScript = await launchChromium({ javaScriptEnabled: false });
    try {
      const page = await withoutScript.context.newPage();
      await page.goto(`${server.baseUrl}/meetings/${meetingId}/live`);
      expect(await textOf(page, '#live-panels')).toBe(await textOf(viewer, '#live-panels'));
      expect(await textOf(page, '#live-position')).toBe('Item 1: Stroke services across London');
      expect(await textOf(page, '#live-quorum')).toContain('Quorate');
      // axe runs as page script, so it cannot run here; the same page passes it above with script.
    } finally {
      await withoutScript.close();
    }
  });

  it('broke no Content-Security-Policy rule on any page', async () => {
    await viewer.close();
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
