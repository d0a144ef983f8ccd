import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';

export const slugParametersSchema = z.object({
  slug: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,80}$/,
      'A body is named by its id, like london-commissioning-group.',
    ),
});

export const versionParametersSchema = slugParametersSchema.extend({
  version: z.coerce.number().int().min(1).max(10_000),
});

export const diffQuerySchema = z.strictObject({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

export const addVersionSchema = z.strictObject({
  /** The constitution as YAML text (the format in docs/constitution.md). */
  constitution: z.string().min(1, 'Paste or upload the constitution file.').max(500_000),
  fileName: z.string().max(200).default('uploaded.yaml'),
});

export const recordAdoptionSchema = z.strictObject({
  organisationId: z.uuid('Choose the board that adopted it.'),
  adoptedOn: calendarDate('Enter the date of the board meeting as YYYY-MM-DD.'),
  minuteReference: z
    .string()
    .trim()
    .min(1, 'Enter the minute reference of the board decision.')
    .max(200),
});

export const callEarlierReviewSchema = z.strictObject({
  calledBy: z
    .string('Choose who called the review.')
    .min(1, 'Choose who called the review.')
    .max(100),
  calledOn: calendarDate('Enter the date the review was called, for example 3 6 2008.'),
  reason: z
    .string('Say why an earlier review is needed.')
    .trim()
    .min(1, 'Say why an earlier review is needed.')
    .max(4000, 'Keep it under 4000 characters.'),
  reference: z
    .string('Give the minute or letter reference of the call.')
    .trim()
    .min(1, 'Give the minute or letter reference of the call.')
    .max(200, 'Keep it under 200 characters.'),
});
