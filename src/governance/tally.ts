/**
 * Tally: applies a decision method to the votes (or expressed views) on one item and explains the
 * outcome. Arithmetic is exact on integers: a threshold p/q of a base is met when
 * for × q ≥ p × base, so 75% of 7 needs 6, of 8 needs 6 and of 4 needs 3.
 *
 * Members whose seat does not vote, members with a declared conflict on the item, deputies who may
 * not vote and invited attendees are left out of every count and reported, each with the clause
 * that leaves them out. Votes that cannot be placed (from someone who is neither a member nor an
 * invited attendee, from an absent member, twice from one voter) are errors, never guessed at.
 */

import { decidePresiding } from './chair.ts';
import { consensusRuleOf, type DeclaredSense, judgeConsensus } from './consensus.ts';
import { bodyName, methodById } from './constitution-model.ts';
import type {
  Constitution,
  DecisionKind,
  DecisionMethod,
  Provenance,
} from './constitution-schema.ts';
import {
  type Citation,
  type CountedFact,
  citationOf,
  type Exclusion,
  type Explanation,
  listInWords,
  plural,
  uniqueCitations,
} from './explanation.ts';
import { type TallyFacts, tallyFactsSchema, type VoteChoice } from './facts.ts';
import {
  describeFraction,
  meetsFraction,
  showFractionComparison,
  smallestMeeting,
} from './fraction.ts';
import {
  checkConflictIds,
  conflictsForItem,
  parseFacts,
  type ResolvedAttendance,
  type ResolvedMember,
  resolveAttendance,
  resolveMembers,
} from './membership.ts';
import { evaluateQuorum, type QuorumResult } from './quorum.ts';
import { type EngineError, type EngineResult, engineError, failure, success } from './result.ts';

/** Which rule to apply: a decision method by id, or a kind of decision (which names its method). */
export type TallyRequest = { readonly method: string } | { readonly kind: string };

export type TallyOutcome =
  | 'carried'
  | 'notCarried'
  | 'castingVoteRequired'
  | 'consensus'
  | 'noConsensus'
  | 'advice'
  | 'inquorate';

export interface TallyCounts {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
  /** Entitled voters (present, for the members' electorate) who recorded no vote or view. */
  readonly noVote: number;
  /** The base of a threshold (votes, or weights under weighting), when the method has one. */
  readonly base?: number;
  /** The least `for` (votes or weight) that meets the threshold. */
  readonly needed?: number;
  /** Weight of the votes for, under a share-weighted method. */
  readonly weightFor?: number;
}

/** Names of those who took each view, for advice that sets out the range of views. */
export interface RangeOfViews {
  readonly for: readonly string[];
  readonly against: readonly string[];
  readonly abstain: readonly string[];
  readonly noViewRecorded: readonly string[];
}

export interface TallyResult {
  readonly outcome: TallyOutcome;
  /** True only when the body itself has decided (carried, not carried, or consensus). */
  readonly isDecision: boolean;
  readonly method: {
    readonly id: string;
    readonly kind: DecisionMethod['kind'];
    readonly title: string;
  };
  readonly decisionKind?: { readonly id: string; readonly title: string; readonly clause: string };
  readonly counts: TallyCounts;
  readonly castingVoteUsed: boolean;
  readonly rangeOfViews: RangeOfViews;
  /** For advice: who it goes to and who decides. */
  readonly advice?: {
    readonly to: readonly { readonly id: string; readonly name: string }[];
    readonly decidedBy: readonly { readonly id: string; readonly name: string }[];
    readonly consensusOnAdvice: boolean;
  };
  /** Without consensus, where the matter goes instead (the dispute procedure). */
  readonly referral?: { readonly to: 'disputeProcedure'; readonly clause: string };
  /** Bodies bound by the decision, where the kind of decision binds others. */
  readonly binds?: readonly { readonly id: string; readonly name: string }[];
  readonly quorum?: QuorumResult;
  /** Under consensus (or advice agreed by consensus): the rule applied and any declared sense. */
  readonly consensus?: {
    readonly rule: string;
    readonly clause: string;
    readonly reached: boolean;
    readonly declaredSense?: DeclaredSense;
  };
  readonly explanation: Explanation;
}

interface Voter {
  readonly id: string;
  readonly name: string;
  readonly entitled: boolean;
  /** Undefined when not known (parties without a presence record). */
  readonly present: boolean | undefined;
  readonly share: number | undefined;
  readonly path: ReadonlyArray<string | number>;
}

interface Electorate {
  readonly voters: readonly Voter[];
  readonly excluded: Exclusion[];
  readonly citations: Citation[];
  /** Ids whose votes are excluded rather than errors (invited attendees). */
  readonly nonMembers: ReadonlyMap<string, string>;
  readonly members?: readonly ResolvedMember[];
  readonly attendance?: ReadonlyMap<string, ResolvedAttendance>;
}

function resolveMethod(
  constitution: Constitution,
  request: TallyRequest,
): EngineResult<{ method: DecisionMethod; kind: DecisionKind | undefined }> {
  if ('kind' in request) {
    const kind = constitution.decisionKinds.find((entry) => entry.id === request.kind);
    if (!kind) {
      return failure([
        engineError(
          'unknown-kind',
          `unknown kind of decision "${request.kind}": the kinds are ${constitution.decisionKinds.map((entry) => entry.id).join(', ')}`,
        ),
      ]);
    }
    const method = methodById(constitution, kind.method);
    return method
      ? success({ method, kind })
      : failure([
          engineError('unknown-method', `kind "${kind.id}" names unknown method "${kind.method}"`),
        ]);
  }
  const method = methodById(constitution, request.method);
  return method
    ? success({ method, kind: undefined })
    : failure([
        engineError(
          'unknown-method',
          `unknown decision method "${request.method}": the methods are ${constitution.decisionMethods.map((entry) => entry.id).join(', ')}`,
        ),
      ]);
}

function buildMemberElectorate(
  constitution: Constitution,
  facts: TallyFacts,
): EngineResult<Electorate> {
  if (!facts.members || !facts.attendance) {
    return failure([
      engineError(
        'electorate-mismatch',
        'this method is voted on by the members: give members and attendance',
      ),
    ]);
  }
  if (facts.parties) {
    return failure([
      engineError(
        'electorate-mismatch',
        'this method is voted on by the members, not by parties: leave out parties',
        {
          path: ['parties'],
        },
      ),
    ]);
  }
  const members = resolveMembers(constitution, facts.members);
  if (!members.ok) return members;
  const attendance = resolveAttendance(constitution, members.value, facts.attendance);
  if (!attendance.ok) return attendance;
  const conflictErrors = checkConflictIds(
    facts.conflicts,
    new Set(members.value.map((member) => member.fact.id)),
  );
  if (conflictErrors.length > 0) return failure(conflictErrors);
  const conflicts = conflictsForItem(facts.conflicts, facts.itemId);
  const excluded: Exclusion[] = [];
  const citations: Citation[] = [];
  const voters: Voter[] = members.value.map((member) => {
    const record = attendance.value.get(member.fact.id);
    const present = record?.status === 'present' || record?.status === 'deputy';
    let entitled = true;
    const exclude = (reason: string, rule: Provenance | undefined): void => {
      entitled = false;
      // Only those at the meeting are reported: an absent observer was never going to vote.
      if (!present) return;
      excluded.push({
        id: member.fact.id,
        name: member.fact.name,
        reason,
        ...(rule ? { clause: rule.clause } : {}),
      });
      if (rule) citations.push(citationOf(rule));
    };
    const conflict = conflicts.get(member.fact.id);
    if (!member.seat.voting.entitled) {
      exclude(`holds a non-voting seat (${member.seat.title})`, member.seat.voting);
    } else if (conflict) {
      exclude(
        `declared an interest${facts.itemId ? ` in item ${facts.itemId}` : ''} (${conflict.interest}) and may not vote on it`,
        constitution.conflictsOfInterest,
      );
    } else if (
      record?.status === 'deputy' &&
      constitution.deputies &&
      !constitution.deputies.mayVote
    ) {
      exclude(
        `is represented by a deputy${record.deputyName ? ` (${record.deputyName})` : ''}, who may not vote`,
        constitution.deputies,
      );
    }
    return {
      id: member.fact.id,
      name: member.fact.name,
      entitled,
      present,
      share: member.fact.share,
      path: ['members', member.index],
    };
  });
  const nonMembers = new Map<string, string>();
  for (const attendee of facts.invitedAttendees ?? []) nonMembers.set(attendee.id, attendee.name);
  return success({
    voters,
    excluded,
    citations,
    nonMembers,
    members: members.value,
    attendance: attendance.value,
  });
}

function buildPartyElectorate(
  constitution: Constitution,
  facts: TallyFacts,
): EngineResult<Electorate> {
  if (!facts.parties) {
    return failure([
      engineError(
        'electorate-mismatch',
        'this method is voted on by parties (e.g. the members of a consortium): give parties',
      ),
    ]);
  }
  if (facts.members || facts.attendance) {
    return failure([
      engineError(
        'electorate-mismatch',
        'this method is voted on by parties, not by the members: leave out members and attendance',
        {
          path: [facts.members ? 'members' : 'attendance'],
        },
      ),
    ]);
  }
  const errors: EngineError[] = [];
  const seen = new Set<string>();
  facts.parties.forEach((party, index) => {
    if (seen.has(party.id)) {
      errors.push(
        engineError('duplicate-id', `party id "${party.id}" appears twice`, {
          path: ['parties', index, 'id'],
        }),
      );
    }
    seen.add(party.id);
  });
  errors.push(...checkConflictIds(facts.conflicts, seen));
  if (errors.length > 0) return failure(errors);
  const conflicts = conflictsForItem(facts.conflicts, facts.itemId);
  const excluded: Exclusion[] = [];
  const citations: Citation[] = [];
  const voters: Voter[] = facts.parties.map((party, index) => {
    const conflict = conflicts.get(party.id);
    if (conflict) {
      excluded.push({
        id: party.id,
        name: party.name,
        reason: `declared an interest (${conflict.interest}) and may not vote on it`,
        ...(constitution.conflictsOfInterest
          ? { clause: constitution.conflictsOfInterest.clause }
          : {}),
      });
      if (constitution.conflictsOfInterest)
        citations.push(citationOf(constitution.conflictsOfInterest));
    }
    return {
      id: party.id,
      name: party.name,
      entitled: conflict === undefined,
      present: party.present,
      share: party.share,
      path: ['parties', index],
    };
  });
  return success({ voters, excluded, citations, nonMembers: new Map() });
}

interface CountedVotes {
  readonly choices: ReadonlyMap<string, VoteChoice>;
  readonly excludedVotes: Exclusion[];
}

/** How one vote stands against the electorate: counted, left out with the reason, or an error. */
export type VoteJudgement =
  | { readonly counted: true }
  | { readonly counted: false; readonly exclusion: Exclusion }
  | { readonly counted: false; readonly error: EngineError };

interface JudgedElectorate {
  readonly electorate: Electorate;
  readonly voters: ReadonlyMap<string, Voter>;
  readonly exclusions: ReadonlyMap<string, Exclusion>;
}

function judgedElectorate(electorate: Electorate): JudgedElectorate {
  return {
    electorate,
    voters: new Map(electorate.voters.map((voter) => [voter.id, voter])),
    exclusions: new Map(electorate.excluded.map((exclusion) => [exclusion.id, exclusion])),
  };
}

/**
 * The one rule for placing a vote, used by the count and by `ballotRoll`: a member present and
 * entitled is counted; an invited attendee's vote, or a present member's whose seat, interest or
 * deputy leaves them out, is excluded with the reason; anyone else's is an error.
 */
function judgeVote(
  judged: JudgedElectorate,
  voterId: string,
  path: ReadonlyArray<string | number>,
): VoteJudgement {
  const voter = judged.voters.get(voterId);
  const attendeeName = judged.electorate.nonMembers.get(voterId);
  if (!voter && attendeeName !== undefined) {
    return {
      counted: false,
      exclusion: {
        id: voterId,
        name: attendeeName,
        reason: 'attends by invitation, is not a member, and may not vote; the vote is not counted',
      },
    };
  }
  if (!voter) {
    return {
      counted: false,
      error: engineError(
        'unknown-voter',
        `a vote is recorded for "${voterId}", who is not entitled to take part`,
        { path },
      ),
    };
  }
  if (voter.present === false) {
    return {
      counted: false,
      error: engineError(
        'voter-not-present',
        `a vote is recorded for ${voter.name}, who is not recorded as present`,
        { path },
      ),
    };
  }
  if (!voter.entitled) {
    const exclusion = judged.exclusions.get(voter.id) ?? {
      id: voter.id,
      name: voter.name,
      reason: 'may not vote on this item',
    };
    return { counted: false, exclusion };
  }
  return { counted: true };
}

function countVotes(electorate: Electorate, facts: TallyFacts): EngineResult<CountedVotes> {
  const errors: EngineError[] = [];
  const choices = new Map<string, VoteChoice>();
  const excludedVotes: Exclusion[] = [];
  const seen = new Set<string>();
  const judged = judgedElectorate(electorate);
  facts.votes.forEach((vote, index) => {
    const path = ['votes', index, 'voterId'];
    if (seen.has(vote.voterId)) {
      errors.push(
        engineError('duplicate-vote', `"${vote.voterId}" has more than one vote recorded`, {
          path,
        }),
      );
      return;
    }
    seen.add(vote.voterId);
    const judgement = judgeVote(judged, vote.voterId, path);
    if ('error' in judgement) errors.push(judgement.error);
    // A present member left out is already in the electorate's exclusions.
    else if ('exclusion' in judgement && !judged.voters.has(vote.voterId)) {
      excludedVotes.push(judgement.exclusion);
    } else if (judgement.counted) choices.set(vote.voterId, vote.choice);
  });
  return errors.length > 0 ? failure(errors) : success({ choices, excludedVotes });
}

/** Judges one voter at a time against a question's electorate, built once. */
export interface BallotRoll {
  /** Whether a vote from this voter would be counted, and if not why: the rule `tally` applies. */
  judge(voterId: string): VoteJudgement;
}

/**
 * The electorate of one question, built once from the meeting's facts, so each vote cast can be
 * judged without tallying every vote again. Judging a voter here and counting their vote in
 * `tally` apply the same rule (`judgeVote`).
 */
export function ballotRoll(
  constitution: Constitution,
  request: TallyRequest,
  facts: Omit<TallyFacts, 'votes' | 'castingVote'>,
): EngineResult<BallotRoll> {
  const parsed = parseFacts(tallyFactsSchema, { ...facts, votes: [] });
  if (!parsed.ok) return parsed;
  const resolved = resolveMethod(constitution, request);
  if (!resolved.ok) return resolved;
  const { method } = resolved.value;
  const electorate =
    method.kind !== 'reserved' && method.electorate?.of === 'parties'
      ? buildPartyElectorate(constitution, parsed.value)
      : buildMemberElectorate(constitution, parsed.value);
  if (!electorate.ok) return electorate;
  const judged = judgedElectorate(electorate.value);
  return success({ judge: (voterId) => judgeVote(judged, voterId, ['votes', 0, 'voterId']) });
}

function rangeOf(electorate: Electorate, choices: ReadonlyMap<string, VoteChoice>): RangeOfViews {
  const entitled = electorate.voters.filter((voter) => voter.entitled);
  const named = (choice: VoteChoice): string[] =>
    entitled.filter((voter) => choices.get(voter.id) === choice).map((voter) => voter.name);
  return {
    for: named('for'),
    against: named('against'),
    abstain: named('abstain'),
    noViewRecorded: entitled
      .filter((voter) => voter.present !== false && !choices.has(voter.id))
      .map((voter) => voter.name),
  };
}

/** Views under consensus (and advice), votes for a vote: "Agree", not "For", when views are asked. */
function describeRange(range: RangeOfViews, views: boolean): string[] {
  const words = views
    ? { for: 'Agree', against: 'Object', abstain: 'Stand aside', none: 'No view recorded' }
    : { for: 'For', against: 'Against', abstain: 'Abstaining', none: 'No vote recorded' };
  return [
    `${words.for}: ${range.for.length}${range.for.length ? ` (${listInWords(range.for)})` : ''}.`,
    `${words.against}: ${range.against.length}${range.against.length ? ` (${listInWords(range.against)})` : ''}.`,
    `${words.abstain}: ${range.abstain.length}${range.abstain.length ? ` (${listInWords(range.abstain)})` : ''}.`,
    ...(range.noViewRecorded.length
      ? [`${words.none}: ${listInWords(range.noViewRecorded)}.`]
      : []),
  ];
}

function countedFacts(range: RangeOfViews): CountedFact[] {
  return [
    { label: 'For', count: range.for.length, names: range.for },
    { label: 'Against', count: range.against.length, names: range.against },
    { label: 'Abstaining', count: range.abstain.length, names: range.abstain },
  ];
}

/** What a threshold is a fraction of, in words: a page never shows `allEntitled`. */
export const voteBaseWords = {
  present: 'those entitled to vote who are present',
  votesCast: 'votes cast (for, against and abstentions)',
  yesPlusNo: 'votes for and against',
  allEntitled: 'all those entitled to vote, present or not',
} as const;

/**
 * Apply a decision method to the votes on one item.
 *
 * @param constitution A validated constitution.
 * @param request `{ method }` for a decision method by id, or `{ kind }` for a kind of decision,
 *   which names its method (and may bind other bodies).
 * @param facts For a members' method: the whole membership, attendance, conflicts and votes (the
 *   quorum is checked first); for a parties' method (e.g. a procurement consortium): the parties
 *   with any shares, and votes.
 * @returns The outcome (carried, not carried, consensus, advice, …), counts, the range of views and
 *   an explanation citing the clauses; or errors when the facts do not fit.
 */
export function tally(
  constitution: Constitution,
  request: TallyRequest,
  facts: TallyFacts,
): EngineResult<TallyResult> {
  const parsed = parseFacts(tallyFactsSchema, facts);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const resolved = resolveMethod(constitution, request);
  if (!resolved.ok) return resolved;
  const { method, kind } = resolved.value;
  // A casting vote exists only where the method gives one; any other method would otherwise
  // close on whatever the votes say, with the casting vote silently ignored.
  if (input.castingVote && !(method.kind === 'simpleMajority' && method.castingVote)) {
    return failure([
      engineError(
        'casting-vote-invalid',
        `a casting vote is recorded, but ${method.title} (${method.clause}) gives no one a casting vote`,
        { path: ['castingVote'], clause: method.clause },
      ),
    ]);
  }
  const electorateRule = method.kind === 'reserved' ? undefined : method.electorate;
  const byParties = electorateRule?.of === 'parties';
  const electorate = byParties
    ? buildPartyElectorate(constitution, input)
    : buildMemberElectorate(constitution, input);
  if (!electorate.ok) return electorate;
  const votes = countVotes(electorate.value, input);
  if (!votes.ok) return votes;

  const citations: Citation[] = [citationOf(method)];
  if (kind) citations.unshift(citationOf(kind));
  if (electorateRule?.of === 'parties') citations.push(citationOf(electorateRule));
  citations.push(...electorate.value.citations);
  const excluded = [...electorate.value.excluded, ...votes.value.excludedVotes];
  const range = rangeOf(electorate.value, votes.value.choices);
  const lines: string[] = [];
  if (kind) lines.push(`Kind of decision: ${kind.title} (${kind.clause}).`);
  lines.push(`Method: ${method.title} (${method.clause}).`);
  if (electorateRule?.of === 'parties') lines.push(`Voting: ${electorateRule.description}.`);

  let quorum: QuorumResult | undefined;
  // Parties vote at a meeting too: given its facts, its quorum is checked as the members' is.
  const quorumFacts = byParties
    ? input.meeting
    : input.members && input.attendance
      ? {
          members: input.members,
          attendance: input.attendance,
          ...(input.conflicts ? { conflicts: input.conflicts } : {}),
          ...(input.invitedAttendees ? { invitedAttendees: input.invitedAttendees } : {}),
        }
      : undefined;
  if (quorumFacts) {
    const quorumResult = evaluateQuorum(
      constitution,
      quorumFacts,
      input.itemId !== undefined ? { itemId: input.itemId } : {},
    );
    if (!quorumResult.ok) return quorumResult;
    quorum = quorumResult.value;
    citations.push(citationOf(constitution.quorum));
    if (!quorum.quorate) {
      const summary = `No decision: the meeting is ${quorum.finding}.`;
      return success({
        outcome: 'inquorate',
        isDecision: false,
        method: { id: method.id, kind: method.kind, title: method.title },
        ...(kind ? { decisionKind: { id: kind.id, title: kind.title, clause: kind.clause } } : {}),
        counts: {
          for: range.for.length,
          against: range.against.length,
          abstain: range.abstain.length,
          noVote: range.noViewRecorded.length,
        },
        castingVoteUsed: false,
        rangeOfViews: range,
        quorum,
        explanation: {
          clause: constitution.quorum.clause,
          text: constitution.quorum.text,
          summary,
          counted: quorum.explanation.counted,
          missing: quorum.explanation.missing,
          excluded: [...quorum.explanation.excluded, ...excluded],
          citations: uniqueCitations([citationOf(constitution.quorum), ...citations]),
          lines: [
            ...lines,
            ...quorum.explanation.lines,
            method.kind === 'consensus' || method.kind === 'reserved'
              ? 'No view can decide the item while the meeting is inquorate.'
              : 'No vote can decide the item while the meeting is inquorate.',
          ],
        },
      });
    }
    lines.push(`${sentenceCase(quorum.finding)}.`);
  }
  const quorumSentence = quorum ? ` ${sentenceCase(quorum.finding)}.` : '';

  const base = {
    method: { id: method.id, kind: method.kind, title: method.title },
    ...(kind ? { decisionKind: { id: kind.id, title: kind.title, clause: kind.clause } } : {}),
    rangeOfViews: range,
    ...(quorum ? { quorum } : {}),
  };
  const simpleCounts: TallyCounts = {
    for: range.for.length,
    against: range.against.length,
    abstain: range.abstain.length,
    noVote: range.noViewRecorded.length,
  };
  const binds = kind?.binds?.on.map((id) => ({ id, name: bodyName(constitution, id) }));
  if (kind?.binds) citations.push(citationOf(kind.binds));
  const decided = (
    outcome: TallyOutcome,
    counts: TallyCounts,
    summary: string,
    extraLines: string[],
    deciding: Provenance,
    extra: Partial<TallyResult> = {},
    missing: string[] = [],
  ): EngineResult<TallyResult> => {
    const isDecision = outcome === 'carried' || outcome === 'notCarried' || outcome === 'consensus';
    const bindingLines =
      isDecision && outcome !== 'notCarried' && binds
        ? [
            `The decision binds ${listInWords(binds.map((body) => body.name))} (${kind?.binds?.clause}).`,
          ]
        : [];
    return success({
      ...base,
      outcome,
      isDecision,
      counts,
      castingVoteUsed: false,
      ...(isDecision && outcome !== 'notCarried' && binds ? { binds } : {}),
      ...extra,
      explanation: {
        clause: deciding.clause,
        text: deciding.text,
        summary: `${summary}${quorumSentence}`,
        counted: countedFacts(range),
        missing,
        excluded,
        citations: uniqueCitations(citations),
        lines: [
          ...lines,
          ...describeRange(range, method.kind === 'consensus' || method.kind === 'reserved'),
          ...extraLines,
          ...bindingLines,
        ],
      },
    });
  };

  const consensusMethod =
    method.kind === 'consensus'
      ? method
      : method.kind === 'reserved' && method.adviceBy
        ? (() => {
            const advice = methodById(constitution, method.adviceBy);
            return advice?.kind === 'consensus' ? advice : undefined;
          })()
        : undefined;
  let declaredSense: DeclaredSense | undefined;
  if (input.senseOfMeeting) {
    const rule = consensusMethod ? consensusRuleOf(consensusMethod) : undefined;
    if (!consensusMethod || rule?.rule !== 'declaredByChair') {
      return failure([
        engineError(
          'sense-of-meeting-invalid',
          consensusMethod
            ? `the sense of the meeting is recorded, but under ${consensusMethod.title} (${rule?.clause}) consensus is not declared by the person presiding`
            : `the sense of the meeting is recorded, but ${method.title} (${method.clause}) is not decided by consensus`,
          { path: ['senseOfMeeting'], clause: rule?.clause ?? method.clause },
        ),
      ]);
    }
    if (!electorate.value.members || !electorate.value.attendance) {
      return failure([
        engineError(
          'sense-of-meeting-invalid',
          'the sense of the meeting is declared by the person presiding: give members and attendance',
          { path: ['senseOfMeeting'], clause: rule.clause },
        ),
      ]);
    }
    const presiding = decidePresiding(
      constitution,
      electorate.value.members,
      electorate.value.attendance,
      input.presidingMemberId,
    );
    if (!presiding.ok) return presiding;
    const presider = presiding.value.presiding;
    if (!presider || presider.id !== input.senseOfMeeting.declaredBy) {
      return failure([
        engineError(
          'sense-of-meeting-invalid',
          `the sense of the meeting is recorded as declared by "${input.senseOfMeeting.declaredBy}", but ${presider ? `${presider.name} presides` : 'no one presides'} (${rule.clause})`,
          { path: ['senseOfMeeting', 'declaredBy'], clause: rule.clause },
        ),
      ]);
    }
    citations.push(...presiding.value.explanation.citations);
    declaredSense = { declaredBy: presider, sense: input.senseOfMeeting.sense };
  }

  switch (method.kind) {
    case 'consensus':
      return consensusOutcome(
        constitution,
        method,
        range,
        simpleCounts,
        decided,
        citations,
        declaredSense,
      );
    case 'reserved': {
      const decidedBy = method.decidedBy.map((id) => ({ id, name: bodyName(constitution, id) }));
      const adviceMethod = method.adviceBy ? methodById(constitution, method.adviceBy) : undefined;
      const to =
        adviceMethod?.kind === 'consensus' && adviceMethod.withoutConsensus.fallback === 'advice'
          ? adviceMethod.withoutConsensus.to.map((id) => ({ id, name: bodyName(constitution, id) }))
          : decidedBy;
      if (adviceMethod) citations.push(citationOf(adviceMethod));
      const adviceRule = consensusMethod
        ? consensusRuleOf(consensusMethod)
        : {
            rule: 'everyMemberPresentRecorded' as const,
            clause: method.clause,
            text: method.text,
          };
      if (consensusMethod) citations.push(citationOf(adviceRule));
      const judgement = judgeConsensus(adviceRule, range, declaredSense);
      const agreed = judgement.reached;
      return decided(
        'advice',
        simpleCounts,
        `Advice, not a decision: ${method.clause} reserves this matter to ${listInWords(decidedBy.map((body) => body.name))}; ${constitution.identity.title} may only advise.`,
        [
          `Reserved matter (${method.clause}): "${method.text}"`,
          ...judgement.lines,
          agreed
            ? `The members agree their advice by consensus (${judgement.reason}); it goes to ${listInWords(to.map((body) => body.name))}.`
            : `No consensus on the advice (${judgement.reason}): it goes to ${listInWords(to.map((body) => body.name))} setting out the range of views above.`,
        ],
        method,
        {
          advice: { to, decidedBy, consensusOnAdvice: agreed },
          consensus: {
            rule: adviceRule.rule,
            clause: adviceRule.clause,
            reached: agreed,
            ...(declaredSense ? { declaredSense } : {}),
          },
        },
      );
    }
    case 'simpleMajority':
      return simpleMajorityOutcome(
        constitution,
        method,
        input,
        electorate.value,
        simpleCounts,
        decided,
        citations,
      );
    case 'supermajority':
      return supermajorityOutcome(
        method,
        electorate.value,
        votes.value.choices,
        simpleCounts,
        decided,
        citations,
      );
  }
}

type Decide = (
  outcome: TallyOutcome,
  counts: TallyCounts,
  summary: string,
  extraLines: string[],
  deciding: Provenance,
  extra?: Partial<TallyResult>,
  missing?: string[],
) => EngineResult<TallyResult>;

function consensusOutcome(
  constitution: Constitution,
  method: Extract<DecisionMethod, { kind: 'consensus' }>,
  range: RangeOfViews,
  counts: TallyCounts,
  decided: Decide,
  citations: Citation[],
  declaredSense: DeclaredSense | undefined,
): EngineResult<TallyResult> {
  const rule = consensusRuleOf(method);
  citations.push(citationOf(rule));
  const judgement = judgeConsensus(rule, range, declaredSense);
  const consensus = {
    rule: rule.rule,
    clause: rule.clause,
    reached: judgement.reached,
    ...(declaredSense ? { declaredSense } : {}),
  };
  if (judgement.reached) {
    return decided(
      'consensus',
      counts,
      `Decided by consensus under ${method.clause}: ${judgement.reason}.`,
      [...judgement.lines, 'Consensus: no member entitled to take part is against.'],
      method,
      { consensus },
    );
  }
  const why = judgement.reason;
  const fallback = method.withoutConsensus;
  if (fallback.fallback === 'advice') {
    const to = fallback.to.map((id) => ({ id, name: bodyName(constitution, id) }));
    return decided(
      'advice',
      counts,
      `No consensus under ${method.clause} (${why}): advice to ${listInWords(to.map((body) => body.name))} setting out the range of views.`,
      [...judgement.lines, `Without consensus (${fallback.clause}): "${fallback.text}"`],
      fallback,
      { advice: { to, decidedBy: to, consensusOnAdvice: false }, consensus },
      ['consensus'],
    );
  }
  return decided(
    'noConsensus',
    counts,
    `No consensus under ${method.clause} (${why}): the matter goes to the dispute resolution procedure (${fallback.clause}).`,
    [...judgement.lines, `Without consensus (${fallback.clause}): "${fallback.text}"`],
    fallback,
    { referral: { to: 'disputeProcedure', clause: fallback.clause }, consensus },
  );
}

function simpleMajorityOutcome(
  constitution: Constitution,
  method: Extract<DecisionMethod, { kind: 'simpleMajority' }>,
  facts: TallyFacts,
  electorate: Electorate,
  counts: TallyCounts,
  decided: Decide,
  citations: Citation[],
): EngineResult<TallyResult> {
  const tallyLine = `${counts.for} for and ${counts.against} against among those present and voting (abstentions are not votes).`;
  const tied = counts.for === counts.against && counts.for > 0;
  if (!tied && facts.castingVote) {
    return failure([
      engineError(
        'casting-vote-invalid',
        'a casting vote is recorded, but the votes are not tied',
        {
          path: ['castingVote'],
        },
      ),
    ]);
  }
  if (counts.for === 0 && counts.against === 0) {
    return decided(
      'notCarried',
      counts,
      `Not carried under ${method.clause}: no votes for or against were cast.`,
      [tallyLine],
      method,
    );
  }
  if (!tied) {
    const carried = counts.for > counts.against;
    return decided(
      carried ? 'carried' : 'notCarried',
      counts,
      `${carried ? 'Carried' : 'Not carried'} under ${method.clause}: ${counts.for} for, ${counts.against} against.`,
      [tallyLine],
      method,
    );
  }
  const rule = method.castingVote;
  if (!rule) {
    return decided(
      'notCarried',
      counts,
      `Not carried under ${method.clause}: the votes are tied ${counts.for}–${counts.against} and this method has no casting vote.`,
      [tallyLine, 'A tie is not a majority, and this method gives no one a casting vote.'],
      method,
    );
  }
  citations.push(citationOf(rule));
  if (!electorate.members || !electorate.attendance) {
    return failure([
      engineError(
        'casting-vote-invalid',
        'a casting vote by the person presiding needs the meeting: give members and attendance',
        {
          clause: rule.clause,
        },
      ),
    ]);
  }
  const presiding = decidePresiding(
    constitution,
    electorate.members,
    electorate.attendance,
    facts.presidingMemberId,
  );
  if (!presiding.ok) return presiding;
  citations.push(...presiding.value.explanation.citations);
  const presider = presiding.value.presiding;
  if (!facts.castingVote) {
    return decided(
      'castingVoteRequired',
      counts,
      `Tied ${counts.for}–${counts.against}: ${presider ? `${presider.name}, presiding,` : 'the person presiding'} has a casting vote (${rule.clause}), which is not yet recorded.`,
      [
        tallyLine,
        `Tie: the person presiding has a second, casting vote (${rule.clause}).`,
        ...presiding.value.explanation.lines,
      ],
      rule,
      {},
      ['the casting vote of the person presiding'],
    );
  }
  if (!presider || facts.castingVote.by !== presider.id) {
    return failure([
      engineError(
        'casting-vote-invalid',
        `the casting vote is recorded for "${facts.castingVote.by}", but ${presider ? `${presider.name} presides` : 'no one presides'} (${rule.clause})`,
        { path: ['castingVote', 'by'], clause: rule.clause },
      ),
    ]);
  }
  const carried = facts.castingVote.choice === 'for';
  return decided(
    carried ? 'carried' : 'notCarried',
    counts,
    `${carried ? 'Carried' : 'Not carried'} on the casting vote of ${presider.name} (${rule.clause}): the votes were tied ${counts.for}–${counts.against}.`,
    [
      tallyLine,
      `Tie: ${presider.name}, presiding, gave a casting vote ${facts.castingVote.choice} (${rule.clause}).`,
    ],
    rule,
    { castingVoteUsed: true },
  );
}

function supermajorityOutcome(
  method: Extract<DecisionMethod, { kind: 'supermajority' }>,
  electorate: Electorate,
  choices: ReadonlyMap<string, VoteChoice>,
  counts: TallyCounts,
  decided: Decide,
  citations: Citation[],
): EngineResult<TallyResult> {
  const weighted = method.weighting !== undefined;
  if (method.weighting) citations.push(citationOf(method.weighting));
  const entitled = electorate.voters.filter((voter) => voter.entitled);
  const inBaseBy: Record<typeof method.base, (voter: Voter) => boolean> = {
    present: (voter) => voter.present === true,
    votesCast: (voter) => choices.has(voter.id),
    yesPlusNo: (voter) => choices.get(voter.id) === 'for' || choices.get(voter.id) === 'against',
    allEntitled: () => true,
  };
  const inBase = entitled.filter(inBaseBy[method.base]);
  const errors: EngineError[] = [];
  if (method.base === 'present') {
    for (const voter of entitled) {
      if (voter.present === undefined) {
        errors.push(
          engineError(
            'missing-attendance',
            `the base is those present, but whether ${voter.name} is present is not recorded`,
            {
              path: [...voter.path, 'present'],
            },
          ),
        );
      }
    }
  }
  if (weighted) {
    for (const voter of inBase) {
      if (voter.share === undefined) {
        errors.push(
          engineError(
            'missing-share',
            `votes are weighted by share, but no share is recorded for ${voter.name}`,
            {
              path: [...voter.path, 'share'],
              clause: method.weighting?.clause,
            },
          ),
        );
      }
    }
  }
  if (errors.length > 0) return failure(errors);
  const weight = (voter: { share: number | undefined }): number =>
    weighted ? (voter.share ?? 0) : 1;
  const baseTotal = inBase.reduce((sum, voter) => sum + weight(voter), 0);
  const forTotal = entitled
    .filter((voter) => choices.get(voter.id) === 'for')
    .reduce((sum, voter) => sum + weight(voter), 0);
  const needed = smallestMeeting(baseTotal, method.threshold);
  const carried = baseTotal > 0 && meetsFraction(forTotal, baseTotal, method.threshold);

  const thresholdWords = `${describeFraction(method.threshold)} of ${baseTotal}${weighted ? ' (by share)' : ''} needs ${needed}`;
  const fullCounts: TallyCounts = {
    ...counts,
    base: baseTotal,
    needed,
    ...(weighted ? { weightFor: forTotal } : {}),
  };
  const lines = [
    `Base: ${voteBaseWords[method.base]}: ${baseTotal}${weighted ? ' by share' : ''}${inBase.length ? ` (${listInWords(inBase.map((voter) => voter.name))})` : ''}.`,
    weighted ? `Weight for: ${forTotal} of ${baseTotal}.` : `For: ${forTotal} of ${baseTotal}.`,
    baseTotal > 0
      ? `Threshold ${thresholdWords}: ${showFractionComparison(forTotal, baseTotal, method.threshold)}.`
      : 'The base is empty: no one counted, so the threshold cannot be met.',
    ...(weighted ? [unweightedComparison(method, inBase, entitled, choices)] : []),
  ];
  return decided(
    carried ? 'carried' : 'notCarried',
    fullCounts,
    `${carried ? 'Carried' : 'Not carried'} under ${method.clause}: ${weighted ? `weight for ${forTotal}` : `${forTotal} for`} out of a base of ${baseTotal}; ${thresholdWords}.`,
    lines,
    method,
    {},
    carried
      ? []
      : baseTotal === 0
        ? ['anyone entitled to vote']
        : weighted
          ? [`${needed - forTotal} more in favour by share (${needed} needed)`]
          : [`${plural(needed - forTotal, 'more vote')} for (${needed} needed)`],
  );
}

/**
 * What the same votes would have given one vote each: shown beside a weighted count, so a reader
 * sees what the weighting fixed at inception changed (2006 §111).
 */
function unweightedComparison(
  method: Extract<DecisionMethod, { kind: 'supermajority' }>,
  inBase: readonly Voter[],
  entitled: readonly Voter[],
  choices: ReadonlyMap<string, VoteChoice>,
): string {
  const base = inBase.length;
  const inFavour = entitled.filter((voter) => choices.get(voter.id) === 'for').length;
  const needed = smallestMeeting(base, method.threshold);
  const wouldCarry = base > 0 && meetsFraction(inFavour, base, method.threshold);
  return `Unweighted, one vote each, the same votes would be ${inFavour} for out of a base of ${base}; ${describeFraction(method.threshold)} of ${base} needs ${needed}: ${wouldCarry ? 'it would also have been carried' : 'it would not have been carried'}.`;
}

function sentenceCase(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
