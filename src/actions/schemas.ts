import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { actionStatuses } from './action-rules.ts';

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const actionParametersSchema = z.object({
  id: z.uuid('An action is named by its id.'),
});

export const recordActionSchema = z.strictObject({
  agendaItemId: z
    .union([z.uuid('Choose the agenda item the action arose from.'), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
  description: z
    .string('Describe the action.')
    .trim()
    .min(1, 'Describe the action.')
    .max(2000, 'Keep it under 2000 characters.'),
  ownerPersonId: z.uuid('Choose who owns the action.'),
  dueOn: calendarDate('Enter the date the action is due as YYYY-MM-DD.'),
});
export type RecordActionInput = z.infer<typeof recordActionSchema>;

export const updateActionStatusSchema = z.strictObject({
  status: z.enum(actionStatuses, {
    message: 'Choose done, dropped, or open to reopen the action.',
  }),
  completedOn: calendarDate('Enter the date it was done as YYYY-MM-DD.').optional(),
  note: optionalText(2000),
});
export type UpdateActionStatusInput = z.infer<typeof updateActionStatusSchema>;

const booleanFlag = z
  .enum(['yes', 'no', 'true', 'false'], { message: 'Answer yes or no.' })
  .transform((value) => value === 'yes' || value === 'true');

export const actionLogQuerySchema = z.object({
  status: z
    .union([z.enum(actionStatuses, { message: 'Choose open, done or dropped.' }), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
  overdue: booleanFlag.optional(),
  meeting: z
    .union([z.uuid('A meeting is named by its id.'), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
  changed: z.string().max(20).optional(),
});

export const actionSchema = z.object({
  id: z.uuid(),
  body: z.object({ slug: z.string(), title: z.string() }),
  meeting: z.object({ id: z.uuid(), title: z.string(), meetingOn: z.string() }),
  agendaItem: z
    .object({
      id: z.uuid(),
      position: z.number().int(),
      title: z.string(),
      isConfidential: z.boolean(),
    })
    .nullable(),
  description: z.string(),
  owner: z.object({ personId: z.uuid(), name: z.string() }),
  dueOn: z.string(),
  status: z.string(),
  completedOn: z.string().nullable(),
  note: z.string().nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  mayUpdate: z.boolean(),
});

export const actionLogSchema = z.object({
  body: z.object({ slug: z.string(), title: z.string() }),
  today: z.string(),
  items: z.array(actionSchema),
  hiddenConfidentialCount: z.number().int(),
});

export const overdueActionsSchema = z.object({
  today: z.string(),
  bodies: z.array(
    z.object({
      body: z.object({ slug: z.string(), title: z.string() }),
      items: z.array(actionSchema),
    }),
  ),
  hiddenConfidentialCount: z.number().int(),
});
