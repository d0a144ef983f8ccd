/**
 * The demo's market and clinical networks: which of London's acute trusts (the lead-commissioning
 * demo's eleven, reused by name) and five mental health trusts supply which service areas in which
 * sectors, with gaps (no major trauma provider in North Central London; no provider recorded of
 * polyclinics and primary care or of staying healthy, which the PCTs' own provider arms ran);
 * two Practice Based Commissioning consortia each for Camden PCT and Lambeth PCT with their
 * pathways; and four clinical networks, three reporting to the London group and one to the South
 * East local group, one with its annual review overdue. Runs the real use cases as a seed
 * administrator, so every rule holds. Once only. Fictional consortia and people; real trusts.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { insertOrganisations } from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  countNetworks,
  countProviderServices,
  selectOrganisationsOfTypes,
} from './market-queries.ts';
import type { PathwayStatus } from './market-rules.ts';
import { recordNetwork } from './record-network.ts';
import { recordNetworkReview } from './record-network-review.ts';
import { recordPathway } from './record-pathway.ts';
import { recordProviderServices } from './record-provider-services.ts';
import { registerConsortium } from './register-consortium.ts';

type SectorId = 'north-west' | 'north-central' | 'north-east' | 'south-east' | 'south-west';

interface DemoProvider {
  name: string;
  type: 'provider-trust' | 'foundation-trust';
  odsCode: string;
  sector: SectorId;
  services: string[];
}

const demoProviders: DemoProvider[] = [
  {
    name: 'Imperial College Healthcare NHS Trust',
    type: 'provider-trust',
    odsCode: 'RYJ',
    sector: 'north-west',
    services: [
      'Stroke',
      'Major trauma',
      'Urgent care',
      'Maternity and newborn',
      'Planned care',
      'Children and young people',
      'Diabetes',
    ],
  },
  {
    name: 'North West London Hospitals NHS Trust',
    type: 'provider-trust',
    odsCode: 'RV8',
    sector: 'north-west',
    services: [
      'Urgent care',
      'Maternity and newborn',
      'Planned care',
      'Chronic obstructive pulmonary disease',
      'End of life care',
    ],
  },
  {
    name: 'University College London Hospitals NHS Foundation Trust',
    type: 'foundation-trust',
    odsCode: 'RRV',
    sector: 'north-central',
    services: ['Stroke', 'Planned care', 'Children and young people', 'Diabetes'],
  },
  {
    name: 'Royal Free Hampstead NHS Trust',
    type: 'provider-trust',
    odsCode: 'RAL',
    sector: 'north-central',
    services: [
      'Urgent care',
      'Maternity and newborn',
      'Planned care',
      'Chronic obstructive pulmonary disease',
    ],
  },
  {
    name: 'North Middlesex University Hospital NHS Trust',
    type: 'provider-trust',
    odsCode: 'RAP',
    sector: 'north-central',
    services: ['Urgent care', 'Maternity and newborn', 'Diabetes', 'End of life care'],
  },
  {
    name: 'Barts and The London NHS Trust',
    type: 'provider-trust',
    odsCode: 'RNJ',
    sector: 'north-east',
    services: [
      'Stroke',
      'Major trauma',
      'Urgent care',
      'Children and young people',
      'Planned care',
    ],
  },
  {
    name: 'Barking, Havering and Redbridge Hospitals NHS Trust',
    type: 'provider-trust',
    odsCode: 'RF4',
    sector: 'north-east',
    services: [
      'Urgent care',
      'Maternity and newborn',
      'Chronic obstructive pulmonary disease',
      'Diabetes',
      'End of life care',
    ],
  },
  {
    name: "Guy's and St Thomas' NHS Foundation Trust",
    type: 'foundation-trust',
    odsCode: 'RJ1',
    sector: 'south-east',
    services: ['Planned care', 'Children and young people', 'Maternity and newborn', 'Diabetes'],
  },
  {
    name: "King's College Hospital NHS Foundation Trust",
    type: 'foundation-trust',
    odsCode: 'RJZ',
    sector: 'south-east',
    services: [
      'Stroke',
      'Major trauma',
      'Urgent care',
      'Chronic obstructive pulmonary disease',
      'End of life care',
    ],
  },
  {
    name: "St George's Healthcare NHS Trust",
    type: 'provider-trust',
    odsCode: 'RJ7',
    sector: 'south-west',
    services: [
      'Stroke',
      'Major trauma',
      'Urgent care',
      'Maternity and newborn',
      'Children and young people',
      'Planned care',
    ],
  },
  {
    name: 'Mayday Healthcare NHS Trust',
    type: 'provider-trust',
    odsCode: 'RJ6',
    sector: 'south-west',
    services: [
      'Urgent care',
      'Maternity and newborn',
      'Diabetes',
      'Chronic obstructive pulmonary disease',
      'End of life care',
    ],
  },
  {
    name: 'Central and North West London NHS Foundation Trust',
    type: 'foundation-trust',
    odsCode: 'RV3',
    sector: 'north-west',
    services: ['Mental health'],
  },
  {
    name: 'Camden and Islington NHS Foundation Trust',
    type: 'foundation-trust',
    odsCode: 'TAF',
    sector: 'north-central',
    services: ['Mental health'],
  },
  {
    name: 'East London NHS Foundation Trust',
    type: 'foundation-trust',
    odsCode: 'RWK',
    sector: 'north-east',
    services: ['Mental health'],
  },
  {
    name: 'South London and Maudsley NHS Foundation Trust',
    type: 'foundation-trust',
    odsCode: 'RV5',
    sector: 'south-east',
    services: ['Mental health'],
  },
  {
    name: "South West London and St George's Mental Health NHS Trust",
    type: 'provider-trust',
    odsCode: 'RQY',
    sector: 'south-west',
    services: ['Mental health'],
  },
];

interface DemoConsortium {
  name: string;
  pct: string;
  pathways: {
    name: string;
    serviceArea: string;
    status: PathwayStatus;
    description: string;
    agreedOn?: string;
  }[];
}

const demoConsortia: DemoConsortium[] = [
  {
    name: 'Camden North Practice Based Commissioning Consortium',
    pct: 'Camden PCT',
    pathways: [
      {
        name: 'Community diabetes clinic',
        serviceArea: 'Diabetes',
        status: 'in-place',
        description:
          'Routine diabetes reviews moved from hospital outpatients to a GP-led clinic, with a consultant in reach monthly.',
        agreedOn: '2007-06-14',
      },
      {
        name: 'Direct access echocardiography',
        serviceArea: 'Planned care',
        status: 'proposed',
        description:
          'GPs to refer for echocardiography directly, without a first outpatient appointment.',
      },
    ],
  },
  {
    name: 'Camden South Practice Based Commissioning Consortium',
    pct: 'Camden PCT',
    pathways: [
      {
        name: 'COPD early supported discharge',
        serviceArea: 'Chronic obstructive pulmonary disease',
        status: 'agreed',
        description:
          'A respiratory nurse team supports patients home within 48 hours of admission for an exacerbation.',
        agreedOn: '2007-11-02',
      },
    ],
  },
  {
    name: 'Lambeth North Practice Based Commissioning Consortium',
    pct: 'Lambeth PCT',
    pathways: [
      {
        name: 'Minor surgery in general practice',
        serviceArea: 'Planned care',
        status: 'in-place',
        description:
          'Excisions of benign skin lesions done in accredited practices rather than hospital day surgery.',
        agreedOn: '2007-04-20',
      },
    ],
  },
  {
    name: 'Lambeth South Practice Based Commissioning Consortium',
    pct: 'Lambeth PCT',
    pathways: [
      {
        name: 'Children’s asthma pathway',
        serviceArea: 'Children and young people',
        status: 'proposed',
        description:
          'A practice asthma review within two weeks of every child’s emergency attendance for asthma.',
      },
      {
        name: 'End of life care register',
        serviceArea: 'End of life care',
        status: 'agreed',
        description:
          'Each practice keeps a register of patients in their last year of life, shared with out-of-hours services.',
        agreedOn: '2008-01-17',
      },
    ],
  },
];

interface DemoNetwork {
  name: string;
  reportsTo: string;
  objectives: string;
  /** Months before today the last review was held, and months after it the next was due. */
  review?: { heldMonthsAgo: number; nextDueAfterMonths: number; findings: string };
}

const demoNetworks: DemoNetwork[] = [
  {
    name: 'London Cardiac Network',
    reportsTo: 'london-commissioning-group',
    objectives:
      'Primary angioplasty around the clock for heart attack across London; cardiac rehabilitation offered to every eligible patient.',
    review: {
      heldMonthsAgo: 3,
      nextDueAfterMonths: 12,
      findings:
        'Door-to-balloon times within the standard in four of the five sectors; rehabilitation uptake still low in North East London.',
    },
  },
  {
    name: 'London Stroke Network',
    reportsTo: 'london-commissioning-group',
    objectives:
      'Every Londoner within 30 minutes of a hyper-acute stroke unit; thrombolysis for every eligible patient.',
    review: {
      heldMonthsAgo: 8,
      nextDueAfterMonths: 12,
      findings:
        'Designation of the hyper-acute stroke units agreed; a sector-level stroke unit still to be named in North Central London.',
    },
  },
  {
    name: 'London Cancer Network',
    reportsTo: 'london-commissioning-group',
    objectives:
      'The 62-day referral-to-treatment standard met by every trust; specialist surgery concentrated in fewer centres.',
    review: {
      heldMonthsAgo: 15,
      nextDueAfterMonths: 12,
      findings:
        'Two trusts below the 62-day standard; a plan for concentrating upper gastrointestinal surgery was asked for.',
    },
  },
  {
    name: 'South East London Diabetes Network',
    reportsTo: 'south-east-local-commissioning-group',
    objectives:
      'Structured education offered to every newly diagnosed adult; foot protection services in every borough.',
  },
];

const seedAdministrator: Actor = {
  kind: 'account',
  accountId: 'seed',
  email: 'seed@demo.invalid',
  displayName: 'The London group’s secretariat (demo)',
  personId: null,
  isAdministrator: true,
  bodyRoles: [],
  authenticatedBy: 'session',
};

/** The London date `months` months before (negative: after) the day `now` falls on. */
function monthsBefore(now: Date, months: number): string {
  const [year, month, day] = londonDate(now).split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1 - months, Math.min(day, 28)));
  return shifted.toISOString().slice(0, 10);
}

export async function seedDemoMarkets(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  if ((await countProviderServices(db)) > 0 || (await countNetworks(db)) > 0) return 0;

  // The providers, reused by name (the lead-commissioning demo adds the acute trusts) or added.
  const existing = await selectOrganisationsOfTypes(db, ['provider-trust', 'foundation-trust']);
  const missing = demoProviders.filter(
    (each) => !existing.some((row) => row.name.toLowerCase() === each.name.toLowerCase()),
  );
  await db.transaction(async (transaction) => {
    const rows = missing.map((each) => ({
      id: uuidv7(),
      name: each.name,
      type: each.type,
      odsCode: null,
      sectorId: null,
      population: null,
      source: `Demo: a real London trust of 2007/08 (ODS ${each.odsCode}); the services recorded for it are illustrative.`,
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
    const found = organisations.find((each) => each.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new Error(`the demo organisation ${name} is not in the registry`);
    return found.id;
  };

  let recorded = 0;
  for (const provider of demoProviders) {
    for (const serviceArea of provider.services) {
      await recordProviderServices({
        db,
        context,
        actor: seedAdministrator,
        providerOrganisationId: idOf(provider.name),
        serviceArea,
        sectorIds: [provider.sector],
      });
      recorded += 1;
    }
  }
  for (const demo of demoConsortia) {
    const primaryCareTrustId = idOf(demo.pct);
    const { consortiumId } = await registerConsortium({
      db,
      context,
      actor: seedAdministrator,
      name: demo.name,
      primaryCareTrustId,
    });
    for (const pathway of demo.pathways) {
      await recordPathway({
        db,
        context,
        actor: seedAdministrator,
        consortiumId,
        primaryCareTrustId,
        ...pathway,
      });
    }
  }
  for (const demo of demoNetworks) {
    const { networkId } = await recordNetwork({
      db,
      context,
      actor: seedAdministrator,
      name: demo.name,
      reportsTo: demo.reportsTo,
      objectives: demo.objectives,
    });
    if (demo.review) {
      await recordNetworkReview({
        db,
        context,
        actor: seedAdministrator,
        networkId,
        heldOn: monthsBefore(context.now, demo.review.heldMonthsAgo),
        findings: demo.review.findings,
        nextReviewDue: monthsBefore(
          context.now,
          demo.review.heldMonthsAgo - demo.review.nextDueAfterMonths,
        ),
      });
    }
  }
  return recorded;
}
