import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDatabaseTarget } from '../../test/support/test-database.ts';

const run = promisify(execFile);
const binary = path.resolve(import.meta.dirname, '../../bin/concordat.js');

function concordat(args: string[], environment: Record<string, string>) {
  return run(process.execPath, [binary, ...args], {
    env: { ...process.env, ...environment },
    timeout: 60_000,
  });
}

describe('the concordat command', () => {
  it('migrates, seeds the London data and lists a sector', async () => {
    const { environment } = await createDatabaseTarget();
    const migrated = await concordat(['migrate'], environment);
    expect(migrated.stderr).toContain('Migrations are up to date.');
    const seeded = await concordat(['seed', '--demo'], environment);
    expect(seeded.stderr).toMatch(/Added 5 sectors and 35 organisations/);
    expect(seeded.stderr).toMatch(/Added 32 demo people/);
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

  it('explains each command with --help, and refuses an unknown option clearly', async () => {
    for (const command of [['serve'], ['migrate'], ['seed'], ['org', 'list']]) {
      const { stdout } = await concordat([...command, '--help'], {});
      expect(stdout).toContain(`Usage: concordat ${command.join(' ')}`);
    }
    await expect(concordat(['org', 'list', '--type', 'quango'], {})).rejects.toMatchObject({
      stderr: expect.stringContaining('Allowed choices are primary-care-trust'),
    });
  });
});
