import { z } from 'zod';
import { interestKinds } from '../meetings/index.ts';
import { calendarDate, latestYear } from '../shared/input.ts';

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

const optionalDate = (message: string) =>
  z
    .union([calendarDate(message), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const personParametersSchema = z.object({
  id: z.uuid('A person is named by their id.'),
});

export const recordInterestSchema = z.strictObject({
  kind: z.enum(interestKinds, {
    message:
      'Choose the kind of interest: financial, non-financial professional, non-financial personal or indirect.',
  }),
  description: z
    .string('Describe the interest.')
    .trim()
    .min(1, 'Describe the interest.')
    .max(2000, 'Keep it under 2000 characters.'),
  aroseOn: calendarDate('Enter the date the interest arose as YYYY-MM-DD.'),
  declaredOn: optionalDate('Enter the date it was declared as YYYY-MM-DD, or leave it for today.'),
  endedOn: optionalDate('Enter the date the interest ended as YYYY-MM-DD, or leave it blank.'),
  withheldReason: optionalText(1000),
});
export type RecordInterestInput = z.infer<typeof recordInterestSchema>;

export const annualDeclarationSchema = z.strictObject({
  year: z
    .number('Enter the year the declaration is for, like 2026.')
    .int('Enter the year the declaration is for, like 2026.')
    .min(2000, 'Enter the year the declaration is for, like 2026.')
    .max(latestYear, 'Enter the year the declaration is for, like 2026.'),
  isNilReturn: z.boolean(
    'Choose whether you confirm the interests listed or make a nil return (nothing to declare).',
  ),
});
export type AnnualDeclarationInput = z.infer<typeof annualDeclarationSchema>;

const latenessSchema = z.object({
  late: z.boolean(),
  days: z.number().int(),
  explanation: z.string().nullable(),
});

const interestSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  kindText: z.string(),
  description: z.string().nullable(),
  withheld: z.boolean(),
  withheldReason: z.string().nullable(),
  aroseOn: z.string(),
  declaredOn: z.string(),
  endedOn: z.string().nullable(),
  current: z.boolean(),
  lateness: latenessSchema,
});

const annualDeclarationViewSchema = z.object({
  year: z.number().int(),
  isNilReturn: z.boolean(),
  declaredOn: z.string(),
});

export { annualDeclarationViewSchema };

export const recordedInterestSchema = z.object({
  interestId: z.uuid(),
  declaredOn: z.string(),
  lateness: latenessSchema,
});

export const personRegisterSchema = z.object({
  person: z.object({ id: z.uuid(), name: z.string(), isFictional: z.boolean() }),
  today: z.string(),
  year: z.number().int(),
  entries: z.array(interestSchema),
  annualDeclarations: z.array(annualDeclarationViewSchema),
  declaredThisYear: z.boolean(),
  mayRecord: z.boolean(),
  mayReadWithheld: z.boolean(),
  rule: z.object({ guidance: z.string(), twentyEightDays: z.string(), annual: z.string() }),
});

export const bodyRegisterSchema = z.object({
  body: z.object({ slug: z.string(), title: z.string() }),
  today: z.string(),
  year: z.number().int(),
  summary: z.string(),
  memberCount: z.number().int(),
  missingDeclarationCount: z.number().int(),
  members: z.array(
    z.object({
      personId: z.uuid(),
      name: z.string(),
      seats: z.array(z.string()),
      interests: z.array(interestSchema),
      declaration: annualDeclarationViewSchema.nullable(),
    }),
  ),
  mayReadWithheld: z.boolean(),
});
