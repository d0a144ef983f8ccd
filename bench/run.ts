/**
 * `npm run bench`: requests per second of the registry API and page against a bare Fastify
 * hello-world measured in the same run, then the pages benchmark (bench/pages/): every main page's
 * server time and Chromium's largest contentful paint, seen by the demo secretariat and a member,
 * then the voting benchmark (bench/voting/): 2,000 votes in one poll while 10,000 subscribers
 * watch the live page, on a throwaway PostgreSQL, then the consultation benchmark
 * (bench/consultations/): a million synthetic responses imported through the app against a raw
 * COPY of the same rows, memory, and the counts' server time. Written to bench/results/latest.md; reports
 * numbers, asserts nothing. BENCH_ONLY=registry, pages, votes or consultations (or `npm run bench --
 * consultations`) runs one part (the other parts'
 * last figures are kept); BENCH_PAGE_REQUESTS, BENCH_PAGE_WARM_UP and BENCH_PAGE_LOADS size the
 * pages part; BENCH_VOTERS, BENCH_SUBSCRIBERS, BENCH_INSTANCES and BENCH_VOTE_CONCURRENCY size
 * the voting part.
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { findFreePort } from '../test/support/postgres-global-setup.ts';
import { runConsultationBench } from './consultations/consultation-bench.ts';
import { splitSections } from './pages/page-report.ts';
import { pagesSettingsFrom, runPagesBench } from './pages/pages-bench.ts';
import { startServer, stopServer } from './server-process.ts';
import { runVotingBench, votingSettingsFrom } from './voting/voting-bench.ts';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const root = path.resolve(import.meta.dirname, '..');

function progress(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}

async function measure(name: string, url: string) {
  progress(`${name}: ${durationSeconds} s with ${connections} connections → ${url}`);
  // A short warm-up so JIT and caches settle before the measured run.
  await autocannon({ url, connections, duration: 2 });
  const result = await autocannon({ url, connections, duration: durationSeconds });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  if (non2xx > 0) throw new Error(`${name}: ${non2xx} requests failed; the figures would mislead.`);
  progress(
    `${name}: ${Math.round(result.requests.average)} requests/s, p99 ${result.latency.p99} ms`,
  );
  return {
    name,
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    total: result.requests.total,
  };
}

// `npm run bench -- consultations` is BENCH_ONLY=consultations.
const only = process.env.BENCH_ONLY ?? process.argv[2];
const parts = ['registry', 'pages', 'votes', 'consultations'] as const;
if (only !== undefined && !(parts as readonly string[]).includes(only)) {
  throw new Error(`BENCH_ONLY is ${parts.join(', ')}, not "${only}"`);
}
const runs = (part: (typeof parts)[number]) => only === undefined || only === part;
const votingSettings = votingSettingsFrom(process.env);

// Every subscriber is a socket in this process: raise the open-file limit by re-running the bench
// under a shell that raised it (Node cannot raise its own).
const filesNeeded = votingSettings.subscribers + 2000;
if (runs('votes') && !process.env.BENCH_FILE_LIMIT_RAISED) {
  const limit = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim());
  if (Number.isFinite(limit) && limit < filesNeeded) {
    progress(`raising the open-file limit from ${limit} to ${filesNeeded}…`);
    const rerun = spawnSync(
      'sh',
      [
        '-c',
        `ulimit -n ${filesNeeded} && exec "$0" "$@"`,
        process.execPath,
        ...process.execArgv,
        ...process.argv.slice(1),
      ],
      { stdio: 'inherit', env: { ...process.env, BENCH_FILE_LIMIT_RAISED: '1' } },
    );
    process.exit(rerun.status ?? 1);
  }
}

const resultsFile = path.join(root, 'bench/results/latest.md');
// Each part is a section of the results file; a part not run keeps its last figures.
const previous = splitSections(existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '');
const registry = runs('registry') ? await runRegistryBench() : previous.get('registry');
const pages = runs('pages')
  ? await runPagesBench({ settings: pagesSettingsFrom(process.env), progress })
  : previous.get('pages');
const voting = runs('votes')
  ? await runVotingBench({ settings: votingSettings, progress })
  : previous.get('voting');
const consultations = runs('consultations')
  ? await runConsultationBench({ progress })
  : previous.get('consultations');
const report = `${[registry, pages, voting, consultations]
  .filter((section) => section !== undefined && section.trim() !== '')
  .map((section) => section!.trimEnd())
  .join('\n\n')}\n`;
writeFileSync(resultsFile, report);
process.stdout.write(report);

async function runRegistryBench(): Promise<string> {
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'concordat-bench-'));
  const helloPort = await findFreePort();
  const appPort = await findFreePort();
  progress('starting the bare Fastify baseline and Concordat on PGlite (London demo data)…');
  const hello = await startServer(
    ['--import', 'tsx', 'bench/hello-world.ts'],
    { PORT: String(helloPort) },
    /listening/,
  );
  const app = await startServer(
    ['bin/concordat.js', 'serve'],
    { PORT: String(appPort), DATA_DIR: dataDirectory },
    /Concordat is serving/,
  );

  try {
    const baseline = await measure('bare Fastify hello-world', `http://127.0.0.1:${helloPort}/`);
    const api = await measure(
      'GET /api/v1/organisations?type=primary-care-trust',
      `http://127.0.0.1:${appPort}/api/v1/organisations?type=primary-care-trust`,
    );
    const page = await measure(
      'GET /organisations (HTML page)',
      `http://127.0.0.1:${appPort}/organisations`,
    );
    const rows = [baseline, api, page].map(
      (row) =>
        `| ${row.name} | ${Math.round(row.requestsPerSecond)} | ${row.latencyP50} | ${row.latencyP99} | ${(row.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)} |`,
    );
    return [
      '# Benchmark: registry throughput against a bare Fastify baseline',
      '',
      `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
      `Each target: ${durationSeconds} s after a 2 s warm-up, ${connections} connections, autocannon in the bench process, each server in its own process, embedded PGlite with the London demo data.`,
      '',
      '| target | requests/s | p50 ms | p99 ms | ratio to hello-world |',
      '|---|---:|---:|---:|---:|',
      ...rows,
      '',
      'The ratio is requests/s of the target divided by requests/s of the hello-world measured in the same run, so it is comparable across machines. The organisations list returns 31 PCTs with their sectors (one SQL query: a short page needs no count); the page renders all 35 organisations through Nunjucks and the NHS.UK layout. PGlite is one WebAssembly connection in-process, so requests queue on it (about 1.5–2.5 ms of database time each); deployments that need throughput set DATABASE_URL to a PostgreSQL server.',
    ].join('\n');
  } finally {
    await Promise.all([stopServer(hello), stopServer(app)]);
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}
