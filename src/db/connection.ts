import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The one database type every query module takes: the same on PGlite and PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; use-cases pass it to query modules so all writes share it. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export type DatabaseEngine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  engine: DatabaseEngine;
  /** Where the data lives, for messages: a folder, "memory" or the server (password hidden). */
  location: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL of a real server; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite's files; `undefined` keeps the database in memory (tests). */
  dataDirectory?: string | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // Fail now with a clear message rather than at the first request.
    const probe = await pool.connect().catch(async (error: Error) => {
      await pool.end();
      throw new Error(
        `Cannot reach PostgreSQL at ${redactUrl(options.databaseUrl!)}: ${error.message}`,
      );
    });
    probe.release();
    return {
      db: drizzlePostgres(pool, { schema }) as unknown as Database,
      engine: 'postgres',
      location: redactUrl(options.databaseUrl),
      close: () => pool.end(),
    };
  }
  if (options.dataDirectory) mkdirSync(options.dataDirectory, { recursive: true });
  const client = options.dataDirectory ? new PGlite(options.dataDirectory) : new PGlite();
  await client.waitReady;
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    engine: 'pglite',
    location: options.dataDirectory ?? 'memory',
    close: () => client.close(),
  };
}

function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}
