import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabaseTarget } from '../../test/support/test-database.ts';
import { openDatabase } from '../db/connection.ts';
import { countOrganisations } from '../registry/organisation-queries.ts';
import { createOrganisation } from '../registry/organisation-service.ts';
import { prepareDatabase } from './prepare-database.ts';

const now = new Date('2026-11-23T09:00:00Z');
const quiet = () => {};

describe('start-up preparation', () => {
  it('migrates and loads London into an empty database, and a second start keeps the data', async () => {
    const target = await createDatabaseTarget();
    const first = await openDatabase(target);
    expect(
      await prepareDatabase({ handle: first, now, seedWhenEmpty: true, progress: quiet }),
    ).toEqual({ seeded: true });
    // London's 35 reference organisations, the 11 acute trusts the lead-commissioning demo buys
    // from, the 9 mental health trusts of the contracts register's demo, one more that bids in the
    // procurement demo, and the markets demo's 2 more trusts and 4 Practice Based Commissioning
    // consortia.
    expect(await countOrganisations(first.db)).toBe(62);
    await createOrganisation({
      db: first.db,
      context: { actor: 'test', now },
      input: { name: 'Kept Across Restarts Trust', type: 'provider-trust' },
    });
    await first.close();

    const second = await openDatabase(target);
    expect(
      await prepareDatabase({ handle: second, now, seedWhenEmpty: true, progress: quiet }),
    ).toEqual({ seeded: false });
    expect(await countOrganisations(second.db)).toBe(63);
    await second.close();
  });

  it('leaves an empty database empty when seeding is turned off', async () => {
    const target = await createDatabaseTarget();
    const handle = await openDatabase(target);
    await prepareDatabase({ handle, now, seedWhenEmpty: false, progress: quiet });
    expect(await countOrganisations(handle.db)).toBe(0);
    await handle.close();
  });
});

describe('the embedded database folder', () => {
  it.runIf(process.env.CONCORDAT_TEST_DATABASE === 'pglite')(
    'is used by one process at a time: a second opener is refused with what to do',
    async () => {
      const target = await createDatabaseTarget();
      const first = await openDatabase(target);
      await expect(openDatabase(target)).rejects.toThrow(/is in use by process \d+.*DATABASE_URL/);
      await first.close();
      const second = await openDatabase(target);
      await second.close();
    },
  );

  it.runIf(process.env.CONCORDAT_TEST_DATABASE === 'pglite')(
    'takes over the lock of a killed server: a dead pid, or its own pid from a previous life (a container restarted as PID 1)',
    async () => {
      const target = await createDatabaseTarget();
      const lockFile = path.join(target.dataDirectory!, 'concordat.lock');
      const exited = spawnSync(process.execPath, ['-e', '']);
      expect(exited.status).toBe(0);
      for (const stalePid of [exited.pid, process.pid]) {
        writeFileSync(lockFile, String(stalePid));
        const reopened = await openDatabase(target);
        await reopened.close();
        expect(existsSync(lockFile)).toBe(false);
      }
    },
  );
});
