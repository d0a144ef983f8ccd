/** One zod schema per request, used by the JSON API and the HTML forms alike. */
import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { rags } from './programme-rules.ts';

const requiredText = (message: string, maxLength: number) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

const optionalDate = (message: string) =>
  z.union([z.literal('').transform(() => undefined), calendarDate(message)]).optional();

const rank = (message: string) =>
  z.coerce.number(message).int(message).min(1, message).max(999, message);

const ragInput = z.enum(rags, 'Choose red, amber or green.');

export const idParametersSchema = z.object({ id: z.uuid('A record is named by its id.') });
export const odsParametersSchema = z.object({
  odsCode: z.string().regex(/^[A-Z0-9]{3,5}$/, 'A PCT is named by its ODS code.'),
});

export const createProgrammeSchema = z.strictObject({
  title: requiredText('Give the programme a title.', 200),
  description: optionalText(4000),
});

export const addWorkstreamSchema = z.strictObject({
  title: requiredText('Give the workstream a title.', 200),
  priority: rank('Give the priority as a whole number, 1 for first.'),
});

export const addActionTeamSchema = z.strictObject({
  name: requiredText('Give the action team a name.', 200),
  remit: requiredText('Say what the action team is to take forward.', 2000),
  leadPerson: optionalText(200),
});

export const addProjectSchema = z.strictObject({
  title: requiredText('Give the project a title.', 200),
  priority: rank('Give the priority as a whole number, 1 for first.'),
  sequence: rank('Give its place in the sequence as a whole number, 1 for first.'),
  startsOn: calendarDate('Enter the start date as YYYY-MM-DD.'),
  dueOn: calendarDate('Enter the due date as YYYY-MM-DD.'),
  rag: ragInput.default('green'),
});

export const addDependencySchema = z.strictObject({
  dependsOnProjectId: z.uuid('Choose the project it must wait for.'),
});

export const addMilestoneSchema = z.strictObject({
  title: requiredText('Give the milestone a title.', 200),
  dueOn: calendarDate('Enter the due date as YYYY-MM-DD.'),
  achievedOn: optionalDate('Enter the date it was achieved as YYYY-MM-DD.'),
});

export const milestoneAchievedSchema = z.strictObject({
  achievedOn: calendarDate('Enter the date it was achieved as YYYY-MM-DD.'),
});

export const addActionSchema = z.strictObject({
  title: requiredText('Say what the action is.', 300),
  owner: z
    .string('Choose who owns the action.')
    .min(1, 'Choose who owns the action.')
    .max(100, 'Choose who owns the action from the list.')
    .meta({
      description:
        'body:<slug> (a London-wide body or a sector group), organisation:<id> (a PCT, or NHS London) or action-team:<id> (an action team of this programme).',
    }),
  leadPerson: optionalText(200),
  dueOn: calendarDate('Enter the due date as YYYY-MM-DD.'),
  rag: ragInput.default('green'),
});

export const ragChangeSchema = z.strictObject({
  rag: ragInput,
  // Checked by the rule (not blank), so the refusal quotes why a reason is needed.
  reason: z.string('Give the reason for the change.').max(2000, 'Keep it under 2000 characters.'),
  changedOn: optionalDate('Enter the date of the change as YYYY-MM-DD.'),
});

export const completeActionSchema = z.strictObject({
  completedOn: calendarDate('Enter the date it was completed as YYYY-MM-DD.'),
  note: optionalText(2000),
});

export const asAtQuerySchema = z.object({
  asAt: calendarDate('Enter the date as YYYY-MM-DD.'),
});
export const periodQuerySchema = z.object({
  from: calendarDate('Enter the start of the period as YYYY-MM-DD.'),
  to: calendarDate('Enter the end of the period as YYYY-MM-DD.'),
});

// ── Responses ──
const rag = z.enum(rags);
const counts = z.object({
  red: z.number(),
  amber: z.number(),
  green: z.number(),
  completed: z.number(),
  late: z.number(),
  total: z.number(),
});
const named = z.object({ id: z.string(), title: z.string() });
const bodyRef = z.object({ slug: z.string(), title: z.string() });
const programmeRef = z.object({ id: z.string(), title: z.string(), body: bodyRef });

export const actionSchema = z.object({
  id: z.string(),
  title: z.string(),
  project: named,
  workstream: named,
  owner: z.object({
    level: z.enum(['london', 'sector', 'pct', 'action-team']),
    levelLabel: z.string(),
    name: z.string(),
    odsCode: z.string().nullable(),
  }),
  sector: z.object({ id: z.string(), name: z.string() }).nullable(),
  leadPerson: z.string().nullable(),
  dueOn: z.string(),
  completedOn: z.string().nullable(),
  rag,
  ragLabel: z.string(),
  late: z.boolean(),
});

const historySchema = z.array(
  z.object({
    kind: z.enum(['set', 'change', 'completed']),
    from: rag.nullable(),
    fromLabel: z.string().nullable(),
    to: rag,
    toLabel: z.string(),
    reason: z.string(),
    changedOn: z.string(),
    changedBy: z.string(),
  }),
);

const projectSchema = z.object({
  id: z.string(),
  title: z.string(),
  workstream: named,
  priority: z.number(),
  sequence: z.number(),
  startsOn: z.string(),
  dueOn: z.string(),
  rag,
  ragLabel: z.string(),
  after: z.array(named),
  before: z.array(named),
  milestones: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      dueOn: z.string(),
      achievedOn: z.string().nullable(),
      late: z.boolean(),
    }),
  ),
  counts,
});

const workstreamSchema = z.object({
  id: z.string(),
  title: z.string(),
  priority: z.number(),
  projects: z.array(projectSchema),
  counts,
});

const timelineSchema = z.object({
  svg: z.string(),
  today: z.enum(['before', 'within', 'after']).nullable(),
});

export const programmeSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  body: bodyRef,
  today: z.string(),
  workstreams: z.array(workstreamSchema),
  actionTeams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      remit: z.string(),
      leadPerson: z.string().nullable(),
      accountableTo: z.string(),
    }),
  ),
  counts,
  late: z.array(actionSchema),
  timeline: timelineSchema,
  mayKeep: z.boolean(),
});

export const programmeListSchema = z.object({
  body: bodyRef.nullable(),
  items: z.array(z.object({ id: z.string(), title: z.string(), body: bodyRef })),
  mayKeep: z.boolean(),
});

export const workstreamPageSchema = z.object({
  programme: programmeRef,
  today: z.string(),
  workstream: workstreamSchema,
  actions: z.array(actionSchema),
  timeline: timelineSchema,
  mayKeep: z.boolean(),
});

export const projectPageSchema = z.object({
  programme: programmeRef,
  today: z.string(),
  project: projectSchema,
  actions: z.array(actionSchema),
  history: historySchema,
  otherProjects: z.array(named),
  owners: z.array(z.object({ value: z.string(), text: z.string(), group: z.string() })),
  mayKeep: z.boolean(),
});

export const actionPageSchema = z.object({
  programme: programmeRef,
  today: z.string(),
  action: actionSchema,
  history: historySchema,
  mayKeep: z.boolean(),
});

const rollUpRow = z.object({
  key: z.string(),
  title: z.string(),
  href: z.string().nullable(),
  counts,
  late: z.array(actionSchema),
});

export const rollUpSchema = z.object({
  programme: programmeRef,
  today: z.string(),
  overall: rollUpRow,
  byWorkstream: z.array(rollUpRow),
  byLevel: z.array(rollUpRow),
  bySector: z.array(rollUpRow),
  byPct: z.array(rollUpRow),
});

export const pctActionsSchema = z.object({
  pct: z.object({
    name: z.string(),
    odsCode: z.string().nullable(),
    sector: z.string().nullable(),
  }),
  today: z.string(),
  rule: z.object({ clause: z.string(), text: z.string() }),
  programmes: z.array(programmeRef.extend({ counts, actions: z.array(actionSchema) })),
});

export const asAtSchema = z.object({
  programme: named,
  asAt: z.string(),
  projects: z.array(named.extend({ workstream: z.string(), rag: rag.nullable() })),
  actions: z.array(
    named.extend({
      project: z.string(),
      rag: rag.nullable(),
      completed: z.boolean(),
      late: z.boolean(),
    }),
  ),
  counts,
});

export const periodSchema = z.object({
  programme: named,
  from: z.string(),
  to: z.string(),
  completed: z.array(actionSchema),
  lateAtEnd: z.array(actionSchema),
  ragChanges: z.array(
    z.object({
      subject: z.object({ kind: z.enum(['project', 'action']), id: z.string(), title: z.string() }),
      from: rag.nullable(),
      to: rag,
      reason: z.string(),
      changedOn: z.string(),
      changedBy: z.string(),
    }),
  ),
});
