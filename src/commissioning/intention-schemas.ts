import { z } from 'zod';

const requiredText = (message: string, maxLength: number) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

const optionalId = (message: string) =>
  z
    .union([z.uuid(message), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const roundParametersSchema = z.object({
  slug: z.string().min(1).max(200),
  year: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'A commissioning round is named by its year, like 2008-09.'),
});

export const intentionParametersSchema = roundParametersSchema.extend({
  intentionId: z.uuid('An intention is named by its id.'),
});

export const sourceParametersSchema = intentionParametersSchema.extend({
  priorityId: z.uuid('A priority is named by its id.'),
});

export const localPlanParametersSchema = roundParametersSchema.extend({
  organisationId: z.uuid('A PCT is named by its id.'),
});

export const intentionInputSchema = z.strictObject({
  title: requiredText('Give the intention a title.', 300),
  serviceArea: requiredText('Choose the service area.', 200),
  description: requiredText('Describe what London intends to commission.', 4000),
  specificationVersionId: optionalId('Choose an approved specification version.'),
});

export const addIntentionSchema = intentionInputSchema.extend({
  priorityIds: z.array(z.uuid('Choose priorities returned to this round.')).max(500).optional(),
});

export const moveIntentionSchema = z.strictObject({
  direction: z.enum(['up', 'down'], { message: 'Move the intention up or down.' }),
});

export const attachSourceSchema = z.strictObject({
  priorityId: z.uuid('Choose a priority returned to this round.'),
});

export const putToGroupSchema = z.strictObject({
  meetingId: z.uuid('Choose the meeting of the London group to put the intentions to.'),
});

export const recordAgreementSchema = z.strictObject({
  proposalId: z.uuid('Name the question that decided the intentions.').optional(),
});

export const localPlanSchema = z.strictObject({
  intentionIds: z.array(z.uuid('Choose from the London intentions of this round.')).max(200),
  ownLines: z
    .array(
      z.strictObject({
        title: requiredText('Give each of the PCT’s own lines a title.', 300),
        note: z.string().trim().max(2000).optional(),
      }),
    )
    .max(100)
    .default([]),
});

const raisedBySchema = z.object({
  primaryCareTrusts: z.array(z.string()),
  localGroups: z.array(z.string()),
  sectors: z.array(z.string()),
});

const clauseSchema = z.object({ clause: z.string(), text: z.string() });

export const roundSummarySchema = z.object({
  body: z.object({ slug: z.string(), title: z.string() }),
  year: z.string(),
  yearParameter: z.string(),
  status: z.enum(['open', 'consolidating', 'put-to-group', 'agreed', 'published']),
  statusText: z.string(),
  agreedOn: z.string().nullable(),
  publishedOn: z.string().nullable(),
});

const prioritySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  serviceArea: z.string(),
  rationale: z.string(),
  expectedEffect: z.string(),
  population: z.string(),
  submitter: z.object({
    kind: z.enum(['pct', 'group']),
    name: z.string(),
    sectorId: z.string().nullable(),
    sectorName: z.string().nullable(),
  }),
});

export const intentionsViewSchema = z.object({
  round: roundSummarySchema,
  clauses: z.array(clauseSchema),
  withheld: z.string().nullable(),
  intentions: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      title: z.string(),
      serviceArea: z.string(),
      description: z.string(),
      specification: z
        .object({ versionId: z.uuid(), title: z.string(), version: z.number().int() })
        .nullable(),
      raisedBy: raisedBySchema.extend({ isOverlap: z.boolean() }),
      sources: z.array(z.object({ priorityId: z.uuid(), title: z.string(), raisedBy: z.string() })),
    }),
  ),
  overlaps: z.array(
    z.object({
      intentionId: z.uuid(),
      title: z.string(),
      submitters: z.number().int(),
      sectors: z.array(z.string()),
    }),
  ),
  priorities: z.array(prioritySchema),
  unconsolidated: z.array(prioritySchema),
  mayReadReturns: z.boolean(),
  question: z
    .object({
      proposalId: z.uuid(),
      title: z.string(),
      status: z.string(),
      outcome: z.string().nullable(),
      meeting: z.object({ id: z.uuid(), title: z.string(), meetingOn: z.string() }),
      closedOn: z.string().nullable(),
    })
    .nullable(),
  meetings: z.array(z.object({ id: z.uuid(), title: z.string(), meetingOn: z.string() })),
  specifications: z.array(
    z.object({
      versionId: z.uuid(),
      title: z.string(),
      version: z.number().int(),
      serviceArea: z.string(),
    }),
  ),
  serviceAreas: z.array(z.string()),
  mayManage: z.boolean(),
  mayEdit: z.boolean(),
});

export const prospectusSchema = z.object({
  title: z.string(),
  body: z.string(),
  year: z.string(),
  publishedOn: z.string(),
  agreement: z
    .object({
      question: z.string(),
      meeting: z.string(),
      meetingOn: z.string(),
      agreedOn: z.string(),
      outcome: z.string(),
      clause: z.string(),
      text: z.string(),
    })
    .nullable(),
  intentions: z.array(
    z.object({
      position: z.number().int(),
      title: z.string(),
      serviceArea: z.string(),
      description: z.string(),
      raisedBy: raisedBySchema,
      specification: z.object({ title: z.string(), version: z.number().int() }).nullable(),
    }),
  ),
  clauses: z.array(clauseSchema),
});

export const fitViewSchema = z.object({
  round: roundSummarySchema,
  rule: clauseSchema,
  intentions: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      title: z.string(),
      serviceArea: z.string(),
      planning: z.number().int(),
    }),
  ),
  pcts: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      sectorName: z.string().nullable(),
      hasPlan: z.boolean(),
      recordedOn: z.string().nullable(),
      gaps: z.array(z.string()),
      divergences: z.array(z.object({ title: z.string(), note: z.string().nullable() })),
    }),
  ),
  withoutPlan: z.array(z.string()),
  plansOpen: z.boolean(),
  mayRecordFor: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

export const agreementResultSchema = z.object({
  status: z.enum(['agreed', 'consolidating']),
  outcome: z.string(),
  agreedOn: z.string().nullable(),
});

export const putToGroupResultSchema = z.object({
  proposalId: z.uuid(),
  agendaItemId: z.uuid(),
  meetingId: z.uuid(),
});

export const localPlanResultSchema = z.object({
  planId: z.uuid(),
  gaps: z.number().int(),
  divergences: z.number().int(),
});
