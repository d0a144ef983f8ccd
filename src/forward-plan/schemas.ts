import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { decisionKinds } from './forward-plan-rules.ts';

const requiredText = (message: string, maxLength: number) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

const month = z
  .string('Choose the month the decision is expected in.')
  .regex(/^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/, 'Choose the month the decision is expected in.')
  .meta({ description: 'A month, YYYY-MM.' });

const optionalMeeting = z
  .union([z.uuid('Choose one of the body’s scheduled meetings.'), z.literal('')])
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const forwardPlanItemParametersSchema = z.object({
  id: z.uuid('A forward plan item is named by its id.'),
});

export const addForwardPlanItemSchema = z.strictObject({
  title: requiredText('Give the decision a title.', 300),
  kind: z.enum(decisionKinds, 'Choose the kind of decision.'),
  summary: requiredText('Summarise the decision to be taken.', 4000),
  expectedMonth: z
    .union([month, z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
  meetingId: optionalMeeting,
  partTwoExpected: z.boolean().default(false),
  partTwoReason: optionalText(2000),
  papersDueOn: z
    .union([
      calendarDate('Enter the date the papers are due, for example 27 3 2008.'),
      z.literal(''),
    ])
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
  contact: requiredText('Name who to contact about the decision.', 300),
});

export const setMeetingSchema = z.strictObject({
  meetingId: z.uuid('Choose one of the body’s scheduled meetings.'),
  papersDueOn: z
    .union([
      calendarDate('Enter the date the papers are due, for example 27 3 2008.'),
      z.literal(''),
    ])
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
});

export const deferItemSchema = z.strictObject({ expectedMonth: month });

export const withdrawItemSchema = z.strictObject({
  reason: requiredText('Say why the decision is withdrawn from the plan.', 2000),
});

export const forwardPlanItemSchema = z.object({
  id: z.uuid(),
  body: z.object({ slug: z.string(), title: z.string() }),
  title: z.string(),
  kind: z.object({ id: z.string(), text: z.string() }),
  summary: z.string(),
  expectedMonth: z.string(),
  expectedMonthText: z.string(),
  meeting: z.object({ id: z.uuid(), title: z.string(), startsAt: z.string() }).nullable(),
  agendaItemId: z.uuid().nullable(),
  partTwoExpected: z.boolean(),
  partTwoReason: z.string().nullable(),
  papersDueOn: z.string().nullable(),
  contact: z.string(),
  status: z.enum([
    'planned',
    'deferred',
    'on-agenda',
    'taken',
    'withdrawn',
    'meeting-cancelled',
    'off-agenda',
  ]),
  statusText: z.string(),
  withdrawnReason: z.string().nullable(),
  updatedAt: z.string(),
  mayKeep: z.boolean(),
});

export const forwardPlanSchema = z.object({
  body: z.object({ slug: z.string(), title: z.string() }).nullable(),
  today: z.string(),
  months: z.array(
    z.object({ month: z.string(), text: z.string(), items: z.array(forwardPlanItemSchema) }),
  ),
  items: z.array(forwardPlanItemSchema),
  kinds: z.array(z.object({ id: z.string(), text: z.string() })),
  meetings: z.array(z.object({ id: z.uuid(), title: z.string(), startsAt: z.string() })),
  mayKeep: z.boolean(),
});
