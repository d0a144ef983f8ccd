import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';

const requiredText = (message: string, maxLength: number) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const jointReviewParametersSchema = z.object({
  id: z.uuid('A joint review is named by its id.'),
});

export const createJointReviewSchema = z.strictObject({
  title: requiredText('Give the review a title.', 300),
  category: z.string('Choose the kind of joint work.').min(1, 'Choose the kind of joint work.'),
  decisionProcess: optionalText(4000),
  failureToAgree: optionalText(4000),
});

export const recordProcessSchema = z.strictObject({
  decisionProcess: requiredText('Describe the process for decision making.', 4000),
  failureToAgree: requiredText('Describe how a failure to agree will be dealt with.', 4000),
});

export const recordAgreementSchema = z.strictObject({
  agreedOn: calendarDate('Enter the date the process was agreed as YYYY-MM-DD.'),
  agreedMinuteReference: requiredText(
    'Give the minute reference of the meeting that agreed it.',
    100,
  ),
});

export const startReviewSchema = z.strictObject({
  startedOn: calendarDate('Enter the date the review started as YYYY-MM-DD.'),
});

export const endReviewSchema = z.strictObject({
  endedOn: calendarDate('Enter the date the review ended as YYYY-MM-DD.'),
});

export const jointReviewSchema = z.object({
  id: z.uuid(),
  body: z.object({ slug: z.string(), title: z.string() }),
  title: z.string(),
  category: z.object({ id: z.string(), title: z.string() }),
  decisionProcess: z.string().nullable(),
  failureToAgree: z.string().nullable(),
  agreedOn: z.string().nullable(),
  agreedMinuteReference: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  stage: z.enum(['proposed', 'agreed', 'started', 'ended']),
  rule: z.object({ clause: z.string(), text: z.string(), agreedBy: z.string().nullable() }),
  mayManage: z.boolean(),
});

export const jointReviewListSchema = z.object({
  body: z.object({ slug: z.string(), title: z.string() }),
  today: z.string(),
  categories: z.array(z.object({ id: z.string(), title: z.string() })),
  rule: z.object({ clause: z.string(), text: z.string() }).nullable(),
  items: z.array(jointReviewSchema),
  mayManage: z.boolean(),
});
