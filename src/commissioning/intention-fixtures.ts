/**
 * Test-only: a commissioning round of the London group with returns already in, written straight
 * into the tables (the returns are the rounds slice's use cases), so the intention tests and the
 * browser journey start from consolidation. Stroke is raised by three PCTs in two sectors and by
 * the North East local group; Mental health by two PCTs of one sector; Diabetes by one PCT;
 * Maternity and newborn by one PCT (left for the test to consolidate or not).
 */
import { uuidv7 } from 'uuidv7';
import { selectBodyBySlug } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import {
  commissioningRounds,
  roundPriorities,
  roundSubmissions,
} from '../db/schema/commissioning.ts';
import { selectPrimaryCareTrusts } from './intention-queries.ts';

export interface FixturePriority {
  id: string;
  title: string;
  serviceArea: string;
  raisedBy: string;
}

export interface FixtureRound {
  roundId: string;
  slug: string;
  year: string;
  priorities: FixturePriority[];
}

const returns: { sector: string; index: number; priorities: [string, string][] }[] = [
  { sector: 'North West', index: 0, priorities: [['Hyperacute stroke units', 'Stroke']] },
  {
    sector: 'North West',
    index: 1,
    priorities: [
      ['Stroke rehabilitation at home', 'Stroke'],
      ['Structured education for type 2 diabetes', 'Diabetes'],
    ],
  },
  {
    sector: 'South East',
    index: 0,
    priorities: [
      ['Thrombolysis around the clock', 'Stroke'],
      ['Crisis resolution teams', 'Mental health'],
    ],
  },
  {
    sector: 'South East',
    index: 1,
    priorities: [['Early intervention in psychosis', 'Mental health']],
  },
  {
    sector: 'South West',
    index: 0,
    priorities: [['Midwife-led birth centres', 'Maternity and newborn']],
  },
];

export async function seedIntentionsRound(
  db: Database,
  options: { startYear?: number; now: Date; status?: 'open' | 'consolidating' },
): Promise<FixtureRound> {
  const startYear = options.startYear ?? 2008;
  const london = await selectBodyBySlug(db, 'london-commissioning-group');
  const northEast = await selectBodyBySlug(db, 'north-east-local-commissioning-group');
  if (!london || !northEast) throw new Error('the demo bodies are not seeded');
  const pcts = await selectPrimaryCareTrusts(db);
  const roundId = uuidv7();
  const priorities: FixturePriority[] = [];
  await db.transaction(async (transaction) => {
    await transaction.insert(commissioningRounds).values({
      id: roundId,
      bodyId: london.id,
      startYear,
      submissionsOpenOn: `${startYear - 1}-09-01`,
      submissionsDueOn: `${startYear - 1}-10-31`,
      consolidationBy: `${startYear - 1}-11-30`,
      agreementBy: `${startYear - 1}-12-31`,
      publicationBy: `${startYear}-01-31`,
      status: options.status ?? 'open',
      createdAt: options.now,
    });
    const submit = async (
      submitter: { organisationId: string } | { bodyId: string },
      name: string,
      rows: [string, string][],
    ) => {
      const submissionId = uuidv7();
      await transaction.insert(roundSubmissions).values({
        id: submissionId,
        roundId,
        ...submitter,
        submittedOn: `${startYear - 1}-10-20`,
        submittedBy: 'fixture',
        createdAt: options.now,
      });
      for (const [position, [title, serviceArea]] of rows.entries()) {
        const id = uuidv7();
        await transaction.insert(roundPriorities).values({
          id,
          submissionId,
          position: position + 1,
          title,
          serviceArea,
          rationale: `${serviceArea} is a priority in ${name}'s needs assessment.`,
          expectedEffect: 'Fewer deaths and less disability.',
          population: `Adults registered with practices in ${name}`,
          createdAt: options.now,
        });
        priorities.push({ id, title, serviceArea, raisedBy: name });
      }
    };
    for (const entry of returns) {
      const pct = pcts.filter((candidate) => candidate.sectorName === entry.sector)[entry.index];
      if (!pct) throw new Error(`no PCT ${entry.index} in ${entry.sector}`);
      await submit({ organisationId: pct.id }, pct.name, entry.priorities);
    }
    await submit({ bodyId: northEast.id }, 'North East London Local Commissioning Group', [
      ['A stroke network for the North East sector', 'Stroke'],
    ]);
  });
  return {
    roundId,
    slug: 'london-commissioning-group',
    year: `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`,
    priorities,
  };
}
