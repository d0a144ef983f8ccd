import { describe, expect, it } from 'vitest';
import { readConfig, trustProxyOf } from './config.ts';

describe('configuration from the environment', () => {
  it('defaults to the embedded database in ./data on port 3000', () => {
    const config = readConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDirectory).toMatch(/\/data$/);
    expect(config.port).toBe(3000);
  });

  it('takes DATABASE_URL, DATA_DIR and PORT', () => {
    const config = readConfig({
      DATABASE_URL: 'postgres://u@h/db',
      DATA_DIR: '/tmp/x',
      PORT: '8080',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u@h/db',
      dataDirectory: '/tmp/x',
      port: 8080,
    });
  });

  it('refuses a PORT or DATABASE_URL it cannot use, saying what it wants', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres:\/\//);
  });
});

describe('OpenID Connect configuration', () => {
  it('takes a single-tenant issuer with its client', () => {
    const config = readConfig({
      OIDC_ISSUER: 'https://login.microsoftonline.com/37c354b2-85b0-47f5-b222-07b48d774ee3/v2.0',
      OIDC_CLIENT_ID: 'concordat',
      OIDC_CLIENT_SECRET: 'secret',
    });
    expect(config.openIdConnect).toMatchObject({
      clientId: 'concordat',
      label: 'NHSmail (Microsoft Entra ID)',
    });
  });

  it('refuses a multi-tenant issuer, whose e-mail claims any tenant could set', () => {
    expect(() =>
      readConfig({
        OIDC_ISSUER: 'https://login.microsoftonline.com/common/v2.0',
        OIDC_CLIENT_ID: 'c',
        OIDC_CLIENT_SECRET: 's',
      }),
    ).toThrow(/must name one tenant/);
  });

  it('refuses an issuer without its client id and secret', () => {
    expect(() => readConfig({ OIDC_ISSUER: 'https://login.example/tenant' })).toThrow(
      /OIDC_CLIENT_ID/,
    );
  });
});

describe('TRUST_PROXY: whose address a request comes from behind a reverse proxy', () => {
  it('trusts no proxy by default, and takes true, a number of hops or a list of addresses', () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(trustProxyOf('false')).toBe(false);
    expect(trustProxyOf('true')).toBe(true);
    expect(trustProxyOf('1')).toBe(1);
    expect(trustProxyOf('10.0.0.1, 10.1.0.0/16,::1')).toEqual(['10.0.0.1', '10.1.0.0/16', '::1']);
  });

  it('refuses anything else, saying what it takes', () => {
    expect(() => trustProxyOf('proxy.example')).toThrow(/TRUST_PROXY must be/);
  });
});
