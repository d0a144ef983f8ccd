import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

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
