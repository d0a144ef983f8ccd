import { z } from 'zod';
import { slugParametersSchema } from '../bodies/schemas.ts';
import { memberFactSchema } from '../governance/index.ts';

// The engine's own list of ways a seat is filled, so the API never drifts from what it checks.
export const fillMethodSchema = memberFactSchema.shape.filledBy.unwrap().shape.method;

const isoDateSchema = (message: string) => z.iso.date(message);

export const holdingParametersSchema = slugParametersSchema.extend({
  holdingId: z.uuid('A membership is named by its id.'),
});

export const membershipQuerySchema = z.strictObject({
  asOf: isoDateSchema('Give the date as YYYY-MM-DD.').optional(),
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
  startsOn: isoDateSchema('Enter the date the membership starts as YYYY-MM-DD.'),
});
export type AppointMemberInput = z.infer<typeof appointMemberSchema>;

export const endMembershipSchema = z.strictObject({
  endsOn: isoDateSchema('Enter the last day of the membership as YYYY-MM-DD.'),
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
  office: z.enum(['chair', 'viceChair']).nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(['current', 'lapsed']),
  lapsedReason: z.string().nullable(),
  successor: z.object({ personId: z.uuid(), personName: z.string() }).nullable(),
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
