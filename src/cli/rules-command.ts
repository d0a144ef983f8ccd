/**
 * `concordat rules …`: check a constitution file, and run the governance engine on facts given as
 * JSON, printing the explanation as text or (with --json) the whole result. A constitution is
 * named by file path or by preset id (e.g. london-commissioning-group-2008).
 *
 *   concordat rules check FILE
 *   concordat rules quorum --constitution C --facts FACTS.json [--item ID] [--json]
 *   concordat rules tally --constitution C (--method M | --kind K) --facts FACTS.json [--json]
 *   concordat rules composition --constitution C --facts FACTS.json [--json]
 *   concordat rules dispute --constitution C --facts FACTS.json [--as-of YYYY-MM-DD] [--json]
 *   concordat rules diff BEFORE AFTER [--json]
 *   concordat rules presets
 *
 * Exit status: 0 when the engine gave a result (a meeting can be inquorate and the command still
 * succeeds), 1 when the constitution or the facts were refused.
 */
import { readFile } from 'node:fs/promises';
import { type Command, CommanderError } from 'commander';
import {
  formatFileErrors,
  type LoadConstitutionResult,
  listPresets,
  presetsDirectory,
  resolveConstitution,
} from '../constitutions/index.ts';
import {
  type Constitution,
  diffConstitutions,
  type EngineError,
  type EngineResult,
  type Explanation,
  evaluateQuorum,
  formatExplanation,
  nextDisputeStep,
  tally,
  validateComposition,
} from '../governance/index.ts';

/** Where the commands write, so tests can capture output and exit status. */
export interface RulesCommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly setExitCode: (code: number) => void;
  /** Where preset ids are looked up. */
  readonly presetsDirectory?: string;
  /** Today's date (YYYY-MM-DD), for `rules dispute` without --as-of. */
  readonly today?: () => string;
}

const processIo: RulesCommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  // The message is already printed; a CommanderError carries the status to the CLI's runner,
  // which turns it into the process's exit code without printing anything more.
  setExitCode: (code) => {
    throw new CommanderError(code, 'concordat.rules.refused', 'refused');
  },
};

/** Today in Europe/London, where the bodies meet. */
function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

interface OutputOptions {
  readonly json?: boolean;
}

/** Register `rules` and its subcommands on a commander program. */
export function registerRulesCommands(program: Command, io: RulesCommandIo = processIo): void {
  const directory = io.presetsDirectory ?? presetsDirectory;

  const run =
    <Args extends unknown[]>(action: (...args: Args) => Promise<void>) =>
    async (...args: Args): Promise<void> => {
      try {
        await action(...args);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        const options = args.find(
          (arg): arg is OutputOptions => typeof arg === 'object' && arg !== null && 'json' in arg,
        );
        if (options?.json)
          io.out(`${JSON.stringify({ error: error.message, details: error.details }, null, 2)}\n`);
        else io.err(`${error.message}\n`);
        io.setExitCode(1);
      }
    };

  const load = async (fileOrPreset: string): Promise<Constitution> => {
    const loaded: LoadConstitutionResult = await resolveConstitution(fileOrPreset, directory);
    if (!loaded.ok)
      throw new Refusal(`Constitution refused:\n${formatFileErrors(loaded.errors)}`, loaded.errors);
    return loaded.constitution;
  };

  const readFacts = async (file: string): Promise<unknown> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new Refusal(`Cannot read the facts file ${file}`, { file });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new Refusal(
        `The facts file ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
        { file },
      );
    }
  };

  const print = <T extends { explanation: Explanation }>(
    heading: string,
    result: EngineResult<T>,
    options: OutputOptions,
  ): void => {
    if (!result.ok) {
      throw new Refusal(
        `The facts do not fit the constitution:\n${formatEngineErrors(result.errors)}`,
        result.errors,
      );
    }
    if (options.json) io.out(`${JSON.stringify(result.value, null, 2)}\n`);
    else io.out(`${heading}\n\n${formatExplanation(result.value.explanation)}`);
  };

  const heading = (constitution: Constitution, what: string): string =>
    `${constitution.identity.title} (version ${constitution.identity.version}): ${what}`;

  const rules = program
    .command('rules')
    .description('Check constitutions and run the governance engine on facts, with explanations');

  rules
    .command('check')
    .description('Validate a constitution file; errors are given with their line')
    .argument('<file>', 'constitution YAML file, or a preset id')
    .option('--json', 'print the result as JSON')
    .action(
      run(async (file: string, options: OutputOptions) => {
        const loaded = await resolveConstitution(file, directory);
        if (!loaded.ok) {
          if (options.json)
            io.out(`${JSON.stringify({ valid: false, errors: loaded.errors }, null, 2)}\n`);
          else
            io.err(
              `${formatFileErrors(loaded.errors)}\n${loaded.errors.length} ${loaded.errors.length === 1 ? 'error' : 'errors'}.\n`,
            );
          io.setExitCode(1);
          return;
        }
        const constitution = loaded.constitution;
        const assumptions = collectAssumptions(constitution);
        if (options.json) {
          io.out(
            `${JSON.stringify({ valid: true, identity: constitution.identity, assumptions }, null, 2)}\n`,
          );
          return;
        }
        const lines = [
          `${loaded.file}: valid.`,
          `${constitution.identity.title}, version ${constitution.identity.version}, effective ${constitution.effective.date}; review due ${constitution.review.date}.`,
          `${countRules(constitution)} rules, each citing its clause; ${assumptions.length} ${assumptions.length === 1 ? 'assumption' : 'assumptions'} where the sources are silent:`,
          ...assumptions.map(
            (assumption) => `  - ${assumption.path} (${assumption.clause}): ${assumption.reason}`,
          ),
        ];
        io.out(`${lines.join('\n')}\n`);
      }),
    );

  rules
    .command('quorum')
    .description(
      'Is a meeting quorate? Facts: { members, attendance, conflicts?, invitedAttendees? }',
    )
    .requiredOption('--constitution <fileOrPreset>', 'constitution file or preset id')
    .requiredOption('--facts <file>', 'facts as JSON')
    .option('--item <id>', 'evaluate for one agenda item (conflicted members may not count)')
    .option('--json', 'print the whole result as JSON')
    .action(
      run(
        async (options: { constitution: string; facts: string; item?: string; json?: boolean }) => {
          const constitution = await load(options.constitution);
          const facts = await readFacts(options.facts);
          const result = evaluateQuorum(
            constitution,
            facts as never,
            options.item !== undefined ? { itemId: options.item } : {},
          );
          print(
            heading(constitution, options.item ? `quorum for item ${options.item}` : 'quorum'),
            result,
            options,
          );
        },
      ),
    );

  rules
    .command('tally')
    .description(
      'Apply a decision method to votes. Facts: { members, attendance, votes, … } or { parties, votes }',
    )
    .requiredOption('--constitution <fileOrPreset>', 'constitution file or preset id')
    .requiredOption('--facts <file>', 'facts as JSON')
    .option('--method <id>', 'decision method id')
    .option('--kind <id>', 'kind of decision (names its method)')
    .option('--json', 'print the whole result as JSON')
    .action(
      run(
        async (options: {
          constitution: string;
          facts: string;
          method?: string;
          kind?: string;
          json?: boolean;
        }) => {
          if ((options.method === undefined) === (options.kind === undefined)) {
            throw new Refusal('Give exactly one of --method and --kind', {});
          }
          const constitution = await load(options.constitution);
          const facts = await readFacts(options.facts);
          const request =
            options.method !== undefined
              ? { method: options.method }
              : { kind: options.kind as string };
          const what =
            options.method !== undefined
              ? `tally under ${options.method}`
              : `tally of a ${options.kind} decision`;
          print(heading(constitution, what), tally(constitution, request, facts as never), options);
        },
      ),
    );

  rules
    .command('composition')
    .description('Is a membership allowed? Facts: { members }')
    .requiredOption('--constitution <fileOrPreset>', 'constitution file or preset id')
    .requiredOption('--facts <file>', 'facts as JSON')
    .option('--json', 'print the whole result as JSON')
    .action(
      run(async (options: { constitution: string; facts: string; json?: boolean }) => {
        const constitution = await load(options.constitution);
        const facts = (await readFacts(options.facts)) as { members?: unknown };
        if (!Array.isArray(facts?.members))
          throw new Refusal('The facts need a "members" list', {});
        print(
          heading(constitution, 'composition'),
          validateComposition(constitution, facts.members as never),
          options,
        );
      }),
    );

  rules
    .command('dispute')
    .description(
      'The next step of a dispute. Facts: { category, history, sponsoringBoards?, reviewEndedOn? }',
    )
    .requiredOption('--constitution <fileOrPreset>', 'constitution file or preset id')
    .requiredOption('--facts <file>', 'facts as JSON')
    .option('--as-of <date>', "the date to decide on (YYYY-MM-DD); default today's date in London")
    .option('--json', 'print the whole result as JSON')
    .action(
      run(
        async (options: { constitution: string; facts: string; asOf?: string; json?: boolean }) => {
          const constitution = await load(options.constitution);
          const facts = await readFacts(options.facts);
          const asOf = options.asOf ?? (io.today ?? londonToday)();
          print(
            heading(constitution, `dispute, as of ${asOf}`),
            nextDisputeStep(constitution, facts as never, asOf),
            options,
          );
        },
      ),
    );

  rules
    .command('diff')
    .description('What changed between two versions of a constitution')
    .argument('<before>', 'earlier version: file or preset id')
    .argument('<after>', 'later version: file or preset id')
    .option('--json', 'print the whole result as JSON')
    .action(
      run(async (before: string, after: string, options: OutputOptions) => {
        const [earlier, later] = [await load(before), await load(after)];
        print(heading(later, 'changes'), diffConstitutions(earlier, later), options);
      }),
    );

  rules
    .command('presets')
    .description('List the preset constitutions')
    .action(
      run(async () => {
        const presets = await listPresets(directory);
        const lines: string[] = [];
        for (const preset of presets) {
          const loaded = await resolveConstitution(preset.id, directory);
          lines.push(
            loaded.ok
              ? `${preset.id}  ${loaded.constitution.identity.title}, version ${loaded.constitution.identity.version}`
              : `${preset.id}  (invalid: run rules check ${preset.file})`,
          );
        }
        io.out(`${lines.join('\n')}\n`);
      }),
    );
}

function formatEngineErrors(errors: readonly EngineError[]): string {
  return errors
    .map((error) => {
      const where = error.path && error.path.length > 0 ? ` (at ${error.path.join('.')})` : '';
      const clause = error.clause ? ` [${error.clause}]` : '';
      return `  ${error.code}: ${error.message}${where}${clause}`;
    })
    .join('\n');
}

interface AssumptionEntry {
  readonly path: string;
  readonly clause: string;
  readonly reason: string;
}

function collectAssumptions(constitution: Constitution): AssumptionEntry[] {
  const found: AssumptionEntry[] = [];
  const seen = new Set<string>();
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const key =
          item !== null && typeof item === 'object'
            ? ((item as { id?: string; role?: string }).id ?? (item as { role?: string }).role)
            : undefined;
        visit(item, `${path}[${key ?? index}]`);
      });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const assumption = record.assumption as { reason?: string } | undefined;
    if (
      assumption?.reason &&
      typeof record.clause === 'string' &&
      !seen.has(`${record.clause}${assumption.reason}`)
    ) {
      seen.add(`${record.clause}${assumption.reason}`);
      found.push({ path, clause: record.clause, reason: assumption.reason });
    }
    for (const [key, child] of Object.entries(record)) {
      if (key !== 'assumption') visit(child, path ? `${path}.${key}` : key);
    }
  };
  visit(constitution, '');
  return found;
}

function countRules(constitution: Constitution): number {
  let count = 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.clause === 'string' && typeof record.text === 'string') count += 1;
      Object.values(record).forEach(visit);
    }
  };
  visit(constitution);
  return count;
}
