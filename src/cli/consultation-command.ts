import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { type Command, CommanderError, Option } from 'commander';
import type { ImportProgress } from '../consultations/index.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { ProblemError } from '../shared/problems.ts';
import type { CommandStreams } from './audit-command.ts';
import { commandLineAdministrator } from './command-line-actor.ts';

/** "[██████░░░░]  60%  600,000 rows  52,310 rows/s": by bytes read of the file's size. */
export function progressBar(progress: ImportProgress, fileBytes: number, seconds: number): string {
  const share = fileBytes > 0 ? Math.min(1, progress.bytesRead / fileBytes) : 0;
  const width = 30;
  const filled = Math.round(share * width);
  const rate = seconds > 0 ? Math.round(progress.linesRead / seconds) : 0;
  const bad = progress.badLines > 0 ? `  ${progress.badLines} bad` : '';
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${`${Math.round(share * 100)}%`.padStart(4)}  ${progress.linesRead.toLocaleString('en-GB')} rows  ${rate.toLocaleString('en-GB')} rows/s${bad}`;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Adds `consultation import FILE --consultation SLUG [--format csv|xlsx]`: the file is streamed,
 * checked line by line and imported all or nothing (docs/consultations.md); a progress bar on
 * stderr; a refusal lists the bad lines on stderr and ends with exit code 1, nothing imported.
 */
export function registerConsultationCommands(
  program: Command,
  options: {
    openDatabase: () => Promise<DatabaseHandle>;
    now?: () => Date;
    streams?: CommandStreams;
  },
): void {
  const streams = options.streams ?? { stdout: process.stdout, stderr: process.stderr };
  const consultation = program
    .command('consultation')
    .description('Consultations: import responses from CSV or XLSX (see docs/consultations.md)');
  consultation
    .command('import')
    .description(
      'Import responses to a consultation from a CSV or XLSX file, all or nothing: bad lines are named with their line and column; the same file twice imports nothing',
    )
    .argument('<file>', 'the file (header: category, organisation, publish_consent, Q1 … QN)')
    .requiredOption(
      '--consultation <slug>',
      'the consultation’s address, e.g. healthcare-for-london',
    )
    .addOption(
      new Option('--format <format>', 'the file’s format (default: from its name)').choices([
        'csv',
        'xlsx',
      ]),
    )
    .action(async (file: string, flags: { consultation: string; format?: 'csv' | 'xlsx' }) => {
      // Loaded when the command runs, not when the command line is read (decision 052).
      const { formatOfFileName, importResponses } = await import('../consultations/index.ts');
      const size = await stat(file).then(
        (info) => info.size,
        () => {
          throw new Error(`There is no file ${file} to import.`);
        },
      );
      const format = flags.format ?? formatOfFileName(file);
      if (!format) {
        throw new Error(`Say whether ${file} is CSV or XLSX: add --format csv or --format xlsx.`);
      }
      const started = performance.now();
      let lastDrawn = 0;
      const isTerminal = (streams.stderr as NodeJS.WriteStream).isTTY === true;
      const draw = (progress: ImportProgress, final = false) => {
        const now = performance.now();
        if (!final && now - lastDrawn < (isTerminal ? 200 : 5000)) return;
        lastDrawn = now;
        const line = progressBar(progress, size, (now - started) / 1000);
        streams.stderr.write(isTerminal ? `\r${line}${final ? '\n' : ''}` : `${line}\n`);
      };
      const database = await options.openDatabase();
      try {
        const outcome = await importResponses({
          db: database.db,
          context: { actor: 'cli', now: options.now?.() ?? new Date() },
          actor: commandLineAdministrator,
          consultationSlug: flags.consultation,
          fileName: file.split('/').pop() ?? file,
          format,
          knownSha256: await sha256Of(file),
          input: createReadStream(file, { highWaterMark: 1 << 20 }),
          onProgress: (progress) => draw(progress),
        });
        if (outcome.kind === 'already-imported') {
          streams.stdout.write(
            `Nothing imported: this file was already imported on ${outcome.importedAt.toISOString().slice(0, 10)} as ${outcome.fileName}, ${outcome.responses.toLocaleString('en-GB')} responses.\n`,
          );
          return;
        }
        draw(
          {
            linesRead: outcome.responses,
            bytesRead: size,
            responsesChecked: outcome.responses,
            badLines: 0,
          },
          true,
        );
        const seconds = (performance.now() - started) / 1000;
        streams.stdout.write(
          `Imported ${outcome.responses.toLocaleString('en-GB')} response${outcome.responses === 1 ? '' : 's'} in ${seconds.toFixed(1)} s.\n`,
        );
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        streams.stderr.write(`${isTerminal ? '\n' : ''}Nothing was imported:\n`);
        for (const problem of error.problem.errors ?? []) {
          streams.stderr.write(`  ${problem.message}\n`);
        }
        if (!error.problem.errors?.length) streams.stderr.write(`  ${error.problem.detail}\n`);
        throw new CommanderError(1, 'concordat.consultation.refused', 'Nothing was imported.');
      } finally {
        await database.close();
      }
    });
}
