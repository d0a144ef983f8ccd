import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/connection.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

export type TestDatabaseEngine = 'pglite' | 'postgres';

export function testDatabaseEngine(): TestDatabaseEngine {
  const engine = process.env.CONCORDAT_TEST_DATABASE;
  if (engine !== 'pglite' && engine !== 'postgres') {
    throw new Error(
      'Database tests run in the pglite or postgres tier: npx vitest run --project pglite',
    );
  }
  return engine;
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new database on the
 * throwaway PostgreSQL server, so test files never see each other's rows.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (testDatabaseEngine() === 'pglite') {
    const handle = await openDatabase({});
    await migrateDatabase(handle);
    return handle;
  }
  const target = await createDatabaseTarget();
  const handle = await openDatabase({ databaseUrl: target.databaseUrl });
  await migrateDatabase(handle);
  return handle;
}

/**
 * Where a test can open (and re-open) a database of its own: a fresh PGlite folder, or a fresh
 * database on the throwaway server. Used by tests of start-up, persistence and the CLI.
 */
export async function createDatabaseTarget(): Promise<{
  databaseUrl?: string;
  dataDirectory?: string;
  environment: Record<string, string>;
}> {
  if (testDatabaseEngine() === 'pglite') {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dataDirectory = mkdtempSync(`${tmpdir()}/concordat-test-`);
    return { dataDirectory, environment: { DATA_DIR: dataDirectory } };
  }
  const adminUrl = inject('postgresAdminUrl');
  const name = `concordat_test_${crypto.randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), environment: { DATABASE_URL: url.toString() } };
}
