import { z } from 'zod';
import { attendanceFactSchema } from '../governance/index.ts';
import { calendarDate, dateTime } from '../shared/input.ts';
import { interestKinds } from './meeting-rules.ts';
import { versionQuorumSchema } from './quorum-comparison.ts';

const text = (message: string, maxLength = 200) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const meetingParametersSchema = z.object({
  id: z.uuid('A meeting is named by its id.'),
});

export const attendanceParametersSchema = meetingParametersSchema.extend({
  seatHoldingId: z.uuid('A member is named by the id of the seat they hold.'),
});

export const scheduleMeetingSchema = z.strictObject({
  title: text('Enter the meeting’s title.'),
  startsAt: dateTime(
    'Enter when the meeting starts as an ISO date and time, e.g. 2026-12-10T14:00:00Z.',
  ),
  location: text('Enter where the meeting is held.'),
  noticeGivenOn: calendarDate('Enter the date notice was given as YYYY-MM-DD.'),
  urgencyReason: optionalText(1000),
});
export type ScheduleMeetingInput = z.infer<typeof scheduleMeetingSchema>;

export const addAgendaItemSchema = z.strictObject({
  title: text('Enter the item’s title.'),
  purpose: z.enum(['decision', 'discussion', 'information'], {
    message: 'Choose whether the item is for decision, discussion or information.',
  }),
  isConfidential: z.boolean().default(false),
  confidentialityReason: optionalText(1000),
});
export type AddAgendaItemInput = z.infer<typeof addAgendaItemSchema>;

export const recordAttendanceSchema = z.strictObject({
  status: z.enum(attendanceFactSchema.shape.status.options, {
    message: 'Choose present, apologies, absent or deputy.',
  }),
  deputyName: optionalText(200),
  deputyAttendeeId: z.uuid('Choose one of the member’s standing deputies.').optional(),
});
export type RecordAttendanceInput = z.infer<typeof recordAttendanceSchema>;

export const declareInterestSchema = z.strictObject({
  agendaItemId: z.uuid('Choose the agenda item the interest is about.'),
  seatHoldingId: z.uuid('Choose the member declaring the interest.'),
  kind: z.enum(interestKinds, {
    message:
      'Choose the kind of interest: financial, non-financial professional, non-financial personal or indirect.',
  }),
  interest: text('Describe the interest.', 1000),
});
export type DeclareInterestInput = z.infer<typeof declareInterestSchema>;

export const cancelMeetingSchema = z.strictObject({
  reason: text(
    'Enter why the meeting is cancelled: members, the public and the calendar feed are told.',
    1000,
  ),
});
export type CancelMeetingInput = z.infer<typeof cancelMeetingSchema>;

const explanationSchema = z.object({
  quorate: z.boolean(),
  summary: z.string(),
  lines: z.array(z.string()),
  missing: z.array(z.string()),
  clause: z.string(),
  text: z.string(),
  excluded: z.array(z.object({ name: z.string(), reason: z.string() })),
});

const meetingSummarySchema = z.object({
  id: z.uuid(),
  body: z.object({ slug: z.string(), title: z.string() }),
  title: z.string(),
  startsAt: z.string(),
  meetingOn: z.string(),
  location: z.string(),
  noticeGivenOn: z.string(),
  urgencyReason: z.string().nullable(),
  status: z.string(),
  seriesId: z.uuid().nullable(),
  originallyStartsAt: z.string().nullable(),
  movedReason: z.string().nullable(),
  cancelledReason: z.string().nullable(),
});

export const meetingListSchema = z.object({
  body: z.object({ slug: z.string(), title: z.string() }),
  items: z.array(meetingSummarySchema),
});

export const meetingReportSchema = z.object({
  meeting: meetingSummarySchema,
  constitution: z.object({ version: z.number().int(), effectiveOn: z.string() }).nullable(),
  agenda: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      title: z.string(),
      purpose: z.string(),
      isConfidential: z.boolean(),
      confidentialityReason: z.string().nullable(),
      description: z.string().nullable(),
      presenterPersonId: z.uuid().nullable(),
      presenterName: z.string().nullable(),
      startTime: z.string().nullable(),
      minutesAllotted: z.number().int().nullable(),
      withdrawn: z.boolean(),
      withdrawnReason: z.string().nullable(),
      declarations: z.array(
        z.object({
          id: z.uuid(),
          seatHoldingId: z.uuid(),
          memberName: z.string(),
          kind: z.string(),
          interest: z.string(),
        }),
      ),
      quorum: explanationSchema.nullable(),
      quorumDiffers: z.boolean(),
    }),
  ),
  hiddenConfidentialCount: z.number().int(),
  registerOpen: z.boolean(),
  deputiesAllowed: z.boolean(),
  attendance: z.array(
    z.object({
      seatHoldingId: z.uuid(),
      memberName: z.string(),
      seatTitle: z.string(),
      organisation: z.string().nullable(),
      sector: z.string().nullable(),
      sectorName: z.string().nullable(),
      office: z.string().nullable(),
      status: z.string().nullable(),
      deputyName: z.string().nullable(),
      personId: z.uuid(),
      deputyAttendeeId: z.uuid().nullable(),
      standingDeputies: z.array(z.object({ id: z.uuid(), name: z.string() })),
    }),
  ),
  nonVotingAttendees: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      organisation: z.string().nullable(),
      description: z.string().nullable(),
    }),
  ),
  otherVersions: z.array(versionQuorumSchema),
  quorum: explanationSchema.nullable(),
  problems: z.array(z.string()),
});

/** The Meetings page's filter: one body, or none for every body. */
export const meetingCalendarQuerySchema = z.object({
  body: z.string().max(200).optional(),
});

const startTime = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the start time as hours and minutes, e.g. 14:30.')
      .optional(),
  )
  .optional();

const minutesMessage = 'Enter the minutes allotted as a whole number from 1 to 600, e.g. 20.';
const minutesAllotted = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(
    z
      .string()
      .regex(/^\d{1,3}$/, minutesMessage)
      .transform(Number)
      .refine((minutes) => minutes >= 1 && minutes <= 600, minutesMessage)
      .optional(),
  )
  .optional();

/** The agenda item form: the business, then its description, presenter and time. */
export const editAgendaItemSchema = addAgendaItemSchema.extend({
  description: optionalText(2000),
  presenterPersonId: z.uuid('Choose a presenter from the list.').optional(),
  presenterName: optionalText(200),
  startTime,
  minutesAllotted,
});
export type EditAgendaItemInput = z.infer<typeof editAgendaItemSchema>;

export const agendaItemParametersSchema = meetingParametersSchema.extend({
  agendaItemId: z.uuid('An agenda item is named by its id.'),
});

export const moveAgendaItemSchema = z.strictObject({
  direction: z.enum(['up', 'down'], { message: 'Choose whether to move the item up or down.' }),
});

export const withdrawAgendaItemSchema = z.strictObject({
  reason: text('Enter why the item is withdrawn: the record keeps it.', 1000),
});

/** The register: one status (and deputy) per member, as the form posts them. */
export const registerEntrySchema = z.strictObject({
  seatHoldingId: z.uuid(),
  status: z.enum(attendanceFactSchema.shape.status.options, {
    message: 'Choose present, apologies, absent or deputy.',
  }),
  deputyName: optionalText(200),
  deputyAttendeeId: z.uuid('Choose one of the member’s standing deputies.').optional(),
});
