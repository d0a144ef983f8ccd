import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../../test/support/postgres-global-setup.ts';
import { createDatabaseTarget } from '../../test/support/test-database.ts';
import { openDatabase } from '../db/connection.ts';

const run = promisify(execFile);
const binary = path.resolve(import.meta.dirname, '../../bin/concordat.js');

function concordat(args: string[], environment: Record<string, string>) {
  return run(process.execPath, [binary, ...args], {
    env: { ...process.env, ...environment },
    timeout: 60_000,
  });
}

// Each command starts a Node process that opens the database (PGlite: seconds on a busy machine),
// so these tests get a generous budget; they assert outcomes, never durations.
const processBudget = { timeout: 180_000 };

describe('the concordat command', processBudget, () => {
  it('migrates, seeds the London data and lists a sector', async () => {
    const { environment } = await createDatabaseTarget();
    const migrated = await concordat(['migrate'], environment);
    expect(migrated.stderr).toContain('Migrations are up to date.');
    const seeded = await concordat(['seed', '--demo'], environment);
    expect(seeded.stderr).toMatch(/Added 5 sectors and 35 organisations/);
    expect(seeded.stderr).toMatch(/Added 32 demo people/);
    expect(seeded.stderr).toMatch(/Added 11 demo accounts/);
    const listed = await concordat(['org', 'list', '--sector', 'south-west'], environment);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^5K9\s+South West\s+Croydon PCT$/);
    expect(lines.at(-1)).toBe('5 organisations');
    const json = JSON.parse(
      (
        await concordat(
          ['org', 'list', '--type', 'strategic-health-authority', '--json'],
          environment,
        )
      ).stdout,
    );
    expect(json).toEqual([expect.objectContaining({ name: 'NHS London', odsCode: 'Q36' })]);
  });

  it('verifies the seeded audit chain, and names the event after a direct SQL change', async () => {
    const target = await createDatabaseTarget();
    await concordat(['seed', '--demo'], target.environment);
    const verified = await concordat(['audit', 'verify'], target.environment);
    expect(verified.stdout).toMatch(
      /^Audit chain verified: \d+ events in \d+ seals?; 0 not yet sealed\./,
    );

    const database = await openDatabase(target);
    const [victim] = (
      (await database.db.execute(
        sql`select id, sequence from audit_events where action = 'organisation.created' order by sequence limit 1 offset 3`,
      )) as { rows: unknown[] }
    ).rows as { id: string; sequence: number }[];
    await database.db.execute(
      sql`update audit_events set after = jsonb_set(after, '{population}', '1') where id = ${victim!.id}`,
    );
    await database.close();

    const broken = await concordat(['audit', 'verify'], target.environment).catch(
      (error: { code: number; stdout: string }) => error,
    );
    expect(broken).toMatchObject({ code: 1 });
    expect((broken as { stdout: string }).stdout).toContain(
      `Audit chain BROKEN at sequence ${victim!.sequence}`,
    );
    expect((broken as { stdout: string }).stdout).toContain(victim!.id);
  });

  it('explains each command with --help, and refuses an unknown option clearly', async () => {
    for (const command of [
      ['serve'],
      ['migrate'],
      ['seed'],
      ['org', 'list'],
      ['rules', 'quorum'],
      ['audit', 'verify'],
      ['contracts', 'import'],
    ]) {
      const { stdout } = await concordat([...command, '--help'], {});
      expect(stdout).toContain(`Usage: concordat ${command.join(' ')}`);
    }
    await expect(concordat(['org', 'list', '--type', 'quango'], {})).rejects.toMatchObject({
      stderr: expect.stringContaining('Allowed choices are primary-care-trust'),
    });
  });
});

describe('concordat serve', processBudget, () => {
  it('migrates, loads London into an empty database and serves the API and pages', async () => {
    const { environment } = await createDatabaseTarget();
    const port = await findFreePort();
    const server = spawn(process.execPath, [binary, 'serve'], {
      env: { ...process.env, ...environment, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      let progress = '';
      await new Promise<void>((resolve, reject) => {
        server.stderr.on('data', (chunk: Buffer) => {
          progress += chunk.toString();
          if (progress.includes('Concordat is serving')) resolve();
        });
        server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${progress}`)));
      });
      expect(progress).toContain(
        'Loaded 5 sectors, 35 organisations, 32 demo people, 11 demo accounts',
      );
      const base = `http://127.0.0.1:${port}`;
      const health = (await (await fetch(`${base}/healthz`)).json()) as { database: unknown };
      expect(health.database).toEqual({
        engine: environment.DATABASE_URL ? 'postgres' : 'pglite',
        reachable: true,
      });
      const trusts = (await (
        await fetch(`${base}/api/v1/organisations?type=primary-care-trust&pageSize=100`)
      ).json()) as { total: number };
      expect(trusts.total).toBe(31);
      const page = await fetch(`${base}/organisations`);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('Tower Hamlets PCT');
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  });
});
