/**
 * The analysis's input shapes, once, for the JSON API, the forms and the OpenAPI document.
 */
import { z } from 'zod';

export const slugParametersSchema = z.object({ slug: z.string().min(1).max(200) });

export const questionParametersSchema = z.object({
  slug: z.string().min(1).max(200),
  number: z.coerce.number().int().min(1).max(1000),
});

export const suggestionParametersSchema = questionParametersSchema.extend({
  suggestionId: z.uuid(),
});

export const codingPageQuerySchema = z.object({
  after: z.coerce.number().int().min(0).optional(),
  done: z.string().max(20).optional(),
});

export const themeFormSchema = z.object({
  code: z.string().max(40),
  label: z.string().max(200),
  description: z.string().max(2000).optional(),
  position: z.coerce.number().int().min(1).max(1000).optional(),
});

/** A checkbox group sends one value as a string and several as an array. */
const codesField = z
  .union([z.string().max(40), z.array(z.string().max(40)).max(100)])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

export const codingFormSchema = z.object({
  responseId: z.uuid(),
  pass: z.enum(['first', 'second']).default('first'),
  codes: codesField,
  quote: z.string().max(2000).optional(),
});

export const suggestFormSchema = z.object({
  count: z.coerce.number({ error: 'Give a number of answers.' }).int().min(1).max(200),
});

export const decideSuggestionFormSchema = z.object({
  outcome: z.enum(['accepted', 'rejected']),
});

export const themeParametersSchema = questionParametersSchema.extend({
  code: z.string().min(1).max(40),
});

export const themeResponseFormSchema = z.object({
  weHeard: z.string().max(5000).default(''),
  weDid: z.string().max(5000).default(''),
});
