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
  periodFrom: calendarDate('Enter the date the period starts, as YYYY-MM-DD.'),
  // Optional here so that a period without an end is refused by the rule, naming it.
  periodTo: optionalDate('Enter the date the period ends, as YYYY-MM-DD.'),
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
