/**
 * The edges of the house (issue 21, decision 018), checked by `npm run check:static`. Paths are
 * matched anywhere in a file's path, so the same rules judge the planted bad imports in
 * test/fixtures/bad-edges/ (src/architecture.test.ts proves the check fails on them).
 */
const outsideTests = '(\\.test\\.ts|\\.e2e\\.ts)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'A file never depends on itself through others, between folders or inside one.',
      from: { pathNot: outsideTests },
      to: { circular: true },
    },
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      comment:
        'src/app.ts builds the app and imports every capability; only the CLI (and tests) start it.',
      from: { path: '(^|/)src/', pathNot: `(^|/)src/(cli/|app\\.ts$)|${outsideTests}` },
      to: { path: '(^|/)src/app\\.ts$' },
    },
    {
      name: 'http-is-plumbing',
      severity: 'error',
      comment: 'src/http/ is shared HTTP plumbing: it imports no capability.',
      from: { path: '(^|/)src/http/', pathNot: outsideTests },
      to: { path: '(^|/)src/', pathNot: '(^|/)src/(http|db|shared|mail)/|(^|/)src/config\\.ts$' },
    },
    {
      name: 'db-is-the-floor',
      severity: 'error',
      comment: 'src/db/ (connection, schema, migrations, notifications) imports no capability.',
      from: { path: '(^|/)src/db/', pathNot: outsideTests },
      to: { path: '(^|/)src/', pathNot: '(^|/)src/(db|shared)/|(^|/)src/config\\.ts$' },
    },
    {
      name: 'governance-is-pure',
      severity: 'error',
      comment:
        'The rules engine imports nothing of the application but the pure input shapes every schema shares (one date range).',
      from: { path: '(^|/)src/governance/', pathNot: outsideTests },
      to: {
        path: '(^|/)src/',
        pathNot: '(^|/)src/governance/|(^|/)src/shared/(input|problems)\\.ts$',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: outsideTests },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
