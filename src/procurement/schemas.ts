import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import {
  conflictManagements,
  penceFromPounds,
  registerSubjects,
  tenderStages,
  voteBases,
  voteWeightings,
} from './procurement-rules.ts';

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

const basisPoints = (message: string) =>
  z.number(message).int(message).min(0, message).max(10_000, message);

export const consortiumParametersSchema = z.object({
  consortiumId: z.uuid('A procurement consortium is named by its id.'),
});
export const tenderParametersSchema = z.object({
  tenderId: z.uuid('A tender is named by its id.'),
});
export const conflictParametersSchema = tenderParametersSchema.extend({
  conflictId: z.uuid('A declared conflict is named by its id.'),
});

const voteBaseSchema = z.enum(voteBases, {
  message:
    'Choose what the 75% is of: all members entitled, those present, votes cast, or votes for and against.',
});
const voteWeightingSchema = z.enum(voteWeightings, {
  message: 'Choose whether each member’s vote weighs its share, or one member one vote.',
});

export const recordConsortiumSchema = z.strictObject({
  name: requiredText('Name the consortium.', 200),
  portfolio: requiredText('Describe the consortium’s portfolio.', 2000),
  bodySlug: optionalText(100),
  inceptedOn: calendarDate('Enter the inception date as YYYY-MM-DD.'),
  shareBasis: requiredText('State the basis of the shares, for example weighted population.', 300),
  voteBase: voteBaseSchema,
  voteWeighting: voteWeightingSchema,
  members: z
    .array(
      z.strictObject({
        organisationId: z.uuid('Choose each member PCT.'),
        shareBasisPoints: basisPoints(
          'Give each member’s share in hundredths of a per cent, from 1 to 10000.',
        ),
      }),
    )
    .max(40),
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

export const memberSlots = Array.from({ length: 12 }, (_, index) => index + 1);

export const consortiumFormFields = [
  'name',
  'portfolio',
  'inceptedOn',
  'shareBasis',
  'voteBase',
  'voteWeighting',
  ...memberSlots.flatMap((slot) => [`member${slot}`, `member${slot}Share`]),
];

/** The HTML form: the API's request with members as numbered pairs and shares as percentages. */
export const recordConsortiumFormSchema = z
  .looseObject({
    name: requiredText('Name the consortium.', 200),
    portfolio: requiredText('Describe the consortium’s portfolio.', 2000),
    inceptedOn: calendarDate('Enter the inception date.'),
    shareBasis: requiredText(
      'State the basis of the shares, for example weighted population.',
      300,
    ),
    voteBase: voteBaseSchema,
    voteWeighting: voteWeightingSchema,
  })
  .transform((form, context) => {
    const values = form as Record<string, unknown>;
    const members: { organisationId: string; shareBasisPoints: number }[] = [];
    for (const slot of memberSlots) {
      const organisation = optionalId('Choose the member PCT.').safeParse(
        values[`member${slot}`] ?? '',
      );
      const share = percentage.safeParse(values[`member${slot}Share`] ?? '');
      if (!share.success) {
        context.addIssue({
          code: 'custom',
          path: [`member${slot}Share`],
          message: 'Enter the share as a percentage with up to two decimal places, like 23.47.',
        });
      }
      if (organisation.success && organisation.data) {
        if (share.success && share.data === undefined) {
          context.addIssue({
            code: 'custom',
            path: [`member${slot}Share`],
            message: 'Enter this member’s share as a percentage, like 23.47.',
          });
        }
        members.push({
          organisationId: organisation.data,
          shareBasisPoints: share.success ? (share.data ?? 0) : 0,
        });
      }
    }
    return {
      name: form.name,
      portfolio: form.portfolio,
      inceptedOn: form.inceptedOn,
      shareBasis: form.shareBasis,
      voteBase: form.voteBase,
      voteWeighting: form.voteWeighting,
      members,
    };
  });

export const openTenderSchema = z.strictObject({
  title: requiredText('Give the tender a title.', 300),
  service: requiredText('Name the service tendered.', 300),
  specificationVersionId: z.uuid('Choose the approved specification version the tender buys to.'),
  openedOn: z
    .union([calendarDate('Enter the date the tender opened as YYYY-MM-DD.'), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
});

export const recordBidSchema = z.strictObject({
  providerOrganisationId: z.uuid('Choose the provider that bid.'),
  pricePence: z
    .number('Give the price in whole pence.')
    .int('A price is a whole number of pence: a fraction of a penny is refused.')
    .positive('A price is more than nothing.'),
  receivedOn: calendarDate('Enter the date the bid was received as YYYY-MM-DD.'),
});

/** The HTML form: the price typed in pounds and pence, refused with a fraction of a penny. */
export const recordBidFormSchema = z
  .object({
    providerOrganisationId: z.uuid('Choose the provider that bid.'),
    price: z.string('Enter the price in pounds.').trim().min(1, 'Enter the price in pounds.'),
    receivedOn: calendarDate('Enter the date the bid was received.'),
  })
  .transform((form, context) => {
    const price = penceFromPounds(form.price);
    if (!price.ok) {
      context.addIssue({ code: 'custom', path: ['price'], message: price.message });
      return z.NEVER;
    }
    return {
      providerOrganisationId: form.providerOrganisationId,
      pricePence: price.pence,
      receivedOn: form.receivedOn,
    };
  });

const score = (message: string) => z.number(message).int(message);

export const recordEvaluationSchema = z.strictObject({
  scores: z
    .array(
      z.strictObject({
        bidId: z.uuid('Name each bid by its id.'),
        qualityScore: score('A quality score is a whole number.'),
        priceScore: score('A price score is a whole number.'),
      }),
    )
    .max(50),
  recommendedBidId: z.uuid('Choose the recommended bid.'),
  reason: requiredText('Give the reason for the recommendation.', 4000),
  evaluatedOn: calendarDate('Enter the date of the evaluation as YYYY-MM-DD.'),
});

const declaredConflictSchema = z.strictObject({
  personId: z.uuid('Choose who declared the conflict.'),
  interest: requiredText('Describe the interest declared.', 1000),
  management: z
    .enum(conflictManagements, { message: 'Choose how the conflict was managed.' })
    .optional(),
  reason: optionalText(2000),
});

export const recordRegisterEntrySchema = z.strictObject({
  subject: z.enum(registerSubjects, {
    message:
      'Choose what the decision was about: the evaluation, the award recommendation, or another.',
  }),
  decision: requiredText('Describe the decision.', 4000),
  decidedOn: calendarDate('Enter the date of the decision as YYYY-MM-DD.'),
  participantIds: z.array(z.uuid('Choose each participant.')).max(60),
  conflicts: z.array(declaredConflictSchema).max(20).default([]),
});

export const recordConflictManagementSchema = z.strictObject({
  management: z.enum(conflictManagements, { message: 'Choose how the conflict was managed.' }),
  reason: optionalText(2000),
});

export const putAwardSchema = z.strictObject({
  meetingId: z.uuid('Choose the meeting at which the consortium votes.'),
});

export const consortiumViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  portfolio: z.string(),
  body: z.object({ slug: z.string(), title: z.string() }),
  inceptedOn: z.string(),
  inceptedOnText: z.string(),
  shareBasis: z.string(),
  voteBase: z.enum(voteBases),
  voteBaseText: z.string(),
  voteWeighting: z.enum(voteWeightings),
  voteWeightingText: z.string(),
  ruleText: z.string(),
  recordedBy: z.string(),
  members: z.array(
    z.object({
      organisationId: z.uuid(),
      name: z.string(),
      shareBasisPoints: z.number().int(),
      shareText: z.string(),
    }),
  ),
});

const tenderSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  service: z.string(),
  consortiumId: z.uuid(),
  consortiumName: z.string(),
  stageText: z.string(),
  openedOnText: z.string(),
});

export const procurementListSchema = z.object({
  consortia: z.array(consortiumViewSchema.extend({ tenders: z.number().int() })),
  tenders: z.array(tenderSummarySchema),
  mayRecord: z.boolean(),
});

export const consortiumDetailSchema = consortiumViewSchema.extend({
  tenders: z.array(tenderSummarySchema),
  mayRun: z.boolean(),
});

export const registerViewSchema = z.object({
  entries: z.array(
    z.object({
      id: z.uuid(),
      subject: z.enum(registerSubjects),
      subjectText: z.string(),
      decision: z.string(),
      decidedOn: z.string(),
      decidedOnText: z.string(),
      recordedBy: z.string(),
      participants: z.array(z.object({ personId: z.uuid(), name: z.string() })),
      conflicts: z.array(
        z.object({
          id: z.uuid(),
          personId: z.uuid(),
          personName: z.string(),
          interest: z.string(),
          management: z.enum(conflictManagements).nullable(),
          managementText: z.string().nullable(),
          reason: z.string().nullable(),
        }),
      ),
    }),
  ),
  complete: z.boolean(),
  missing: z.array(z.string()),
});

export const tenderViewSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  service: z.string(),
  consortium: consortiumViewSchema,
  specificationVersion: z.object({ id: z.uuid(), label: z.string() }),
  stage: z.enum(tenderStages),
  stageText: z.string(),
  openedOn: z.string(),
  openedOnText: z.string(),
  steps: z.array(
    z.object({
      stage: z.string(),
      stageText: z.string(),
      happenedOn: z.string(),
      happenedOnText: z.string(),
      note: z.string(),
      recordedBy: z.string(),
    }),
  ),
  bids: z.array(
    z.object({
      id: z.uuid(),
      providerOrganisationId: z.uuid(),
      provider: z.string(),
      pricePence: z.number().int(),
      priceText: z.string(),
      receivedOn: z.string(),
      receivedOnText: z.string(),
      qualityScore: z.number().int().nullable(),
      priceScore: z.number().int().nullable(),
      totalScore: z.number().int().nullable(),
      recommended: z.boolean(),
      awarded: z.boolean(),
    }),
  ),
  scoreMaxima: z.object({ quality: z.number().int(), price: z.number().int() }),
  evaluation: z
    .object({
      recommendedBidId: z.uuid(),
      recommendedProvider: z.string(),
      reason: z.string(),
      evaluatedOn: z.string(),
      evaluatedOnText: z.string(),
    })
    .nullable(),
  award: z
    .object({
      bidId: z.uuid(),
      provider: z.string(),
      priceText: z.string(),
      awardedOn: z.string(),
      awardedOnText: z.string(),
    })
    .nullable(),
  awardQuestions: z.array(
    z.object({
      id: z.uuid(),
      proposalId: z.uuid(),
      meetingId: z.uuid(),
      meetingTitle: z.string(),
      bidProvider: z.string(),
      putOn: z.string(),
      putOnText: z.string(),
      questionStatus: z.string(),
      outcome: z.enum(['carried', 'not-carried', 'withdrawn']).nullable(),
      outcomeText: z.string().nullable(),
      summary: z.string().nullable(),
      lines: z.array(z.string()),
    }),
  ),
  register: registerViewSchema,
  mayRun: z.boolean(),
  meetingChoices: z.array(z.object({ id: z.uuid(), label: z.string() })),
});
