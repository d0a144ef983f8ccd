import { z } from 'zod';
import { calendarDate, dateTime } from '../shared/input.ts';
import { maximumOccurrences } from './series-rules.ts';

const text = (message: string, maxLength = 200) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const createSeriesSchema = z.strictObject({
  title: text('Enter the title the meetings share, e.g. London Commissioning Group.'),
  firstDate: calendarDate('Enter the first meeting’s date as YYYY-MM-DD.'),
  time: z
    .string('Enter the start time in London as HH:MM, e.g. 14:00.')
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the start time in London as HH:MM, e.g. 14:00.'),
  location: text('Enter where the meetings are held.'),
  occurrences: z.coerce
    .number(`Enter how many meetings to schedule, from 1 to ${maximumOccurrences}.`)
    .int(`Enter how many meetings to schedule, from 1 to ${maximumOccurrences}.`)
    .min(1, `Enter how many meetings to schedule, from 1 to ${maximumOccurrences}.`)
    .max(
      maximumOccurrences,
      `A series is at most ${maximumOccurrences} meetings (two years of monthly meetings).`,
    ),
  noticeGivenOn: calendarDate('Enter the date notice was given as YYYY-MM-DD.'),
  urgencyReason: optionalText(1000),
});
export type CreateSeriesInput = z.infer<typeof createSeriesSchema>;

export const moveMeetingSchema = z.strictObject({
  startsAt: dateTime(
    'Enter the new start as an ISO date and time, e.g. 2027-01-21T14:00:00Z (the form asks for the London date and time).',
  ),
  reason: text('Enter why the meeting is moving; the record keeps it.', 1000),
  noticeGivenOn: calendarDate('Enter the date notice of the new time was given as YYYY-MM-DD.'),
  urgencyReason: optionalText(1000),
});
export type MoveMeetingInput = z.infer<typeof moveMeetingSchema>;

const noticeSchema = z.object({ sufficient: z.boolean(), summary: z.string(), clause: z.string() });

export const seriesResultSchema = z.object({
  seriesId: z.uuid(),
  repetition: z.string(),
  cadence: z.object({
    every: z.enum(['week', 'month', 'quarter', 'year']),
    clause: z.string(),
    text: z.string(),
  }),
  meetings: z.array(
    z.object({
      meetingId: z.uuid(),
      title: z.string(),
      startsAt: z.string(),
      meetingOn: z.string(),
      notice: noticeSchema,
      urgencyReason: z.string().nullable(),
    }),
  ),
});

export const moveResultSchema = z.object({
  meetingId: z.uuid(),
  startsAt: z.string(),
  originallyStartsAt: z.string(),
  movedReason: z.string(),
  notice: noticeSchema,
  urgencyReason: z.string().nullable(),
});
