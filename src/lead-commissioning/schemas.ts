import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { negotiationStages } from './arrangement-rules.ts';

const requiredText = (message: string, maxLength: number) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

const optionalId = (message: string) =>
  z
    .union([z.uuid(message), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional();

const optionalDate = (message: string) =>
  z
    .union([calendarDate(message), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const roundYearSchema = z
  .string('Choose the commissioning round.')
  .regex(/^\d{4}-\d{2}$/, 'Choose the commissioning round, for example 2007-08.');

const basisPoints = (message: string) =>
  z.number(message).int(message).min(0, message).max(10_000, message);

export const arrangementParametersSchema = z.object({
  arrangementId: z.uuid('A lead commissioning arrangement is named by its id.'),
});
export const issueParametersSchema = arrangementParametersSchema.extend({
  issueId: z.uuid('An issue is named by its id.'),
});
export const actionParametersSchema = z.object({
  actionId: z.uuid('A proposed action is named by its id.'),
});
export const forumParametersSchema = z.object({
  forumId: z.uuid('A collaborative forum is named by its id.'),
});

export const recordArrangementSchema = z.strictObject({
  roundYear: roundYearSchema,
  providerOrganisationId: z.uuid('Choose the provider.'),
  service: requiredText('Name the service (or contract) commissioned.', 300),
  specificationVersionId: optionalId('Choose a specification version, or none.'),
  leadOrganisationId: z.uuid('Choose the lead PCT.'),
  leadShareBasisPoints: basisPoints(
    'Give the lead’s share in hundredths of a per cent, from 0 to 10000.',
  ),
  associates: z
    .array(
      z.strictObject({
        organisationId: z.uuid('Choose each associate PCT.'),
        shareBasisPoints: basisPoints(
          'Give each associate’s share in hundredths of a per cent, from 1 to 10000.',
        ),
      }),
    )
    .max(40),
  startedOn: optionalDate('Enter the date preparation started as YYYY-MM-DD.'),
  targetSignOn: optionalDate('Enter the date the contract is to be signed by as YYYY-MM-DD.'),
});

/** A share typed as a percentage ("23.47" or "23.47%") in hundredths of a per cent. */
const percentage = z
  .string()
  .trim()
  .transform((value) => value.replace(/%$/, '').trim())
  .refine((value) => value === '' || /^\d{1,3}(\.\d{1,2})?$/.test(value), {
    message: 'Enter the share as a percentage with up to two decimal places, like 23.47.',
  })
  .transform((value) => (value === '' ? undefined : Math.round(Number(value) * 100)));

export const associateSlots = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/** The form's fields: the associates as numbered pairs of a PCT and its share. */
export const arrangementFormFields = [
  'roundYear',
  'providerOrganisationId',
  'service',
  'specificationVersionId',
  'leadOrganisationId',
  'leadShare',
  'targetSignOn',
  ...associateSlots.flatMap((slot) => [`associate${slot}`, `associate${slot}Share`]),
];

const associateIdSchema = optionalId('Choose the associate PCT.');

/** The HTML form: the same request as the API's, with shares typed as percentages. */
export const recordArrangementFormSchema = z
  .looseObject({
    roundYear: roundYearSchema,
    providerOrganisationId: z.uuid('Choose the provider.'),
    service: requiredText('Name the service (or contract) commissioned.', 300),
    specificationVersionId: optionalId('Choose a specification version, or none.'),
    leadOrganisationId: z.uuid('Choose the lead PCT.'),
    leadShare: percentage.refine((value) => value !== undefined, {
      message: 'Enter the lead’s share as a percentage, like 40.00.',
    }),
    targetSignOn: optionalDate('Enter the date the contract is to be signed by.'),
  })
  .transform((form, context) => {
    const values = form as Record<string, unknown>;
    const associates: { organisationId: string; shareBasisPoints: number }[] = [];
    for (const slot of associateSlots) {
      const organisation = associateIdSchema.safeParse(values[`associate${slot}`] ?? '');
      const share = percentage.safeParse(values[`associate${slot}Share`] ?? '');
      if (!organisation.success) {
        context.addIssue({
          code: 'custom',
          path: [`associate${slot}`],
          message: 'Choose the associate PCT.',
        });
      }
      if (!share.success) {
        context.addIssue({
          code: 'custom',
          path: [`associate${slot}Share`],
          message: 'Enter the share as a percentage with up to two decimal places, like 23.47.',
        });
      }
      if (organisation.success && organisation.data) {
        if (share.success && share.data === undefined) {
          context.addIssue({
            code: 'custom',
            path: [`associate${slot}Share`],
            message: 'Enter this associate’s share as a percentage, like 23.47.',
          });
        }
        associates.push({
          organisationId: organisation.data,
          shareBasisPoints: share.success ? (share.data ?? 0) : 0,
        });
      }
    }
    return {
      roundYear: form.roundYear,
      providerOrganisationId: form.providerOrganisationId,
      service: form.service,
      specificationVersionId: form.specificationVersionId,
      leadOrganisationId: form.leadOrganisationId,
      leadShareBasisPoints: form.leadShare ?? 0,
      targetSignOn: form.targetSignOn,
      associates,
    };
  });

export const changeStageSchema = z.strictObject({
  stage: z.enum(negotiationStages, { message: 'Choose the stage the negotiation has reached.' }),
  happenedOn: calendarDate('Enter the date the stage was reached as YYYY-MM-DD.'),
  note: optionalText(4000),
});

export const raiseIssueSchema = z.strictObject({
  text: requiredText('Describe the issue.', 4000),
  raisedOn: calendarDate('Enter the date the issue was raised as YYYY-MM-DD.'),
});

export const resolveIssueSchema = z.strictObject({
  resolvedOn: calendarDate('Enter the date the issue was resolved as YYYY-MM-DD.'),
  resolution: requiredText('Say how the issue was resolved.', 4000),
});

export const proposeActionSchema = z.strictObject({
  text: requiredText('Describe the action the lead proposes.', 4000),
  respondBy: calendarDate('Enter the date the associates are to respond by as YYYY-MM-DD.'),
});

export const respondToActionSchema = z.strictObject({
  organisationId: optionalId('Choose the associate PCT responding.'),
  response: z.enum(['approve', 'reject'], { message: 'Choose approve or reject.' }),
  reason: optionalText(4000),
});

const clauseSchema = z.object({ clause: z.string(), text: z.string() });

const shareLineSchema = z.object({
  organisationId: z.uuid(),
  name: z.string(),
  shareBasisPoints: z.number().int(),
  share: z.string(),
});

const stageSchema = z.enum(negotiationStages);

export const arrangementSummarySchema = z.object({
  id: z.uuid(),
  round: z.object({ year: z.string(), label: z.string() }),
  body: z.object({ slug: z.string(), title: z.string() }),
  provider: z.object({ organisationId: z.uuid(), name: z.string() }),
  service: z.string(),
  lead: shareLineSchema,
  associates: z.array(shareLineSchema),
  stage: stageSchema,
  stageName: z.string(),
  stageChangedOn: z.string(),
  targetSignOn: z.string().nullable(),
  openIssues: z.array(z.object({ id: z.uuid(), text: z.string(), raisedOn: z.string() })),
  actionsAwaitingResponses: z.number().int(),
  forumsCalled: z.number().int(),
});

const stageGroupSchema = z.object({
  stage: stageSchema,
  stageName: z.string(),
  items: z.array(arrangementSummarySchema),
});

const stageCountSchema = z.object({
  stage: stageSchema,
  stageName: z.string(),
  count: z.number().int(),
});

export const areaNegotiationsSchema = z.object({
  body: z.object({ slug: z.string(), title: z.string(), sectorName: z.string() }),
  clause: clauseSchema,
  today: z.string(),
  total: z.number().int(),
  stages: z.array(stageGroupSchema),
  mayRecord: z.boolean(),
  choices: z
    .object({
      rounds: z.array(z.object({ year: z.string(), label: z.string() })),
      providers: z.array(z.object({ id: z.uuid(), name: z.string() })),
      leads: z.array(z.object({ id: z.uuid(), name: z.string() })),
      primaryCareTrusts: z.array(
        z.object({ id: z.uuid(), name: z.string(), sectorName: z.string().nullable() }),
      ),
    })
    .nullable(),
});

export const londonNegotiationsSchema = z.object({
  clause: clauseSchema,
  direction: clauseSchema,
  total: z.number().int(),
  stageCounts: z.array(stageCountSchema),
  areas: z.array(
    z.object({
      body: z.object({ slug: z.string(), title: z.string(), sectorName: z.string() }),
      total: z.number().int(),
      stageCounts: z.array(stageCountSchema),
      stages: z.array(stageGroupSchema),
    }),
  ),
});

export const arrangementSchema = arrangementSummarySchema.extend({
  clauses: z.array(clauseSchema),
  specification: z.object({ title: z.string(), version: z.number().int() }).nullable(),
  totalShare: z.string(),
  today: z.string(),
  history: z.array(
    z.object({
      stage: stageSchema,
      stageName: z.string(),
      happenedOn: z.string(),
      note: z.string().nullable(),
      recordedBy: z.string(),
    }),
  ),
  issues: z.array(
    z.object({
      id: z.uuid(),
      text: z.string(),
      raisedOn: z.string(),
      resolvedOn: z.string().nullable(),
      resolution: z.string().nullable(),
    }),
  ),
  actions: z.array(
    z.object({
      id: z.uuid(),
      text: z.string(),
      proposedOn: z.string(),
      respondBy: z.string(),
      status: z.string(),
      proposedBy: z.string(),
      responses: z.array(
        z.object({
          organisationId: z.uuid(),
          name: z.string(),
          response: z.enum(['approve', 'reject']).nullable(),
          reason: z.string().nullable(),
          respondedBy: z.string().nullable(),
        }),
      ),
      forum: z
        .object({
          id: z.uuid(),
          calledAt: z.string(),
          waiting: z.boolean(),
          meeting: z
            .object({
              id: z.uuid(),
              title: z.string(),
              startsAt: z.string(),
              agendaPosition: z.number().int().nullable(),
            })
            .nullable(),
          mayPlace: z.boolean(),
        })
        .nullable(),
      mayRespondFor: z.array(z.object({ organisationId: z.uuid(), name: z.string() })),
    }),
  ),
  nextStages: z.array(z.object({ stage: stageSchema, stageName: z.string() })),
  mayMove: z.boolean(),
  mayRaiseIssue: z.boolean(),
  mayPropose: z.boolean(),
});

export const respondedSchema = z.object({
  status: z.string(),
  forum: z
    .object({
      forumId: z.uuid(),
      meetingId: z.uuid().nullable(),
      agendaItemId: z.uuid().nullable(),
    })
    .nullable(),
});
