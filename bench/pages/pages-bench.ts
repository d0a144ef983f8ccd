/**
 * The pages benchmark (issue 22 item 6): the app started as `npm start` starts it — its own
 * process, the embedded database in a fresh folder, the London demo data loaded — then every main
 * page, seen by the demo secretariat and by a demo member (the public home by nobody signed in):
 * the server's time over `requests` sequential requests (p50 and p95, from sending the request to
 * the last byte, over loopback HTTP) and Chromium's largest contentful paint (Debian's
 * /usr/bin/chromium through playwright-core, the median of `loads` loads after one warm-up).
 * Reports numbers; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { findFreePort } from '../../test/support/postgres-global-setup.ts';
import { chromiumPath } from '../../test/support/system-packages.ts';
import { startServer, stopServer } from '../server-process.ts';
import {
  figuresOf,
  type PageFigures,
  type PageSamples,
  pagesTable,
  serverTargetP95Ms,
  verdict,
} from './page-report.ts';

export interface PagesSettings {
  /** Measured requests per page and viewer, after `warmUpRequests`. */
  requests: number;
  warmUpRequests: number;
  /** Measured browser loads per page and viewer, after one warm-up load. */
  loads: number;
}

export function pagesSettingsFrom(environment: NodeJS.ProcessEnv): PagesSettings {
  const whole = (name: string, fallback: number) => {
    const value = Number(environment[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number`);
    return value;
  };
  return {
    requests: whole('BENCH_PAGE_REQUESTS', 40),
    warmUpRequests: whole('BENCH_PAGE_WARM_UP', 5),
    loads: whole('BENCH_PAGE_LOADS', 3),
  };
}

const londonGroup = 'london-commissioning-group';
const demoPassword = 'concordat-demo';
const viewers = {
  secretariat: 'secretariat@demo.invalid',
  member: 'member@demo.invalid',
} as const;
type Viewer = keyof typeof viewers | 'nobody signed in';

interface PageToMeasure {
  name: string;
  path: string;
  viewers: readonly Viewer[];
}

/** A cookie jar of one person's browser, as name → value. */
type Cookies = Map<string, string>;

function cookieHeader(cookies: Cookies): string {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

function keepCookies(cookies: Cookies, response: Response) {
  for (const setCookie of response.headers.getSetCookie()) {
    const [pair = ''] = setCookie.split(';');
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(setCookie)) cookies.delete(name);
    else cookies.set(name, value);
  }
}

/** Signs in through the sign-in form, as a browser would; returns the person's cookies. */
async function signIn(baseUrl: string, email: string): Promise<Cookies> {
  const cookies: Cookies = new Map();
  const form = await fetch(`${baseUrl}/sign-in`);
  keepCookies(cookies, form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('the sign-in page carries no CSRF token');
  const signedIn = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: cookieHeader(cookies),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ email, password: demoPassword, _csrf: csrf }).toString(),
  });
  keepCookies(cookies, signedIn);
  if (signedIn.status !== 303 || !cookies.has('concordat_session')) {
    throw new Error(`signing in as ${email} answered ${signedIn.status}`);
  }
  return cookies;
}

async function api<T>(
  baseUrl: string,
  cookies: Cookies,
  url: string,
  options: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${url}`, {
    method: options.method ?? 'GET',
    headers: {
      cookie: cookieHeader(cookies),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${options.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

interface MeetingSummary {
  id: string;
  status: string;
  meetingOn: string;
}

/**
 * The London group's latest held meeting (the demo's fullest: attendance, declarations, minutes,
 * actions) and a decision in the register. The demo data records no question, so when the
 * register is empty the secretariat puts one on that meeting's first public item and closes it,
 * through the API as the pages would.
 */
async function findRecords(baseUrl: string, secretariat: Cookies) {
  const meetings = await api<{ items: MeetingSummary[] }>(
    baseUrl,
    secretariat,
    `/bodies/${londonGroup}/meetings`,
  );
  const held = meetings.items.filter((meeting) => meeting.status === 'held');
  const meeting =
    held.sort((a, b) => b.meetingOn.localeCompare(a.meetingOn))[0] ?? meetings.items[0];
  if (!meeting) throw new Error('the demo data has no London group meeting');
  const register = await api<{ items: { id: string }[] }>(baseUrl, secretariat, '/decisions');
  let decisionId = register.items[0]?.id;
  if (!decisionId) {
    const report = await api<{ agenda: { id: string; isConfidential: boolean }[] }>(
      baseUrl,
      secretariat,
      `/meetings/${meeting.id}`,
    );
    const item = report.agenda.find((candidate) => !candidate.isConfidential);
    if (!item) throw new Error('the held meeting has no public agenda item');
    const created = await api<{ proposalId: string }>(
      baseUrl,
      secretariat,
      `/meetings/${meeting.id}/proposals`,
      {
        method: 'POST',
        body: {
          agendaItemId: item.id,
          title: 'Benchmark question',
          text: 'The group agrees the recommendation.',
          decisionKind: 'london-wide-view',
          ballot: 'named',
        },
      },
    );
    await api(baseUrl, secretariat, `/proposals/${created.proposalId}/open`, {
      method: 'POST',
      body: {},
    });
    await api(baseUrl, secretariat, `/proposals/${created.proposalId}/close`, {
      method: 'POST',
      body: {},
    });
    decisionId = created.proposalId;
  }
  return { meetingId: meeting.id, decisionId };
}

function pagesToMeasure(records: { meetingId: string; decisionId: string }): PageToMeasure[] {
  const signedIn: Viewer[] = ['secretariat', 'member'];
  const body = `/bodies/${londonGroup}`;
  return [
    { name: 'Home', path: '/', viewers: signedIn },
    { name: 'Meetings calendar', path: '/meetings', viewers: signedIn },
    { name: 'Body page', path: body, viewers: signedIn },
    { name: 'Meeting page', path: `/meetings/${records.meetingId}`, viewers: signedIn },
    { name: 'Live meeting page', path: `/meetings/${records.meetingId}/live`, viewers: signedIn },
    { name: 'Members', path: `${body}/members`, viewers: signedIn },
    { name: 'Decision register', path: '/decisions', viewers: signedIn },
    { name: 'Decision page', path: `/decisions/${records.decisionId}`, viewers: signedIn },
    { name: 'Actions', path: `${body}/actions`, viewers: signedIn },
    { name: 'Overdue actions', path: '/actions/overdue', viewers: signedIn },
    { name: 'Register of interests', path: `${body}/register-of-interests`, viewers: signedIn },
    {
      name: 'Audit trail of the meeting',
      path: `/audit/meeting/${records.meetingId}`,
      viewers: signedIn,
    },
    { name: 'Oversight of disputes', path: '/oversight/disputes', viewers: signedIn },
    { name: 'Public home', path: '/', viewers: ['nobody signed in'] },
  ];
}

/** Times `count` requests one after another; the status is the first that was not 200, if any. */
async function timeRequests(url: string, cookie: string, count: number) {
  const timings: number[] = [];
  let status = 200;
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    await response.arrayBuffer();
    timings.push(performance.now() - started);
    if (response.status !== 200 && status === 200) status = response.status;
  }
  return { timings, status };
}

/**
 * Run in the page once it has loaded: the last largest-contentful-paint entry (the buffered ones
 * are delivered at once; a paint after load is rare here), or null when Chromium reported none.
 * A string, as Node's types know nothing of the browser's entry types.
 */
const largestContentfulPaintScript = `new Promise((resolve) => {
  let latest = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) latest = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  setTimeout(() => resolve(latest), 250);
})`;

async function measureLargestContentfulPaint(
  context: BrowserContext,
  url: string,
  loads: number,
): Promise<number[]> {
  const results: number[] = [];
  for (let load = 0; load <= loads; load += 1) {
    const page = await context.newPage();
    try {
      await page.goto(url, { waitUntil: 'load' });
      const paint = (await page.evaluate(largestContentfulPaintScript)) as number | null;
      // The first load fills the cache and starts the browser's workers: a warm-up.
      if (load > 0 && paint !== null) results.push(paint);
    } finally {
      await page.close();
    }
  }
  return results;
}

async function browserContextFor(baseUrl: string, cookies: Cookies | undefined) {
  const profile = mkdtempSync(path.join(tmpdir(), 'concordat-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  if (cookies) {
    await context.addCookies(
      [...cookies].map(([name, value]) => ({ name, value, url: baseUrl, sameSite: 'Lax' })),
    );
  }
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function runPagesBench(options: {
  settings: PagesSettings;
  progress: (message: string) => void;
}): Promise<string> {
  const { settings, progress } = options;
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'concordat-bench-pages-'));
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  progress('pages: starting Concordat as `npm start` does (embedded PGlite, London demo data)…');
  const startedAt = performance.now();
  const app = await startServer(
    ['bin/concordat.js', 'serve'],
    { PORT: String(port), DATA_DIR: dataDirectory, PUBLIC_URL: baseUrl },
    /Concordat is serving/,
  );
  const startUpSeconds = (performance.now() - startedAt) / 1000;
  const loadAtStart = loadavg()[0]!;
  try {
    const cookiesOf: Record<Viewer, Cookies | undefined> = {
      secretariat: await signIn(baseUrl, viewers.secretariat),
      member: await signIn(baseUrl, viewers.member),
      'nobody signed in': undefined,
    };
    const records = await findRecords(baseUrl, cookiesOf.secretariat!);
    const pages = pagesToMeasure(records);

    const samples: PageSamples[] = [];
    for (const page of pages) {
      for (const viewer of page.viewers) {
        const cookie = cookiesOf[viewer] ? cookieHeader(cookiesOf[viewer]) : '';
        const url = `${baseUrl}${page.path}`;
        await timeRequests(url, cookie, settings.warmUpRequests);
        const { timings, status } = await timeRequests(url, cookie, settings.requests);
        samples.push({
          page: page.name,
          viewer,
          status,
          serverMs: timings,
          largestContentfulPaintMs: [],
        });
        progress(`pages: ${page.name} (${viewer}) answered ${status}`);
      }
    }

    for (const viewer of Object.keys(cookiesOf) as Viewer[]) {
      const browser = await browserContextFor(baseUrl, cookiesOf[viewer]);
      try {
        for (const sample of samples.filter(
          (candidate) => candidate.viewer === viewer && candidate.status === 200,
        )) {
          const page = pages.find((candidate) => candidate.name === sample.page)!;
          sample.largestContentfulPaintMs = await measureLargestContentfulPaint(
            browser.context,
            `${baseUrl}${page.path}`,
            settings.loads,
          );
        }
      } finally {
        await browser.close();
      }
      progress(`pages: largest contentful paint measured for ${viewer}`);
    }

    const rows: PageFigures[] = samples.map(figuresOf);
    return [
      '# Benchmark: pages — server time and largest contentful paint',
      '',
      `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; Chromium ${chromiumPath}. Load average (1 minute) ${loadAtStart.toFixed(1)} when the measuring began and ${loadavg()[0]!.toFixed(1)} at its end: on a shared machine, work beside the bench lengthens every figure.`,
      `The app as \`npm start\` runs it (its own process, embedded PGlite in a fresh folder, the London demo data loaded on start-up in ${startUpSeconds.toFixed(1)} s). Per page and viewer: ${settings.warmUpRequests} warm-up requests, then ${settings.requests} measured one after another; then ${settings.loads} browser loads after one warm-up load.`,
      '',
      ...pagesTable(rows),
      '',
      verdict(rows),
      '',
      `Method. Server time runs from sending the request to the last byte of the page, over loopback HTTP with one request at a time, so it is the server's time to render plus well under a millisecond of transport; p50 and p95 are nearest-rank over the measured requests, against the target of issue 22 (every page in under ${serverTargetP95Ms} ms at p95 on the demo data). Each person signs in through the sign-in form; their cookies go to a fresh Chromium profile (headless, no network beyond the app). Largest contentful paint is the last 'largest-contentful-paint' entry a PerformanceObserver sees once the page has loaded, the median of the measured loads (with the stylesheet and scripts cached after the warm-up load). The meeting is the London group's latest held meeting in the demo data; the demo records no question, so the bench puts one on its first public item and closes it (through the API, as the secretariat) to have a decision page to measure. A page a viewer may not see is listed with the status it answered.`,
    ].join('\n');
  } finally {
    await stopServer(app);
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}
