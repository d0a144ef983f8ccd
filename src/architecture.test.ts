import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs the edge check `npm run check:static` runs, on a folder; its exit code and report. */
async function checkEdges(folder: string): Promise<{ code: number; report: string }> {
  try {
    const { stdout } = await run('npx', [
      'depcruise',
      '--config',
      '.dependency-cruiser.cjs',
      folder,
    ]);
    return { code: 0, report: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, report: failed.stdout };
  }
}

// dependency-cruiser reads every file; on a loaded two-core machine that takes more than 5 s.
describe('the edges of the house (issue 21, decision 018)', { timeout: 120_000 }, () => {
  it('the check fails on planted bad imports, naming each rule they break', async () => {
    const { code, report } = await checkEdges('test/fixtures/bad-edges');
    expect(code).not.toBe(0);
    for (const rule of [
      'no-cycle',
      'http-is-plumbing',
      'governance-is-pure',
      'db-is-the-floor',
      'nothing-imports-the-composition-root',
      'capabilities-meet-at-their-faces',
      'the-root-meets-capabilities-at-their-faces',
      'tables-belong-to-their-capability',
      'foundations-are-the-floor',
      'bin-starts-the-cli',
    ]) {
      expect(report, rule).toContain(rule);
    }
  });

  it('the code itself passes it', async () => {
    const { code, report } = await checkEdges('src');
    expect(report).toContain('no dependency violations found');
    expect(code).toBe(0);
  });
});
