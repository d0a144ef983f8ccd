import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { reviewOutcomes, standardsFromLines } from './specification-rules.ts';

/**
 * Whether a text has a character a reader can see: not only spaces, zero-width and other format
 * characters (U+200B, U+2060, the right-to-left override U+202E…), control characters, combining
 * marks or the blank braille pattern. (A local check: src/shared/input.ts has no shared one yet.)
 */
export function hasVisibleCharacter(text: string): boolean {
  return /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{M}\u2800]/u.test(text);
}

/** Text a reader must be able to see: refused, with the field's own message, when it has none. */
const requiredText = (message: string, maxLength: number) =>
  z
    .string(message)
    .trim()
    .min(1, message)
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .refine(hasVisibleCharacter, message);

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const specificationParametersSchema = z.object({
  id: z.uuid('A specification is named by its id.'),
});

export const versionParametersSchema = specificationParametersSchema.extend({
  version: z.coerce
    .number('A version is named by its number.')
    .int('A version is named by its number.')
    .min(1, 'A version is named by its number.')
    .max(10_000, 'A version is named by its number.'),
});

/** `?q=` words to search for (websearch syntax: "quoted phrases", or, -not). */
export const searchOneThing = 'Search for one thing at a time.';
export const searchTooLong = 'Search for fewer than 200 characters.';
export const searchMaxLength = 200;

export const libraryQuerySchema = z.object({
  q: z.string(searchOneThing).max(searchMaxLength, searchTooLong).optional(),
  changed: z.string().max(20).optional(),
});

/** The page takes any `?q=` and answers a repeated or long one in words beside the search box. */
export const libraryPageQuerySchema = z.object({
  q: z.union([z.string(), z.array(z.string())]).optional(),
  changed: z.string().max(20).optional(),
});

const citedStandardSchema = z.strictObject({
  reference: requiredText('Give the standard’s reference, for example “NICE CG68”.', 200),
  title: requiredText('Give the standard’s title.', 500),
});

const versionFields = {
  scope: requiredText('Describe the scope of the service.', 20_000),
  outcomes: requiredText('Describe the outcomes the service is to achieve.', 20_000),
  standards: z
    .array(citedStandardSchema, 'List the clinical-effectiveness standards cited.')
    .max(100, 'Cite at most 100 standards.'),
  authorName: optionalText(300),
  writtenOn: calendarDate('Enter the date the version was written as YYYY-MM-DD.'),
};

export const createSpecificationSchema = z.strictObject({
  title: requiredText('Give the specification a title.', 300),
  serviceArea: requiredText('Give the service area, for example “Stroke”.', 200),
  ...versionFields,
});

export const draftVersionSchema = z.strictObject(versionFields);

/** On a form the standards are typed one a line: "NICE CG68: Stroke". */
const standardsAsTypedSchema = z
  .string()
  .max(20_000, 'Keep the standards under 20000 characters.')
  .optional()
  .transform((text, context) => {
    const { standards, problems } = standardsFromLines(text ?? '');
    for (const message of problems) context.addIssue({ code: 'custom', message });
    return standards;
  });

export const createSpecificationFormSchema = createSpecificationSchema.extend({
  standards: standardsAsTypedSchema,
});
export const draftVersionFormSchema = draftVersionSchema.extend({
  standards: standardsAsTypedSchema,
});

export const recordReviewSchema = z.strictObject({
  outcome: z.enum(reviewOutcomes, {
    message: 'Choose the outcome of the review: signed off, or changes needed.',
  }),
  comments: requiredText('Give the reviewer’s comments.', 10_000),
  // No reviewer field: the reviewer is the account recording the review (2006 §3.1(b)).
  reviewedOn: calendarDate('Enter the date of the review as YYYY-MM-DD.'),
});

export const approveVersionSchema = z.strictObject({
  approvedOn: calendarDate('Enter the date of the approval as YYYY-MM-DD.'),
});

export const addGoodPracticeSchema = z.strictObject({
  title: requiredText('Give the example a title.', 300),
  summary: requiredText('Say what the practice is and what it achieved.', 10_000),
  organisationId: z
    .union([z.uuid('Choose the organisation from the list.'), z.literal('')])
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
  link: z
    .union([
      z
        .url({ protocol: /^https?$/, message: 'Give a web address starting https:// or http://.' })
        .max(2000, 'Keep the address under 2000 characters.'),
      z.literal(''),
    ])
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
});

// Responses, for the OpenAPI document.
const statusSchema = z.enum(['draft', 'in-review', 'approved', 'superseded']);
const standardSchema = z.object({ reference: z.string(), title: z.string() });
const clauseSchema = z.object({ clause: z.string(), text: z.string() });

export const librarySchema = z.object({
  signedIn: z.boolean(),
  mayMaintain: z.boolean(),
  suggestedServiceAreas: z.array(z.string()),
  serviceAreas: z.array(
    z.object({
      serviceArea: z.string(),
      specifications: z.array(
        z.object({
          id: z.uuid(),
          title: z.string(),
          serviceArea: z.string(),
          approved: z
            .object({ version: z.number().int(), approvedOn: z.string().nullable() })
            .nullable(),
          latest: z
            .object({
              version: z.number().int(),
              status: statusSchema,
              statusText: z.string(),
              writtenOn: z.string(),
            })
            .nullable(),
        }),
      ),
    }),
  ),
  search: z
    .object({
      query: z.string(),
      message: z.string().nullable(),
      results: z.array(
        z.object({
          specificationId: z.uuid(),
          title: z.string(),
          serviceArea: z.string(),
          version: z.number().int(),
          status: statusSchema,
          statusText: z.string(),
          writtenOn: z.string(),
          authorName: z.string(),
          rank: z.number(),
          snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
        }),
      ),
    })
    .nullable(),
});

const reviewSchema = z.object({
  outcome: z.enum(reviewOutcomes),
  outcomeText: z.string(),
  reviewerName: z.string(),
  reviewedOn: z.string(),
  comments: z.string().nullable(),
  recordedBy: z.string(),
});

const versionSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: statusSchema,
  statusText: z.string(),
  signedOff: z.boolean(),
  signOff: z.object({ reviewerName: z.string(), reviewedOn: z.string() }).nullable(),
  scope: z.string(),
  outcomes: z.string(),
  standards: z.array(standardSchema),
  authorName: z.string(),
  writtenOn: z.string(),
  approvedOn: z.string().nullable(),
  approvedBy: z.string().nullable(),
  reviews: z.array(reviewSchema),
  usedBy: z.object({
    intentions: z.array(
      z.object({ title: z.string(), round: z.string(), href: z.string(), bodyTitle: z.string() }),
    ),
    arrangements: z.array(
      z.object({
        service: z.string(),
        providerName: z.string(),
        leadName: z.string(),
        round: z.string(),
        stage: z.string(),
        href: z.string(),
      }),
    ),
  }),
});

export const specificationSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  serviceArea: z.string(),
  keptBy: z.string(),
  clause: clauseSchema,
  goodPracticeClause: clauseSchema,
  approvedVersion: z.number().int().nullable(),
  versions: z.array(versionSchema),
  goodPractice: z.array(
    z.object({
      title: z.string(),
      summary: z.string(),
      link: z.string().nullable(),
      organisationName: z.string().nullable(),
    }),
  ),
  mayMaintain: z.boolean(),
  draftFrom: z
    .object({
      version: z.number().int(),
      status: statusSchema,
      revisesInPlace: z.boolean(),
      blocked: z.boolean(),
      scope: z.string(),
      outcomes: z.string(),
      standards: z.string(),
    })
    .nullable(),
  organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  suggestedServiceAreas: z.array(z.string()),
});

const changeSchema = z.array(z.object({ change: z.enum(['added', 'removed']), text: z.string() }));

export const versionViewSchema = versionSchema.extend({
  specification: z.object({
    id: z.uuid(),
    title: z.string(),
    serviceArea: z.string(),
    keptBy: z.string(),
  }),
  clause: clauseSchema,
  comparedWith: z
    .object({
      version: z.number().int(),
      scope: changeSchema,
      outcomes: changeSchema,
      standards: changeSchema,
      unchanged: z.boolean(),
    })
    .nullable(),
  signedIn: z.boolean(),
  maySubmit: z.boolean(),
  mayReview: z.boolean(),
  mayApprove: z.boolean(),
});

export const versionChangedSchema = z.object({
  specificationId: z.uuid(),
  version: z.number().int(),
});
