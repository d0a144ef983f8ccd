/**
 * The demo's lead commissioning for the 2007/08 round (2006 §106 "Manage the lead commissioning of
 * the 2007/08 Commissioning round … with acute services as a priority"): the main London acute
 * providers added to the registry, about ten arrangements across the five local groups' areas,
 * shares by weighted population (2011 census proxy, shared DOMAIN.md), negotiations at every
 * stage, issues, a pending proposed action and one blocked with its collaborative forum. Runs the
 * real use cases as a seed administrator, so every rule holds. Does nothing without the round, or
 * once the round has arrangements. Fictional people only: the providers are real trust names.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { selectBodies, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { insertOrganisations } from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  countArrangementsOfRound,
  selectOrganisationsOfTypes,
  selectRoundOfYear,
} from './arrangement-queries.ts';
import { type NegotiationStage, sharesByPopulation } from './arrangement-rules.ts';
import { changeStage } from './change-stage.ts';
import { proposeAction } from './propose-action.ts';
import { raiseIssue } from './raise-issue.ts';
import { recordArrangement } from './record-arrangement.ts';
import { resolveIssue } from './resolve-issue.ts';
import { respondToAction } from './respond-to-action.ts';

interface DemoArrangement {
  provider: string;
  odsCode: string;
  type: 'provider-trust' | 'foundation-trust';
  sector: string;
  service: string;
  lead: string;
  associates: string[];
  /** The stages it moves through after preparation. */
  path: NegotiationStage[];
  issue?: { text: string; resolution?: string };
  proposal?: { text: string; rejectedBy?: string; reason?: string };
}

const demoArrangements: DemoArrangement[] = [
  {
    provider: 'Imperial College Healthcare NHS Trust',
    odsCode: 'RYJ',
    type: 'provider-trust',
    sector: 'north-west',
    service: 'Planned care',
    lead: 'Hammersmith and Fulham PCT',
    associates: ['Westminster PCT', 'Kensington and Chelsea PCT', 'Brent Teaching PCT'],
    path: ['offer', 'agreed', 'signed'],
  },
  {
    provider: 'North West London Hospitals NHS Trust',
    odsCode: 'RV8',
    type: 'provider-trust',
    sector: 'north-west',
    service: 'Urgent care',
    lead: 'Brent Teaching PCT',
    associates: ['Harrow PCT', 'Ealing PCT'],
    path: ['offer', 'counter-offer', 'offer'],
    issue: { text: 'Emergency readmissions within 28 days charged at full tariff.' },
  },
  {
    provider: 'University College London Hospitals NHS Foundation Trust',
    odsCode: 'RRV',
    type: 'foundation-trust',
    sector: 'north-central',
    service: 'Planned care',
    lead: 'Camden PCT',
    associates: ['Islington PCT', 'Barnet PCT', 'Haringey Teaching PCT'],
    path: ['offer', 'counter-offer'],
    issue: { text: 'Outpatient follow-up ratios above the London benchmark.' },
    proposal: {
      text: 'Issue a contract query notice on outpatient follow-up ratios, with a remedial action plan due within 30 days.',
    },
  },
  {
    provider: 'Royal Free Hampstead NHS Trust',
    odsCode: 'RAL',
    type: 'provider-trust',
    sector: 'north-central',
    service: 'Maternity and newborn',
    lead: 'Camden PCT',
    associates: ['Barnet PCT', 'Islington PCT'],
    path: ['offer', 'counter-offer', 'in-dispute'],
    issue: { text: 'Tariff for neonatal intensive care cots not agreed.' },
    proposal: {
      text: 'Refer the neonatal cot tariff to the Commissioning Business Service for benchmarking and hold the offer meanwhile.',
      rejectedBy: 'Islington PCT',
      reason:
        'Holding the offer delays the whole contract; Islington asks that the cots be priced separately.',
    },
  },
  {
    provider: 'North Middlesex University Hospital NHS Trust',
    odsCode: 'RAP',
    type: 'provider-trust',
    sector: 'north-central',
    service: 'Urgent care',
    lead: 'Enfield PCT',
    associates: ['Haringey Teaching PCT', 'Barnet PCT'],
    path: [],
  },
  {
    provider: 'Barts and The London NHS Trust',
    odsCode: 'RNJ',
    type: 'provider-trust',
    sector: 'north-east',
    service: 'Major trauma',
    lead: 'Tower Hamlets PCT',
    associates: ['City and Hackney Teaching PCT', 'Newham PCT'],
    path: ['offer', 'agreed'],
    issue: {
      text: 'Helicopter emergency service costs outside the tariff.',
      resolution: 'Shared by weighted population as a pass-through cost.',
    },
  },
  {
    provider: 'Barking, Havering and Redbridge Hospitals NHS Trust',
    odsCode: 'RF4',
    type: 'provider-trust',
    sector: 'north-east',
    service: 'Maternity and newborn',
    lead: 'Havering PCT',
    associates: ['Redbridge PCT', 'Barking and Dagenham PCT'],
    path: ['offer'],
  },
  {
    provider: "Guy's and St Thomas' NHS Foundation Trust",
    odsCode: 'RJ1',
    type: 'foundation-trust',
    sector: 'south-east',
    service: 'Planned care',
    lead: 'Lambeth PCT',
    associates: ['Southwark PCT', 'Lewisham PCT'],
    path: ['offer', 'agreed', 'signed'],
  },
  {
    provider: "King's College Hospital NHS Foundation Trust",
    odsCode: 'RJZ',
    type: 'foundation-trust',
    sector: 'south-east',
    service: 'Stroke',
    lead: 'Southwark PCT',
    associates: ['Lambeth PCT', 'Bromley PCT'],
    path: ['offer', 'counter-offer', 'offer', 'agreed'],
  },
  {
    provider: "St George's Healthcare NHS Trust",
    odsCode: 'RJ7',
    type: 'provider-trust',
    sector: 'south-west',
    service: 'Major trauma',
    lead: 'Wandsworth PCT',
    associates: ['Sutton and Merton PCT', 'Richmond and Twickenham PCT', 'Kingston PCT'],
    path: ['offer', 'counter-offer'],
  },
  {
    provider: 'Mayday Healthcare NHS Trust',
    odsCode: 'RJ6',
    type: 'provider-trust',
    sector: 'south-west',
    service: 'Urgent care',
    lead: 'Croydon PCT',
    associates: ['Sutton and Merton PCT'],
    path: [],
  },
];

/** The dates the demo's stages were reached in the 2007/08 round, one per move. */
const stageDates = ['2007-02-05', '2007-02-26', '2007-03-12', '2007-03-26', '2007-04-10'];

const seedAdministrator: Actor = {
  kind: 'account',
  accountId: 'seed',
  email: 'seed@demo.invalid',
  displayName: 'The local group’s secretariat (demo)',
  personId: null,
  isAdministrator: true,
  bodyRoles: [],
  authenticatedBy: 'session',
};

export async function seedDemoLeadCommissioning(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  const round = await selectRoundOfYear(db, 2007);
  if (!round || (await countArrangementsOfRound(db, round.id)) > 0) return 0;

  // The providers, added to the registry once (by name or ODS code, whichever is already there).
  const existing = await selectOrganisationsOfTypes(db, ['provider-trust', 'foundation-trust']);
  const missing = demoArrangements.filter(
    (each, index, all) =>
      !existing.some((row) => row.name.toLowerCase() === each.provider.toLowerCase()) &&
      all.findIndex((other) => other.provider === each.provider) === index,
  );
  await db.transaction(async (transaction) => {
    const rows = missing.map((each) => ({
      id: uuidv7(),
      name: each.provider,
      type: each.type,
      odsCode: null,
      // No sector: a sector's organisations are its PCTs (which sit in its local group).
      sectorId: null,
      population: null,
      source: `Demo: a real London acute trust of 2007/08 (ODS ${each.odsCode}); its negotiations are fictional.`,
      createdAt: context.now,
    }));
    await insertOrganisations(transaction, rows);
    await recordAuditEvents(
      transaction,
      context,
      rows.map((row) => ({
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: row.id,
        after: { name: row.name, type: row.type, sectorId: row.sectorId },
      })),
    );
  });

  const organisations = await selectOrganisationsOfTypes(db, [
    'provider-trust',
    'foundation-trust',
    'primary-care-trust',
  ]);
  const idOf = (name: string) => {
    const found = organisations.find((each) => each.name === name);
    if (!found) throw new Error(`the demo organisation ${name} is not in the registry`);
    return found;
  };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(context.now);
  const areaOf = new Map<string, string>();
  for (const body of await selectBodies(db)) {
    const sectors = (await termsInForce(db, body.id, today))?.sectors ?? [];
    if (sectors.length === 1 && sectors[0]) areaOf.set(sectors[0].id, body.slug);
  }

  let recorded = 0;
  for (const demo of demoArrangements) {
    const slug = areaOf.get(demo.sector);
    if (!slug) continue;
    const commissioners = [demo.lead, ...demo.associates].map(idOf);
    const shares = sharesByPopulation(commissioners.map((each) => each.population ?? 0));
    const { arrangementId } = await recordArrangement({
      db,
      context,
      actor: seedAdministrator,
      slug,
      roundYear: '2007-08',
      providerOrganisationId: idOf(demo.provider).id,
      service: demo.service,
      leadOrganisationId: idOf(demo.lead).id,
      leadShareBasisPoints: shares[0] ?? 0,
      associates: demo.associates.map((name, index) => ({
        organisationId: idOf(name).id,
        shareBasisPoints: shares[index + 1] ?? 0,
      })),
      startedOn: '2007-01-15',
      targetSignOn: '2007-03-31',
    });
    recorded += 1;
    for (const [index, stage] of demo.path.entries()) {
      await changeStage({
        db,
        context,
        actor: seedAdministrator,
        arrangementId,
        stage,
        happenedOn: stageDates[index] ?? '2007-04-30',
        note:
          stage === 'in-dispute'
            ? 'The associates could not agree the offer; taken to the local group.'
            : undefined,
      });
    }
    if (demo.issue) {
      const { issueId } = await raiseIssue({
        db,
        context,
        actor: seedAdministrator,
        arrangementId,
        text: demo.issue.text,
        raisedOn: '2007-02-20',
      });
      if (demo.issue.resolution) {
        await resolveIssue({
          db,
          context,
          actor: seedAdministrator,
          arrangementId,
          issueId,
          resolvedOn: '2007-03-20',
          resolution: demo.issue.resolution,
        });
      }
    }
    if (demo.proposal) {
      const respondBy = new Date(context.now.getTime() + 14 * 86_400_000);
      const { proposedActionId } = await proposeAction({
        db,
        context,
        actor: seedAdministrator,
        arrangementId,
        text: demo.proposal.text,
        respondBy: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
          respondBy,
        ),
      });
      if (demo.proposal.rejectedBy) {
        await respondToAction({
          db,
          context,
          actor: seedAdministrator,
          proposedActionId,
          organisationId: idOf(demo.proposal.rejectedBy).id,
          response: 'reject',
          reason: demo.proposal.reason,
        });
      }
    }
  }
  return recorded;
}
