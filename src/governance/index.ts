/**
 * `concordat/governance`: the pure governance engine. A body's terms of reference are a
 * constitution (data, validated by {@link parseConstitution}); these functions execute it and
 * every result explains itself, citing the clause it applied and the facts it counted.
 *
 * Nothing here performs I/O or reads the clock: facts and dates are arguments. When facts do not
 * fit the constitution the functions return `{ ok: false, errors }` with typed errors, never a
 * guess.
 *
 * @packageDocumentation
 */

export {
  businessServiceClause,
  businessServiceClauseText,
  businessServiceMayNotOwn,
  type OwnedRecord,
} from './business-service-rule.ts';
export { addDays, daysBetween, type IsoDate, isIsoDate } from './calendar.ts';
export { type PresidingResult, presidingMember } from './chair.ts';
export {
  type CompositionFinding,
  type CompositionResult,
  type CompositionViolation,
  describeRoute,
  validateComposition,
} from './composition.ts';
export {
  type ConsensusJudgement,
  consensusRuleOf,
  consensusRuleWords,
  type DeclaredSense,
  judgeConsensus,
  type ViewsOfThosePresent,
} from './consensus.ts';
export { bodyName } from './constitution-model.ts';
export {
  type AbsentChairRule,
  type Assumption,
  type Body,
  type ChairSelection,
  type ConsensusMethod,
  type ConsensusRule,
  type ConsensusRuleKind,
  type Constitution,
  type Count,
  constitutionSchema,
  type DecisionKind,
  type DecisionMethod,
  type DisputeCategory,
  type DisputeStep,
  eachConstituent,
  type FillMethod,
  type Provenance,
  type QuorumCondition,
  type Seat,
  type SeatGroup,
  type VoteBase,
  voteBases,
} from './constitution-schema.ts';
export {
  type ConstitutionIssue,
  type ConstitutionIssueCode,
  describeSchemaIssues,
  type IssuePath,
  type ParseConstitutionResult,
  parseConstitution,
} from './constitution-validation.ts';
export { type ConstitutionChange, type ConstitutionDiff, diffConstitutions } from './diff.ts';
export {
  type DisputeStatus,
  type DisputeStepDescription,
  type DisputeStepResult,
  describeDisputeStep,
  disputeOutcomeLabels,
  disputeStepKindLabels,
  nextDisputeStep,
} from './disputes.ts';
export {
  type Citation,
  type CountedFact,
  type Exclusion,
  type Explanation,
  formatExplanation,
} from './explanation.ts';
export {
  type AdoptionFacts,
  type AttendanceFact,
  type AttendanceStatus,
  adoptionFactsSchema,
  attendanceFactSchema,
  type ConflictFact,
  conflictFactSchema,
  type DisputeFacts,
  type DisputeHistoryEntry,
  type DisputeOutcome,
  disputeFactsSchema,
  type InvitedAttendeeFact,
  type MeetingFacts,
  type MemberFact,
  meetingFactsSchema,
  memberFactSchema,
  type PartyFact,
  type TallyFacts,
  tallyFactsSchema,
  type VoteChoice,
  type VoteFact,
  voteFactSchema,
} from './facts.ts';
export {
  describeFraction,
  type Fraction,
  meetsFraction,
  smallestMeeting,
} from './fraction.ts';
export {
  type AdoptionStatus,
  adoptionStatus,
  checkNotice,
  constitutionInForce,
  type NoticeCheck,
  type ReviewStatus,
  reviewStatus,
} from './lifecycle.ts';
export {
  needsQuorateMeeting,
  type QuestionAction,
  type QuorumSafeguard,
  quorumSafeguard,
} from './question-safeguards.ts';
export {
  describeQuorumCondition,
  evaluateQuorum,
  type QuorumConditionResult,
  type QuorumOptions,
  type QuorumResult,
} from './quorum.ts';
export type { EngineError, EngineErrorCode, EngineResult, FactPath } from './result.ts';
export {
  type BallotRoll,
  ballotRoll,
  type RangeOfViews,
  type TallyCounts,
  type TallyOutcome,
  type TallyRequest,
  type TallyResult,
  tally,
  type VoteJudgement,
} from './tally.ts';
