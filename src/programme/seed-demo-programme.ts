/**
 * The demo's Healthcare for London delivery programme of the London Commissioning Group: four
 * workstreams (stroke, major trauma, polyclinics, urgent care) with projects in sequence, actions
 * at London, sector and PCT level and by two action teams, milestones, and a RAG history over
 * 2008/09 with the reason for each change. Dates are the source documents' time; the app's clock
 * is later, so an action not completed is late: most are completed, a few are late on purpose.
 * Made through the use cases, so every step is audited. Once only.
 */
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { selectOwnerOrganisations, selectProgrammes } from './programme-queries.ts';
import type { Rag } from './programme-rules.ts';
import {
  addAction,
  addActionTeam,
  addDependency,
  addMilestone,
  addProject,
  addWorkstream,
  changeRag,
  completeAction,
  createProgramme,
} from './programme-service.ts';

const programmeOffice: Actor = {
  kind: 'account',
  accountId: 'seed',
  email: 'seed@demo.invalid',
  displayName: 'Healthcare for London programme office (demo)',
  personId: null,
  isAdministrator: true,
  bodyRoles: [],
  authenticatedBy: 'session',
};

type Owner =
  | { body: string }
  | { organisation: string }
  | { team: 'Stroke action team' | 'Major trauma action team' };

interface DemoAction {
  title: string;
  owner: Owner;
  lead?: string;
  dueOn: string;
  completedOn?: string;
  changes?: [string, Rag, string][];
}

interface DemoProject {
  key: string;
  title: string;
  startsOn: string;
  dueOn: string;
  after?: string[];
  changes: [string, Rag, string][];
  milestones: { title: string; dueOn: string; achievedOn?: string }[];
  actions: DemoAction[];
}

const lcg = 'london-commissioning-group';

const workstreams: { title: string; projects: DemoProject[] }[] = [
  {
    title: 'Stroke',
    projects: [
      {
        key: 'stroke-designation',
        title: 'Stroke unit designation',
        startsOn: '2008-04-01',
        dueOn: '2008-12-31',
        changes: [
          [
            '2008-07-15',
            'amber',
            'Consultation responses on unit locations delayed the designation panel.',
          ],
          [
            '2008-09-30',
            'green',
            'Panel dates agreed with the London Stroke Network; designation back on track.',
          ],
        ],
        milestones: [{ title: 'Designation panel', dueOn: '2008-09-30', achievedOn: '2008-10-14' }],
        actions: [
          {
            title: 'Run the stroke designation process with the London Stroke Network',
            owner: { body: lcg },
            dueOn: '2008-10-31',
            completedOn: '2008-11-14',
            changes: [
              ['2008-08-01', 'amber', 'Panel members not confirmed for September.'],
              ['2008-10-01', 'green', 'Panel met; scoring under way.'],
            ],
          },
          {
            title: 'Agree the stroke tariff with providers',
            owner: { team: 'Stroke action team' },
            dueOn: '2008-12-31',
            completedOn: '2009-01-20',
          },
          {
            title: 'Agree hyper-acute unit locations in North Central London',
            owner: { body: 'north-central-local-commissioning-group' },
            dueOn: '2008-11-30',
            completedOn: '2008-12-10',
          },
        ],
      },
      {
        key: 'stroke-go-live',
        title: 'Hyper-acute stroke units go live',
        startsOn: '2009-01-05',
        dueOn: '2009-09-30',
        after: ['stroke-designation'],
        changes: [
          ['2009-04-15', 'amber', 'Two units not ready for go-live in April.'],
          ['2009-07-10', 'red', 'Croydon’s transfer of activity slipped past the planned date.'],
          ['2009-10-01', 'amber', 'Seven of eight units live; the last has a recovery plan.'],
        ],
        milestones: [
          { title: 'First units open', dueOn: '2009-04-01', achievedOn: '2009-04-06' },
          { title: 'All eight units open', dueOn: '2009-09-30' },
        ],
        actions: [
          {
            title: 'Commission hyper-acute stroke services for Camden residents',
            owner: { organisation: 'Camden PCT' },
            dueOn: '2009-03-31',
            completedOn: '2009-04-20',
          },
          {
            title: 'Transfer stroke activity to the designated unit',
            owner: { organisation: 'Croydon PCT' },
            lead: 'Director of commissioning, Croydon PCT (demo)',
            dueOn: '2009-06-30',
            changes: [
              [
                '2009-05-01',
                'amber',
                'Ambulance protocol not yet agreed with the London Ambulance Service.',
              ],
              [
                '2009-07-10',
                'red',
                'Transfer missed its date; the board asked for a recovery plan.',
              ],
            ],
          },
          {
            title: 'Agree the sector stroke pathway with acute trusts',
            owner: { body: 'south-east-local-commissioning-group' },
            dueOn: '2009-02-28',
            completedOn: '2009-03-10',
          },
        ],
      },
    ],
  },
  {
    title: 'Major trauma',
    projects: [
      {
        key: 'trauma-design',
        title: 'Trauma network design',
        startsOn: '2008-06-01',
        dueOn: '2009-03-31',
        changes: [
          ['2008-11-01', 'amber', 'Activity modelling needs another month of audit data.'],
          ['2009-01-10', 'green', 'Options agreed by the clinical reference group.'],
        ],
        milestones: [
          { title: 'Network options agreed', dueOn: '2009-01-31', achievedOn: '2009-02-05' },
        ],
        actions: [
          {
            title: 'Model the trauma network options',
            owner: { team: 'Major trauma action team' },
            dueOn: '2008-12-31',
            completedOn: '2008-12-19',
          },
          {
            title: 'Approve the trauma network business case',
            owner: { organisation: 'NHS London' },
            dueOn: '2009-02-28',
            completedOn: '2009-03-20',
          },
        ],
      },
      {
        key: 'trauma-centres',
        title: 'Major trauma centres designated',
        startsOn: '2009-04-01',
        dueOn: '2009-12-31',
        after: ['trauma-design'],
        changes: [['2009-08-01', 'amber', 'Bidding trusts asked for more time to prepare.']],
        milestones: [{ title: 'Designation panel', dueOn: '2009-11-30' }],
        actions: [
          {
            title: 'Designate the major trauma centres',
            owner: { body: lcg },
            dueOn: '2009-10-31',
            changes: [['2009-11-15', 'amber', 'Designation panel moved to January 2010.']],
          },
          {
            title: 'Agree the trauma unit for North East London',
            owner: { body: 'north-east-local-commissioning-group' },
            dueOn: '2009-09-30',
            completedOn: '2009-09-25',
          },
        ],
      },
    ],
  },
  {
    title: 'Polyclinics',
    projects: [
      {
        key: 'polyclinics-pilot',
        title: 'Polyclinics pilot',
        startsOn: '2008-04-01',
        dueOn: '2009-03-31',
        changes: [
          ['2008-10-10', 'amber', 'Estates for the Brent pilot not ready.'],
          ['2009-01-15', 'red', 'Islington’s business case deferred by its board.'],
          [
            '2009-03-20',
            'amber',
            'Two pilots open; Islington’s case returns to its board in April.',
          ],
        ],
        milestones: [{ title: 'First pilot opens', dueOn: '2008-12-01', achievedOn: '2009-01-28' }],
        actions: [
          {
            title: 'Open the Brent polyclinic pilot',
            owner: { organisation: 'Brent Teaching PCT' },
            dueOn: '2008-12-31',
            completedOn: '2009-02-02',
            changes: [['2008-10-10', 'amber', 'Estates not ready.']],
          },
          {
            title: 'Open a polyclinic pilot in Tower Hamlets',
            owner: { organisation: 'Tower Hamlets PCT' },
            dueOn: '2009-01-31',
            completedOn: '2009-01-28',
          },
          {
            title: 'Take the polyclinic business case to the board',
            owner: { organisation: 'Islington PCT' },
            dueOn: '2009-03-31',
            changes: [
              ['2009-01-15', 'amber', 'Board deferred the business case to April.'],
              ['2009-04-10', 'red', 'Board deferred the case again; no new date set.'],
            ],
          },
        ],
      },
      {
        key: 'polyclinics-roll-out',
        title: 'Polyclinic roll-out',
        startsOn: '2009-04-01',
        dueOn: '2010-03-31',
        after: ['polyclinics-pilot'],
        changes: [['2009-06-01', 'amber', 'Roll-out waits on the pilots’ evaluation.']],
        milestones: [
          { title: 'Pilot evaluation published', dueOn: '2009-06-30', achievedOn: '2009-07-14' },
        ],
        actions: [
          {
            title: 'Agree the sector polyclinic plan',
            owner: { body: 'north-west-local-commissioning-group' },
            dueOn: '2009-07-31',
            completedOn: '2009-08-10',
          },
          {
            title: 'Commission the Ealing polyclinic hub',
            owner: { organisation: 'Ealing PCT' },
            dueOn: '2010-03-31',
            changes: [['2009-09-01', 'amber', 'Preferred site in dispute with the landlord.']],
          },
        ],
      },
    ],
  },
  {
    title: 'Urgent care',
    projects: [
      {
        key: 'urgent-care',
        title: 'Urgent care centres at A&E',
        startsOn: '2008-09-01',
        dueOn: '2009-06-30',
        changes: [
          ['2008-11-20', 'amber', 'Specification consultation with GPs ran over.'],
          ['2009-02-10', 'green', 'Specification agreed; procurement on track.'],
        ],
        milestones: [
          { title: 'Specification published', dueOn: '2008-12-31', achievedOn: '2008-12-15' },
        ],
        actions: [
          {
            title: 'Agree the urgent care centre specification',
            owner: { body: 'south-west-local-commissioning-group' },
            dueOn: '2008-12-31',
            completedOn: '2008-12-15',
          },
          {
            title: 'Commission the urgent care centre at St Thomas’',
            owner: { organisation: 'Lambeth PCT' },
            dueOn: '2009-06-30',
            completedOn: '2009-06-26',
          },
        ],
      },
    ],
  },
];

export async function seedDemoProgramme(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db } = options;
  const existing = await selectProgrammes(db);
  if (existing.some((each) => each.bodySlug === lcg && each.title === 'Healthcare for London')) {
    return 0;
  }
  const context = { ...options.context, actor: 'Healthcare for London programme office (demo)' };
  const common = { db, context, actor: programmeOffice };
  const organisations = new Map(
    (await selectOwnerOrganisations(db)).map((organisation) => [
      organisation.name,
      organisation.id,
    ]),
  );
  const { programmeId } = await createProgramme({
    ...common,
    slug: lcg,
    title: 'Healthcare for London',
    description:
      'The delivery programme for Healthcare for London: priority and sequencing, and the actions to be undertaken at London, sector and PCT level (demo data, 2008–2010).',
  });
  const teams = new Map<string, string>();
  for (const team of [
    {
      name: 'Stroke action team',
      remit:
        'Take forward the stroke strategy: designate hyper-acute and stroke units and agree the stroke tariff.',
      leadPerson: 'Clinical director for stroke (demo)',
    },
    {
      name: 'Major trauma action team',
      remit:
        'Design the London trauma network and prepare the designation of major trauma centres.',
    },
  ]) {
    const { actionTeamId } = await addActionTeam({ ...common, programmeId, ...team });
    teams.set(team.name, actionTeamId);
  }
  const projectIds = new Map<string, string>();
  let created = 0;
  for (const [index, workstream] of workstreams.entries()) {
    const { workstreamId } = await addWorkstream({
      ...common,
      programmeId,
      title: workstream.title,
      priority: index + 1,
    });
    for (const [sequence, project] of workstream.projects.entries()) {
      const { projectId } = await addProject({
        ...common,
        workstreamId,
        title: project.title,
        priority: index + 1,
        sequence: sequence + 1,
        startsOn: project.startsOn,
        dueOn: project.dueOn,
        rag: 'green',
      });
      projectIds.set(project.key, projectId);
      for (const before of project.after ?? []) {
        await addDependency({
          ...common,
          projectId,
          dependsOnProjectId: projectIds.get(before) as string,
        });
      }
      for (const milestone of project.milestones) {
        await addMilestone({ ...common, projectId, ...milestone });
      }
      for (const [changedOn, rag, reason] of project.changes) {
        await changeRag({
          ...common,
          subject: { kind: 'project', id: projectId },
          rag,
          reason,
          changedOn,
        });
      }
      for (const action of project.actions) {
        const owner =
          'body' in action.owner
            ? `body:${action.owner.body}`
            : 'organisation' in action.owner
              ? `organisation:${organisations.get(action.owner.organisation)}`
              : `action-team:${teams.get(action.owner.team)}`;
        const { actionId } = await addAction({
          ...common,
          projectId,
          title: action.title,
          owner,
          leadPerson: action.lead,
          dueOn: action.dueOn,
          rag: 'green',
        });
        for (const [changedOn, rag, reason] of action.changes ?? []) {
          await changeRag({
            ...common,
            subject: { kind: 'action', id: actionId },
            rag,
            reason,
            changedOn,
          });
        }
        if (action.completedOn) {
          await completeAction({ ...common, actionId, completedOn: action.completedOn });
        }
        created += 1;
      }
    }
  }
  return created;
}
