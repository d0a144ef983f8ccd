import type { App } from '../../src/http/app-types.ts';
import { createApiToken } from '../../src/identity/account-service.ts';
import { loadAccountActor } from '../../src/identity/actor.ts';
import { selectAccountByEmail } from '../../src/identity/identity-queries.ts';
import { demoPassword } from '../../src/seed/demo-accounts.ts';

export const demoEmails = {
  administrator: 'admin@demo.invalid',
  secretariat: 'secretariat@demo.invalid',
  chair: 'chair@demo.invalid',
  member: 'member@demo.invalid',
  public: 'public@demo.invalid',
  areaSecretariat: 'area-secretariat@demo.invalid',
  lead: 'lead@demo.invalid',
  associate: 'associate@demo.invalid',
  programme: 'programme@demo.invalid',
} as const;

export type DemoRole = keyof typeof demoEmails;

/** An API token for a demo account, made through the real use-case. */
export async function apiTokenFor(app: App, role: DemoRole, scope: 'read' | 'write' = 'write') {
  const account = await selectAccountByEmail(app.database.db, demoEmails[role]);
  const actor = await loadAccountActor(app.database.db, account!.id, app.now(), {
    authenticatedBy: 'session',
  });
  if (actor?.kind !== 'account') throw new Error(`no demo account for ${role}`);
  const { token } = await createApiToken({
    db: app.database.db,
    actor,
    name: `test ${role}`,
    scope,
    now: app.now(),
  });
  return token;
}

export async function bearerFor(app: App, role: DemoRole, scope: 'read' | 'write' = 'write') {
  return { authorization: `Bearer ${await apiTokenFor(app, role, scope)}` };
}

/** Collects Set-Cookie values into one Cookie header, as a browser would. */
export function cookieHeader(setCookies: string | string[] | undefined, previous = ''): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map(
        (pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const,
      ),
  );
  for (const setCookie of [setCookies ?? []].flat()) {
    const [pair] = setCookie.split(';');
    const name = pair!.slice(0, pair!.indexOf('='));
    const value = pair!.slice(pair!.indexOf('=') + 1);
    if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(setCookie)) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

export function csrfTokenIn(html: string): string {
  const token = /name="(?:_csrf|csrf-token)" (?:value|content)="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token in the page');
  return token;
}

let signInCount = 1;

/** Signs in through the real sign-in form; returns the browser's cookies afterwards. */
export async function signInThroughForm(app: App, email: string, password = demoPassword) {
  const form = await app.inject('/sign-in');
  let cookies = cookieHeader(form.headers['set-cookie']);
  const response = await app.inject({
    method: 'POST',
    url: '/sign-in',
    // Each helper sign-in comes from its own address so tests do not trip the sign-in rate limit.
    remoteAddress: `10.${signInCount >> 16}.${(signInCount >> 8) & 255}.${signInCount++ & 255}`,
    headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password, _csrf: csrfTokenIn(form.body) }).toString(),
  });
  cookies = cookieHeader(response.headers['set-cookie'], cookies);
  return { response, cookies };
}
