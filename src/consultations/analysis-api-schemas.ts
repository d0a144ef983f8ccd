/**
 * The shapes of the analysis and decision JSON API (analysis-routes.ts, decision-routes.ts) for
 * validation and the OpenAPI document. Inputs reuse the forms' limits (analysis-schemas.ts); the
 * outputs are the read models' own fields, minus the pages' drawings.
 */
import { z } from 'zod';
import { questionParametersSchema } from './analysis-schemas.ts';
import { respondentCategories } from './response-rules.ts';

export const themeCodeParametersSchema = questionParametersSchema.extend({
  code: z.string().min(1).max(40),
});

export const themeInputSchema = z.object({
  code: z.string().max(40).describe('Letters, digits and hyphens, up to 20 ("TRAVEL", "GP-CONT").'),
  label: z.string().max(200),
  description: z.string().max(2000).optional(),
  position: z.number().int().min(1).max(1000).optional(),
});

export const codingsQuerySchema = z.object({
  pass: z.enum(['first', 'second']).default('first'),
  after: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('A response number: the page after it.'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const suggestionsQuerySchema = z.object({
  after: z.uuid().optional().describe('A suggestion id: the page after it.'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const codingInputSchema = z.object({
  responseNumber: z
    .number()
    .int()
    .min(1)
    .describe('The response’s number, as in “response 4,211”.'),
  pass: z.enum(['first', 'second']).default('first'),
  codes: z.array(z.string().max(40)).max(100).describe('Theme codes of the question’s codebook.'),
  quote: z.string().max(2000).nullable().optional().describe('Words exactly as in the answer.'),
});

export const suggestInputSchema = z.object({
  count: z.number().int().min(1).max(200).describe('How many of the next uncoded answers.'),
});

export const decideSuggestionInputSchema = z.object({
  outcome: z.enum(['accepted', 'rejected']),
});

export const themeResponseInputSchema = z.object({
  weHeard: z.string().max(5000),
  weDid: z.string().max(5000),
});

export const meetingInputSchema = z.object({
  meetingId: z.uuid().describe('A meeting of the body still to come.'),
});

export const codebookSchema = z.object({
  questionNumber: z.number().int(),
  questionText: z.string(),
  themes: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      description: z.string().nullable(),
      position: z.number().int(),
      weHeard: z.string().nullable(),
      weDid: z.string().nullable(),
    }),
  ),
});

export const codingsSchema = z.object({
  questionNumber: z.number().int(),
  pass: z.enum(['first', 'second']),
  codings: z.array(
    z.object({
      responseNumber: z.number().int(),
      respondentCategory: z.enum(respondentCategories),
      codes: z.array(z.string()),
      quote: z.string().nullable(),
      codedByPersonId: z.string(),
      codedAt: z.string(),
    }),
  ),
  nextAfter: z.number().int().nullable(),
});

export const suggestionsSchema = z.object({
  questionNumber: z.number().int(),
  suggestions: z.array(
    z.object({
      id: z.string(),
      responseNumber: z.number().int(),
      answer: z.string(),
      code: z.string(),
      label: z.string(),
      confidencePerMille: z.number().int(),
      confidence: z.string(),
      because: z.array(z.object({ feature: z.string(), weight: z.number() })),
      why: z.string(),
    }),
  ),
  nextAfter: z.string().nullable(),
});

export const suggestedSchema = z.object({
  answersLookedAt: z.number().int(),
  suggestionsMade: z.number().int(),
  notLearnt: z.array(
    z.object({ code: z.string(), withTheme: z.number().int(), withoutTheme: z.number().int() }),
  ),
});

const byCategorySchema = z.record(z.enum(respondentCategories), z.number());

const questionFiguresSchema = z.object({
  number: z.number().int(),
  text: z.string(),
  kindName: z.string(),
  isOpen: z.boolean(),
  answered: z.number(),
  coded: z.number(),
  uncoded: z.number(),
  doubleCoded: z.number(),
  rows: z.array(
    z.object({
      label: z.string(),
      code: z.string().optional(),
      total: z.number(),
      byCategory: byCategorySchema,
      suggestionAgreement: z.string().optional(),
      suggestionAgreementPerMille: z.number().nullable().optional(),
      kappa: z.string().optional(),
      kappaValue: z.number().nullable().optional(),
      kappaWords: z.string().optional(),
    }),
  ),
});

const responseTotalsSchema = z
  .object({
    total: z.number().int(),
    byCategory: z.array(z.number().int()),
    byChannel: z.array(z.object({ label: z.string(), count: z.number().int() })),
  })
  .describe(
    'The responses that count: all, by respondent category (in categoryNames order) and by channel',
  );

export const analysisFiguresSchema = z.object({
  responses: responseTotalsSchema.optional(),
  questions: z.array(questionFiguresSchema),
  suggestionAgreement: z.string(),
  suggestionAgreementPerMille: z.number().nullable(),
  suggestionsDecided: z.number(),
  pooledKappa: z.string(),
  pooledKappaValue: z.number().nullable(),
  pooledKappaWords: z.string(),
  doubleCoded: z.number(),
});

export const reportSchema = z.object({
  report: z
    .object({
      version: z.number().int(),
      producedOn: z.string(),
      producedAt: z.string(),
      producedBy: z.string(),
      pooledKappa: z.string(),
      pooledKappaWords: z.string(),
      doubleCoded: z.number(),
      responses: responseTotalsSchema.nullable(),
      questions: z.array(questionFiguresSchema),
    })
    .nullable()
    .describe('The latest version produced, its figures frozen; null before the first.'),
  themes: z.array(
    z.object({
      questionNumber: z.number().int(),
      code: z.string(),
      label: z.string(),
      weHeard: z.string().nullable(),
      weDid: z.string().nullable(),
    }),
  ),
  themesWithoutResponse: z.number().int(),
});

export const decisionSchema = z.object({
  stage: z.string(),
  refusals: z
    .array(z.string())
    .describe('Why the decision may not be put yet, each naming Gunning 4.'),
  meetingChoices: z.array(z.object({ id: z.string(), text: z.string() })),
  question: z
    .object({
      id: z.string(),
      title: z.string(),
      meeting: z.string(),
      outcome: z.string().nullable(),
    })
    .nullable(),
});
