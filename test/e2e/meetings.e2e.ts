import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  launchChromium,
  recordContentSecurityPolicyViolations,
} from '../support/browser.ts';
import { bearerFor } from '../support/demo-actors.ts';
import { startTestServer } from '../support/running-app.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Member {
  seatHoldingId: string;
  office: string | null;
  sector: string | null;
}

describe('the live quorum of a 2008 London Commissioning Group meeting', () => {
  it('shows inquorate naming the missing sector, then quorate once a South East chief executive is present', async () => {
    const secretariat = await bearerFor(server.app, 'secretariat');
    const scheduled = await server.app.inject({
      method: 'POST',
      url: '/api/v1/bodies/london-commissioning-group/meetings',
      headers: secretariat,
      payload: {
        title: 'London Commissioning Group, December',
        startsAt: '2030-12-10T14:00:00Z',
        location: 'Southside, 105 Victoria Street',
        noticeGivenOn: '2030-12-01',
      },
    });
    expect(scheduled.statusCode).toBe(201);
    const meetingId = scheduled.json().meetingId as string;
    const members = (await server.app.inject(`/api/v1/meetings/${meetingId}`)).json()
      .attendance as Member[];
    const attend = (member: Member) =>
      server.app.inject({
        method: 'PUT',
        url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
        headers: secretariat,
        payload: { status: 'present' },
      });
    for (const member of members.filter((candidate) => candidate.sector !== 'south-east'))
      await attend(member);

    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/meetings/${meetingId}`);
    const inquorate = await page.locator('main').textContent();
    expect(inquorate).toContain('Inquorate');
    expect(inquorate).toContain('South East');
    expect(inquorate).toContain('2008 §Quorum');
    await expectNoAccessibilityViolations(page);

    await attend(members.find((member) => member.sector === 'south-east')!);
    await page.reload();
    const quorate = await page.locator('#quorum ~ *').first().textContent();
    expect(quorate).toContain('Quorate');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
