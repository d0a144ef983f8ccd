/**
 * The consultation benchmark (issue 25 part 6), on a throwaway PostgreSQL: synthetic responses to
 * 10 questions (30% with free text) written to temporary CSV files; imported through the app's
 * `concordat consultation import` (importResponses: streamed, checked line by line, COPY in batches of 10,000, one transaction);
 * compared with a raw `COPY` of the same rows, already in COPY's format, into a table made
 * `LIKE consultation_responses INCLUDING ALL` in the same run; the bench process's resident memory
 * sampled every 50 ms during a small and the large import; then the server time of the counts the
 * analysis reads, GET /api/v1/consultations/:slug/tallies, p50 and p95 over repeated requests on
 * the large consultation. BENCH_CONSULTATION_ROWS (default 1,000,000) sizes the large file, the
 * small one is a tenth of it; BENCH_TALLY_REQUESTS (default 200).
 */
import { spawn } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { buildApp } from '../../src/app.ts';
import { responseCopyLine } from '../../src/consultations/import-queries.ts';
import { importHeader, syntheticResponses } from '../../src/consultations/index.ts';
import {
  duplicateHashOf,
  freeTextOf,
  type QuestionKind,
} from '../../src/consultations/response-rules.ts';
import { csvLineOf } from '../../src/consultations/synthetic-responses.ts';
import { insertTestConsultation } from '../../src/consultations/testing/consultation-fixture.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { createApiToken } from '../../src/identity/account-service.ts';
import { loadAccountActor } from '../../src/identity/actor.ts';
import { selectAccountByEmail } from '../../src/identity/identity-queries.ts';
import { prepareDatabase } from '../../src/seed/prepare-database.ts';
import { startPostgresServer } from '../../test/support/postgres-global-setup.ts';
import { testConfig } from '../../test/support/test-app.ts';
import { percentile } from '../statistics.ts';
import { codeLargeConsultation } from './coding-setup.ts';

const benchQuestions: { text: string; kind: QuestionKind; options: string[] }[] = [
  {
    text: 'Do you agree with the case for change?',
    kind: 'single-choice',
    options: ['Strongly agree', 'Agree', 'Neither', 'Disagree', 'Strongly disagree'],
  },
  {
    text: 'Which services would you use at a polyclinic?',
    kind: 'multiple-choice',
    options: ['GP appointments', 'Diagnostics', 'Outpatient clinics', 'Urgent care', 'Pharmacy'],
  },
  {
    text: 'How far would you travel for specialist stroke care?',
    kind: 'scale',
    options: ['Under 15 minutes', '15 to 30 minutes', '30 to 45 minutes', 'Over 45 minutes'],
  },
  {
    text: 'Do you support major trauma centres?',
    kind: 'single-choice',
    options: ['Yes', 'No', 'Not sure'],
  },
  {
    text: 'What would improve maternity care?',
    kind: 'multiple-choice',
    options: ['Midwife-led units', 'Home births', 'One-to-one care', 'More consultants'],
  },
  {
    text: 'How important is care close to home?',
    kind: 'scale',
    options: ['Not important', 'Quite important', 'Very important', 'Essential'],
  },
  {
    text: 'Should planned surgery move to elective centres?',
    kind: 'single-choice',
    options: ['Yes', 'No', 'Not sure'],
  },
  {
    text: 'How confident are you in the proposals?',
    kind: 'scale',
    options: ['Not at all', 'A little', 'Fairly', 'Very'],
  },
  { text: 'What else should we consider about local care?', kind: 'free-text', options: [] },
  { text: 'Any other comments on the proposals?', kind: 'free-text', options: [] },
];

const root = path.resolve(import.meta.dirname, '../..');
const megabytes = (bytes: number) => Math.round(bytes / 2 ** 20);

export async function runConsultationBench(options: {
  progress: (message: string) => void;
}): Promise<string> {
  const { progress } = options;
  const largeRows = Number(process.env.BENCH_CONSULTATION_ROWS ?? 1_000_000);
  const smallRows = Math.max(1, Math.round(largeRows / 10));
  const tallyRequests = Number(process.env.BENCH_TALLY_REQUESTS ?? 200);
  const folder = mkdtempSync(path.join(tmpdir(), 'concordat-consultation-bench-'));
  const postgres = await startPostgresServer({ purpose: 'the consultation benchmark' });
  progress(`consultations: throwaway PostgreSQL ${postgres.version} on port ${postgres.port}`);
  const handle = await openDatabase({ databaseUrl: postgres.adminUrl });
  try {
    const now = new Date();
    await prepareDatabase({
      handle,
      now,
      seedWhenEmpty: true,
      progress: (message) => progress(`consultations: ${message}`),
    });
    const small = await insertTestConsultation(handle.db, {
      now,
      slug: 'bench-small',
      questions: benchQuestions,
    });
    const large = await insertTestConsultation(handle.db, {
      now,
      slug: 'bench-large',
      questions: benchQuestions,
    });

    // The files (not timed): the CSV the import reads and, for the baseline, the same rows as COPY text.
    const write = async (file: string, lines: Iterable<string>) => {
      await pipeline(
        (function* () {
          let chunk = '';
          for (const line of lines) {
            chunk += line;
            if (chunk.length > 1 << 16) {
              yield chunk;
              chunk = '';
            }
          }
          if (chunk) yield chunk;
        })(),
        createWriteStream(file),
      );
    };
    const smallCsv = path.join(folder, 'small.csv');
    const largeCsv = path.join(folder, 'large.csv');
    const rawCopy = path.join(folder, 'large.copy');
    progress(
      `consultations: writing ${smallRows.toLocaleString('en-GB')} and ${largeRows.toLocaleString('en-GB')} synthetic responses to CSV…`,
    );
    await write(
      smallCsv,
      (function* () {
        yield importHeader(small.questions);
        for (const response of syntheticResponses(small.questions, smallRows, 11))
          yield csvLineOf(small.questions, response);
      })(),
    );
    await write(
      largeCsv,
      (function* () {
        yield importHeader(large.questions);
        for (const response of syntheticResponses(large.questions, largeRows, 12))
          yield csvLineOf(large.questions, response);
      })(),
    );
    const at = now.toISOString();
    await write(
      rawCopy,
      (function* () {
        let line = 1;
        for (const response of syntheticResponses(large.questions, largeRows, 12)) {
          line += 1;
          const answers = Object.fromEntries(
            large.questions
              .filter((question) => response.answers.has(question.number))
              .map((question) => [question.id, response.answers.get(question.number)!]),
          );
          yield responseCopyLine(
            {
              respondentCategory: response.category,
              organisationName: response.organisation,
              publishConsent: response.publishConsent,
              answers,
              normalisedTextHash: duplicateHashOf(freeTextOf(large.questions, answers)),
            },
            { id: crypto.randomUUID(), consultationId: large.id, importId: large.id, line, at },
          );
        }
      })(),
    );

    // Through the command line, as an operator imports a large file: processes of their own, so
    // their peak resident memory (VmHWM) is the command's alone.
    const importFile = async (file: string, slug: string, rows: number) => {
      progress(
        `consultations: importing ${rows.toLocaleString('en-GB')} responses with concordat consultation import…`,
      );
      const began = performance.now();
      const child = spawn(
        process.execPath,
        ['bin/concordat.js', 'consultation', 'import', file, '--consultation', slug],
        {
          cwd: root,
          env: { ...process.env, DATABASE_URL: postgres.adminUrl, LOG_LEVEL: 'warn' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      // The launcher (bin/concordat.js) starts the importer as a Node of its own with a heap limit
      // (decision 052): the command's memory is both processes', each at its own peak.
      const peaks = new Map<number, number>();
      const processTree = (pid: number): number[] => {
        let children: number[] = [];
        try {
          children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
            .trim()
            .split(/\s+/)
            .filter(Boolean)
            .map(Number);
        } catch {
          // Ended between two samples.
        }
        return [pid, ...children.flatMap(processTree)];
      };
      const sample = () => {
        for (const pid of processTree(child.pid!)) {
          try {
            const status = readFileSync(`/proc/${pid}/status`, 'utf8');
            const high = /VmHWM:\s+(\d+)/.exec(status)?.[1];
            if (high) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Number(high)));
          } catch {
            // The process has ended between two samples.
          }
        }
      };
      const timer = setInterval(sample, 50);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      clearInterval(timer);
      const wallSeconds = (performance.now() - began) / 1000;
      const reported = /Imported ([\d,]+) responses? in ([\d.]+) s/.exec(stdout);
      if (code !== 0 || !reported || Number(reported[1]!.replaceAll(',', '')) !== rows) {
        throw new Error(
          `consultations: the import of ${file} ended with ${code}: ${stdout} ${stderr.slice(-2000)}`,
        );
      }
      const seconds = Number(reported[2]);
      const peak = [...peaks.values()].reduce((sum, kilobytes) => sum + kilobytes, 0) * 1024;
      const processes = peaks.size;
      progress(
        `consultations: ${rows} in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)}/s), peak RSS ${megabytes(peak)} MB over ${processes} processes`,
      );
      return { rows, seconds, wallSeconds, peak, processes, bytes: statSync(file).size };
    };
    const smallRun = await importFile(smallCsv, small.slug, smallRows);
    const largeRun = await importFile(largeCsv, large.slug, largeRows);

    progress('consultations: raw COPY of the same rows into an identical table…');
    const client = new pg.Client({ connectionString: postgres.adminUrl });
    await client.connect();
    let rawSeconds: number;
    try {
      await client.query(
        'create table bench_raw_responses (like consultation_responses including all)',
      );
      const started = performance.now();
      await client.query('begin');
      await pipeline(
        createReadStream(rawCopy, { highWaterMark: 1 << 20 }),
        client.query(
          copyFrom(
            `COPY bench_raw_responses (id, consultation_id, respondent_category, organisation_name, publish_consent, channel, state, answers, normalised_text_hash, import_id, import_line, submitted_at, created_at, updated_at) FROM STDIN`,
          ),
        ),
      );
      await client.query('commit');
      rawSeconds = (performance.now() - started) / 1000;
    } finally {
      await client.end();
    }
    progress(`consultations: raw COPY ${largeRows} in ${rawSeconds.toFixed(1)} s`);

    progress(
      `consultations: ${tallyRequests} requests of the counts on ${largeRows.toLocaleString('en-GB')} responses…`,
    );
    const app = await buildApp({
      database: handle,
      config: testConfig(),
      logger: false,
      now: () => now,
    });
    const timings: number[] = [];
    const pageTimings: number[] = [];
    let coding = { firstPass: 0, secondPass: 0 };
    try {
      const account = await selectAccountByEmail(handle.db, 'admin@demo.invalid');
      const actor = await loadAccountActor(handle.db, account!.id, now, {
        authenticatedBy: 'session',
      });
      if (actor?.kind !== 'account') throw new Error('consultations: no demo administrator');
      const { token } = await createApiToken({
        db: handle.db,
        actor,
        name: 'bench',
        scope: 'write',
        now,
      });
      const request = () =>
        app.inject({
          url: `/api/v1/consultations/${large.slug}/tallies`,
          headers: { authorization: `Bearer ${token}` },
        });
      for (let index = 0; index < 10; index += 1) await request();
      for (let index = 0; index < tallyRequests; index += 1) {
        const started = performance.now();
        const response = await request();
        timings.push(performance.now() - started);
        if (response.statusCode !== 200) {
          throw new Error(
            `consultations: the counts answered ${response.statusCode} ${response.body.slice(0, 300)}`,
          );
        }
        if (index === 0) {
          const answered = (response.json() as { questions: { answeredTotal: number }[] })
            .questions[0]!.answeredTotal;
          progress(`consultations: question 1 answered by ${answered} of ${largeRows}`);
        }
      }
      progress('consultations: coding 40% of the free-text answers, a sample twice (set-up)…');
      coding = await codeLargeConsultation(handle.db, large);
      const page = () =>
        app.inject({
          url: `/consultations/${large.slug}/analysis`,
          headers: { authorization: `Bearer ${token}` },
        });
      for (let index = 0; index < 10; index += 1) await page();
      for (let index = 0; index < tallyRequests; index += 1) {
        const started = performance.now();
        const response = await page();
        pageTimings.push(performance.now() - started);
        if (response.statusCode !== 200 || !response.body.includes('Analysis of the responses')) {
          throw new Error(
            `consultations: the analysis page answered ${response.statusCode} ${response.body.slice(0, 300)}`,
          );
        }
      }
    } finally {
      await app.close();
    }
    const p50 = percentile(timings, 50) ?? Number.NaN;
    const pageP50 = percentile(pageTimings, 50) ?? Number.NaN;
    const pageP95 = percentile(pageTimings, 95) ?? Number.NaN;
    const p95 = percentile(timings, 95) ?? Number.NaN;
    const importRate = largeRun.rows / largeRun.seconds;
    const rawRate = largeRows / rawSeconds;
    const ratio = importRate / rawRate;
    const verdict = (met: boolean) => (met ? 'met' : 'not met');
    return [
      '# Benchmark: consultations — importing a million responses and reading their counts',
      '',
      `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${postgres.version} (throwaway, fsync off, over TCP on this machine for the import and the baseline alike). The machine is shared: other work beside the bench lengthens every figure.`,
      '',
      '| measure | figure | target | |',
      '|---|---:|---|---|',
      `| import of ${largeRows.toLocaleString('en-GB')} responses (${megabytes(largeRun.bytes)} MB CSV) | ${largeRun.seconds.toFixed(1)} s, ${Math.round(importRate).toLocaleString('en-GB')} responses/s (the command from start to exit: ${largeRun.wallSeconds.toFixed(1)} s) | | |`,
      `| raw COPY of the same rows | ${rawSeconds.toFixed(1)} s, ${Math.round(rawRate).toLocaleString('en-GB')} rows/s | | |`,
      `| import ÷ raw COPY | ${ratio.toFixed(2)} | at least 0.5 | ${verdict(ratio >= 0.5)} |`,
      `| peak RSS importing ${smallRows.toLocaleString('en-GB')} (${megabytes(smallRun.bytes)} MB), launcher and importer | ${megabytes(smallRun.peak)} MB | under 300 MB | ${verdict(smallRun.peak < 300 * 2 ** 20)} |`,
      `| peak RSS importing ${largeRows.toLocaleString('en-GB')} (${megabytes(largeRun.bytes)} MB), launcher and importer | ${megabytes(largeRun.peak)} MB | under 300 MB, flat | ${verdict(largeRun.peak < 300 * 2 ** 20)} |`,
      `| counts (GET /api/v1/consultations/:slug/tallies) on ${largeRows.toLocaleString('en-GB')} responses | p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms | p95 under 300 ms | ${verdict(p95 < 300)} |`,
      `| the analysis page (GET /consultations/:slug/analysis) on ${largeRows.toLocaleString('en-GB')} responses, ${coding.firstPass.toLocaleString('en-GB')} answers coded, ${coding.secondPass.toLocaleString('en-GB')} coded twice | p50 ${pageP50.toFixed(1)} ms, p95 ${pageP95.toFixed(1)} ms | p95 under 300 ms | ${verdict(pageP95 < 300)} |`,
      '',
      `Method. Ten questions (three single choice, two multiple choice, three scales, two free text); responses from src/consultations/synthetic-responses.ts (seeded; 72% public, 14% NHS staff, 9% clinicians, 5% organisations; about 30% with free text from phrase templates per theme). Not timed: the demo database, two consultations made with the test fixture, and the files — the CSV the import reads and, for the baseline, the very same rows already in COPY's text format (ids, answers keyed by question id, duplicate hashes). The import is \`concordat consultation import FILE --consultation SLUG\` as an operator runs it: bin/concordat.js starts the importer in a Node of its own with a heap limit of 192 MB (decision 052), and the importer loads only the modules the command needs. Its time is as it reports it, from opening the database to the commit, including a first pass hashing the file to answer a re-run at once; the command's time from start to exit is given beside it. Its memory is the sum of the peak resident sets (VmHWM) of the launcher and the importer, so it includes Node, tsx and the modules. \`importResponses\` streams the file through csv-parse, checks every line with the form's rules (category, choices, text length, the duplicate hash) by a reader made once for the file's header, counts the tallies in place, and writes the checked lines in chunks of 256 KB into one COPY kept open for the whole file, waiting while the socket is full; then the tallies once and the import's audit event, all in one transaction. The baseline is one \`COPY … FROM STDIN\` of the prepared file into \`bench_raw_responses (LIKE consultation_responses INCLUDING ALL)\` — the same indexes, checks and identity, no foreign keys — in one transaction. Memory is measured for a file a tenth the size and for the large one: a flat figure means memory does not grow with the file. The counts are served by the app built in the bench process (app.inject, so the figure is server time without the network), with an administrator's API token: ${tallyRequests} requests one after another after 10 warm-up, on the consultation with ${largeRows.toLocaleString('en-GB')} responses; they read consultation_tallies (a few rows per question) — nothing is counted at request time. The analysis page is then timed the same way (the HTML page an analyst opens: counts by question, choice, theme and who responded, the totals by channel, the SVG charts, agreement between the two passes per theme and pooled, and suggestions' agreement) after a set-up, not timed, that codes the large consultation as a team part-way through would have it (bench/consultations/coding-setup.ts: five themes per free-text question, 40% of the answers coded, one in ten of those coded again by a second analyst, the theme tallies kept): the page reads the tallies and sums the two passes' agreement per theme in the database.`,
    ].join('\n');
  } finally {
    await handle.close();
    postgres.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
