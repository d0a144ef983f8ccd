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
    {
      name: 'capabilities-meet-at-their-faces',
      severity: 'error',
      comment:
        "A capability uses another only through that one's index.ts (its face), never its queries, services or views; the floor (db, shared, http, governance, mail) is open to all.",
      from: { path: '(^|/)src/([^/]+)/', pathNot: outsideTests },
      to: {
        path: '(^|/)src/[^/]+/',
        pathNot: [
          '(^|/)src/$2/',
          '(^|/)src/[^/]+/index\\.ts$',
          '(^|/)src/(db|shared|http|governance|mail)/',
        ],
      },
    },
    {
      name: 'the-root-meets-capabilities-at-their-faces',
      severity: 'error',
      comment: 'The composition root (src/app.ts) registers each capability through its face.',
      from: { path: '(^|/)src/[^/]+\\.ts$', pathNot: outsideTests },
      to: {
        path: '(^|/)src/[^/]+/',
        pathNot: ['(^|/)src/[^/]+/index\\.ts$', '(^|/)src/(db|shared|http|governance|mail)/'],
      },
    },
    {
      name: 'tables-belong-to-their-capability',
      severity: 'error',
      comment:
        'Each table belongs to one capability (src/db/schema/<capability>.ts) and only its use cases write it. Another capability may name it only in a query file (*-queries.ts), to join it into a read model. The seeds load the record as a migration would.',
      from: {
        path: '(^|/)src/([^/]+)/',
        pathNot: [outsideTests, '-queries\\.ts$', '(^|/)src/(db|seed)/'],
      },
      to: {
        path: '(^|/)src/db/schema/[^/]+\\.ts$',
        pathNot: ['(^|/)src/db/schema/$2\\.ts$', '(^|/)src/db/schema/mail\\.ts$'],
      },
    },
    {
      name: 'foundations-are-the-floor',
      severity: 'error',
      comment:
        'src/shared/, src/mail/ and src/config.ts sit under everything: they import each other and src/db/ only.',
      from: { path: '(^|/)src/(shared/|mail/|config\\.ts$)', pathNot: outsideTests },
      to: { path: '(^|/)src/', pathNot: '(^|/)src/(db|shared|mail)/|(^|/)src/config\\.ts$' },
    },
    {
      name: 'bin-starts-the-cli',
      severity: 'error',
      comment: 'bin/ only starts the CLI; everything else goes through it.',
      from: { path: '(^|/)bin/' },
      to: { path: '(^|/)src/', pathNot: '(^|/)src/cli/main\\.ts$' },
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
