/**
 * The demo's 2007/08 round (2006 §106: "Manage the lead commissioning of the 2007/08 Commissioning
 * round"): opened in September 2006, returns from all 31 London PCTs — two to four prospective
 * priorities each in the twelve London service areas, four late with their reasons, Kingston's a
 * nil return — and from the five local groups. Left at consolidating, for the intentions seed to
 * take on. Written once, on an empty database; the people behind the returns are named by office
 * only.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  insertRound,
  insertSubmissionsInBulk,
  type PriorityRecord,
  type SubmissionRow,
  selectLocalGroupsIn,
  selectLondonWideBodies,
  selectPrimaryCareTrustsIn,
  selectRound,
  selectSectorsOfBody,
} from './round-queries.ts';
import type { londonServiceAreas, Timetable } from './round-rules.ts';

type ServiceArea = (typeof londonServiceAreas)[number];
type Idea = Omit<PriorityRecord, 'position' | 'serviceArea' | 'population'> & {
  population: (place: string) => string;
};

export const demoRoundTimetable: Timetable = {
  submissionsOpenOn: '2006-09-04',
  submissionsDueOn: '2006-10-31',
  consolidationBy: '2006-12-15',
  agreementBy: '2007-01-31',
  publicationBy: '2007-03-16',
};

/** What a London PCT might have put forward in autumn 2006, by service area. */
const ideas: Record<ServiceArea, Idea> = {
  Stroke: {
    title: 'Rapid access to hyper-acute stroke care',
    rationale:
      'Fewer than half of our residents who have a stroke reach a stroke unit within four hours, and thrombolysis rates are well below the best in London.',
    expectedEffect:
      'More patients assessed and thrombolysed within three hours; fewer deaths and less disability at 90 days.',
    population: (place) => `Adults at risk of stroke in ${place}, about 450 strokes a year`,
  },
  'Major trauma': {
    title: 'Take severely injured patients straight to a major trauma centre',
    rationale:
      'Severely injured patients are taken to the nearest emergency department, which may not have the specialists on site, and are transferred later.',
    expectedEffect: 'Fewer preventable deaths after major injury; shorter stays in intensive care.',
    population: (place) => `Residents of ${place} with severe injuries, about 60 a year`,
  },
  'Urgent care': {
    title: 'An urgent care centre in front of every emergency department',
    rationale:
      'A third of attendances at our local emergency department could be treated by a GP or nurse practitioner.',
    expectedEffect:
      'Fewer minor attendances in the emergency department and the four-hour standard met consistently.',
    population: (place) => `Everyone who uses urgent care in ${place}`,
  },
  'Polyclinics and primary care': {
    title: 'A first polyclinic bringing GP, diagnostic and outpatient services together',
    rationale:
      'Several single-handed practices are due to retire and patients travel to hospital for tests that could be done locally.',
    expectedEffect:
      'Longer opening hours, diagnostics on the day and some outpatient clinics moved out of hospital.',
    population: (place) =>
      `Registered patients of ${place} practices, starting with the north of the borough`,
  },
  'Maternity and newborn': {
    title: 'One midwife for each woman through pregnancy and birth',
    rationale:
      'Women who book late and who do not speak English have worse outcomes; too few see the same midwife twice.',
    expectedEffect:
      'More women booked by 12 weeks; better continuity of carer and fewer emergency caesarean sections.',
    population: (place) => `Pregnant women living in ${place}, about 4,500 births a year`,
  },
  'Mental health': {
    title: 'Early intervention and crisis resolution for people with psychosis',
    rationale:
      'Admissions for psychosis are high and too many first contacts with services are through the police or the emergency department.',
    expectedEffect:
      'Earlier treatment of first-episode psychosis; fewer admissions and fewer detentions under the Mental Health Act.',
    population: (place) => `Adults aged 14 to 65 in ${place} with a first episode of psychosis`,
  },
  'End of life care': {
    title: 'Support to die at home for those who wish to',
    rationale:
      'Most people say they would prefer to die at home, but two thirds of deaths in the borough happen in hospital.',
    expectedEffect:
      'More people dying in their preferred place; fewer emergency admissions in the last month of life.',
    population: (place) => `Adults in ${place} in the last year of life, about 1,600 deaths a year`,
  },
  Diabetes: {
    title: 'Structured education and annual review for everyone with diabetes',
    rationale:
      'Diabetes is rising fastest in our South Asian and Black communities, and many people with it have not had all nine care processes this year.',
    expectedEffect:
      'All nine care processes done for more patients; fewer amputations and emergency admissions for complications.',
    population: (place) => `Adults with type 2 diabetes registered with ${place} practices`,
  },
  'Chronic obstructive pulmonary disease': {
    title: 'Find COPD early and offer pulmonary rehabilitation',
    rationale:
      'Fewer people are on GP registers with COPD than the prevalence model predicts, and winter admissions for exacerbations are rising.',
    expectedEffect:
      'More people diagnosed and treated early; fewer emergency admissions and bed days in winter.',
    population: (place) => `Current and former smokers over 40 in ${place}`,
  },
  'Planned care': {
    title: 'Referral management and the 18-week pathway',
    rationale:
      'Waits from referral to treatment in orthopaedics and ophthalmology are longest, and some referrals could be managed in the community.',
    expectedEffect:
      'The 18-week referral-to-treatment standard met; more first appointments in community clinics.',
    population: (place) => `Patients of ${place} practices referred for planned hospital care`,
  },
  'Staying healthy': {
    title: 'Stop smoking services where smoking is most common',
    rationale:
      'Smoking is the largest cause of the gap in life expectancy between the most and least deprived wards of the borough.',
    expectedEffect:
      'More four-week quitters in the most deprived wards; a narrower gap over ten years.',
    population: (place) => `Adult smokers in the most deprived wards of ${place}`,
  },
  'Children and young people': {
    title: 'Care for children with asthma close to home',
    rationale:
      'Children are admitted to hospital with asthma more often here than in most of London, many of them more than once a year.',
    expectedEffect: 'Fewer admissions and repeat attendances for childhood asthma.',
    population: (place) => `Children and young people under 19 in ${place} with asthma`,
  },
};

const areas = Object.keys(ideas) as ServiceArea[];

/** Four returns came in late, each with the reason recorded (2008 Business development). */
const lateReasons: Record<string, string> = {
  'Hillingdon PCT':
    'The PCT Board met on 9 November and asked for the priorities to be checked against the financial recovery plan first.',
  'Haringey Teaching PCT':
    'The director of public health post was vacant in October; the needs assessment behind the return was finished on 6 November.',
  'Newham PCT':
    'Held back to include the results of the borough’s consultation on the polyclinic, which closed on 3 November.',
  'Lewisham PCT': 'The return was agreed by the Professional Executive Committee on 14 November.',
};

/** The one nil return: the PCT put forward no new priorities, being mid-way through its recovery plan. */
const nilReturn = 'Kingston PCT';

function placeOf(pctName: string): string {
  return pctName.replace(/ (Teaching PCT|PCT|Care Trust)$/, '');
}

function isoDay(base: string, days: number): string {
  const date = new Date(`${base}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export async function seedDemoCommissioningRounds(options: {
  db: Database;
  context: ActionContext;
}): Promise<{ returns: number }> {
  const { db, context } = options;
  const [london] = await selectLondonWideBodies(db);
  if (!london || (await selectRound(db, london.id, 2007))) return { returns: 0 };
  const sectorIds = (await selectSectorsOfBody(db, london.id)).map((sector) => sector.id);
  const pcts = await selectPrimaryCareTrustsIn(db, sectorIds);
  const groups = await selectLocalGroupsIn(db, sectorIds);
  const roundId = uuidv7();
  const rows: SubmissionRow[] = [];
  const priorities: (PriorityRecord & { id: string; submissionId: string; createdAt: Date })[] = [];
  const addPriorities = (submissionId: string, chosen: ServiceArea[], place: string) => {
    chosen.forEach((area, index) => {
      const idea = ideas[area];
      priorities.push({
        id: uuidv7(),
        submissionId,
        createdAt: context.now,
        position: index + 1,
        title: idea.title,
        serviceArea: area,
        rationale: idea.rationale,
        expectedEffect: idea.expectedEffect,
        population: idea.population(place),
      });
    });
  };

  pcts.forEach((pct, index) => {
    const id = uuidv7();
    const lateReason = lateReasons[pct.name];
    const isNil = pct.name === nilReturn;
    rows.push({
      id,
      roundId,
      organisationId: pct.id,
      bodyId: null,
      isNilReturn: isNil,
      isLate: lateReason !== undefined,
      lateReason: lateReason ?? null,
      submittedOn: lateReason
        ? isoDay(demoRoundTimetable.submissionsDueOn, 3 + (index % 15))
        : isoDay('2006-10-02', index % 29),
      submittedBy: `Director of Commissioning, ${pct.name}`,
      createdAt: context.now,
    });
    if (isNil) return;
    // Two to four areas each, spread so every area is raised by several PCTs and sectors overlap.
    const howMany = 2 + (index % 3);
    const chosen = Array.from(
      { length: howMany },
      (_, step) => areas[(index * 5 + step * 7) % areas.length]!,
    );
    addPriorities(id, [...new Set(chosen)], placeOf(pct.name));
  });

  groups.forEach((group, index) => {
    const id = uuidv7();
    rows.push({
      id,
      roundId,
      organisationId: null,
      bodyId: group.id,
      isNilReturn: false,
      isLate: false,
      lateReason: null,
      submittedOn: isoDay('2006-10-25', index),
      submittedBy: `Secretariat, ${group.title}`,
      createdAt: context.now,
    });
    const sectorWide = group.title.replace(/ Local Commissioning Group$/, '');
    addPriorities(
      id,
      [
        ...new Set<ServiceArea>([
          areas[index % areas.length]!,
          areas[(index + 5) % areas.length]!,
          'Stroke',
        ]),
      ],
      sectorWide,
    );
  });

  await db.transaction(async (transaction) => {
    await insertRound(transaction, {
      id: roundId,
      bodyId: london.id,
      startYear: 2007,
      status: 'consolidating',
      ...demoRoundTimetable,
      createdAt: context.now,
    });
    await insertSubmissionsInBulk(transaction, rows, priorities);
    await recordAuditEvents(transaction, context, [
      {
        action: 'commissioning-round.opened',
        entityType: 'commissioning-round',
        entityId: roundId,
        after: { bodyId: london.id, year: '2007/08', status: 'open', ...demoRoundTimetable },
      },
      ...rows.map((row) => ({
        action: 'commissioning-round.return-submitted',
        entityType: 'commissioning-round',
        entityId: roundId,
        after: {
          roundId,
          year: '2007/08',
          organisationId: row.organisationId,
          bodyId: row.bodyId,
          isNilReturn: row.isNilReturn,
          isLate: row.isLate,
          lateReason: row.lateReason,
          submittedOn: row.submittedOn,
          submittedBy: row.submittedBy,
          priorities: priorities.filter((priority) => priority.submissionId === row.id).length,
        },
      })),
      {
        action: 'commissioning-round.consolidation-started',
        entityType: 'commissioning-round',
        entityId: roundId,
        before: { status: 'open' },
        after: { status: 'consolidating' },
      },
    ]);
  });
  return { returns: rows.length };
}
