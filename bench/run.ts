/**
 * `npm run bench`: requests per second of the registry API and page against a bare Fastify
 * hello-world measured in the same run, on this machine, written to bench/results/latest.md.
 * Reports numbers; asserts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { findFreePort } from '../test/support/postgres-global-setup.ts';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const root = path.resolve(import.meta.dirname, '..');

function progress(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}

async function startServer(
  args: string[],
  environment: Record<string, string>,
  readyPattern: RegExp,
) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const onOutput = (chunk: Buffer) => {
      if (readyPattern.test(chunk.toString())) resolve();
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code) => reject(new Error(`server exited early with code ${code}`)));
  });
  return child;
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

function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

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
  const report = [
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
    '',
  ].join('\n');
  writeFileSync(path.join(root, 'bench/results/latest.md'), report);
  process.stdout.write(report);
} finally {
  await Promise.all([stop(hello), stop(app)]);
  rmSync(dataDirectory, { recursive: true, force: true });
}
