/**
 * The demo's Business Service held to account: its catalogue across the four areas, seven key
 * performance indicators, and its Quarter 3, 2007/08 report to the London group with mixed
 * statuses — presented at the group's latest meeting held, concluded, and one action arising owned
 * by a (fictional) officer of the Business Service. Runs the real use cases as a seed
 * administrator so every rule holds; the one exception is the presentation itself, which the seed
 * records as history on a meeting already held (the use case only puts a report on a meeting still
 * to come). Does nothing without the Business Service and the London group's demo meetings, or
 * once the catalogue has services.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { addAgendaItemWithin, selectMeetingsOfBody } from '../meetings/index.ts';
import { draftMinute } from '../minutes/index.ts';
import { insertPeople, insertPosts } from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { addIndicator } from './add-indicator.ts';
import { addOffering } from './add-offering.ts';
import { loadLondonGroup } from './business-service-access.ts';
import {
  selectBusinessServiceOrganisation,
  selectOfferings,
  updateReport,
} from './business-service-queries.ts';
import type { Direction, ServiceArea, Unit } from './performance-rules.ts';
import { agendaTitleOf } from './present-report.ts';
import { recordActionArising } from './record-action-arising.ts';
import { recordConclusions } from './record-conclusions.ts';
import { recordReport } from './record-report.ts';

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

interface DemoIndicator {
  name: string;
  measures: string;
  target: string;
  unit: Unit;
  direction: Direction;
  /** The Quarter 3, 2007/08 figure. */
  q3: string;
  commentary?: string;
}

const catalogue: {
  name: string;
  area: ServiceArea;
  description: string;
  indicators: DemoIndicator[];
}[] = [
  {
    name: 'Commissioning intelligence',
    area: 'intelligence-and-market-support',
    description:
      'Public health and service intelligence packs for each sector: activity, demand and health needs, for the annual round.',
    indicators: [
      {
        name: 'Sector intelligence packs on time',
        measures:
          'Share of the sector intelligence packs delivered by the date agreed with the sector.',
        target: '95',
        unit: 'percent',
        direction: 'higher-is-better',
        q3: '96',
      },
    ],
  },
  {
    name: 'Market analysis',
    area: 'intelligence-and-market-support',
    description:
      'Reviews of provider markets across London: capacity, gaps and where the market needs stimulating.',
    indicators: [
      {
        name: 'Market reviews completed to plan',
        measures:
          'Share of the market reviews in the year’s plan completed in the quarter they were due.',
        target: '90',
        unit: 'percent',
        direction: 'higher-is-better',
        q3: '82',
        commentary: 'The mental health market review slipped to January.',
      },
    ],
  },
  {
    name: 'Specification quality assurance',
    area: 'specifications-and-quality-assurance',
    description:
      'Quality assurance of service specifications against standards of clinical effectiveness, before the library approves them.',
    indicators: [
      {
        name: 'Time to quality-assure a specification',
        measures:
          'Average working days from a specification being submitted to its review being recorded.',
        target: '15',
        unit: 'working-days',
        direction: 'lower-is-better',
        q3: '14',
      },
    ],
  },
  {
    name: 'Contract negotiation support',
    area: 'contracting-and-contract-management',
    description:
      'Support to the lead commissioners negotiating the acute contracts: offers, counter-offers and the national timetable.',
    indicators: [
      {
        name: 'Acute contracts signed by the national deadline',
        measures: 'Share of the London acute contracts signed by the national deadline.',
        target: '100',
        unit: 'percent',
        direction: 'higher-is-better',
        q3: '82',
        commentary: 'Two of the eleven acute contracts went to the local groups in dispute.',
      },
    ],
  },
  {
    name: 'Contract monitoring',
    area: 'contracting-and-contract-management',
    description:
      'Monthly activity and finance monitoring of the contracts, and validation of providers’ invoices.',
    indicators: [
      {
        name: 'Monthly monitoring reports on time',
        measures:
          'Share of the monthly activity reports issued within ten working days of the month end.',
        target: '90',
        unit: 'percent',
        direction: 'higher-is-better',
        q3: '91',
      },
      {
        name: 'Invoice challenges resolved within 30 days',
        measures:
          'Share of the challenges to providers’ invoices resolved within 30 days of being raised.',
        target: '85',
        unit: 'percent',
        direction: 'higher-is-better',
        q3: '78',
      },
    ],
  },
  {
    name: 'Secretariat support to the groups',
    area: 'administrative-support',
    description:
      'Papers, notices and minutes for the London and local commissioning groups, and the action log.',
    indicators: [
      {
        name: 'Papers issued five working days ahead',
        measures:
          'Share of meetings whose papers went out at least five working days before the meeting.',
        target: '100',
        unit: 'percent',
        direction: 'higher-is-better',
        q3: '100',
      },
    ],
  },
];

const conclusions =
  'The Group noted the report. It was concerned that only 82% of the acute contracts were signed by the national deadline and asked the Business Service to report the causes and a recovery plan to its next meeting. It will watch the market reviews and the invoice challenges, both amber, at the next quarter’s report.';

export async function seedDemoBusinessService(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  const actor = seedAdministrator;
  const service = await selectBusinessServiceOrganisation(db);
  if (!service || (await selectOfferings(db, service.id)).length > 0) return 0;
  const group = await loadLondonGroup(db);
  const held = (await selectMeetingsOfBody(db, group.id)).find(
    (meeting) => meeting.status === 'held' && meeting.startsAt < context.now,
  );
  if (!held) return 0;

  // A fictional officer of the Business Service, to own the action arising.
  const officerId = uuidv7();
  await db.transaction(async (transaction) => {
    await insertPeople(transaction, [
      {
        id: officerId,
        name: 'Dana Whitlock',
        email: null,
        isFictional: true,
        createdAt: context.now,
      },
    ]);
    await insertPosts(transaction, [
      {
        id: uuidv7(),
        personId: officerId,
        organisationId: service.id,
        role: 'director',
        title: 'Head of Performance',
        startsOn: '2007-04-01',
        endsOn: null,
        createdAt: context.now,
      },
    ]);
  });

  const figures: { indicatorId: string; value: string; commentary?: string }[] = [];
  for (const offering of catalogue) {
    const { offeringId } = await addOffering({
      db,
      context,
      actor,
      name: offering.name,
      area: offering.area,
      description: offering.description,
    });
    for (const indicator of offering.indicators) {
      const { indicatorId } = await addIndicator({
        db,
        context,
        actor,
        offeringId,
        name: indicator.name,
        measures: indicator.measures,
        target: indicator.target,
        unit: indicator.unit,
        direction: indicator.direction,
      });
      figures.push({
        indicatorId,
        value: indicator.q3,
        ...(indicator.commentary && { commentary: indicator.commentary }),
      });
    }
  }
  const { reportId } = await recordReport({
    db,
    context,
    actor,
    startYear: 2007,
    quarter: 3,
    preparedOn: '2008-01-21',
    summary:
      'Most services met their targets in the third quarter; contract signature fell short of the national deadline.',
    figures,
  });

  // The presentation, as history: the report was the standing item of the meeting already held,
  // and its draft minutes record the group's conclusions.
  const agendaItemId = await db.transaction(async (transaction) => {
    const { agendaItemId } = await addAgendaItemWithin(transaction, context, held.id, {
      title: agendaTitleOf(2007, 3),
      purpose: 'discussion',
      isConfidential: false,
      confidentialityReason: null,
      description:
        'The Business Service’s performance in Quarter 3, 2007/08, for the group to performance-manage it (2006 §106). Overall status: red.',
    });
    await updateReport(transaction, reportId, {
      status: 'presented',
      meetingId: held.id,
      agendaItemId,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'business-service.report-presented',
        entityType: 'organisation',
        entityId: service.id,
        before: { reportId, status: 'recorded' },
        after: { reportId, status: 'presented', meeting: held.title, agendaItemId },
      },
    ]);
    return agendaItemId;
  });
  await draftMinute({ db, context, actor, meetingId: held.id, agendaItemId, text: conclusions });
  const meetingOn = londonDate(held.startsAt);
  await recordConclusions({ db, context, actor, reportId, conclusions, concludedOn: meetingOn });
  const due = new Date(held.startsAt.getTime() + 28 * 86_400_000);
  await recordActionArising({
    db,
    context,
    actor,
    reportId,
    description:
      'Report the causes of the late acute contract signatures and a recovery plan to the next meeting.',
    ownerPersonId: officerId,
    dueOn: londonDate(due),
  });
  return catalogue.length;
}
