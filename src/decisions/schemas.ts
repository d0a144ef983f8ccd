import { z } from 'zod';
import { ballots } from './decision-rules.ts';
import { ratificationViewSchema } from './ratification-schemas.ts';

const text = (message: string, maxLength = 200) =>
  z.string(message).trim().min(1, message).max(maxLength, `Keep it under ${maxLength} characters.`);

const optionalText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

const constitutionId = (message: string) =>
  z
    .string(message)
    .regex(/^[a-z0-9][a-z0-9-]{0,80}$/, message)
    .optional();

export const proposalParametersSchema = z.object({
  id: z.uuid('A question is named by its id.'),
});

export const proxyParametersSchema = z.object({
  id: z.uuid('A proxy is named by its id.'),
});

export const createProposalSchema = z.strictObject({
  agendaItemId: z.uuid('Choose the agenda item the question is on.'),
  amendsProposalId: z.uuid('Choose the question this amends.').optional(),
  title: text('Enter the question’s title.'),
  text: text('Enter the text of the question: what the body is asked to agree.', 5000),
  decisionKind: constitutionId('Choose the kind of decision, as the constitution names it.'),
  methodId: constitutionId('Name the decision method as the constitution does.'),
  ballot: z.enum(ballots, { message: 'Choose a named or a secret ballot.' }).default('named'),
  closesAt: z.iso
    .datetime({ offset: true, message: 'Give the closing time as a date and time.' })
    .optional(),
});
export type CreateProposalInput = z.infer<typeof createProposalSchema>;

export const castVoteSchema = z.strictObject({
  choice: z.enum(['for', 'against', 'abstain'], {
    message:
      'Choose for, against or abstain (under consensus: agree is for, object is against, stand aside is abstain).',
  }),
  reason: optionalText(2000),
  onBehalfOf: z.uuid('Name the member whose proxy you hold by their seat holding id.').optional(),
  /**
   * Under a recorded electorate (2006 §111), the consortium member voted for, when the voter speaks
   * for more than one (a chief executive shared by two PCTs).
   */
  forMember: z.uuid('Name the consortium member you vote for by its organisation id.').optional(),
});
export type CastVoteInput = z.infer<typeof castVoteSchema>;

export const castingVoteSchema = z.strictObject({
  choice: z.enum(['for', 'against'], { message: 'Choose for or against.' }),
});

export const grantProxySchema = z.strictObject({
  proxyPersonId: z.uuid('Choose the member who will hold your proxy.'),
  grantorHoldingId: z.uuid('Choose the member giving the proxy.').optional(),
});
export type GrantProxyInput = z.infer<typeof grantProxySchema>;

const citationSchema = z.object({
  clause: z.string(),
  text: z.string(),
  assumption: z.string().nullable(),
});

const countsSchema = z.object({
  for: z.number(),
  against: z.number(),
  abstain: z.number(),
  noVote: z.number(),
  base: z.number().optional(),
  needed: z.number().optional(),
  weightFor: z.number().optional(),
});

export const resultViewSchema = z.object({
  outcome: z.string(),
  isDecision: z.boolean(),
  summary: z.string(),
  counts: countsSchema,
  rangeOfViews: z.object({
    for: z.array(z.string()),
    against: z.array(z.string()),
    abstain: z.array(z.string()),
    noViewRecorded: z.array(z.string()),
  }),
  lines: z.array(z.string()),
  missing: z.array(z.string()),
  excluded: z.array(
    z.object({ name: z.string(), reason: z.string(), clause: z.string().nullable() }),
  ),
  clause: z.string(),
  text: z.string(),
  citations: z.array(citationSchema),
  advice: z
    .object({
      to: z.array(z.string()),
      decidedBy: z.array(z.string()),
      consensusOnAdvice: z.boolean(),
    })
    .nullable(),
  castingVoteUsed: z.boolean(),
});

const meetingRefSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  meetingOn: z.string(),
  body: z.object({ slug: z.string(), title: z.string() }),
});

export const proposalViewSchema = z.object({
  id: z.uuid(),
  meeting: meetingRefSchema,
  agendaItem: z.object({
    id: z.uuid(),
    position: z.number().int(),
    title: z.string(),
    isConfidential: z.boolean(),
  }),
  amendsProposalId: z.uuid().nullable(),
  amendments: z.array(z.object({ id: z.uuid(), title: z.string(), status: z.string() })),
  title: z.string(),
  text: z.string(),
  decisionKind: z
    .object({ id: z.string(), title: z.string(), clause: z.string(), text: z.string() })
    .nullable(),
  method: z.object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    clause: z.string(),
    text: z.string(),
  }),
  reserved: z
    .object({ clause: z.string(), text: z.string(), decidedBy: z.array(z.string()) })
    .nullable(),
  asksForViews: z.boolean(),
  ballot: z.enum(ballots),
  status: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  votesRecorded: z.number().int(),
  notVoted: z.array(z.string()).nullable(),
  votes: z.array(
    z.object({
      voter: z.string(),
      choice: z.enum(['for', 'against', 'abstain']),
      view: z.string(),
      reason: z.string().nullable(),
      castBy: z.string().nullable(),
      byProxy: z.boolean(),
    }),
  ),
  result: resultViewSchema.nullable(),
  outcome: z.string().nullable(),
  outcomeText: z.string().nullable(),
  castingVote: z.string().nullable(),
  castingVoteDue: z.object({ summary: z.string(), presiding: z.string().nullable() }).nullable(),
  mySeats: z.array(
    z.object({
      voter: z.string(),
      onBehalfOf: z.uuid().nullable(),
      forMember: z.uuid().nullable(),
      hasVoted: z.boolean(),
      choice: z.string().nullable(),
      yourChoice: z.string().nullable(),
    }),
  ),
  mayManage: z.boolean(),
  ratification: ratificationViewSchema,
  quorum: z
    .object({
      quorate: z.boolean(),
      finding: z.string(),
      clause: z.string(),
      text: z.string(),
      refusal: z.string().nullable(),
      warning: z.string().nullable(),
    })
    .nullable(),
  consensusRule: z
    .object({
      words: z.string(),
      clause: z.string(),
      text: z.string(),
      assumption: z.string().nullable(),
      declaredByChair: z.boolean(),
    })
    .nullable(),
  senseOfMeeting: z
    .object({
      presiding: z.string().nullable(),
      members: z.array(
        z.object({ seatHoldingId: z.uuid(), name: z.string(), view: z.string().nullable() }),
      ),
    })
    .nullable(),
});

export const declareSenseSchema = z.strictObject({
  sense: z.enum(['agreed', 'notAgreed'], {
    message: 'Choose the sense of the meeting: agreed, or not agreed.',
  }),
  objections: z
    .array(
      z.strictObject({
        seatHoldingId: z.uuid('Choose the member who objects.'),
        reason: text('Give the reason for the objection.', 2000),
      }),
    )
    .max(200)
    .default([]),
});

export const meetingProposalsSchema = z.object({
  meeting: meetingRefSchema,
  proposals: z.array(
    z.object({
      id: z.uuid(),
      agendaItem: z.object({ id: z.uuid(), position: z.number().int(), title: z.string() }),
      amendsProposalId: z.uuid().nullable(),
      title: z.string(),
      method: z.string(),
      ballot: z.string(),
      status: z.string(),
      outcomeText: z.string().nullable(),
    }),
  ),
  hiddenConfidentialCount: z.number().int(),
  proxies: z.array(
    z.object({
      id: z.uuid(),
      grantor: z.string(),
      grantorHoldingId: z.uuid(),
      proxy: z.string(),
      grantedAt: z.string(),
      revokedAt: z.string().nullable(),
    }),
  ),
  decisionKinds: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      method: z.string(),
      clause: z.string(),
      reserved: z.boolean(),
    }),
  ),
  disputeVoteMethods: z.array(
    z.object({ id: z.string(), title: z.string(), clause: z.string(), category: z.string() }),
  ),
  members: z.array(z.object({ seatHoldingId: z.uuid(), personId: z.uuid(), name: z.string() })),
  agenda: z.array(z.object({ id: z.uuid(), position: z.number().int(), title: z.string() })),
  mayManage: z.boolean(),
  mySeat: z.object({ seatHoldingId: z.uuid(), name: z.string() }).nullable(),
});

export const closedSchema = z.object({
  proposalId: z.uuid(),
  outcome: z.string(),
  summary: z.string(),
  warning: z.string().optional(),
});
