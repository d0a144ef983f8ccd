import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { recommendationsIn } from './accountability-rules.ts';

const requiredText = (message: string, maxLength: number) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const commissionParametersSchema = z.object({
  id: z.uuid('A review commission is named by its id.'),
});

export const outcomeReportParametersSchema = z.object({
  id: z.uuid('A review commission is named by its id.'),
  version: z.coerce
    .number()
    .int()
    .min(1, 'A version is a whole number from 1.')
    .max(1000, 'No outcome has more than 1,000 versions.'),
});

export const commissionReviewSchema = z.strictObject({
  sector: z
    .string('Choose the sector group to task.')
    .trim()
    .min(1, 'Choose the sector group to task.'),
  title: requiredText('Give the review a title.', 300),
  terms: requiredText('Write the terms of the review: what the sector group is to review.', 8000),
  commissionedOn: calendarDate('Enter the date the review was commissioned as YYYY-MM-DD.'),
  minuteReference: optionalText(100),
  dueOn: calendarDate('Enter the date the outcome is due as YYYY-MM-DD.'),
});

export const changeDueDateSchema = z.strictObject({
  dueOn: calendarDate('Enter the new due date as YYYY-MM-DD.'),
  reason: requiredText('Give the reason for changing the due date.', 2000),
});

export const withdrawCommissionSchema = z.strictObject({
  withdrawnOn: calendarDate('Enter the date the review was withdrawn as YYYY-MM-DD.'),
  reason: requiredText('Give the reason for withdrawing the review.', 2000),
});

/** The outcome's fields (the report itself comes as the multipart `file`). */
export const recordOutcomeSchema = z.strictObject({
  summary: requiredText('Summarise the findings of the review.', 8000),
  recommendations: z
    .string('Enter the recommendations, one to a line.')
    .max(8000, 'Keep the recommendations under 8000 characters.')
    .transform(recommendationsIn)
    .refine((lines) => lines.length > 0, 'Enter the recommendations, one to a line.')
    .meta({ description: 'The recommendations, one to a line.' }),
  reportedOn: calendarDate('Enter the date the outcome was reported as YYYY-MM-DD.'),
  correctionReason: optionalText(2000),
});

export const logBriefingSchema = z.strictObject({
  dutyId: z
    .string('Choose the duty the briefing meets.')
    .trim()
    .min(1, 'Choose the duty the briefing meets.'),
  briefedOn: calendarDate('Enter the date of the briefing as YYYY-MM-DD.'),
  reported: requiredText('Write what was reported.', 8000),
  byPersonId: z.uuid('Choose who gave the briefing.'),
  covers: z
    .union([
      z.uuid('Choose decisions and papers from the list.'),
      z.array(z.uuid('Choose decisions and papers from the list.')),
    ])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .meta({
      description: 'The ids of the decisions (questions) and papers of the body it covered.',
    }),
});

const bodyReference = z.object({ slug: z.string(), title: z.string() });
const states = z.enum(['commissioned', 'due-soon', 'overdue', 'reported', 'withdrawn']);

const outcomeSchema = z.object({
  version: z.int(),
  summary: z.string(),
  recommendations: z.array(z.string()),
  reportedOn: z.string(),
  correctionReason: z.string().nullable(),
  report: z.object({
    fileName: z.string(),
    mediaType: z.string(),
    byteLength: z.int(),
    sha256: z.string(),
    href: z.string(),
  }),
  recordedAt: z.string(),
});

export const commissionSchema = z.object({
  id: z.uuid(),
  commissionedBy: bodyReference,
  sectorGroup: bodyReference,
  title: z.string(),
  terms: z.string(),
  commissionedOn: z.string(),
  minuteReference: z.string().nullable(),
  dueOn: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  state: states,
  stateText: z.string(),
  dueDateChanges: z.array(
    z.object({
      previousDueOn: z.string(),
      dueOn: z.string(),
      reason: z.string(),
      changedAt: z.string(),
    }),
  ),
  outcome: outcomeSchema.nullable(),
  outcomeVersions: z.array(outcomeSchema),
  mayManage: z.boolean(),
  mayReport: z.boolean(),
  rule: z.object({ clause: z.string(), text: z.string() }),
});

export const commissionListSchema = z.object({
  body: bodyReference,
  today: z.string(),
  rule: z.object({ clause: z.string(), text: z.string() }),
  isSectorGroup: z.boolean(),
  commissioned: z.array(z.object({ sectorGroup: bodyReference, items: z.array(commissionSchema) })),
  tasked: z.array(commissionSchema),
  counts: z.record(states, z.int()),
  sectorGroups: z.array(bodyReference),
  mayCommission: z.boolean(),
});

export const communicationsSchema = z.object({
  body: bodyReference,
  today: z.string(),
  duties: z.array(
    z.object({
      id: z.string(),
      kindText: z.string(),
      frequencyText: z.string(),
      to: z.array(z.string()),
      by: z.array(z.string()),
      clause: z.string(),
      text: z.string(),
      due: z.object({
        lastMet: z.string().nullable(),
        nextDue: z.string().nullable(),
        status: z.enum(['met', 'due', 'overdue', 'not-yet-due']),
      }),
      sourceText: z.string(),
      isBriefing: z.boolean(),
    }),
  ),
  briefings: z.array(
    z.object({
      id: z.uuid(),
      duty: z.object({ id: z.string(), text: z.string() }),
      briefedOn: z.string(),
      audience: z.string(),
      reported: z.string(),
      by: z.object({ id: z.uuid(), name: z.string() }),
      covered: z.array(
        z.object({
          kind: z.enum(['decision', 'paper']),
          id: z.uuid(),
          title: z.string(),
          meeting: z.object({ id: z.uuid(), title: z.string(), meetingOn: z.string() }),
          href: z.string(),
        }),
      ),
    }),
  ),
  mayLog: z.boolean(),
  briefingDuties: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      audience: z.string(),
      people: z.array(z.object({ id: z.uuid(), name: z.string() })),
    }),
  ),
  coverable: z.array(
    z.object({ id: z.uuid(), kind: z.enum(['decision', 'paper']), text: z.string() }),
  ),
});
