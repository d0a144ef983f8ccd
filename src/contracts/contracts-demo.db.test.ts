import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocdsPackageErrors } from '../../test/support/ocds-validator.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';
import { seedDemoContracts } from './index.ts';

let database: DatabaseHandle;
let app: App;
let recorded: number;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  recorded = await seedDemoContracts({
    db: database.db,
    context: { actor: 'seed', now: fixedNow },
  });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

interface Listed {
  reference: string;
  provider: { name: string };
  status: { id: string };
  shareBasis: { id: string };
  commissioners: { shareBasisPoints: number }[];
}

describe('the demo contracts register', () => {
  it('holds the London acute and mental health providers’ contracts, shares by population, a mix of statuses', async () => {
    expect(recorded).toBe(23);
    const register = (await app.inject('/api/v1/contracts')).json();
    const contracts = register.contracts as Listed[];
    const providers = new Set(contracts.map((each) => each.provider.name));
    expect(providers).toContain("Guy's and St Thomas' NHS Foundation Trust");
    expect(providers).toContain('South London and Maudsley NHS Foundation Trust');
    expect(providers).toContain("South West London and St George's Mental Health NHS Trust");
    expect(providers.size).toBe(20);
    expect(new Set(contracts.map((each) => each.status.id))).toEqual(
      new Set(['active', 'extended', 'expired', 'terminated']),
    );
    for (const contract of contracts) {
      expect(contract.shareBasis.id).toBe('population');
      expect(contract.commissioners.reduce((sum, each) => sum + each.shareBasisPoints, 0)).toBe(
        10_000,
      );
    }
    expect(register.totals.totalValue).toMatch(/^£\d{1,3}(,\d{3})+\.\d{2}$/);
  });

  it('exports an OCDS release package the published schemas accept, one release per contract', async () => {
    const ocds = (await app.inject('/contracts.ocds.json')).json();
    expect(ocdsPackageErrors(ocds)).toEqual([]);
    expect(ocds.releases).toHaveLength(23);
  });

  it('runs once: a register with contracts is left alone', async () => {
    expect(
      await seedDemoContracts({ db: database.db, context: { actor: 'seed', now: fixedNow } }),
    ).toBe(0);
  });
});
