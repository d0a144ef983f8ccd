/**
 * The facts the engine reasons about, shaped so the database layer can build them from its tables:
 * a member is one row of "person P holds seat R on body B" joined to the person's organisation and
 * post; attendance is one row per member per meeting; conflicts are declarations of interest per
 * agenda item; votes are one row per voter per item. The engine validates facts with these schemas
 * first, so a CLI user or an API client gets the same errors as the database layer.
 */
import { z } from 'zod';
import { fillMethods } from './constitution-schema.ts';

const idSchema = z.string().min(1);

export const memberFactSchema = z.strictObject({
  /** Stable id of the seat holding (or of the person, if one person holds one seat). */
  id: idSchema,
  name: z.string().min(1),
  /** The seat's role id in the constitution. */
  role: idSchema,
  /** Sector id; may be left out when the organisation is a constituent with a sector. */
  sector: idSchema.optional(),
  organisation: z
    .strictObject({
      id: idSchema,
      name: z.string().min(1).optional(),
      type: idSchema.optional(),
    })
    .optional(),
  /** The post the person holds in their organisation, e.g. chief-executive. */
  post: idSchema.optional(),
  /** How the seat was filled, when recorded; checked against the seat's rule. */
  filledBy: z.strictObject({ method: z.enum(fillMethods), by: idSchema.optional() }).optional(),
  /** An office held on the body, for a chair or vice-chair chosen by election. */
  office: z.enum(['chair', 'viceChair']).optional(),
  /** Weight under a share-weighted vote (an integer, e.g. a share of the portfolio). */
  share: z.int().min(0).optional(),
  /**
   * Whether the holder votes, as the caller has it recorded. Voting follows the seat's rule; a
   * recorded flag that disagrees with it is an error, so a stale record is caught, not used.
   */
  voting: z.boolean().optional(),
});
export type MemberFact = z.infer<typeof memberFactSchema>;

export const attendanceStatuses = ['present', 'apologies', 'absent', 'deputy'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const attendanceFactSchema = z.strictObject({
  memberId: idSchema,
  status: z.enum(attendanceStatuses),
  /** Who attended in the member's place, when the status is deputy. */
  deputyName: z.string().min(1).optional(),
});
export type AttendanceFact = z.infer<typeof attendanceFactSchema>;

export const invitedAttendeeFactSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  organisation: z.string().min(1).optional(),
});
export type InvitedAttendeeFact = z.infer<typeof invitedAttendeeFactSchema>;

export const conflictFactSchema = z.strictObject({
  /** A member id, or a party id under a vote of parties. */
  memberId: idSchema,
  /** The agenda item the declaration is about; left out, it applies to every item. */
  itemId: idSchema.optional(),
  interest: z.string().min(1),
});
export type ConflictFact = z.infer<typeof conflictFactSchema>;

export const meetingFactsSchema = z.strictObject({
  /** Every current member of the body (the whole membership), present or not. */
  members: z.array(memberFactSchema),
  /** Members without an attendance record are counted as not present. */
  attendance: z.array(attendanceFactSchema),
  invitedAttendees: z.array(invitedAttendeeFactSchema).optional(),
  conflicts: z.array(conflictFactSchema).optional(),
  /** Who the members present chose to preside, when the rules leave it to them. */
  presidingMemberId: idSchema.optional(),
});
export type MeetingFacts = z.infer<typeof meetingFactsSchema>;

export const voteChoices = ['for', 'against', 'abstain'] as const;
export type VoteChoice = (typeof voteChoices)[number];

export const voteFactSchema = z.strictObject({
  /** A member id, a party id, or an invited attendee id (whose vote is then excluded). */
  voterId: idSchema,
  choice: z.enum(voteChoices),
});
export type VoteFact = z.infer<typeof voteFactSchema>;

export const partyFactSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  share: z.int().min(0).optional(),
  /** Needed only when the threshold's base is those present. */
  present: z.boolean().optional(),
});
export type PartyFact = z.infer<typeof partyFactSchema>;

export const tallyFactsSchema = z.strictObject({
  /** The agenda item; conflicts declared for it (or for every item) apply. */
  itemId: idSchema.optional(),
  members: z.array(memberFactSchema).optional(),
  attendance: z.array(attendanceFactSchema).optional(),
  invitedAttendees: z.array(invitedAttendeeFactSchema).optional(),
  /** For methods whose electorate is parties (e.g. the PCTs of a procurement consortium). */
  parties: z.array(partyFactSchema).optional(),
  conflicts: z.array(conflictFactSchema).optional(),
  votes: z.array(voteFactSchema),
  presidingMemberId: idSchema.optional(),
  castingVote: z.strictObject({ by: idSchema, choice: z.enum(['for', 'against']) }).optional(),
  /**
   * The sense of the meeting as declared by the person presiding, under a consensus rule that
   * the chair declares it (`declaredByChair`); objections are recorded as views against.
   */
  senseOfMeeting: z
    .strictObject({ declaredBy: idSchema, sense: z.enum(['agreed', 'notAgreed']) })
    .optional(),
  /**
   * Under a vote of parties, the meeting at which the parties vote: its quorum is checked as it is
   * for the members' own methods.
   */
  meeting: meetingFactsSchema.optional(),
});
export type TallyFacts = z.infer<typeof tallyFactsSchema>;

export const disputeOutcomes = [
  'agreed',
  'notAgreed',
  'carried',
  'notCarried',
  'signedOff',
  'notSignedOff',
] as const;
export type DisputeOutcome = (typeof disputeOutcomes)[number];

export const disputeHistoryEntrySchema = z.strictObject({
  /** The ladder step's id in the constitution. */
  step: idSchema,
  date: z.iso.date({ error: 'a date is written YYYY-MM-DD and must exist in the calendar' }),
  /** Who recorded or conducted the step: every step is attributed. */
  by: z.string().min(1),
  outcome: z.enum(disputeOutcomes),
  /** For a sign-off step: the sponsoring board that signed off (or declined). */
  board: idSchema.optional(),
  note: z.string().min(1).optional(),
});
export type DisputeHistoryEntry = z.infer<typeof disputeHistoryEntrySchema>;

export const disputeFactsSchema = z.strictObject({
  category: idSchema,
  /** The boards whose sign-off ends the process (e.g. the sponsoring PCT Boards). */
  sponsoringBoards: z.array(z.strictObject({ id: idSchema, name: z.string().min(1) })).optional(),
  /** The date the review ended, once it has; facilitation waits for it where the rules say so. */
  reviewEndedOn: z.iso.date().optional(),
  history: z.array(disputeHistoryEntrySchema),
});
export type DisputeFacts = z.infer<typeof disputeFactsSchema>;

export const adoptionFactsSchema = z.strictObject({
  boards: z.array(z.strictObject({ id: idSchema, name: z.string().min(1) })),
  adoptions: z.array(
    z.strictObject({
      boardId: idSchema,
      version: z.int().min(1),
      adoptedOn: z.iso.date(),
      minuteReference: z.string().min(1),
    }),
  ),
});
export type AdoptionFacts = z.infer<typeof adoptionFactsSchema>;
