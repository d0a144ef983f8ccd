import { describe, expect, it } from 'vitest';
import { choosePostgresTool, parsePostgresMajorVersion } from './postgres-versions.ts';

describe('PostgreSQL major versions', () => {
  it('reads them from what the tools and the server report', () => {
    expect(parsePostgresMajorVersion('pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)')).toBe(
      15,
    );
    expect(parsePostgresMajorVersion('pg_restore (PostgreSQL) 17.2')).toBe(17);
    expect(parsePostgresMajorVersion('16.4 (Debian 16.4-1.pgdg120+2)')).toBe(16);
    expect(parsePostgresMajorVersion('18devel')).toBe(18);
    expect(parsePostgresMajorVersion('9.6.24')).toBe(9.6);
    expect(parsePostgresMajorVersion('no version here')).toBeUndefined();
  });
});

describe('choosing the pg_dump or pg_restore to run', () => {
  const path15 = { path: '/usr/bin/pg_dump', version: 15 };
  const versioned17 = { path: '/usr/lib/postgresql/17/bin/pg_dump', version: 17 };
  const versioned16 = { path: '/usr/lib/postgresql/16/bin/pg_dump', version: 16 };

  it("takes the one matching the server's version when it is new enough", () => {
    expect(
      choosePostgresTool([path15, versioned17, versioned16], { atLeast: 16, prefer: 16 }),
    ).toBe(versioned16);
  });

  it('otherwise the newest that is new enough', () => {
    expect(
      choosePostgresTool([path15, versioned16, versioned17], { atLeast: 14, prefer: 14 }),
    ).toBe(versioned17);
  });

  it('none when every one is older than required (pg_dump refuses a newer server)', () => {
    expect(choosePostgresTool([path15], { atLeast: 16, prefer: 16 })).toBeUndefined();
    expect(choosePostgresTool([], { atLeast: 15, prefer: 15 })).toBeUndefined();
  });

  it('a version matching the server that is too old for the archive is not taken', () => {
    expect(choosePostgresTool([path15, versioned16], { atLeast: 16, prefer: 15 })).toBe(
      versioned16,
    );
  });
});
