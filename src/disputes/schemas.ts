import { z } from 'zod';
import { disputeOutcomes } from '../governance/facts.ts';
import { calendarDate } from '../shared/input.ts';

const requiredText = (message: string, maxLength: number) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

/** A form's empty choice means "none"; the API may leave the field out. */
const optionalId = (message: string) =>
  z
    .union([z.uuid(message), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const disputeParametersSchema = z.object({
  id: z.uuid('A dispute is named by its id.'),
});

export const raiseDisputeSchema = z.strictObject({
  category: z
    .string('Choose the category of the dispute.')
    .min(1, 'Choose the category of the dispute.'),
  title: requiredText('Give the dispute a title.', 300),
  description: requiredText('Describe what is disputed.', 4000),
  jointReviewId: optionalId('Choose the joint review the dispute arose in.'),
  raisedOn: calendarDate('Enter the date the dispute was raised as YYYY-MM-DD.'),
});

export const recordStepSchema = z.strictObject({
  stepId: z.string('Choose the step taken.').min(1, 'Choose the step taken.').max(100),
  takenOn: calendarDate('Enter the date the step was taken as YYYY-MM-DD.'),
  takenBy: requiredText('Say who took the step (for example, the chair and their name).', 300),
  outcome: z
    .union([z.enum(disputeOutcomes, { message: 'Choose the outcome of the step.' }), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
  boardOrganisationId: optionalId('Choose the board that signed off.'),
  proposalId: optionalId('Choose the proposal voted on.'),
  note: optionalText(4000),
});

const citationSchema = z.object({
  clause: z.string(),
  text: z.string(),
  assumption: z.string().optional(),
});

export const disputeSchema = z.object({
  id: z.uuid(),
  body: z.object({ slug: z.string(), title: z.string() }),
  category: z.object({ id: z.string(), title: z.string(), clause: z.string(), text: z.string() }),
  title: z.string(),
  description: z.string(),
  jointReview: z
    .object({
      id: z.uuid(),
      title: z.string(),
      stage: z.string(),
      agreedOn: z.string().nullable(),
      endedOn: z.string().nullable(),
    })
    .nullable(),
  raisedBy: z.string().nullable(),
  raisedOn: z.string(),
  status: z.string(),
  ageInDays: z.number().int(),
  trail: z.array(
    z.object({
      position: z.number().int().nullable(),
      stepId: z.string(),
      action: z.string(),
      clause: z.string(),
      takenOn: z.string(),
      takenBy: z.string(),
      outcome: z.string(),
      outcomeText: z.string(),
      board: z.object({ id: z.string(), name: z.string() }).nullable(),
      proposalId: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  next: z
    .object({
      status: z.string(),
      summary: z.string(),
      step: z
        .object({
          id: z.string(),
          action: z.string(),
          by: z.string().nullable(),
          clause: z.string(),
          text: z.string(),
        })
        .nullable(),
      whoMustAct: z.string(),
      lines: z.array(z.string()),
      citations: z.array(citationSchema),
      awaitingSignOff: z.array(z.object({ id: z.string(), name: z.string() })),
    })
    .nullable(),
  problems: z.array(z.string()),
  mayRecordStep: z.boolean(),
});

export const disputeSummarySchema = z.object({
  id: z.uuid(),
  body: z.object({ slug: z.string(), title: z.string() }),
  title: z.string(),
  category: z.object({ id: z.string(), title: z.string() }),
  raisedOn: z.string(),
  ageInDays: z.number().int(),
  status: z.string(),
  nextStep: z.object({ action: z.string(), clause: z.string() }).nullable(),
  nextSummary: z.string().nullable(),
  whoMustAct: z.string().nullable(),
});

export const bodyDisputesSchema = z.object({
  body: z.object({ slug: z.string(), title: z.string() }),
  today: z.string(),
  categories: z.array(z.object({ id: z.string(), title: z.string(), clause: z.string() })),
  jointReviews: z.array(z.object({ id: z.uuid(), title: z.string(), category: z.string() })),
  items: z.array(disputeSummarySchema),
  mayRaise: z.boolean(),
});

export const oversightSchema = z.object({
  today: z.string(),
  items: z.array(disputeSummarySchema),
});
