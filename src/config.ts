import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Runtime settings, all from the environment so the same build runs anywhere. */
export interface Config {
  /** A postgres:// URL selects a real PostgreSQL server; absent means embedded PGlite. */
  databaseUrl: string | undefined;
  /** Folder for the embedded database's files. */
  dataDirectory: string;
  port: number;
  host: string;
  logLevel: string;
  /** Where people reach this server (reset links, OpenID redirect); https makes cookies Secure. */
  publicUrl: string;
  /** Signs the CSRF and sign-in-flow cookies; set it when several instances serve one site. */
  cookieSecret: string;
  session: { idleMinutes: number; absoluteHours: number };
  mail: { smtpUrl: string | undefined; from: string };
  /**
   * Fastify's `trustProxy`: false (the default) takes the client's address from the connection;
   * a number trusts that many reverse proxies' X-Forwarded-For entries; a list trusts those
   * proxies' addresses (or CIDR ranges). Behind a proxy, limits per address then see each person.
   */
  trustProxy: boolean | number | string[];
  /** OpenID Connect sign-in (Microsoft Entra ID / NHSmail); absent when OIDC_ISSUER is unset. */
  openIdConnect:
    | { issuer: string; clientId: string; clientSecret: string; label: string }
    | undefined;
}

function wholeNumber(environment: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = environment[name];
  if (text === undefined || text === '') return fallback;
  const value = Number.parseInt(text, 10);
  if (!Number.isInteger(value) || value <= 0 || String(value) !== text.trim()) {
    throw new Error(`${name} must be a whole number greater than 0, not "${text}".`);
  }
  return value;
}

/** TRUST_PROXY: unset or "false" for none, "true" for any, a number of hops, or a list of addresses. */
export function trustProxyOf(text: string | undefined): boolean | number | string[] {
  const value = text?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number.parseInt(value, 10);
  const addresses = value
    .split(',')
    .map((each) => each.trim())
    .filter((each) => each !== '');
  if (addresses.some((each) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(each))) {
    throw new Error(
      `TRUST_PROXY must be false, true, a number of proxies, or addresses separated by commas (10.0.0.1,10.0.0.0/8), not "${text}".`,
    );
  }
  return addresses;
}

export function readConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const port = Number.parseInt(environment.PORT ?? '3000', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${environment.PORT}".`);
  }
  const databaseUrl = environment.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://.');
  }
  const publicUrl = (environment.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const issuer = environment.OIDC_ISSUER?.trim();
  // A multi-tenant Entra ID issuer would accept e-mail claims any tenant can set ("nOAuth"):
  // accounts are linked by e-mail, so only a single tenant's issuer is allowed.
  if (issuer && /\/(common|organizations|consumers)(\/|$)/.test(new URL(issuer).pathname)) {
    throw new Error(
      'OIDC_ISSUER must name one tenant (https://login.microsoftonline.com/<tenant-id>/v2.0), not common, organizations or consumers.',
    );
  }
  if (issuer && !(environment.OIDC_CLIENT_ID && environment.OIDC_CLIENT_SECRET)) {
    throw new Error(
      'OIDC_ISSUER is set, so OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set too.',
    );
  }
  return {
    databaseUrl,
    dataDirectory: path.resolve(environment.DATA_DIR ?? './data'),
    port,
    host: environment.HOST ?? '127.0.0.1',
    logLevel: environment.LOG_LEVEL ?? 'info',
    publicUrl,
    cookieSecret: environment.COOKIE_SECRET ?? randomBytes(32).toString('base64url'),
    trustProxy: trustProxyOf(environment.TRUST_PROXY),
    session: {
      idleMinutes: wholeNumber(environment, 'SESSION_IDLE_MINUTES', 30),
      absoluteHours: wholeNumber(environment, 'SESSION_ABSOLUTE_HOURS', 12),
    },
    mail: {
      smtpUrl: environment.SMTP_URL?.trim() || undefined,
      from: environment.MAIL_FROM ?? 'Concordat <no-reply@concordat.invalid>',
    },
    openIdConnect: issuer
      ? {
          issuer,
          clientId: environment.OIDC_CLIENT_ID!,
          clientSecret: environment.OIDC_CLIENT_SECRET!,
          label: environment.OIDC_LABEL ?? 'NHSmail (Microsoft Entra ID)',
        }
      : undefined,
  };
}
