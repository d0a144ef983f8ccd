import { describe, expect, it } from 'vitest';
import { libpqConnection } from './libpq-connection.ts';

describe('reaching the database from pg_dump and pg_restore', () => {
  it('keeps the password off the command line, in PGPASSWORD, decoded', () => {
    expect(libpqConnection('postgres://concordat:s%40cret%2F1@db.example:5432/concordat')).toEqual({
      connectionString: 'postgres://concordat@db.example:5432/concordat',
      environment: { PGPASSWORD: 's@cret/1' },
    });
  });

  it('passes a URL without a password, and its parameters, as they are', () => {
    expect(libpqConnection('postgres://app@db.example/concordat?sslmode=require')).toEqual({
      connectionString: 'postgres://app@db.example/concordat?sslmode=require',
      environment: {},
    });
  });

  it('leaves a URL only libpq reads (a user and a socket, no host) to libpq', () => {
    expect(libpqConnection('postgresql://app@/concordat?host=/run/postgresql')).toEqual({
      connectionString: 'postgresql://app@/concordat?host=/run/postgresql',
      environment: {},
    });
  });
});
