import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedNow, testConfig } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { buildApp } from '../app.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from './app-types.ts';
import { stylesheetPath } from './offline-stylesheet.ts';

let database: DatabaseHandle;
let app: App;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ database, config: testConfig(), logger: false, now: () => fixedNow });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('no request to another host (decision 020)', () => {
  it('the page links the stylesheet, which is served without the off-site Frutiger rules', async () => {
    const home = await app.inject('/');
    expect(home.body).toContain(`<link rel="stylesheet" href="${stylesheetPath}">`);
    const stylesheet = await app.inject(stylesheetPath);
    expect(stylesheet.statusCode).toBe(200);
    expect(stylesheet.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(stylesheet.body).toContain('.nhsuk-header');
    expect(stylesheet.body).not.toContain('assets.nhs.uk');
    expect(stylesheet.body).not.toContain('@font-face');
    const again = await app.inject({
      url: stylesheetPath,
      headers: { 'if-none-match': String(stylesheet.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('the Content-Security-Policy allows fonts from this site only', async () => {
    const policy = String((await app.inject('/')).headers['content-security-policy']);
    expect(policy).toContain("font-src 'self';");
    expect(policy).not.toContain('assets.nhs.uk');
  });

  it('the rest of the assets are still served from the package', async () => {
    expect((await app.inject('/assets/nhsuk-frontend.min.js')).statusCode).toBe(200);
    expect((await app.inject('/assets/images/favicon.svg')).statusCode).toBe(200);
    expect((await app.inject('/assets/app.js')).statusCode).toBe(200);
  });
});
