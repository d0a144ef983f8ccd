import { defineConfig } from 'vitest/config';

// Four tiers, one command. The same database test files run twice: once on the
// embedded PGlite and once on a throwaway real PostgreSQL started by the global setup.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/suite-count-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['src/**/*.db.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['src/**/*.db.test.ts'],
          env: { CONCORDAT_TEST_DATABASE: 'pglite' },
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['src/**/*.db.test.ts'],
          env: { CONCORDAT_TEST_DATABASE: 'postgres' },
          globalSetup: ['./test/support/postgres-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['./test/support/chromium-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
