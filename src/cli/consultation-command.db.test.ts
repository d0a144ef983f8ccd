import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../test/support/test-app.ts';
import { createDatabaseTarget } from '../../test/support/test-database.ts';
import { syntheticCsv } from '../consultations/synthetic-responses.ts';
import { insertTestConsultation } from '../consultations/testing/consultation-fixture.ts';
import { openDatabase } from '../db/connection.ts';
import { migrateDatabase } from '../db/migrate.ts';

const run = promisify(execFile);
const binary = path.resolve(import.meta.dirname, '../../bin/concordat.js');

// The command as an operator runs it: bin/concordat.js starts the import in a Node of its own with
// a heap limit (decision 052), so these runs prove the launcher hands on arguments, output and
// exit codes. Processes on a busy machine take seconds: a generous budget, no durations asserted.
describe('concordat consultation import', { timeout: 240_000 }, () => {
  it('imports a CSV all or nothing through the launcher, names a bad line, and imports a file once', async () => {
    const target = await createDatabaseTarget();
    const handle = await openDatabase(target);
    await migrateDatabase(handle);
    await seedDemo(handle);
    const consultation = await insertTestConsultation(handle.db, { now: new Date() });
    await handle.close();
    const folder = mkdtempSync(path.join(tmpdir(), 'concordat-import-command-'));
    try {
      const good = path.join(folder, 'paper forms.csv');
      writeFileSync(good, [...syntheticCsv(consultation.questions, 300, 3)].join(''));
      const bad = path.join(folder, 'bad.csv');
      writeFileSync(
        bad,
        `${[...syntheticCsv(consultation.questions, 3, 4)].join('')}patient,,yes,Agree,,,\n`,
      );
      const concordat = (file: string) =>
        run(
          process.execPath,
          [binary, 'consultation', 'import', file, '--consultation', consultation.slug],
          { env: { ...process.env, ...target.environment }, timeout: 120_000 },
        );

      const refused = await concordat(bad).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(refused?.code).toBe(1);
      expect(refused?.stderr).toContain('Nothing was imported:');
      expect(refused?.stderr).toMatch(/Line 5, column category: "patient" is not a respondent/);

      const imported = await concordat(good);
      expect(imported.stdout).toMatch(/^Imported 300 responses in [\d.]+ s\.$/m);
      const again = await concordat(good);
      expect(again.stdout).toMatch(
        /^Nothing imported: this file was already imported on \d{4}-\d\d-\d\d as paper forms\.csv, 300 responses\.$/m,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
