import { z } from 'zod';

/** The live item form: an agenda item of the meeting, or nothing ("not on an item"). */
export const moveLiveItemSchema = z.object({
  agendaItemId: z
    .union([z.uuid('Choose an item on the agenda.'), z.literal('')], {
      error: 'Choose an item on the agenda.',
    })
    .transform((value) => (value === '' ? null : value)),
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
