/** The shapes of reports over JSON and in forms: one zod schema for both (CONVENTIONS). */
import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { reportKinds } from './report-rules.ts';

const optionalDate = (message: string) =>
  z
    .union([calendarDate(message), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const generateReportSchema = z.strictObject({
  kind: z.enum(reportKinds, 'Choose a progress update or an annual report.'),
  periodFrom: calendarDate('Enter the day the period starts as a real date.'),
  // Optional here so that a period without an end is refused by the rule, naming it.
  periodTo: z
    .union([optionalDate('Enter the day the period ends as a real date.'), z.null()])
    .transform((value) => value ?? undefined)
    .optional(),
  reason: z
    .string()
    .trim()
    .max(2000, 'Keep the reason under 2000 characters.')
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
});

export const reportParametersSchema = z.object({
  id: z.uuid('A report is named by its id.'),
});

export const receiptParametersSchema = z.object({
  token: z.string().min(1).max(200),
});

export const generatedReportSchema = z.object({
  reportId: z.string(),
  version: z.number(),
});

export const distributionSchema = z.object({
  recipients: z.number(),
  mailed: z.number(),
  byHand: z.array(z.string()),
  unmatched: z.array(z.string()),
});

const summarySchema = z.object({
  id: z.string(),
  kindText: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  version: z.number(),
  generatedOn: z.string(),
  generatedBy: z.string(),
  distributedOn: z.string().nullable(),
});

export const reportListSchema = z.object({
  body: z.object({ slug: z.string(), title: z.string() }),
  today: z.string(),
  kinds: z.array(z.object({ value: z.enum(reportKinds), text: z.string() })),
  reports: z.array(summarySchema),
  mayReport: z.boolean(),
  suggested: z.object({
    quarter: z.object({ from: z.string(), to: z.string() }),
    year: z.object({ from: z.string(), to: z.string() }),
  }),
});

export const reportSchema = z.object({
  id: z.string(),
  kind: z.enum(reportKinds),
  kindText: z.string(),
  version: z.number(),
  reason: z.string().nullable(),
  versions: z.array(
    z.object({
      id: z.string(),
      version: z.number(),
      reason: z.string().nullable(),
      generatedOn: z.string(),
      distributedOn: z.string().nullable(),
      isThis: z.boolean(),
    }),
  ),
  generatedOn: z.string(),
  generatedBy: z.string(),
  distributedOn: z.string().nullable(),
  // The frozen figures (src/reports/report-figures.ts ReportFigures), as generated.
  figures: z.record(z.string(), z.unknown()),
  receipts: z.object({
    sent: z.number(),
    confirmed: z.number(),
    byBoard: z.array(
      z.object({
        organisation: z.string(),
        mailed: z.boolean(),
        receivedOn: z.string().nullable(),
      }),
    ),
  }),
  mayReport: z.boolean(),
});

export const receiptSchema = z.object({
  reportId: z.string(),
  organisation: z.string(),
  receivedAt: z.string(),
  alreadyConfirmed: z.boolean(),
});
