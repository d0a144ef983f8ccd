/**
 * The `concordat` command line. Each command loads the modules it needs when it runs (dynamic
 * imports), so a command that never serves pages does not carry the web app: `concordat
 * consultation import` keeps its memory for the file it streams (decision 052). The command
 * groups of their own files are registered only when the command line names them, or all of them
 * when it names none (help, an unknown command).
 */
import { Command, CommanderError, Option } from 'commander';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { createProgress } from './progress.ts';

const output = (text: string) => process.stdout.write(`${text}\n`);

function openConfiguredDatabase(progress: (message: string) => void) {
  const config = readConfig();
  progress(
    config.databaseUrl
      ? 'Connecting to PostgreSQL…'
      : `Opening the embedded database in ${config.dataDirectory}…`,
  );
  return openDatabase({ databaseUrl: config.databaseUrl, dataDirectory: config.dataDirectory });
}

const openWithProgress = () => openConfiguredDatabase(createProgress());

/** The commands in files of their own, each group loaded only when registered. */
const commandGroups: [string[], (program: Command) => Promise<void>][] = [
  [
    ['org'],
    async (program) => {
      const { listOrganisations, organisationTypes } = await import('../registry/index.ts');
      const organisations = program
        .command('org')
        .description('Read the registry of organisations');
      organisations
        .command('list')
        .description('List organisations, grouped in sector order')
        .option('--sector <id>', 'only this sector, e.g. north-west')
        .addOption(
          new Option('--type <type>', 'only this type of organisation').choices(organisationTypes),
        )
        .option('--json', 'print JSON instead of a table')
        .action(
          async (options: {
            sector?: string;
            type?: (typeof organisationTypes)[number];
            json?: boolean;
          }) => {
            const database = await openConfiguredDatabase(createProgress());
            try {
              const page = await listOrganisations({
                db: database.db,
                query: { sector: options.sector, type: options.type, page: 1, pageSize: 200 },
              });
              if (options.json) {
                output(JSON.stringify(page.items, null, 2));
                return;
              }
              for (const organisation of page.items) {
                output(
                  [
                    (organisation.odsCode ?? '-').padEnd(6),
                    (organisation.sector?.name ?? '-').padEnd(14),
                    organisation.name,
                  ].join('  '),
                );
              }
              output(`${page.total} organisation${page.total === 1 ? '' : 's'}`);
            } finally {
              await database.close();
            }
          },
        );
    },
  ],
  [
    ['rules'],
    async (program) => (await import('./rules-command.ts')).registerRulesCommands(program),
  ],
  [
    ['audit'],
    async (program) =>
      (await import('./audit-command.ts')).registerAuditCommands(program, openWithProgress),
  ],
  [
    ['reminders'],
    async (program) =>
      (await import('./reminders-command.ts')).registerReminderCommands(program, {
        openDatabase: openWithProgress,
      }),
  ],
  [
    ['contracts'],
    async (program) =>
      (await import('./contracts-command.ts')).registerContractCommands(program, {
        openDatabase: openWithProgress,
      }),
  ],
  [
    ['consultation'],
    async (program) =>
      (await import('./consultation-command.ts')).registerConsultationCommands(program, {
        openDatabase: openWithProgress,
      }),
  ],
  [
    ['backup', 'restore'],
    async (program) =>
      (await import('./backup-command.ts')).registerBackupCommands(program, {
        target: () => {
          const { databaseUrl, dataDirectory } = readConfig();
          return { databaseUrl, dataDirectory };
        },
      }),
  ],
];

/**
 * The program; with `only`, the first word of a command line, a group of commands of its own is the
 * only one registered (its modules alone are loaded), the other groups being left out.
 */
export async function buildCli(only?: string): Promise<Command> {
  const program = new Command('concordat')
    .description(
      'Collaborative NHS commissioning governance: terms of reference as data, executed and explained.',
    )
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nConfiguration (environment): DATABASE_URL=postgres://… uses a PostgreSQL server; otherwise the\nembedded PGlite keeps its files in DATA_DIR (default ./data). PORT (default 3000), HOST, LOG_LEVEL.',
    );

  program
    .command('serve')
    .description(
      'Apply migrations, load the London data into an empty database, and serve the web app and API',
    )
    .option('--no-seed', 'do not load the London reference and demo data into an empty database')
    .action(async (options: { seed: boolean }) => {
      const [
        { buildApp },
        { startAuditSealer },
        { startVotingPreparer },
        { startReminderSchedule },
        { prepareDatabase },
        { createLogger },
      ] = await Promise.all([
        import('../app.ts'),
        import('../audit/index.ts'),
        import('../decisions/index.ts'),
        import('../reminders/index.ts'),
        import('../seed/index.ts'),
        import('../shared/logger.ts'),
      ]);
      const config = readConfig();
      const logger = createLogger(config.logLevel);
      const progress = createProgress();
      const database = await openConfiguredDatabase(progress);
      await prepareDatabase({
        handle: database,
        now: new Date(),
        seedWhenEmpty: options.seed,
        progress,
        publicUrl: config.publicUrl,
      });
      const app = await buildApp({ database, config, logger });
      const sealer = startAuditSealer({
        db: database.db,
        intervalMilliseconds: 1000,
        now: () => new Date(),
        logger,
      });
      const votingPreparer = await startVotingPreparer({ database, logger });
      // Hourly reminders (src/reminders), only when there is a way to send them.
      const reminderSchedule = app.mailer.canSend
        ? startReminderSchedule({
            db: database.db,
            publicUrl: config.publicUrl,
            now: () => new Date(),
            deliver: () => app.mailOutbox.deliverNow(),
            logger,
          })
        : undefined;
      const shutdown = async (signal: string) => {
        logger.info({ signal }, 'shutting down');
        await reminderSchedule?.stop();
        await app.close();
        await votingPreparer.stop();
        await sealer.stop();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      const address = await app.listen({ port: config.port, host: config.host });
      progress(
        `Concordat is serving ${address.replace('127.0.0.1', 'localhost')} (database: ${database.engine})`,
      );
    });

  program
    .command('migrate')
    .description('Apply the committed SQL migrations that the database has not yet had')
    .action(async () => {
      const { migrateDatabase } = await import('../db/migrate.ts');
      const progress = createProgress();
      const database = await openConfiguredDatabase(progress);
      try {
        progress(`Applying migrations to ${database.engine} (${database.location})…`);
        await migrateDatabase(database);
        progress('Migrations are up to date.');
      } finally {
        await database.close();
      }
    });

  program
    .command('seed')
    .description(
      'Load the London reference data (sectors, 31 PCTs, partners); with --demo, fictional office holders too',
    )
    .option('--demo', 'also load a fictional chief executive for every PCT and NHS London')
    .action(async (options: { demo?: boolean }) => {
      const [{ sealAllAuditEvents }, { migrateDatabase }, seed] = await Promise.all([
        import('../audit/index.ts'),
        import('../db/migrate.ts'),
        import('../seed/index.ts'),
      ]);
      const {
        seedDemoAccounts,
        seedDemoBodies,
        seedDemoData,
        seedDemoJointCommitteeMembership,
        seedDemoMembership,
        seedReferenceData,
      } = seed;
      const progress = createProgress();
      const database = await openConfiguredDatabase(progress);
      try {
        progress('Applying migrations…');
        await migrateDatabase(database);
        const context = { actor: 'cli', now: new Date() };
        progress('Loading the London reference data…');
        const reference = await seedReferenceData({ db: database.db, context });
        progress(
          `Added ${reference.sectorsAdded} sectors and ${reference.organisationsAdded} organisations (existing ones kept).`,
        );
        if (options.demo) {
          progress('Loading the fictional demo office holders…');
          const demo = await seedDemoData({ db: database.db, context });
          progress(`Added ${demo.peopleAdded} demo people holding ${demo.postsAdded} posts.`);
          const demoAccounts = await seedDemoAccounts({ db: database.db, context });
          progress(`Added ${demoAccounts} demo accounts (password in the README).`);
          const demoBodies = await seedDemoBodies({ db: database.db, context });
          progress(
            `Loaded ${demoBodies} constitutions of the London bodies, with their adoptions.`,
          );
          const holdings = await seedDemoMembership({ db: database.db, context });
          progress(`Seated ${holdings} members of the 2008 London Commissioning Group.`);
          const committee = await seedDemoJointCommitteeMembership({ db: database.db, context });
          progress(`Seated ${committee} members of the Joint Committee of PCTs.`);
        }
        const sealed = await sealAllAuditEvents({ db: database.db, now: new Date() });
        progress(`Sealed ${sealed.sealed} audit events into the hash chain.`);
      } finally {
        await database.close();
      }
    });

  const wanted = commandGroups.filter(([names]) => only !== undefined && names.includes(only));
  for (const [, register] of wanted.length > 0 ? wanted : commandGroups) await register(program);
  return program;
}

/** Runs the CLI and returns the exit code; errors are printed as sentences, not stack traces. */
export async function runCli(argv: string[]): Promise<number> {
  const program = (await buildCli(argv[2])).exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`concordat: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
