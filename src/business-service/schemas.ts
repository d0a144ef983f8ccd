/** The shapes of the Business Service's API and forms, once: zod for the API, forms and OpenAPI. */
import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { directions, serviceAreas, units } from './performance-rules.ts';

const requiredText = (message: string, maxLength: number) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

/** A figure or target: a number, or the text of one ("92.5"), read exactly by the use case. */
const figure = (message: string) =>
  z
    .union([z.number(message), z.string(message).trim().min(1, message).max(20, message)])
    .transform((value) => String(value));

export const reportParametersSchema = z.object({
  reportId: z.uuid('A performance report is named by its id.'),
});

export const addOfferingSchema = z.strictObject({
  name: requiredText('Name the service.', 200),
  area: z.enum(serviceAreas, 'Choose the area of the service.'),
  description: requiredText('Say what the service does.', 2000),
});

export const addIndicatorSchema = z.strictObject({
  offeringId: z.uuid('Choose the catalogue service the indicator measures.'),
  name: requiredText('Name the indicator.', 200),
  measures: requiredText('Say what is measured.', 1000),
  target: figure('Enter the target, like 95 or 92.5.'),
  unit: z.enum(units, 'Choose the unit: per cent, working days or a number.'),
  direction: z.enum(directions, 'Say whether higher or lower is better.'),
});

export const recordReportSchema = z.strictObject({
  startYear: z
    .number('Enter the financial year’s first year, like 2007 for 2007/08.')
    .int('Enter the financial year’s first year, like 2007 for 2007/08.')
    .min(2000, 'Enter a financial year from 2000/01.')
    .max(2100, 'Enter a financial year up to 2100/01.'),
  quarter: z
    .number('Choose the quarter, 1 to 4.')
    .int('Choose the quarter, 1 to 4.')
    .min(1, 'Choose the quarter, 1 to 4.')
    .max(4, 'Choose the quarter, 1 to 4.'),
  preparedOn: calendarDate('Enter the date the report was prepared as YYYY-MM-DD.'),
  summary: optionalText(4000),
  figures: z
    .array(
      z.strictObject({
        indicatorId: z.uuid('Name each figure’s indicator by its id.'),
        value: figure('Enter each figure, like 92.5.'),
        commentary: optionalText(2000),
      }),
    )
    .max(100),
});

export const presentReportSchema = z.strictObject({
  meetingId: z.uuid('Choose the meeting of the London group the report goes to.'),
});

export const recordConclusionsSchema = z.strictObject({
  conclusions: requiredText('Record the group’s conclusions.', 4000),
  concludedOn: calendarDate('Enter the date of the conclusions as YYYY-MM-DD.'),
});

export const recordActionArisingSchema = z.strictObject({
  description: requiredText('Describe the action.', 1000),
  ownerPersonId: z.uuid('Choose who owns the action.'),
  dueOn: calendarDate('Enter the date the action is due as YYYY-MM-DD.'),
});

const ragSchema = z
  .object({ status: z.enum(['green', 'amber', 'red']), text: z.string() })
  .nullable();
const clauseSchema = z.object({ clause: z.string(), text: z.string() });
const reportSummarySchema = z.object({
  id: z.uuid(),
  period: z.string(),
  preparedOn: z.string(),
  status: z.string(),
  statusText: z.string(),
  overall: ragSchema,
});

export const businessServiceSchema = z.object({
  organisation: z.object({ name: z.string() }),
  clauses: z.array(clauseSchema),
  ragRule: z.string(),
  areas: z.array(
    z.object({
      area: z.string(),
      name: z.string(),
      clause: z.string(),
      services: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          description: z.string(),
          indicators: z.array(
            z.object({
              id: z.uuid(),
              name: z.string(),
              measures: z.string(),
              target: z.string(),
              unit: z.string(),
              direction: z.string(),
              latest: z.object({ value: z.string(), rag: ragSchema }).nullable(),
            }),
          ),
        }),
      ),
    }),
  ),
  indicatorCount: z.number(),
  reports: z.array(reportSummarySchema),
  latest: reportSummarySchema.nullable(),
  mayManage: z.boolean(),
  offeringChoices: z.array(z.object({ id: z.uuid(), name: z.string() })),
  indicatorsToReport: z.array(
    z.object({ id: z.uuid(), name: z.string(), unit: z.string(), target: z.string() }),
  ),
});

export const reportSchema = reportSummarySchema.extend({
  organisation: z.object({ name: z.string() }),
  group: z.object({ slug: z.string(), title: z.string() }),
  summary: z.string().nullable(),
  recordedBy: z.string(),
  ragRule: z.string(),
  clauses: z.array(clauseSchema),
  figures: z.array(
    z.object({
      indicatorId: z.uuid(),
      name: z.string(),
      service: z.string(),
      measures: z.string(),
      direction: z.string(),
      value: z.string(),
      target: z.string(),
      rag: ragSchema,
      commentary: z.string().nullable(),
    }),
  ),
  meeting: z
    .object({
      id: z.uuid(),
      title: z.string(),
      on: z.string(),
      agendaPosition: z.number().nullable(),
      held: z.boolean(),
    })
    .nullable(),
  conclusions: z.string().nullable(),
  concludedOn: z.string().nullable(),
  actions: z.array(
    z.object({
      id: z.uuid(),
      description: z.string(),
      owner: z.string(),
      dueOn: z.string(),
      status: z.string(),
    }),
  ),
  mayPresent: z.boolean(),
  meetingChoices: z.array(z.object({ id: z.uuid(), title: z.string(), on: z.string() })),
  mayConclude: z.boolean(),
  mayRecordAction: z.boolean(),
  ownerChoices: z.array(
    z.object({ personId: z.uuid(), text: z.string(), ofTheBusinessService: z.boolean() }),
  ),
});

// The forms: the same rules, from text fields.
export const offeringFormFields = ['name', 'area', 'description'] as const;
export const indicatorFormFields = [
  'offeringId',
  'name',
  'measures',
  'target',
  'unit',
  'direction',
] as const;
export const conclusionsFormFields = ['conclusions', 'concludedOn'] as const;
export const actionFormFields = ['description', 'ownerPersonId', 'dueOn'] as const;
export const presentFormFields = ['meetingId'] as const;

export const reportFormSchema = z.object({
  startYear: z
    .string()
    .trim()
    .regex(/^\d{4}$/, 'Enter the financial year’s first year, like 2007 for 2007/08.')
    .transform(Number),
  quarter: z
    .string('Choose the quarter.')
    .regex(/^[1-4]$/, 'Choose the quarter.')
    .transform(Number),
  preparedOn: calendarDate('Enter the date the report was prepared.'),
  summary: optionalText(4000),
});
