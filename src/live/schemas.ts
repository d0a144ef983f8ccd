import { z } from 'zod';

/** The live item form: an agenda item of the meeting, or nothing ("not on an item"). */
export const moveLiveItemSchema = z.object({
  agendaItemId: z
    .union([z.uuid('Choose an item on the agenda.'), z.literal('')], {
      error: 'Choose an item on the agenda.',
    })
    .transform((value) => (value === '' ? null : value)),
});

/** A question of the meeting, answered from its live page. */
export const liveQuestionParametersSchema = z.object({
  id: z.uuid('A meeting is named by its id.'),
  proposalId: z.uuid('A question is named by its id.'),
});

const choiceSchema = (message: string) => z.enum(['for', 'against', 'abstain'], { message });

/** A member's own vote or view, given or changed from the live page. */
export const liveVoteFormSchema = z.object({
  choice: choiceSchema('Choose your vote or view.'),
  reason: z
    .string()
    .trim()
    .max(2000, 'Keep the reason under 2,000 characters.')
    .optional()
    .transform((value) => value || undefined),
});

/** One member's hand in a show of hands, recorded by the secretariat or the person presiding. */
export const showOfHandsFormSchema = z.object({
  seatHoldingId: z.uuid('Choose the member whose hand is counted.'),
  choice: choiceSchema('Choose their vote or view.'),
});

/** The casting vote, from the chair (or recorded by the secretariat). */
export const liveCastingVoteFormSchema = z.object({
  castingChoice: z.enum(['for', 'against'], { message: 'Choose for or against.' }),
});

const quorumSchema = z.object({
  quorate: z.boolean(),
  summary: z.string(),
  lines: z.array(z.string()),
  missing: z.array(z.string()),
  clause: z.string(),
  text: z.string(),
  excluded: z.array(z.object({ name: z.string(), reason: z.string() })),
});

const liveItemSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string().nullable().describe('Null for a Part II item the reader may not see'),
  purpose: z.string().nullable(),
  isConfidential: z.boolean(),
});

const liveTallySchema = z.object({
  for: z.number().int(),
  against: z.number().int(),
  abstain: z.number().int(),
  notVoted: z.number().int().nullable(),
  note: z.string().nullable(),
});

/** What the live page and each `snapshot` event carry: counts only, never who voted how. */
export const liveSnapshotSchema = z.object({
  meetingId: z.uuid(),
  title: z.string(),
  body: z.object({ slug: z.string(), title: z.string() }),
  startsAt: z.string(),
  location: z.string(),
  status: z.string(),
  cancelledReason: z.string().nullable(),
  current: liveItemSchema.nullable(),
  items: z.array(liveItemSchema),
  quorum: quorumSchema.nullable(),
  itemQuorum: quorumSchema.nullable(),
  question: z
    .object({
      id: z.uuid(),
      title: z.string(),
      text: z.string(),
      isAmendment: z.boolean(),
      ballot: z.enum(['named', 'secret']),
      status: z.enum(['open', 'closed']),
      method: z.object({ id: z.string(), title: z.string(), isConsensus: z.boolean() }),
      tally: liveTallySchema.nullable().meta({
        description: 'Null while a secret ballot is open: its counts are shown when it closes.',
      }),
      votesCast: z.number().int().nullable().meta({
        description: 'While a secret ballot is open, how many votes are in; otherwise null.',
      }),
      outcome: z.string().nullable(),
      outcomeSummary: z.string().nullable(),
    })
    .nullable(),
  privateSession: z.boolean(),
  problems: z.array(z.string()),
  announcement: z.string(),
});
