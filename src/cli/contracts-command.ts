import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { type Command, CommanderError } from 'commander';
import { importContracts } from '../contracts/index.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { ProblemError } from '../shared/problems.ts';
import type { CommandStreams } from './audit-command.ts';
import { commandLineAdministrator } from './command-line-actor.ts';
import { createProgress } from './progress.ts';

/**
 * Adds `contracts import FILE.csv`: the file is read as a stream, checked line by line and imported
 * all or nothing (docs/contracts.md). Progress goes to stderr; a refusal lists every bad line on
 * stderr and ends with exit code 1, nothing imported.
 */
export function registerContractCommands(
  program: Command,
  options: {
    openDatabase: () => Promise<DatabaseHandle>;
    now?: () => Date;
    streams?: CommandStreams;
  },
): void {
  const streams = options.streams ?? { stdout: process.stdout, stderr: process.stderr };
  const contracts = program
    .command('contracts')
    .description('The contracts register: import contracts from CSV (see docs/contracts.md)');
  contracts
    .command('import')
    .description(
      'Import contracts from a CSV file, all or nothing: every bad line is named with its line number and the rule it breaks',
    )
    .argument('<file>', 'the CSV file (the columns of docs/contracts.md)')
    .action(async (file: string) => {
      await access(file).catch(() => {
        throw new Error(`There is no file ${file} to import.`);
      });
      const progress = createProgress(streams.stderr);
      const database = await options.openDatabase();
      try {
        progress(`Reading ${file}…`);
        const result = await importContracts({
          db: database.db,
          context: { actor: 'cli', now: options.now?.() ?? new Date() },
          actor: commandLineAdministrator,
          input: createReadStream(file),
          progress,
        });
        streams.stdout.write(
          `Imported ${result.imported} contract${result.imported === 1 ? '' : 's'} into the register.\n`,
        );
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        streams.stderr.write('Nothing was imported:\n');
        for (const problem of error.problem.errors ?? []) {
          streams.stderr.write(`  ${problem.message}\n`);
        }
        if (!error.problem.errors?.length) streams.stderr.write(`  ${error.problem.detail}\n`);
        throw new CommanderError(1, 'concordat.contracts.refused', 'Nothing was imported.');
      } finally {
        await database.close();
      }
    });
}
