/** zod, once, for the round's API, its forms and the OpenAPI document. */
import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';

const requiredText = (message: string, maxLength: number) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

export const roundParametersSchema = z.object({
  slug: z.string().min(1).max(200),
  year: z.string().min(1).max(20).meta({ description: 'The financial year, like 2008-09.' }),
});

export const returnParametersSchema = roundParametersSchema.extend({
  submitter: z
    .string()
    .min(1)
    .max(200)
    .meta({ description: 'A PCT by its organisation id, or a local group by its slug.' }),
});

const timetableFields = {
  submissionsOpenOn: calendarDate('Enter the date returns open as YYYY-MM-DD.'),
  submissionsDueOn: calendarDate('Enter the date returns are due as YYYY-MM-DD.'),
  consolidationBy: calendarDate(
    'Enter the date the returns are to be consolidated by as YYYY-MM-DD.',
  ),
  agreementBy: calendarDate('Enter the date the intentions are to be agreed by as YYYY-MM-DD.'),
  publicationBy: calendarDate('Enter the date the prospectus is to be published by as YYYY-MM-DD.'),
};

export const timetableSchema = z.strictObject(timetableFields);

export const openRoundSchema = z.strictObject({
  year: z
    .string('Enter the financial year like 2008/09.')
    .trim()
    .regex(/^\d{4}[-/]\d{2}$/, 'Enter the financial year like 2008/09.'),
  ...timetableFields,
});

export const prioritySchema = z.strictObject({
  title: requiredText('Give the priority a title.', 300),
  serviceArea: requiredText('Name the service area.', 200),
  rationale: requiredText('Say why it is a priority.', 4000),
  expectedEffect: requiredText('Say what effect it is expected to have.', 4000),
  population: requiredText('Say which population it serves.', 1000),
});

export const submitReturnSchema = z.strictObject({
  isNilReturn: z.boolean().default(false),
  priorities: z.array(prioritySchema).max(20, 'Give at most 20 priorities.').default([]),
  lateReason: z
    .string()
    .trim()
    .max(2000, 'Keep it under 2000 characters.')
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
});

const timetableStepSchema = z.object({
  field: z.string(),
  label: z.string(),
  date: z.string(),
  passed: z.boolean(),
});

const bodyRefSchema = z.object({ slug: z.string(), title: z.string() });

export const roundSummarySchema = z.object({
  body: bodyRefSchema,
  year: z.string().meta({ description: 'As people say it: 2008/09.' }),
  yearInPath: z.string().meta({ description: 'As the path has it: 2008-09.' }),
  status: z.enum(['open', 'consolidating', 'put-to-group', 'agreed', 'published']),
  statusInWords: z.string(),
  nextDate: timetableStepSchema.nullable(),
});

export const roundListSchema = z.object({
  today: z.string(),
  rounds: z.array(roundSummarySchema),
  londonWideBodies: z.array(bodyRefSchema.extend({ mayOpen: z.boolean() })),
});

export const returnRowSchema = z.object({
  kind: z.enum(['pct', 'group']),
  submitter: z.string().meta({ description: 'The PCT’s organisation id or the group’s slug.' }),
  name: z.string(),
  sector: z.string(),
  received: z.boolean(),
  receivedOn: z.string().nullable(),
  isLate: z.boolean(),
  lateReason: z.string().nullable(),
  isNilReturn: z.boolean(),
  priorityCount: z.number().int(),
  daysOverdue: z.number().int(),
  mayAct: z.boolean(),
});

export const roundSchema = roundSummarySchema.extend({
  today: z.string(),
  rule: z.object({ clause: z.string(), text: z.string() }),
  timetableRule: z.object({ clause: z.string(), text: z.string() }),
  timetable: z.array(timetableStepSchema),
  mayChangeTimetable: z.boolean(),
  returns: z
    .object({
      expected: z.number().int(),
      received: z.number().int(),
      late: z.number().int(),
      nil: z.number().int(),
      sectors: z.array(
        z.object({ id: z.string(), name: z.string(), pcts: z.array(returnRowSchema) }),
      ),
      localGroups: z.array(returnRowSchema),
    })
    .nullable()
    .meta({ description: 'For signed-in accounts only; null otherwise.' }),
});

export const returnSchema = z.object({
  round: roundSummarySchema.extend({ submissionsDueOn: z.string() }),
  today: z.string(),
  row: returnRowSchema,
  submittedBy: z.string().nullable(),
  priorities: z.array(prioritySchema.extend({ position: z.number().int() })),
  wouldBeLate: z.boolean(),
  mayReplace: z.boolean(),
});

export const submittedReturnSchema = z.object({
  submissionId: z.uuid(),
  replaced: z.boolean(),
  isLate: z.boolean(),
  onBehalf: z.boolean(),
});
