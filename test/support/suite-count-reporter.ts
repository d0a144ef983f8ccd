import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints how many tests ran in each tier (unit, PGlite, PostgreSQL, browser) and a closing
 * "N passed, N failed" line, so a reader and CI see at a glance what was exercised where.
 */
export default class SuiteCountReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const tiers = new Map<string, { passed: number; failed: number; skipped: number }>();
    for (const testModule of testModules) {
      const tier = testModule.project.name || 'default';
      const counts = tiers.get(tier) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
      tiers.set(tier, counts);
    }
    const lines = ['', 'Tests by tier:'];
    const total = { passed: 0, failed: 0, skipped: 0 };
    for (const [tier, counts] of tiers) {
      lines.push(
        `  ${tier.padEnd(9)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
      );
      total.passed += counts.passed;
      total.failed += counts.failed;
      total.skipped += counts.skipped;
    }
    lines.push('', `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`, '');
    process.stdout.write(lines.join('\n'));
  }
}
