import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { boardDecisions } from './ratification-rules.ts';

export const requireRatificationSchema = z.strictObject({
  organisationIds: z
    .array(z.uuid('Choose the sponsoring PCT Boards from the list.'), {
      message: 'Choose the sponsoring PCT Boards whose sign-off the decision needs.',
    })
    .min(1, 'Choose at least one sponsoring PCT Board.')
    .max(500),
});

export const recordSignOffSchema = z.strictObject({
  organisationId: z.uuid('Choose the board whose decision you are recording.'),
  decision: z.enum(boardDecisions, {
    message: 'Choose whether the board signed off or refused to.',
  }),
  decidedOn: calendarDate('Enter the date of the board meeting as YYYY-MM-DD.'),
  minuteReference: z
    .string('Enter the minute reference of the board decision.')
    .trim()
    .min(1, 'Enter the minute reference of the board decision.')
    .max(200, 'Keep it under 200 characters.'),
});

const clauseTextSchema = { clause: z.string(), text: z.string() };

export const decisionEffectSchema = z.object({
  status: z.enum(['notDecided', 'advice', 'awaitingSignOff', 'signOffRefused', 'inEffect']),
  text: z.string(),
  summary: z.string(),
  clause: z.string(),
  quote: z.string(),
  lines: z.array(z.string()),
  inEffectFrom: z.string().nullable(),
  signedBy: z.array(z.string()),
  awaiting: z.array(z.string()),
  refusedBy: z.array(z.string()),
  binds: z.array(z.object({ organisationId: z.uuid(), name: z.string() })),
  notBound: z.array(z.string()),
  next: z.object({ ...clauseTextSchema, action: z.string() }).nullable(),
});

export const ratificationViewSchema = z.object({
  proposalId: z.uuid(),
  effect: decisionEffectSchema,
  signOff: z.object({ ...clauseTextSchema, by: z.string() }).nullable(),
  boards: z.array(
    z.object({
      organisationId: z.uuid(),
      name: z.string(),
      status: z.enum(['pending', 'signed', 'refused']),
      decidedOn: z.string().nullable(),
      minuteReference: z.string().nullable(),
    }),
  ),
  candidates: z.array(z.object({ id: z.uuid(), name: z.string() })).nullable(),
  pendingBoards: z.array(z.object({ id: z.uuid(), name: z.string() })).nullable(),
});
