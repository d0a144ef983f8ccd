import { seedDemoAccountability } from '../accountability/index.ts';
import { sealAllAuditEvents } from '../audit/index.ts';
import { seedDemoBusinessService } from '../business-service/index.ts';
import {
  seedDemoCommissioningIntentions,
  seedDemoCommissioningRounds,
} from '../commissioning/index.ts';
import { seedDemoCoding, seedDemoConsultation, seedDemoResponses } from '../consultations/index.ts';
import { seedDemoContracts } from '../contracts/index.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { seedDemoForwardPlan } from '../forward-plan/index.ts';
import { seedDemoLeadCommissioning } from '../lead-commissioning/index.ts';
import { seedDemoMarkets } from '../markets/index.ts';
import { seedDemoProcurement } from '../procurement/index.ts';
import { seedDemoProgramme } from '../programme/index.ts';
import { countOrganisations } from '../registry/index.ts';
import { seedDemoReports } from '../reports/index.ts';
import { seedDemoSpecialisedCommissioning } from '../specialised-commissioning/index.ts';
import { seedDemoSpecifications } from '../specifications/index.ts';
import { linkDemoAnalystsToPeople, seedDemoAccounts } from './demo-accounts.ts';
import { seedDemoBodies } from './demo-bodies.ts';
import { seedDemoMeetings } from './demo-meetings.ts';
import { seedDemoJointCommitteeMembership, seedDemoMembership } from './demo-membership.ts';
import { seedDemoData, seedReferenceData } from './reference-data.ts';

export type ProgressReporter = (message: string) => void;

/**
 * What `npm start` does before serving: bring the schema up to date and, on an empty database,
 * load the London reference and demo data so a newcomer sees a working partnership at once.
 */
export async function prepareDatabase(options: {
  handle: DatabaseHandle;
  now: Date;
  seedWhenEmpty: boolean;
  progress: ProgressReporter;
  /** Where links in the demo's distributed minutes point; the app's PUBLIC_URL. */
  publicUrl?: string;
}): Promise<{ seeded: boolean }> {
  const { handle, progress } = options;
  progress(`Applying migrations to ${handle.engine} (${handle.location})…`);
  await migrateDatabase(handle);
  if (!options.seedWhenEmpty || (await countOrganisations(handle.db)) > 0) {
    return { seeded: false };
  }
  const context = { actor: 'seed', now: options.now };
  progress('Empty database: loading the London reference data…');
  const reference = await seedReferenceData({ db: handle.db, context });
  progress('Loading the fictional demo office holders…');
  const demo = await seedDemoData({ db: handle.db, context });
  const demoAccounts = await seedDemoAccounts({ db: handle.db, context });
  progress('Loading the London bodies and their terms of reference…');
  const demoBodies = await seedDemoBodies({ db: handle.db, context });
  await seedDemoMembership({ db: handle.db, context });
  await seedDemoJointCommitteeMembership({ db: handle.db, context });
  progress('Recording the London group’s recent meetings, minutes and actions…');
  const demoMeetings = await seedDemoMeetings({
    db: handle.db,
    context,
    publicUrl: options.publicUrl ?? 'http://localhost:3000',
  });
  progress('Filling the service specification library…');
  const demoSpecifications = await seedDemoSpecifications({ db: handle.db, context });
  progress('Recording the 2007/08 commissioning round and the returns of the 31 PCTs…');
  await seedDemoCommissioningRounds({ db: handle.db, context });
  progress('Consolidating, agreeing and publishing the 2007/08 London commissioning intentions…');
  await seedDemoCommissioningIntentions({ db: handle.db, context });
  progress('Recording the 2007/08 lead commissioning arrangements and negotiations…');
  await seedDemoLeadCommissioning({ db: handle.db, context });
  progress('Recording the contracts register of the London acute and mental health providers…');
  await seedDemoContracts({ db: handle.db, context });
  progress(
    'Recording the Business Service’s catalogue and its Quarter 3, 2007/08 report to the London group…',
  );
  await seedDemoBusinessService({ db: handle.db, context });
  progress(
    'Recording the London specialised services consortium of the 31 PCTs and its pooled budgets…',
  );
  await seedDemoSpecialisedCommissioning({ db: handle.db, context });
  progress('Recording the London IAPT procurement consortium, its tender and the award…');
  await seedDemoProcurement({ db: handle.db, context });
  progress(
    'Recording the London market, the Practice Based Commissioning consortia and the clinical networks…',
  );
  await seedDemoMarkets({ db: handle.db, context });
  progress(
    'Recording the Healthcare for London delivery programme, its actions and their RAG history…',
  );
  await seedDemoProgramme({ db: handle.db, context });
  progress('Recording the Healthcare for London consultation "Consulting the capital"…');
  await seedDemoConsultation({ db: handle.db, context });
  progress('Importing the synthetic responses to it and coding part of their free text…');
  await seedDemoResponses({ db: handle.db, context });
  await linkDemoAnalystsToPeople({ db: handle.db, context });
  await seedDemoCoding({ db: handle.db, context });
  progress('Logging a year of briefings and the reviews tasked to the sector groups…');
  await seedDemoAccountability({ db: handle.db, context });
  progress('Publishing the forward plans of the London group and the Joint Committee…');
  await seedDemoForwardPlan({ db: handle.db, context });
  progress(
    'Generating the London group’s 2008/09 progress updates and annual report from the record…',
  );
  await seedDemoReports({
    db: handle.db,
    context,
    publicUrl: options.publicUrl ?? 'http://localhost:3000',
  });
  progress(
    `Loaded ${reference.sectorsAdded} sectors, ${reference.organisationsAdded} organisations, ` +
      `${demo.peopleAdded} demo people, ${demoAccounts} demo accounts (see the README), ` +
      `${demoBodies} constitutions, ${demoMeetings} demo meetings, ${demoSpecifications} service specifications.`,
  );
  // Seal now so `concordat audit verify` checks the seeded history straight away.
  await sealAllAuditEvents({ db: handle.db, now: options.now });
  return { seeded: true };
}
