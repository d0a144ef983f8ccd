import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/seed/demo-accounts.ts';
import {
  describeContentSecurityPolicyViolations,
  expectNoAccessibilityViolations,
  fillDate,
  launchChromium,
  recordContentSecurityPolicyViolations,
} from '../support/browser.ts';
import { startTestServer } from '../support/running-app.ts';

const run = promisify(execFile);

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let violations: ReturnType<typeof recordContentSecurityPolicyViolations>;
let workDirectory: string;

beforeAll(async () => {
  workDirectory = await mkdtemp(path.join(tmpdir(), 'concordat-e2e-papers-'));
  server = await startTestServer();
  browser = await launchChromium();
  context = browser.context;
  violations = recordContentSecurityPolicyViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
});

/** A small real PDF, as a secretariat's word processor would export it. */
function pdfSaying(text: string): Promise<Buffer> {
  const document = new PDFDocument();
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    document.on('end', () => resolve(Buffer.concat(chunks))),
  );
  document.text(text);
  document.end();
  return done;
}

async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(workDirectory, `${createHash('sha256').update(pdf).digest('hex')}.pdf`);
  await writeFile(file, pdf);
  return (await run('/usr/bin/pdftotext', ['-layout', file, '-'])).stdout;
}

async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').textContent()) ?? '';
}

describe('the secretariat plans a monthly series, moves a meeting, and publishes its papers', () => {
  it('creates, moves, uploads two versions and downloads the agenda pack, accessibly and within the CSP', async () => {
    const page = await context.newPage();
    await page.goto(
      `${server.baseUrl}/sign-in?returnTo=${encodeURIComponent('/bodies/london-commissioning-group/meetings')}`,
    );
    await page.getByLabel('E-mail address').fill('secretariat@demo.invalid');
    await page.getByLabel('Password', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/bodies/london-commissioning-group/meetings');
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'Schedule a series of meetings' }).click();
    await page.waitForURL('**/meeting-series');
    expect(await mainText(page)).toContain('2006 §108');
    await expectNoAccessibilityViolations(page);

    // First a mistake, to see the NHS error summary linking to the field.
    await page.getByLabel('Title the meetings share').fill('Browser series');
    await fillDate(page, 'Date of the first meeting', '2027-01-14');
    await page.getByLabel('Location').fill('Southside, 105 Victoria Street');
    await page.getByLabel('Number of meetings').fill('30');
    await page.getByRole('button', { name: 'Schedule series' }).click();
    await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain(
      'at most 24 meetings',
    );
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Number of meetings').fill('3');
    await page.getByRole('button', { name: 'Schedule series' }).click();
    await page.waitForURL('**/meetings?changed=series');
    const list = await mainText(page);
    for (const month of ['January 2027', 'February 2027', 'March 2027']) {
      expect(list).toContain(`Browser series, ${month}`);
    }
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'Browser series, February 2027' }).click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    const meetingUrl = page.url();
    await page.getByRole('link', { name: 'Move this meeting' }).click();
    await page.waitForURL('**/move');
    await expectNoAccessibilityViolations(page);
    await fillDate(page, 'New date', '2027-02-18');
    await page.getByLabel('Why the meeting is moving').fill('Half-term week clashes.');
    await page.getByRole('button', { name: 'Move meeting' }).click();
    await page.waitForURL('**?changed=moved');
    expect(await mainText(page)).toContain(
      'Moved from 11 February 2027 14:00: Half-term week clashes.',
    );
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Title', { exact: true }).fill('Finance report, month 9');
    await page.locator('#purpose').selectOption('decision');
    await page.getByRole('button', { name: 'Add item' }).click();
    await page.waitForURL('**?changed=agenda-item');

    await page.getByRole('link', { name: 'Papers for this meeting' }).click();
    await page.waitForURL('**/papers');
    await expectNoAccessibilityViolations(page);
    const firstVersion = await pdfSaying('Finance report, month 9: draft for the February meeting');
    await page.getByText('Upload a paper for item 1').click();
    await page.getByLabel('Title of the paper').fill('Finance report');
    await page.locator('input[type=file]').last().setInputFiles({
      name: 'finance-report.pdf',
      mimeType: 'application/pdf',
      buffer: firstVersion,
    });
    await page.getByRole('button', { name: 'Upload paper' }).click();
    await page.waitForURL('**/papers?changed=uploaded');
    expect(await mainText(page)).toContain('finance-report.pdf');
    await expectNoAccessibilityViolations(page);

    const secondVersion = await pdfSaying('Finance report, month 9: final');
    await page.getByText('Upload a new version of Finance report').click();
    await page.locator('input[type=file]').first().setInputFiles({
      name: 'finance-report-final.pdf',
      mimeType: 'application/pdf',
      buffer: secondVersion,
    });
    await page.getByRole('button', { name: 'Upload version 2' }).click();
    await page.waitForURL('**/papers?changed=uploaded');
    const papers = await mainText(page);
    expect(papers).toContain('2 (latest)');
    expect(papers).toContain(createHash('sha256').update(secondVersion).digest('hex'));
    expect(papers).toContain(createHash('sha256').update(firstVersion).digest('hex'));
    await expectNoAccessibilityViolations(page);

    // Version 1 stays downloadable, byte for byte.
    const firstHref = await page
      .getByRole('link', { name: 'finance-report.pdf' })
      .getAttribute('href');
    const downloaded = await context.request.get(`${server.baseUrl}${firstHref}`);
    expect(Buffer.from(await downloaded.body()).equals(firstVersion)).toBe(true);

    const packHref = await page
      .getByRole('link', { name: 'Download the agenda pack (PDF)' })
      .getAttribute('href');
    const pack = await context.request.get(`${server.baseUrl}${packHref}`);
    expect(pack.headers()['content-type']).toBe('application/pdf');
    const text = await pdfText(Buffer.from(await pack.body()));
    expect(text).toContain('Browser series, February 2027');
    expect(text).toContain('When: 18 February 2027 14:00 (London time)');
    expect(text).toContain('1. Finance report, month 9');
    expect(text).toContain('Paper: Finance report, version 2, finance-report-final.pdf');

    await page.goto(meetingUrl);
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('broke no Content-Security-Policy rule on any page', () => {
    expect(describeContentSecurityPolicyViolations(violations)).toEqual([]);
  });
});
