/**
 * The structure of a constitution (a body's terms of reference as data). This schema checks shape
 * only; cross-references and contradictions that need the whole document (a ladder step naming a
 * body that is not declared, a quorum counting a role that does not exist) are checked by
 * `constitution-validation.ts`, which reports them with the same kind of path so the YAML loader
 * can give their line.
 *
 * Every rule carries `clause` (a source id then the clause: `2008 §Quorum`, `2006 §111`) and
 * `text` (the source's words). Where the source is silent and the constitution takes a default,
 * the rule says so with `assumption: { reason }`, so that a reader can see what was decided and
 * why, and change it.
 */
import { z } from 'zod';
import { earliestDate, isWithinDateRange, latestDate } from '../shared/input.ts';

const identifierPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Lower-case words joined by hyphens: seat roles, body ids, method ids and so on. */
export const identifierSchema = z
  .string()
  .regex(
    identifierPattern,
    'an identifier is lower-case letters and digits in words joined by hyphens, e.g. "london-pct-chief-executive"',
  );

// The one range of dates every input takes (decision 015): PostgreSQL has no year 0, so a
// version effective then failed as a 500 when stored; now it is refused with its line.
export const isoDateSchema = z.iso
  .date({ error: 'a date is written YYYY-MM-DD and must exist in the calendar' })
  .refine(isWithinDateRange, `a date is from ${earliestDate} to ${latestDate}`)
  .meta({ description: `A calendar date, YYYY-MM-DD, from ${earliestDate} to ${latestDate}.` });

export const assumptionSchema = z
  .strictObject({
    reason: z.string().min(1).meta({
      description: 'Why this default was taken where the source is silent, so it can be reviewed.',
    }),
  })
  .meta({
    id: 'Assumption',
    description: 'Marks a rule the source does not state: the constitution takes a default.',
  });

/** The fields every rule carries. */
const provenanceShape = {
  clause: z.string().min(1).meta({
    description:
      'Where the rule comes from: a declared source id, a space, then the clause, e.g. "2008 §Quorum".',
  }),
  text: z.string().min(1).meta({ description: "The source's own words for the rule." }),
  assumption: assumptionSchema.optional(),
};

export const provenanceSchema = z.strictObject(provenanceShape).meta({ id: 'Provenance' });

/** An integer fraction p/q with 0 < p/q ≤ 1: thresholds are never floating point. */
export const fractionSchema = z
  .strictObject({
    numerator: z.int().min(1),
    denominator: z.int().min(1),
  })
  .refine((fraction) => fraction.numerator <= fraction.denominator, {
    error: (issue) => {
      const fraction = issue.input as { numerator: number; denominator: number };
      return `a threshold cannot be above 1: ${fraction.numerator}/${fraction.denominator} would need more than everyone`;
    },
  })
  .meta({
    id: 'Fraction',
    description: 'An exact fraction numerator/denominator between 0 and 1, e.g. 3/4 for 75%.',
  });

/** How many holders a seat (or group of seats) has: exactly N, or a range. */
export const countSchema = z
  .strictObject({
    exactly: z.int().min(0).optional(),
    atLeast: z.int().min(0).optional(),
    atMost: z.int().min(0).optional(),
  })
  .superRefine((count, context) => {
    const hasRange = count.atLeast !== undefined || count.atMost !== undefined;
    if (count.exactly === undefined && !hasRange) {
      context.addIssue({ code: 'custom', message: 'a count needs exactly, atLeast or atMost' });
    } else if (count.exactly !== undefined && hasRange) {
      context.addIssue({
        code: 'custom',
        message: 'a count is either exactly N or a range (atLeast/atMost), not both',
      });
    } else if (
      count.atLeast !== undefined &&
      count.atMost !== undefined &&
      count.atLeast > count.atMost
    ) {
      context.addIssue({
        code: 'custom',
        message: `contradictory count: at least ${count.atLeast} but at most ${count.atMost}`,
      });
    }
  })
  .meta({ id: 'Count', description: 'exactly: N, or a range with atLeast and/or atMost.' });

export const sectorSchema = z
  .strictObject({
    id: identifierSchema,
    name: z.string().min(1),
    clause: z.string().min(1).optional(),
    text: z.string().min(1).optional(),
  })
  .meta({ id: 'Sector', description: 'A geographical sector the body is organised in.' });

export const sourceSchema = z
  .strictObject({
    id: z.string().min(1).meta({ description: 'Prefix used in clause references, e.g. "2008".' }),
    title: z.string().min(1),
    reference: z.string().min(1).optional(),
    note: z.string().min(1).optional(),
  })
  .meta({ id: 'Source', description: 'A document the rules are taken from.' });

export const bodySchema = z
  .strictObject({
    id: identifierSchema,
    name: z.string().min(1),
    type: identifierSchema.optional().meta({
      description: 'Kind of organisation, e.g. primary-care-trust, strategic-health-authority.',
    }),
    sector: identifierSchema.optional(),
    odsCode: z.string().min(1).optional().meta({ description: 'NHS ODS code, where it has one.' }),
    collective: z.boolean().optional().meta({
      description:
        'The reference means each of several bodies (e.g. "London PCTs": each PCT Board).',
    }),
    perSector: z.boolean().optional().meta({
      description: "One such body per sector; a reference means the member's own sector's body.",
    }),
    toBeEstablished: z.strictObject(provenanceShape).optional(),
    decisionMaking: z
      .strictObject({ allowed: z.literal(false), ...provenanceShape })
      .optional()
      .meta({ description: 'The body may never be named as the one that decides.' }),
    clause: z.string().min(1).optional(),
    text: z.string().min(1).optional(),
  })
  .meta({ id: 'Body', description: 'Another body or organisation the rules refer to.' });

export const identitySchema = z
  .strictObject({
    id: identifierSchema.meta({ description: 'Stays the same across versions of one body.' }),
    title: z.string().min(1),
    version: z.int().min(1),
  })
  .meta({ id: 'Identity' });

export const datedRuleSchema = z.strictObject({ date: isoDateSchema, ...provenanceShape });

export const reviewSchema = z
  .strictObject({
    date: isoDateSchema,
    ...provenanceShape,
    warnDaysBefore: z.int().min(0).optional().meta({
      description: 'How many days before the review date to start warning (default 90).',
    }),
    earlierReview: z
      .strictObject({ by: z.array(identifierSchema).min(1), ...provenanceShape })
      .optional(),
  })
  .meta({ id: 'Review' });

export const accountabilitySchema = z
  .strictObject({
    to: z.array(identifierSchema).min(1).meta({ description: 'Body ids (or "constituents").' }),
    ...provenanceShape,
  })
  .meta({ id: 'Accountability' });

export const fillMethods = [
  'exOfficio',
  'nominated',
  'elected',
  'appointed',
  'coOpted',
  'toBeDetermined',
] as const;
export type FillMethod = (typeof fillMethods)[number];

export const filledBySchema = z
  .discriminatedUnion('method', [
    z.strictObject({
      method: z.literal('exOfficio'),
      office: z.string().min(1).meta({ description: 'The post that confers the seat.' }),
      of: identifierSchema.optional().meta({ description: 'The body the post is held in.' }),
    }),
    z.strictObject({ method: z.literal('nominated'), by: identifierSchema }),
    z.strictObject({ method: z.literal('elected'), by: identifierSchema }),
    z.strictObject({ method: z.literal('appointed'), by: identifierSchema.optional() }),
    z.strictObject({ method: z.literal('coOpted') }),
    z.strictObject({ method: z.literal('toBeDetermined') }),
  ])
  .meta({ id: 'FilledBy', description: 'How a seat is filled.' });

export const eligibilitySchema = z
  .strictObject({
    posts: z.array(identifierSchema).min(1).optional().meta({
      description: 'The holder must hold one of these posts, e.g. chief-executive.',
    }),
    organisationTypes: z.array(identifierSchema).min(1).optional(),
    organisations: z.array(identifierSchema).min(1).optional().meta({
      description: 'The holder must come from one of these bodies.',
    }),
    constituent: z.boolean().optional().meta({
      description: 'The holder must come from one of the constituent bodies.',
    }),
    sectors: z
      .union([z.literal('all'), z.array(identifierSchema).min(1)])
      .optional()
      .meta({ description: '"all" (any sector, but one must be recorded) or a list of sectors.' }),
  })
  .meta({ id: 'Eligibility', description: 'Who may hold the seat.' });

export const votingRightSchema = z
  .strictObject({ entitled: z.boolean(), ...provenanceShape })
  .meta({ id: 'VotingRight', description: 'Whether holders vote, and the clause that says so.' });

export const memberTypes = ['officer', 'nonOfficer'] as const;

export const seatSchema = z
  .strictObject({
    role: identifierSchema.meta({ description: "The seat's identifier, used by facts and rules." }),
    title: z.string().min(1),
    ...provenanceShape,
    eligibility: eligibilitySchema.optional(),
    filledBy: filledBySchema,
    count: countSchema,
    perSector: countSchema.optional(),
    perOrganisation: countSchema.optional(),
    voting: votingRightSchema,
    memberType: z.enum(memberTypes).optional().meta({
      description: 'Officer or non-officer member, for standing-orders quorum rules.',
    }),
    accountableTo: z.strictObject({ office: z.enum(['chair']), ...provenanceShape }).optional(),
  })
  .meta({ id: 'Seat', description: 'A kind of place on the body and who may fill it.' });

export const seatGroupSchema = z
  .strictObject({
    id: identifierSchema,
    title: z.string().min(1),
    roles: z.array(identifierSchema).min(2),
    count: countSchema.optional(),
    perSector: countSchema.optional(),
    ...provenanceShape,
  })
  .meta({
    id: 'SeatGroup',
    description: 'Seats counted together, by composition and quorum rules.',
  });

export const chairSelectionSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('exOfficio'),
    role: identifierSchema.meta({ description: 'The holder of this seat is the chair.' }),
  }),
  z.strictObject({
    method: z.literal('elected'),
    fromRoles: z.array(identifierSchema).min(1).optional(),
  }),
]);

export const absentChairRules = [
  'viceChair',
  'viceChairThenMembersElect',
  'membersElect',
  'noBusiness',
] as const;
export type AbsentChairRule = (typeof absentChairRules)[number];

export const chairSchema = z
  .strictObject({
    ...provenanceShape,
    selection: chairSelectionSchema,
    viceChair: z.strictObject({ ...provenanceShape, selection: chairSelectionSchema }).optional(),
    whenAbsent: z.strictObject({ presiding: z.enum(absentChairRules), ...provenanceShape }),
  })
  .meta({ id: 'Chair' });

/** The quorum expression language. Each condition is an object with exactly one key. */
export type QuorumCondition =
  | { readonly allOf: readonly QuorumCondition[] }
  | { readonly anyOf: readonly QuorumCondition[] }
  | { readonly chairPresent: true }
  | { readonly atLeast: { readonly count: number; readonly roles: readonly string[] } }
  | {
      readonly fractionOfMembership: {
        readonly numerator: number;
        readonly denominator: number;
        readonly membership: 'voting' | 'whole';
      };
    }
  | { readonly atLeastOnePerSector: { readonly roles: readonly string[] } }
  | { readonly officerAndNonOfficer: true };

export const quorumConditionSchema: z.ZodType<QuorumCondition> = z
  .lazy(() =>
    z.union([
      z.strictObject({ allOf: z.array(quorumConditionSchema).min(1) }),
      z.strictObject({ anyOf: z.array(quorumConditionSchema).min(1) }),
      z.strictObject({ chairPresent: z.literal(true) }),
      z.strictObject({
        atLeast: z.strictObject({
          count: z.int().min(1),
          roles: z.array(identifierSchema).min(1).meta({
            description: 'Seat roles or seat-group ids whose present holders are counted.',
          }),
        }),
      }),
      z.strictObject({
        fractionOfMembership: z
          .strictObject({
            numerator: z.int().min(1),
            denominator: z.int().min(1),
            membership: z.enum(['voting', 'whole']),
          })
          .refine((fraction) => fraction.numerator <= fraction.denominator, {
            error: 'a quorum cannot be more than the whole membership (fraction above 1)',
          }),
      }),
      z.strictObject({
        atLeastOnePerSector: z.strictObject({ roles: z.array(identifierSchema).min(1) }),
      }),
      z.strictObject({ officerAndNonOfficer: z.literal(true) }),
    ]),
  )
  .meta({
    id: 'QuorumCondition',
    description:
      'One of: allOf, anyOf, chairPresent, atLeast, fractionOfMembership (rounded up), atLeastOnePerSector, officerAndNonOfficer.',
  });

export const quorumSchema = z
  .strictObject({ ...provenanceShape, rule: quorumConditionSchema })
  .meta({ id: 'Quorum' });

export const deputiesSchema = z
  .strictObject({
    ...provenanceShape,
    countTowardQuorum: z.boolean(),
    mayVote: z.boolean(),
  })
  .meta({
    id: 'Deputies',
    description: 'Whether a deputy attending for a member counts or votes.',
  });

export const conflictsOfInterestSchema = z
  .strictObject({
    ...provenanceShape,
    countTowardQuorum: z.boolean().meta({
      description: 'Whether a member with a declared conflict on an item counts for its quorum.',
    }),
  })
  .meta({
    id: 'ConflictsOfInterest',
    description: 'A member with a declared conflict on an item never votes on it.',
  });

/** Who votes under a method: the body's members, or parties named in the facts (a consortium). */
export const electorateSchema = z.discriminatedUnion('of', [
  z.strictObject({ of: z.literal('members') }),
  z.strictObject({
    of: z.literal('parties'),
    description: z.string().min(1).meta({ description: 'Who the parties are.' }),
    ...provenanceShape,
  }),
]);

/**
 * What counts as consensus under a consensus method. Whatever the rule, an objection recorded by
 * a member entitled to take part means there is no consensus; the rules differ on those present
 * who recorded nothing:
 * - `declaredByChair`: the person presiding declares the sense of the meeting, and any member's
 *   objection is recorded by name; without a declaration, every member present records a view.
 * - `everyMemberPresentRecorded`: every member present and entitled records a view (agree or
 *   stand aside), at least one agrees and no one objects.
 * - `silenceIsAssent`: those present who record nothing are taken to agree. Only where the terms
 *   say so; the result then says so.
 */
export const consensusRules = [
  'declaredByChair',
  'everyMemberPresentRecorded',
  'silenceIsAssent',
] as const;
export type ConsensusRuleKind = (typeof consensusRules)[number];

export const consensusRuleSchema = z
  .strictObject({ rule: z.enum(consensusRules), ...provenanceShape })
  .meta({
    id: 'ConsensusRule',
    description:
      'What counts as consensus: declaredByChair (the person presiding declares the sense of the meeting, objections recorded), everyMemberPresentRecorded, or silenceIsAssent (only where the terms say so). Without it, every member present must record a view.',
  });
export type ConsensusRule = z.infer<typeof consensusRuleSchema>;

export const voteBases = ['present', 'votesCast', 'yesPlusNo', 'allEntitled'] as const;
export type VoteBase = (typeof voteBases)[number];

export const decisionMethodSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('consensus'),
      id: identifierSchema,
      title: z.string().min(1),
      ...provenanceShape,
      electorate: electorateSchema.optional(),
      consensusIs: consensusRuleSchema.optional(),
      withoutConsensus: z.discriminatedUnion('fallback', [
        z.strictObject({
          fallback: z.literal('advice'),
          to: z.array(identifierSchema).min(1),
          ...provenanceShape,
        }),
        z.strictObject({ fallback: z.literal('disputeProcedure'), ...provenanceShape }),
      ]),
    }),
    z.strictObject({
      kind: z.literal('simpleMajority'),
      id: identifierSchema,
      title: z.string().min(1),
      ...provenanceShape,
      electorate: electorateSchema.optional(),
      castingVote: z
        .strictObject({ by: z.literal('presiding'), ...provenanceShape })
        .optional()
        .meta({ description: 'Without it, a tie means the proposal is not carried.' }),
    }),
    z.strictObject({
      kind: z.literal('supermajority'),
      id: identifierSchema,
      title: z.string().min(1),
      ...provenanceShape,
      electorate: electorateSchema.optional(),
      threshold: fractionSchema,
      base: z.enum(voteBases).meta({
        description:
          'What the threshold is a fraction of: present (entitled and present), votesCast (for + against + abstain), yesPlusNo, allEntitled (present or not).',
      }),
      weighting: z
        .strictObject({ by: z.literal('share'), ...provenanceShape })
        .optional()
        .meta({ description: 'Each vote counts its share (an integer, e.g. of the portfolio).' }),
    }),
    z.strictObject({
      kind: z.literal('reserved'),
      id: identifierSchema,
      title: z.string().min(1),
      ...provenanceShape,
      decidedBy: z.array(identifierSchema).min(1),
      adviceBy: identifierSchema.optional().meta({
        description: 'A consensus method the body uses to form its advice.',
      }),
    }),
  ])
  .meta({ id: 'DecisionMethod' });

export const decisionKindSchema = z
  .strictObject({
    id: identifierSchema,
    title: z.string().min(1),
    ...provenanceShape,
    method: identifierSchema,
    binds: z.strictObject({ on: z.array(identifierSchema).min(1), ...provenanceShape }).optional(),
  })
  .meta({ id: 'DecisionKind', description: 'A kind of decision, the clause that brings it here.' });

export const disputeStepSchema = z
  .discriminatedUnion('step', [
    z.strictObject({
      step: z.literal('agreeProcess'),
      id: identifierSchema,
      ...provenanceShape,
      agreedBy: identifierSchema.optional(),
    }),
    z.strictObject({
      step: z.literal('vote'),
      id: identifierSchema,
      ...provenanceShape,
      method: identifierSchema,
    }),
    z.strictObject({
      step: z.literal('mediation'),
      id: identifierSchema,
      ...provenanceShape,
      conductedBy: z.literal('chair'),
    }),
    z.strictObject({
      step: z.literal('facilitation'),
      id: identifierSchema,
      ...provenanceShape,
      by: identifierSchema,
      when: z.enum(['afterPreviousStep', 'endOfReview']),
    }),
    z.strictObject({
      step: z.literal('signOff'),
      id: identifierSchema,
      ...provenanceShape,
      by: identifierSchema,
    }),
  ])
  .meta({ id: 'DisputeStep' });

export const disputeCategorySchema = z
  .strictObject({
    id: identifierSchema,
    title: z.string().min(1),
    ...provenanceShape,
    definedBy: z.strictObject(provenanceShape).optional(),
    ladder: z.array(disputeStepSchema).min(1),
  })
  .meta({ id: 'DisputeCategory' });

export const disputesSchema = z
  .strictObject({
    ...provenanceShape,
    alongside: z
      .strictObject({ performanceManagementBy: identifierSchema, ...provenanceShape })
      .optional(),
    categories: z.array(disputeCategorySchema).min(1),
  })
  .meta({ id: 'Disputes' });

export const cadences = ['week', 'month', 'quarter', 'year', 'asRequired'] as const;

export const meetingsSchema = z
  .strictObject({
    cadence: z.strictObject({ every: z.enum(cadences), ...provenanceShape }),
    notice: z.strictObject({ clearDays: z.int().min(0), ...provenanceShape }),
    requisition: z
      .strictObject({ fractionOfMembers: fractionSchema, ...provenanceShape })
      .optional(),
  })
  .meta({ id: 'Meetings' });

export const reportKinds = ['minutes', 'annualReport', 'progressUpdate', 'briefing'] as const;
export const reportFrequencies = ['everyMeeting', 'monthly', 'annually', 'regularly'] as const;

export const reportingDutySchema = z
  .strictObject({
    id: identifierSchema,
    report: z.enum(reportKinds),
    to: z.array(identifierSchema).min(1),
    by: z.array(identifierSchema).min(1).optional().meta({
      description: 'Seat roles whose holders carry the duty; omitted means the body.',
    }),
    frequency: z.enum(reportFrequencies),
    ...provenanceShape,
  })
  .meta({ id: 'ReportingDuty' });

export const adoptionSchema = z
  .strictObject({ by: identifierSchema, ...provenanceShape })
  .meta({ id: 'Adoption', description: 'Which boards must formally adopt each version.' });

export const delegationSchema = z
  .strictObject({
    from: identifierSchema,
    matters: z.array(z.string().min(1)).min(1),
    ...provenanceShape,
  })
  .meta({ id: 'Delegation', description: 'Authority delegated to the body and by whom.' });

export const provisionSchema = z
  .strictObject({
    id: identifierSchema,
    ...provenanceShape,
    recordedBy: z.string().min(1).meta({
      description: 'The Concordat capability that records or reports this provision.',
    }),
  })
  .meta({
    id: 'Provision',
    description: 'A rule the engine does not execute but Concordat records or reports.',
  });

export const invitedAttendeesSchema = z
  .strictObject({ mayVote: z.literal(false), ...provenanceShape })
  .meta({ id: 'InvitedAttendees' });

export const secretBallotsSchema = z
  .strictObject({
    whoHasVoted: z.enum(['shown', 'hidden']).meta({
      description:
        'Whether the chair and secretariat see who has and has not voted while a secret ballot is open. Without this rule it is hidden.',
    }),
    ...provenanceShape,
  })
  .meta({
    id: 'SecretBallots',
    description:
      'What may be shown of a secret ballot while it is open. How anyone voted, and any count of the choices, is never shown before it closes.',
  });

export const constitutionSchema = z
  .strictObject({
    formatVersion: z.literal(1),
    identity: identitySchema,
    effective: datedRuleSchema,
    review: reviewSchema,
    sources: z.array(sourceSchema).min(1),
    sectors: z.array(sectorSchema).optional(),
    bodies: z.array(bodySchema).optional(),
    constituents: z.array(bodySchema).optional(),
    accountableTo: z.array(accountabilitySchema).min(1),
    adoption: adoptionSchema.optional(),
    delegation: delegationSchema.optional(),
    seats: z.array(seatSchema).min(1),
    seatGroups: z.array(seatGroupSchema).optional(),
    invitedAttendees: invitedAttendeesSchema.optional(),
    chair: chairSchema,
    quorum: quorumSchema,
    deputies: deputiesSchema.optional(),
    conflictsOfInterest: conflictsOfInterestSchema.optional(),
    decisionMethods: z.array(decisionMethodSchema).min(1),
    secretBallots: secretBallotsSchema.optional(),
    decisionKinds: z.array(decisionKindSchema).min(1),
    disputes: disputesSchema.optional(),
    meetings: meetingsSchema,
    reporting: z.array(reportingDutySchema).optional(),
    provisions: z.array(provisionSchema).optional(),
  })
  .meta({
    id: 'Constitution',
    title: 'Concordat constitution',
    description:
      "A body's terms of reference as data: seats, chair, quorum, decision methods, disputes, meetings, reporting and review, each rule citing its clause.",
  });

export type Constitution = z.infer<typeof constitutionSchema>;
export type Seat = z.infer<typeof seatSchema>;
export type SeatGroup = z.infer<typeof seatGroupSchema>;
export type Count = z.infer<typeof countSchema>;
export type Body = z.infer<typeof bodySchema>;
export type DecisionMethod = z.infer<typeof decisionMethodSchema>;
export type DecisionKind = z.infer<typeof decisionKindSchema>;
export type DisputeCategory = z.infer<typeof disputeCategorySchema>;
export type DisputeStep = z.infer<typeof disputeStepSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;
export type Assumption = z.infer<typeof assumptionSchema>;
export type ChairSelection = z.infer<typeof chairSelectionSchema>;
export type ConsensusMethod = Extract<DecisionMethod, { kind: 'consensus' }>;

/** The reference that means "each constituent body" wherever a body id is expected. */
export const eachConstituent = 'constituents';
