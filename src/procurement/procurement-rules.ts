/**
 * The rules of procurement consortia, tenders and the procurement decisions register, pure: facts
 * in, answers out, each answer naming the rule it applies and, where there is one, its clause.
 *
 * 2006 §111: "Disputes involving issues about collective procurement will normally be resolved by
 * a 75% majority. Procurement consortia will need to determine the detailed implementation of this
 * arrangement as it applies to the scope and size of the consortia portfolios. … Any new
 * procurement consortium will agree its financial and decision making arrangements at inception,
 * consistent with arrangements already in place." DOMAIN (NHS England, Managing Conflicts of
 * Interest in the NHS): the procurement decisions register records "the decision, who was
 * involved, conflicts and how managed — complete before a contract is marked awarded".
 */
import { longDateText } from '../shared/long-date.ts';

export const implementationClause = {
  clause: '2006 §111',
  text: 'Procurement consortia will need to determine the detailed implementation of this arrangement as it applies to the scope and size of the consortia portfolios.',
} as const;

export const inceptionClause = {
  clause: '2006 §111',
  text: 'Any new procurement consortium will agree its financial and decision making arrangements at inception, consistent with arrangements already in place.',
} as const;

export const majorityClause = {
  clause: '2006 §111',
  text: 'Disputes involving issues about collective procurement will normally be resolved by a 75% majority.',
} as const;

export const registerClause = {
  clause: 'Managing Conflicts of Interest in the NHS',
  text: 'the procurement decisions register: the decision, who was involved, conflicts and how managed — complete before a contract is marked awarded',
} as const;

/** The London terms' method for a consortium's vote (2006 §111). */
export const consortiumMethodId = 'collective-procurement-majority';

/** 100% in hundredths of a per cent (basis points), so shares add up exactly. */
export const wholeShare = 10_000;

/** "23.47%" from 2347 basis points. */
export function shareInWords(basisPoints: number): string {
  return `${(basisPoints / 100).toFixed(2)}%`;
}

/** "£1,234,567.89" from 123456789 pence. */
export function moneyInWords(pence: number): string {
  const pounds = Math.trunc(pence / 100);
  const rest = Math.abs(pence % 100);
  return `£${pounds.toLocaleString('en-GB')}.${String(rest).padStart(2, '0')}`;
}

/**
 * Whole pence from what a person typed in pounds ("1,234,567.89", "£250000"), or a refusal: a
 * price is in whole pence, so a fraction of a penny is refused, not rounded.
 */
export function penceFromPounds(
  typed: string,
): { ok: true; pence: number } | { ok: false; message: string } {
  const cleaned = typed.trim().replace(/^£/, '').replaceAll(',', '');
  const match = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return { ok: false, message: 'Enter the price in pounds, like 1,250,000.00.' };
  const pounds = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > 2 && /[1-9]/.test(fraction.slice(2))) {
    return {
      ok: false,
      message: `${typed.trim()} has a fraction of a penny: a price is recorded in whole pence.`,
    };
  }
  const pence = Number(pounds) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (!Number.isSafeInteger(pence)) return { ok: false, message: 'That price is too large.' };
  return { ok: true, pence };
}

export const voteBases = ['allEntitled', 'present', 'votesCast', 'yesPlusNo'] as const;
export type VoteBase = (typeof voteBases)[number];
export const voteWeightings = ['share', 'none'] as const;
export type VoteWeighting = (typeof voteWeightings)[number];

export const baseWords: Record<VoteBase, string> = {
  allEntitled: 'all members entitled to vote, present or not',
  present: 'the members present',
  votesCast: 'the votes cast, abstentions included',
  yesPlusNo: 'the votes for and against, abstentions left out',
};

export const weightingWords: Record<VoteWeighting, string> = {
  share: 'each member’s vote weighs its share of the portfolio',
  none: 'one member, one vote',
};

/** "75% of all members entitled to vote, present or not; each member's vote weighs its share". */
export function ruleInWords(base: VoteBase, weighting: VoteWeighting): string {
  return `75% of ${baseWords[base]}; ${weightingWords[weighting]}`;
}

export interface MemberShare {
  organisationId: string;
  name: string;
  type: string;
  shareBasisPoints: number;
}

export interface RuleBroken {
  field: string;
  message: string;
}

export const primaryCareTrust = 'primary-care-trust';

/**
 * What is wrong with a consortium's members, if anything: at least two, each a PCT listed once,
 * each share above 0% and at most 100%, all summing to exactly 100.00% (2006 §111: the members
 * fix their shares of the portfolio at inception).
 */
export function membershipProblems(members: readonly MemberShare[]): RuleBroken[] {
  const problems: RuleBroken[] = [];
  if (members.length < 2) {
    problems.push({
      field: 'members',
      message: `Name at least two member PCTs: a procurement consortium procures for several PCTs together (${implementationClause.clause}).`,
    });
  }
  const seen = new Set<string>();
  members.forEach((member, index) => {
    if (member.type !== primaryCareTrust) {
      problems.push({
        field: `members.${index}.organisationId`,
        message: `${member.name} is not a PCT: the members of a procurement consortium are PCTs (${implementationClause.clause}).`,
      });
    }
    if (seen.has(member.organisationId)) {
      problems.push({
        field: `members.${index}.organisationId`,
        message: `${member.name} is listed more than once.`,
      });
    }
    seen.add(member.organisationId);
    if (member.shareBasisPoints <= 0 || member.shareBasisPoints > wholeShare) {
      problems.push({
        field: `members.${index}.share`,
        message: `${member.name}'s share must be more than 0% and at most 100%.`,
      });
    }
  });
  const total = members.reduce((sum, each) => sum + each.shareBasisPoints, 0);
  if (members.length > 0 && total !== wholeShare) {
    problems.push({
      field: 'members',
      message: `The members' shares add up to ${shareInWords(total)}, not 100.00%: the shares of the portfolio fixed at inception sum to exactly 100% (${inceptionClause.clause} "${inceptionClause.text}").`,
    });
  }
  return problems;
}

/** The refusal of any change to a consortium's inception record (decision 032). */
export function inceptionIsFixed(name: string): string {
  return `${name}'s inception record is fixed: its members, shares and 75% rule were agreed at inception (${inceptionClause.clause} "${inceptionClause.text}"). Record a new consortium instead.`;
}

export const tenderStages = ['bidding', 'evaluated', 'award-put', 'awarded'] as const;
export type TenderStage = (typeof tenderStages)[number];

export const tenderStageNames: Record<TenderStage, string> = {
  bidding: 'Taking bids',
  evaluated: 'Evaluated',
  'award-put': 'Award put to the consortium',
  awarded: 'Awarded',
};

export type TenderStep = 'bid' | 'evaluate' | 'put-award' | 'record-award';

const stepNeeds: Record<TenderStep, TenderStage> = {
  bid: 'bidding',
  evaluate: 'bidding',
  'put-award': 'evaluated',
  'record-award': 'award-put',
};

const stepWords: Record<TenderStep, string> = {
  bid: 'record a bid',
  evaluate: 'record the evaluation',
  'put-award': 'put the award to the consortium',
  'record-award': 'record the award',
};

/**
 * Why a step cannot be taken at the tender's stage, or null: bids are taken while bidding; the
 * evaluation closes bidding; the award is put once evaluated; it is recorded once put. A vote not
 * carried returns the tender to evaluated. No stage is skipped.
 */
export function stepProblem(stage: TenderStage, step: TenderStep): string | null {
  if (stepNeeds[step] === stage) return null;
  const order = 'taking bids, evaluated, award put to the consortium, awarded';
  return `The tender is at “${tenderStageNames[stage].toLowerCase()}”: you can ${stepWords[step]} only when it is at “${tenderStageNames[stepNeeds[step]].toLowerCase()}”. A tender goes through ${order}, and no stage is skipped.`;
}

export const scoreMaxima = { quality: 60, price: 40 } as const;

export interface BidScores {
  bidId: string;
  qualityScore: number;
  priceScore: number;
}

/** The highest total first; among equal totals the higher quality score, then the lower price. */
export function rankBids<T extends BidScores & { pricePence: number }>(bids: readonly T[]): T[] {
  return [...bids].sort(
    (a, b) =>
      b.qualityScore + b.priceScore - (a.qualityScore + a.priceScore) ||
      b.qualityScore - a.qualityScore ||
      a.pricePence - b.pricePence,
  );
}

/** What is wrong with an evaluation: every bid scored within range, the recommended bid one of them. */
export function evaluationProblems(
  bidIds: readonly string[],
  scores: readonly BidScores[],
  recommendedBidId: string,
): RuleBroken[] {
  const problems: RuleBroken[] = [];
  if (bidIds.length === 0) {
    problems.push({
      field: 'scores',
      message: 'No bids were received: there is nothing to evaluate.',
    });
  }
  const scored = new Map(scores.map((each) => [each.bidId, each]));
  for (const id of bidIds) {
    if (!scored.has(id)) {
      problems.push({ field: 'scores', message: 'Score every bid received, not only some.' });
      break;
    }
  }
  scores.forEach((each, index) => {
    if (!bidIds.includes(each.bidId)) {
      problems.push({
        field: `scores.${index}.bidId`,
        message: 'That bid is not one of this tender’s.',
      });
    }
    if (
      !Number.isInteger(each.qualityScore) ||
      each.qualityScore < 0 ||
      each.qualityScore > scoreMaxima.quality
    ) {
      problems.push({
        field: `scores.${index}.qualityScore`,
        message: `A quality score is a whole number from 0 to ${scoreMaxima.quality}.`,
      });
    }
    if (
      !Number.isInteger(each.priceScore) ||
      each.priceScore < 0 ||
      each.priceScore > scoreMaxima.price
    ) {
      problems.push({
        field: `scores.${index}.priceScore`,
        message: `A price score is a whole number from 0 to ${scoreMaxima.price}.`,
      });
    }
  });
  if (!bidIds.includes(recommendedBidId)) {
    problems.push({ field: 'recommendedBidId', message: 'Recommend one of the bids received.' });
  }
  return problems;
}

export const conflictManagements = [
  'left-the-room',
  'took-no-part',
  'no-material-conflict',
  'referred-to-panel',
] as const;
export type ConflictManagement = (typeof conflictManagements)[number];

export const managementWords: Record<ConflictManagement, string> = {
  'left-the-room': 'Left the room',
  'took-no-part': 'Took no part in the decision',
  'no-material-conflict': 'Declared, no material conflict',
  'referred-to-panel': 'Referred to an unconflicted panel',
};

export const registerSubjects = ['evaluation', 'award-recommendation', 'other'] as const;
export type RegisterSubject = (typeof registerSubjects)[number];

export const subjectWords: Record<RegisterSubject, string> = {
  evaluation: 'The evaluation',
  'award-recommendation': 'The award recommendation',
  other: 'Another decision',
};

export interface RegisterFacts {
  entries: { subject: RegisterSubject; participants: number; decidedOn: string }[];
  /**
   * The day of the tender's latest evaluation: after a vote not carried the tender is evaluated
   * again, and the entries for the evaluation and the recommendation must be of that round.
   */
  evaluatedOn: string | null;
  conflicts: { personName: string; interest: string; management: ConflictManagement | null }[];
}

/**
 * What the register lacks, in words, or an empty list when complete: an entry for the evaluation
 * and one for the award recommendation of the latest round of evaluation, each with its participants, and every declared conflict
 * with how it was managed (Managing Conflicts of Interest in the NHS).
 */
export function registerGaps(facts: RegisterFacts): string[] {
  const gaps: string[] = [];
  for (const subject of ['evaluation', 'award-recommendation'] as const) {
    const ofThisRound = facts.entries.filter(
      (entry) =>
        entry.subject === subject &&
        (facts.evaluatedOn === null || entry.decidedOn >= facts.evaluatedOn),
    );
    if (ofThisRound.length === 0) {
      const earlier = facts.entries.some((entry) => entry.subject === subject);
      gaps.push(
        `an entry for ${subjectWords[subject].toLowerCase()}${earlier && facts.evaluatedOn ? ` of the round evaluated on ${longDateText(facts.evaluatedOn)} (the entries before that day are of an earlier round)` : ''}`,
      );
    }
  }
  for (const conflict of facts.conflicts) {
    if (conflict.management === null) {
      gaps.push(
        `how ${conflict.personName}'s declared conflict (${conflict.interest}) was managed`,
      );
    }
  }
  return gaps;
}

/** The refusal of an award while the register is incomplete, naming what is missing. */
export function incompleteRegisterRefusal(gaps: readonly string[]): string {
  return `The procurement decisions register is not complete: it still needs ${gaps.join('; ')}. The register — the decision, who was involved, conflicts and how managed — is complete before a contract is marked awarded (${registerClause.clause}).`;
}

/** One CSV field, quoted when it must be (RFC 4180), and never read as a formula by a spreadsheet. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Shares in basis points proportional to populations, adding up to exactly 100% (largest remainder). */
export function sharesByPopulation(populations: readonly number[]): number[] {
  const total = populations.reduce((sum, each) => sum + each, 0);
  if (total <= 0) return populations.map(() => 0);
  const exact = populations.map((each) => (each * wholeShare) / total);
  const shares = exact.map(Math.floor);
  let left = wholeShare - shares.reduce((sum, each) => sum + each, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    shares[index] = (shares[index] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}
