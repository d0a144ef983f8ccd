import { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import { memberFactSchema } from '../governance/index.ts';
import { calendarDate } from '../shared/input.ts';

// The engine's own list of ways a seat is filled, so the API never drifts from what it checks.
export const fillMethodSchema = memberFactSchema.shape.filledBy.unwrap().shape.method;

export const holdingParametersSchema = slugParametersSchema.extend({
  holdingId: z.uuid('A membership is named by its id.'),
});

export const membershipQuerySchema = z.strictObject({
  asOf: calendarDate('Give the date as YYYY-MM-DD.').optional(),
});

export const appointMemberSchema = z.strictObject({
  personId: z.uuid('Choose the person to appoint.'),
  seatRole: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'Choose the seat, named by its role id.'),
  organisationId: z.uuid('Choose the organisation they represent.').nullish(),
  fillMethod: fillMethodSchema,
  filledBy: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'Name the body as the constitution does.')
    .nullish(),
  office: z.enum(['chair', 'viceChair']).nullish(),
  startsOn: calendarDate('Enter the date the membership starts as YYYY-MM-DD.'),
  endsOn: calendarDate('Enter the last day of a fixed term as YYYY-MM-DD.').nullish(),
});
export type AppointMemberInput = z.infer<typeof appointMemberSchema>;

export const attendeeParametersSchema = slugParametersSchema.extend({
  attendeeId: z.uuid('A deputy or non-voting attendee is named by their id.'),
});

const text = (message: string, maxLength: number) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

export const nameStandingAttendeeSchema = z.strictObject({
  capacity: z.enum(['deputy', 'non-voting'], {
    message: 'Choose whether they are a deputy for a member or a non-voting attendee.',
  }),
  personId: z.uuid('Choose the person.'),
  organisationId: z.uuid('Choose the organisation they come from.').nullish(),
  deputyForHoldingId: z.uuid('Choose the member the deputy stands in for.').nullish(),
  description: z
    .string()
    .trim()
    .max(300, 'Keep it under 300 characters.')
    .transform((value) => (value === '' ? null : value))
    .nullish(),
  startsOn: calendarDate('Enter the first day as YYYY-MM-DD.'),
  endsOn: calendarDate('Enter the last day as YYYY-MM-DD.').nullish(),
});
export type NameStandingAttendeeInput = z.infer<typeof nameStandingAttendeeSchema>;

export const endStandingAttendeeSchema = z.strictObject({
  endsOn: calendarDate('Enter their last day as YYYY-MM-DD.'),
});

const wholeNumber = (message: string) =>
  z.coerce.number(message).int(message).min(0, message).max(100_000, message);

export const recordElectionSchema = z.strictObject({
  heldOn: calendarDate('Enter the date the election was held as YYYY-MM-DD.'),
  electorate: text(
    'Say who voted, for example "the members of the London Commissioning Group".',
    300,
  ),
  votesFor: wholeNumber('Enter the votes for the person elected as a whole number.'),
  votesCast: wholeNumber('Enter the number of votes cast as a whole number.'),
  minuteReference: text(
    'Enter the minute that records the election, for example "LCG 07/12".',
    100,
  ),
});
export type RecordElectionInput = z.infer<typeof recordElectionSchema>;

export const standingAttendeeSchema = z.object({
  id: z.uuid(),
  capacity: z.enum(['deputy', 'non-voting']),
  person: z.object({ id: z.uuid(), name: z.string() }),
  organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  deputyFor: z.object({ holdingId: z.uuid(), name: z.string() }).nullable(),
  description: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});

export const electionSchema = z.object({
  id: z.uuid(),
  seatHoldingId: z.uuid(),
  heldOn: z.string(),
  electorate: z.string(),
  votesFor: z.number().int(),
  votesCast: z.number().int(),
  minuteReference: z.string(),
  rule: z.object({ clause: z.string(), text: z.string() }),
});

const ruleWordsSchema = z.object({
  summary: z.string(),
  clause: z.string().nullable(),
  text: z.string().nullable(),
  assumption: z.string().nullable(),
});

export const endMembershipSchema = z.strictObject({
  endsOn: calendarDate('Enter the last day of the membership as YYYY-MM-DD.'),
});

const findingSchema = z.object({
  finding: z.enum(['tooMany', 'tooFew', 'notEligible', 'wrongRoute', 'officeUnfilled']),
  clause: z.string(),
  text: z.string(),
  message: z.string(),
  role: z.string().nullable(),
  sector: z.string().nullable(),
  holdingIds: z.array(z.string()),
});

export const holdingSchema = z.object({
  id: z.uuid(),
  seatRole: z.string(),
  seatTitle: z.string(),
  person: z.object({ id: z.uuid(), name: z.string(), isFictional: z.boolean() }),
  organisation: z
    .object({ id: z.uuid(), name: z.string(), type: z.string(), sectorId: z.string().nullable() })
    .nullable(),
  post: z.object({ role: z.string(), title: z.string() }).nullable(),
  fillMethod: z.string(),
  filledBy: z.string().nullable(),
  filledByName: z.string().nullable(),
  office: z.enum(['chair', 'viceChair']).nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(['current', 'lapsed']),
  lapsedReason: z.string().nullable(),
  successor: z.object({ personId: z.uuid(), personName: z.string() }).nullable(),
  term: z
    .object({ endsOn: z.string(), daysLeft: z.number().int(), endingSoon: z.boolean() })
    .nullable(),
  electedOffice: z.object({ what: z.string(), clause: z.string(), text: z.string() }).nullable(),
  election: z
    .object({
      id: z.uuid(),
      heldOn: z.string(),
      electorate: z.string(),
      votesFor: z.number().int(),
      votesCast: z.number().int(),
      minuteReference: z.string(),
    })
    .nullable(),
});

export const membershipReportSchema = z.object({
  body: z.object({ slug: z.string(), title: z.string() }),
  asOf: z.string(),
  constitution: z.object({ version: z.number().int(), effectiveOn: z.string() }).nullable(),
  seats: z.array(
    z.object({
      role: z.string(),
      title: z.string(),
      clause: z.string(),
      text: z.string(),
      route: z.string(),
      holdings: z.array(holdingSchema),
    }),
  ),
  otherHoldings: z.array(holdingSchema),
  formerMembers: z.array(holdingSchema),
  standingAttendees: z.array(standingAttendeeSchema),
  attendeeRules: z
    .object({ deputies: ruleWordsSchema, invitedAttendees: ruleWordsSchema })
    .nullable(),
  composition: z
    .object({
      valid: z.boolean(),
      complete: z.boolean(),
      summary: z.string(),
      clause: z.string(),
      text: z.string(),
      lines: z.array(z.string()),
      citations: z.array(
        z.object({ clause: z.string(), text: z.string(), assumption: z.string().nullable() }),
      ),
      refusals: z.array(findingSchema),
      vacancies: z.array(findingSchema),
    })
    .nullable(),
  problems: z.array(z.string()),
});
