/** The shapes of the specialised services consortia API and forms, once. */
import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { shareBases } from './consortium-rules.ts';

const requiredText = (message: string, maxLength: number) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

export const consortiumParametersSchema = z.object({
  consortiumId: z.uuid('A consortium is named by its id.'),
});

export const recordConsortiumSchema = z.strictObject({
  name: requiredText('Name the consortium.', 200),
  shareBasis: z.enum(
    shareBases,
    'Say what the shares are based on: population, activity or agreed.',
  ),
  shareBasisNote: requiredText('Say how the shares were worked out.', 1000),
  establishedOn: calendarDate('Enter the date the consortium was established as YYYY-MM-DD.'),
  members: z
    .array(
      z.strictObject({
        organisationId: z.uuid('Choose each member PCT.'),
        shareBasisPoints: z
          .number('Give each share in hundredths of a per cent, 1 to 10000.')
          .int('Give each share in whole hundredths of a per cent.'),
      }),
    )
    .max(40, 'A consortium has at most 40 members.'),
});

const startYear = z
  .number('Enter the financial year’s first year, like 2007 for 2007/08.')
  .int('Enter the financial year’s first year, like 2007 for 2007/08.')
  .min(2000, 'Enter a financial year from 2000/01.')
  .max(2100, 'Enter a financial year up to 2100/01.');

export const setBudgetSchema = z.strictObject({
  startYear,
  amountPence: z.number('Enter the budget in whole pence.'),
});

export const addServiceSchema = z.strictObject({
  name: requiredText('Name the service.', 300),
  specificationVersionId: z.uuid('Choose a specification version, or none.').optional(),
});

export const budgetFormSchema = z.object({
  startYear: z
    .string()
    .trim()
    .regex(/^\d{4}$/, 'Enter the financial year’s first year, like 2007 for 2007/08.')
    .transform(Number),
  amount: z
    .string()
    .trim()
    .min(1, 'Enter the pooled budget in pounds, like 12,345,678.90.')
    .max(30),
});

const clauseSchema = z.object({ clause: z.string(), text: z.string() });

export const consortiaSchema = z.object({
  clauses: z.array(clauseSchema),
  consortia: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      lead: z.string(),
      memberCount: z.number(),
      latestBudget: z.object({ year: z.string(), amount: z.string() }).nullable(),
    }),
  ),
  mayManage: z.boolean(),
});

export const consortiumSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  lead: z.string(),
  establishedOn: z.string(),
  shareBasis: z.string(),
  shareBasisNote: z.string(),
  clauses: z.array(clauseSchema),
  roundingRule: z.string(),
  members: z.array(
    z.object({ name: z.string(), share: z.string(), contributions: z.array(z.string()) }),
  ),
  totalShare: z.string(),
  sharesComplete: z.boolean(),
  budgets: z.array(z.object({ startYear: z.number(), year: z.string(), amount: z.string() })),
  services: z.array(z.object({ name: z.string(), specification: z.string().nullable() })),
  mayManage: z.boolean(),
});
