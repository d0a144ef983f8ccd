import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedNow, seedDemo } from '../../test/support/test-app.ts';
import { createDatabaseTarget, testDatabaseEngine } from '../../test/support/test-database.ts';
import { sealAllAuditEvents } from '../audit/seal-audit-events.ts';
import { type Database, type DatabaseHandle, openDatabase } from '../db/connection.ts';
import { migrateDatabase, migrationsFolder } from '../db/migrate.ts';
import { backupDatabase, type DatabaseTarget } from './backup-database.ts';
import { findPostgresTool } from './postgres-tools.ts';
import { restoreDatabase } from './restore-database.ts';

// `concordat backup` and `concordat restore` through the real binary, on the tier's own kind of
// database: a PGlite folder, or a database on the throwaway PostgreSQL server.

const engine = testDatabaseEngine();
const binary = path.resolve(import.meta.dirname, '../../bin/concordat.js');
const run = promisify(execFile);
type Target = Awaited<ReturnType<typeof createDatabaseTarget>>;

/** Runs the CLI with the target's environment; returns what it printed and its exit status. */
async function concordat(args: string[], environment: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [binary, ...args], {
      // An empty DATABASE_URL reads as unset, so a PGlite target is not overridden by the runner's.
      env: { ...process.env, DATABASE_URL: '', ...environment },
      timeout: 120_000,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

async function withDatabase<T>(target: Target, use: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(target);
  try {
    return await use(database.db);
  } finally {
    await database.close();
  }
}

/** Migrates as a Concordat one migration older than this one would have. */
async function migrateWithoutTheLastMigration(database: DatabaseHandle): Promise<void> {
  const olderMigrations = mkdtempSync(path.join(tmpdir(), 'concordat-older-migrations-'));
  cpSync(migrationsFolder, olderMigrations, { recursive: true });
  const journalFile = path.join(olderMigrations, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries.pop();
  writeFileSync(journalFile, JSON.stringify(journal));
  const options = { migrationsFolder: olderMigrations };
  try {
    if (database.engine === 'pglite') {
      await migratePglite(database.db as unknown as PgliteDatabase, options);
    } else {
      await migratePostgres(database.db as unknown as NodePgDatabase, options);
    }
  } finally {
    rmSync(olderMigrations, { recursive: true, force: true });
  }
}

/** The target as readConfig would give it to the use-cases. */
function asConfigured(target: Target): DatabaseTarget {
  return { databaseUrl: target.databaseUrl, dataDirectory: target.dataDirectory ?? '' };
}

function rowsOf<Row>(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

/**
 * Every table of the app's schema and of Drizzle's migrations schema, each as a row count and an
 * md5 of all its rows in a fixed order, with the sequences' positions and the index and
 * constraint definitions: equal fingerprints mean identical databases, row for row.
 */
async function fingerprint(target: Target) {
  return withDatabase(target, async (db) => {
    const tables = rowsOf<{ schema: string; name: string }>(
      await db.execute(sql`
        select schemaname as schema, tablename as name from pg_tables
        where schemaname in ('public', 'drizzle') order by 1, 2`),
    );
    const contents: Record<string, { rows: number; md5: string }> = {};
    for (const table of tables) {
      const [row] = rowsOf<{ rows: unknown; md5: string }>(
        await db.execute(sql`
          select count(*) as rows,
                 md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as md5
          from ${sql.identifier(table.schema)}.${sql.identifier(table.name)} t`),
      );
      contents[`${table.schema}.${table.name}`] = { rows: Number(row!.rows), md5: row!.md5 };
    }
    const sequences = rowsOf(
      await db.execute(sql`
        select schemaname, sequencename, last_value::text from pg_sequences
        where schemaname in ('public', 'drizzle') order by 1, 2`),
    );
    const definitions = rowsOf(
      await db.execute(sql`
        select n.nspname, c.conname, pg_get_constraintdef(c.oid) as definition
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where n.nspname in ('public', 'drizzle')
        union all
        select schemaname, indexname, indexdef from pg_indexes
        where schemaname in ('public', 'drizzle')
        order by 1, 2, 3`),
    );
    return { contents, sequences, definitions };
  });
}

/** What a restore target holds: nothing at all, for an empty folder or a new database. */
async function isEmpty(target: Target): Promise<boolean> {
  if (target.dataDirectory) return readdirSync(target.dataDirectory).length === 0;
  return withDatabase(target, async (db) => {
    const [row] = rowsOf<{ objects: unknown }>(
      await db.execute(sql`
        select count(*) as objects from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname not like 'pg\\_toast%'`),
    );
    return Number(row!.objects) === 0;
  });
}

const backupFolder = mkdtempSync(path.join(tmpdir(), 'concordat-backup-test-'));
const backupFile = path.join(backupFolder, engine === 'pglite' ? 'demo.tar.gz' : 'demo.dump');
const databaseKind =
  engine === 'pglite' ? /the embedded database in \S+/ : /the PostgreSQL database postgres:\/\/\S+/;
let source: Target;
let auditEventsSeeded: number;

beforeAll(async () => {
  source = await createDatabaseTarget();
  const database = await openDatabase(source);
  try {
    await migrateDatabase(database);
    await seedDemo(database);
    await sealAllAuditEvents({ db: database.db, now: fixedNow });
    const [row] = rowsOf<{ events: unknown }>(
      await database.db.execute(sql`select count(*) as events from audit_events`),
    );
    auditEventsSeeded = Number(row!.events);
  } finally {
    await database.close();
  }
  // The backup the refusal tests start from, so each test stands on its own.
  await backupDatabase({ target: asConfigured(source), file: backupFile, progress: () => {} });
}, 120_000);

afterAll(() => {
  rmSync(backupFolder, { recursive: true, force: true });
});

describe(`concordat backup and restore (${engine})`, { timeout: 240_000 }, () => {
  it('backs up the demo data and restores it into an empty database, identical table by table, with its audit trail verified', async () => {
    const roundTripFile = path.join(backupFolder, `round-trip-${path.basename(backupFile)}`);
    const backedUp = await concordat(['backup', roundTripFile], source.environment);
    expect(backedUp.code).toBe(0);
    expect(backedUp.stdout).toMatch(databaseKind);
    expect(backedUp.stdout).toMatch(
      new RegExp(
        `to ${roundTripFile}: [\\d.]+ (kB|MB), ${auditEventsSeeded} audit events \\(all sealed\\), in [\\d.]+ s\\.\\n$`,
      ),
    );
    expect(backedUp.stderr).toContain(
      engine === 'pglite' ? 'Compressing' : 'Copying table drizzle.__drizzle_migrations',
    );
    expect(readdirSync(backupFolder)).toContain(path.basename(roundTripFile));
    expect(readdirSync(backupFolder).filter((name) => name.endsWith('.partial'))).toEqual([]);

    const target = await createDatabaseTarget();
    const restored = await concordat(['restore', roundTripFile], target.environment);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(databaseKind);
    expect(restored.stdout).toContain(`: ${auditEventsSeeded} audit events (all sealed), in `);
    expect(restored.stdout).toContain(
      `Audit chain verified: ${auditEventsSeeded} events in 1 seal; 0 not yet sealed.`,
    );
    expect(restored.stdout).toMatch(/^Records agree with their audit events: /m);
    expect(restored.stderr).toContain('Verifying the restored audit trail…');

    const original = await fingerprint(source);
    expect(Object.keys(original.contents).length).toBeGreaterThan(40);
    expect(original.contents['public.audit_events']?.rows).toBe(auditEventsSeeded);
    expect(original.contents['public.organisations']?.rows).toBe(35);
    expect(original.contents['drizzle.__drizzle_migrations']?.rows).toBeGreaterThan(0);
    expect(await fingerprint(target)).toEqual(original);
  });

  it('refuses to restore into a database that already holds data, and changes nothing', async () => {
    const before = await fingerprint(source);
    const refused = await concordat(['restore', backupFile], source.environment);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      engine === 'pglite' ? 'already holds an embedded database' : 'is not empty: it already holds',
    );
    expect(refused.stderr).toContain('only restores into an empty');
    expect(refused.stderr).toContain('Nothing was changed.');
    expect(await fingerprint(source)).toEqual(before);
  });

  it('refuses a backup cut short with a clear error, and the empty target stays empty', async () => {
    const cutShort = path.join(backupFolder, `cut-short-${path.basename(backupFile)}`);
    const whole = readFileSync(backupFile);
    writeFileSync(cutShort, whole.subarray(0, Math.floor(whole.length / 2)));
    const target = await createDatabaseTarget();

    const refused = await concordat(['restore', cutShort], target.environment);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      engine === 'pglite'
        ? `${cutShort} is damaged: its compressed data ends early (the file was cut short`
        : `${cutShort} is damaged or cut short: nothing was restored (pg_restore runs in one transaction`,
    );
    expect(refused.stdout).toBe('');
    expect(await isEmpty(target)).toBe(true);
  });

  it.runIf(engine === 'pglite')(
    'refuses a backup with a changed byte: gzip finds it before anything is written',
    async () => {
      const changed = path.join(backupFolder, 'changed.tar.gz');
      const bytes = readFileSync(backupFile);
      bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
      writeFileSync(changed, bytes);
      const target = await createDatabaseTarget();

      const refused = await concordat(['restore', changed], target.environment);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/changed\.tar\.gz is damaged: .*Nothing was restored/);
      expect(await isEmpty(target)).toBe(true);
    },
  );

  it('refuses a file that is not a backup, and a backup of the other kind of database, before connecting', async () => {
    const notBackup = path.join(backupFolder, 'notes.txt');
    writeFileSync(notBackup, 'minutes of the meeting\n');
    const target = await createDatabaseTarget();
    const notRefused = await concordat(['restore', notBackup], target.environment);
    expect(notRefused.code).toBe(1);
    expect(notRefused.stderr).toContain(`${notBackup} is not a Concordat backup`);

    // The other kind of target, unreachable: the refusal comes before any connection is tried.
    const otherKind: Record<string, string> =
      engine === 'pglite'
        ? { DATABASE_URL: 'postgres://concordat@127.0.0.1:1/nowhere' }
        : { DATABASE_URL: '', DATA_DIR: path.join(backupFolder, 'never-created') };
    const mismatched = await concordat(['restore', backupFile], otherKind);
    expect(mismatched.code).toBe(1);
    expect(mismatched.stderr).toContain(
      engine === 'pglite'
        ? 'is a backup of an embedded (PGlite) database, but DATABASE_URL is set'
        : 'is a backup of a PostgreSQL database (a pg_dump archive), but DATABASE_URL is not set',
    );
    expect(readdirSync(backupFolder)).not.toContain('never-created');
  });

  it('exits 1 when the restored audit trail does not verify, saying so, with the data restored', async () => {
    // A copy of the demo database whose sealed audit trail is then edited in SQL.
    const tampered = await createDatabaseTarget();
    await restoreDatabase({ target: asConfigured(tampered), file: backupFile, progress: () => {} });
    const victim = await withDatabase(tampered, async (db) => {
      const [event] = rowsOf<{ id: string; sequence: number }>(
        await db.execute(
          sql`select id, sequence from audit_events where action = 'organisation.created' order by sequence limit 1 offset 3`,
        ),
      );
      await db.execute(
        sql`update audit_events set after = jsonb_set(after, '{population}', '1') where id = ${event!.id}`,
      );
      return event!;
    });
    const tamperedBackup = path.join(backupFolder, `tampered-${path.basename(backupFile)}`);
    await backupDatabase({
      target: asConfigured(tampered),
      file: tamperedBackup,
      progress: () => {},
    });

    const target = await createDatabaseTarget();
    const restored = await concordat(['restore', tamperedBackup], target.environment);
    expect(restored.code).toBe(1);
    expect(restored.stdout).toContain(`Audit chain BROKEN at sequence ${victim.sequence}`);
    expect(restored.stdout).toContain('The data is restored as the backup holds it.');
    const tamperedFingerprint = await fingerprint(tampered);
    expect(await fingerprint(target)).toEqual(tamperedFingerprint);
    // The fingerprint sees the one changed field: equal fingerprints above mean equal databases.
    expect(tamperedFingerprint.contents['public.audit_events']).not.toEqual(
      (await fingerprint(source)).contents['public.audit_events'],
    );
  });

  it('gives a backup from an older Concordat the migrations it had not had, then verifies it', async () => {
    const older = await createDatabaseTarget();
    const database = await openDatabase(older);
    try {
      await migrateWithoutTheLastMigration(database);
    } finally {
      await database.close();
    }
    const olderBackup = path.join(backupFolder, `older-${path.basename(backupFile)}`);
    await backupDatabase({ target: asConfigured(older), file: olderBackup, progress: () => {} });

    const target = await createDatabaseTarget();
    const restored = await concordat(['restore', olderBackup], target.environment);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(
      'The backup was made by an older version of Concordat: applied the 1 migration it had not had, as concordat serve would.',
    );
    // The newest migration may write an audit event of its own, not yet sealed.
    expect(restored.stdout).toMatch(
      /Audit chain verified: 0 events in 0 seals; \d+ not yet sealed\./,
    );
    const journal = JSON.parse(
      readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    const migrated = await fingerprint(target);
    expect(migrated.contents['drizzle.__drizzle_migrations']?.rows).toBe(journal.entries.length);
  });

  it('refuses to overwrite an existing backup file unless told to, or to write into a missing folder', async () => {
    const before = readFileSync(backupFile);
    const refused = await concordat(['backup', backupFile], source.environment);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${backupFile} already exists.`);
    expect(readFileSync(backupFile).equals(before)).toBe(true);

    const intoNowhere = path.join(backupFolder, 'no-such-folder', 'demo.dump');
    const nowhere = await concordat(['backup', intoNowhere], source.environment);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain(`The folder ${path.dirname(intoNowhere)} does not exist`);

    const overwritten = await concordat(['backup', '--overwrite', backupFile], source.environment);
    expect(overwritten.code).toBe(0);
    expect(statSync(backupFile).size).toBeGreaterThan(0);
    expect(readdirSync(backupFolder).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it.runIf(engine === 'pglite')(
    'refuses to back up the embedded database while another process has it open',
    async () => {
      const serving = await openDatabase(source);
      try {
        const refused = await concordat(
          ['backup', path.join(backupFolder, 'while-serving.tar.gz')],
          source.environment,
        );
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`is in use by process ${process.pid}`);
        expect(readdirSync(backupFolder)).not.toContain('while-serving.tar.gz');
      } finally {
        await serving.close();
      }
    },
  );

  it('explains both commands with --help', async () => {
    const backupHelp = await concordat(['backup', '--help'], {});
    expect(backupHelp.stdout).toContain('Usage: concordat backup [options] <file>');
    expect(backupHelp.stdout).toContain("pg_dump's custom format (-Fc)");
    const restoreHelp = await concordat(['restore', '--help'], {});
    expect(restoreHelp.stdout).toContain('Usage: concordat restore [options] <file>');
    expect(restoreHelp.stdout).toContain('it must be empty');
  });
});

describe.runIf(engine === 'postgres')('finding pg_dump and pg_restore', () => {
  it('refuses, naming the package, when every pg_dump here is older than the server', async () => {
    await expect(
      findPostgresTool('pg_dump', {
        atLeast: 99,
        prefer: 99,
        purpose: 'concordat backup of a PostgreSQL database runs it',
        versionReason: 'The server is PostgreSQL 99 and pg_dump refuses a server newer than itself',
      }),
    ).rejects.toMatchObject({
      code: 'tool-too-old',
      message: expect.stringMatching(
        /^The server is PostgreSQL 99 and pg_dump refuses a server newer than itself, but the newest pg_dump here is version \d+ .*apt-get install postgresql-client-99/,
      ),
    });
  });

  it('refuses, naming the package, when there is no pg_restore at all', async () => {
    await expect(
      findPostgresTool(
        'pg_restore',
        {
          atLeast: 15,
          prefer: 15,
          purpose: 'concordat restore into a PostgreSQL database runs it',
          versionReason: 'unused',
        },
        { searchPath: backupFolder, versionedInstallRoot: path.join(backupFolder, 'none') },
      ),
    ).rejects.toMatchObject({
      code: 'tool-missing',
      message:
        "pg_restore is not installed: concordat restore into a PostgreSQL database runs it. Install PostgreSQL's client programs with: apt-get install postgresql-client (as root, or with sudo).",
    });
  });

  it('finds the pg_dump matching the server', async () => {
    const server = await withDatabase(source, async (db) => {
      const [row] = rowsOf<{ version: string }>(
        await db.execute(sql`select current_setting('server_version_num') as version`),
      );
      return Math.floor(Number(row!.version) / 10_000);
    });
    const tool = await findPostgresTool('pg_dump', {
      atLeast: server,
      prefer: server,
      purpose: 'test',
      versionReason: 'test',
    });
    expect(tool.version).toBe(server);
  });
});
