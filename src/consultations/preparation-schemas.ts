/**
 * zod for preparing a consultation, once, for the JSON API and its OpenAPI document. The rules a
 * person can break (a short period without a reason, a choice question without choices, an
 * unknown kind) are the use cases' to refuse by name; these only shape the request.
 */
import { z } from 'zod';
import { dateTime } from '../shared/input.ts';

const text = (message: string, maxLength: number) =>
  z
    .string(message)
    .max(maxLength, `Keep it under ${maxLength.toLocaleString('en-GB')} characters.`);

const optionalText = (maxLength: number) =>
  z
    .string()
    .max(maxLength, `Keep it under ${maxLength.toLocaleString('en-GB')} characters.`)
    .nullable()
    .optional()
    .transform((value) => value ?? null);

export const slugParametersSchema = z.object({
  slug: z
    .string()
    .min(1)
    .max(100)
    .describe('The consultation’s address, e.g. healthcare-for-london'),
});

export const documentParametersSchema = slugParametersSchema.extend({
  documentNumber: z.coerce.number().int().min(1).max(1000),
});

export const questionParametersSchema = slugParametersSchema.extend({
  number: z.coerce.number().int().min(1).max(1000),
});

export const consultationDetailsSchema = z.strictObject({
  title: text('Enter the title.', 200),
  summary: text('Enter a summary.', 5000),
  opensAt: dateTime('Enter the opening date and time.').nullable(),
  closesAt: dateTime('Enter the closing date and time.').nullable(),
  shortPeriodReason: optionalText(5000).describe(
    'Why the period is under 12 weeks (Gunning 3; Cabinet Office Code of Practice 2008), if it is',
  ),
  formativeStatement: optionalText(5000).describe(
    'Why the proposals are still at a formative stage (Gunning 1)',
  ),
  reasonsStatement: optionalText(5000).describe(
    'The reasons given so people can respond intelligently (Gunning 2)',
  ),
});

export const createConsultationSchema = consultationDetailsSchema.extend({
  bodySlug: z
    .string()
    .min(1)
    .max(100)
    .default('joint-committee-of-pcts')
    .describe('The body the consultation is for (its address)'),
});

export const sectionSchema = z.strictObject({
  number: text('Give the section’s number, like 4.2.', 20),
  heading: text('Give the section’s heading.', 300),
  body: text('Give the section’s text.', 100_000),
});

export const newDocumentSchema = z.strictObject({
  title: text('Give the document’s title.', 300),
  note: optionalText(2000),
  sections: z.array(sectionSchema).max(500, 'A version has at most 500 sections.'),
});

export const newVersionSchema = z.strictObject({
  note: optionalText(2000).describe('What changed from the version before'),
  sections: z.array(sectionSchema).max(500, 'A version has at most 500 sections.'),
});

export const questionInputSchema = z.strictObject({
  text: text('Enter the question.', 2000),
  kind: z
    .string('Choose the kind of question.')
    .max(40)
    .describe('single-choice, multiple-choice, scale or free-text'),
  options: z
    .array(z.string().max(300, 'Keep each choice under 300 characters.'))
    .max(30, 'A question has at most 30 choices.')
    .default([]),
  section: optionalText(20).describe('The number of the section it is about, like 4.2'),
});

export const questionOrderSchema = z.strictObject({
  order: z.array(z.number().int().min(1)).max(1000),
});

export const eventInputSchema = z.strictObject({
  title: text('Enter the event’s title.', 300),
  sector: z
    .string()
    .max(40)
    .nullable()
    .default(null)
    .describe(
      'north-west, north-central, north-east, south-east, south-west, or null for London-wide',
    ),
  venue: text('Enter the venue.', 300),
  startsAt: dateTime('Enter the date and time of the event.'),
});

export const scrutinyInputSchema = z.strictObject({
  note: text('Enter NHS London’s note on the documents.', 5000),
});

export const approvalInputSchema = z.strictObject({
  meetingId: z.uuid('Choose a meeting of the Joint Committee.'),
});

export const changedSchema = z.looseObject({});
const countRowSchema = z.object({ label: z.string(), count: z.number().int() });

/** Finding H4: what happened next, for everyone once decided; null until then. */
export const consultationOutcomeSchema = z
  .object({
    decision: z.object({
      title: z.string(),
      meetingTitle: z.string(),
      meetingOn: z.string().describe('The meeting’s date in words, e.g. 15 December 2026'),
      outcome: z.string().describe('The question’s outcome in words, e.g. Carried'),
      binding: z.string().describe('That the decision binds the PCT Boards that delegated'),
    }),
    responses: z
      .object({
        reportVersion: z.number().int(),
        total: z.number().int(),
        byWho: z.array(countRowSchema),
        byChannel: z.array(countRowSchema),
      })
      .nullable()
      .describe('The responses counted, from the latest analysis report'),
    themes: z.array(
      z.object({
        questionNumber: z.number().int(),
        label: z.string(),
        weHeard: z.string(),
        weDid: z.string(),
      }),
    ),
  })
  .nullable()
  .describe(
    'Once decided: the decision, the responses counted and each theme’s “we heard / we did” (no personal data, no response text); null until then',
  );

export const consultationViewSchema = z.looseObject({});

/** A consultation's own page over JSON: the view, with its outcome once decided. */
export const consultationPageSchema = z.looseObject({ outcome: consultationOutcomeSchema });
