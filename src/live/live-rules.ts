/**
 * The live meeting's rules that need no database: the live tally of an open question (counted by
 * the engine), what each audience may see of the meeting in progress, and the sentence a screen
 * reader announces when it moves on. Pure, so they are tested on their own.
 */
import {
  type Constitution,
  type MeetingFacts,
  type TallyCounts,
  tally,
  type VoteFact,
} from '../governance/index.ts';
import type { QuorumView } from '../meetings/index.ts';

/**
 * Who a snapshot is for. The public (and anyone not of the body) never sees Part II business; the
 * body's own people and administrators do (meeting-rules.ts mayReadConfidentialItems). Nobody's
 * snapshot says who voted how: the live page shows counts, and for an open secret ballot only how
 * many have voted.
 */
export type LiveAudience = 'public' | 'body';

export interface LiveItem {
  id: string;
  position: number;
  /** Null when the audience may not see a Part II item's title. */
  title: string | null;
  purpose: string | null;
  isConfidential: boolean;
}

export interface LiveTally {
  for: number;
  against: number;
  abstain: number;
  /** Those entitled to vote, present, with no vote yet; null when the engine could not say. */
  notVoted: number | null;
  /** Why the counts are raw (the engine could not place the votes), when they are. */
  note: string | null;
}

export interface LiveQuestion {
  id: string;
  title: string;
  text: string;
  isAmendment: boolean;
  ballot: 'named' | 'secret';
  status: 'open' | 'closed';
  method: { id: string; title: string; isConsensus: boolean };
  /** Live while open (never for a secret ballot); at close, the counts the engine kept with the result. */
  tally: LiveTally | null;
  /** While a secret ballot is open: how many votes are in, and nothing of what they say. */
  votesCast: number | null;
  outcome: string | null;
  outcomeSummary: string | null;
}

export interface LiveSnapshot {
  meetingId: string;
  title: string;
  body: { slug: string; title: string };
  startsAt: string;
  location: string;
  status: string;
  cancelledReason: string | null;
  /** The item the meeting is on now, as the secretariat last set it. */
  current: LiveItem | null;
  items: LiveItem[];
  quorum: QuorumView | null;
  /** The current item's own quorum (members with a declared conflict left out where the terms say). */
  itemQuorum: QuorumView | null;
  question: LiveQuestion | null;
  /** True for the public while the meeting is on a Part II item: nothing of it is shown. */
  privateSession: boolean;
  problems: string[];
  /** What a screen reader is told when this differs from the last one it heard. */
  announcement: string;
}

export interface QuestionInput {
  id: string;
  title: string;
  text: string;
  amendsProposalId: string | null;
  methodId: string;
  ballot: string;
  status: string;
  result: unknown;
  outcome: string | null;
  outcomeSummary: string | null;
}

/** Under consensus (and advice reached by consensus) the views are agree, object, stand aside. */
export function choiceLabels(isConsensus: boolean): {
  for: string;
  against: string;
  abstain: string;
} {
  return isConsensus
    ? { for: 'Agree', against: 'Object', abstain: 'Stand aside' }
    : { for: 'For', against: 'Against', abstain: 'Abstain' };
}

function methodOf(constitution: Constitution | undefined, methodId: string) {
  const method = constitution?.decisionMethods.find((candidate) => candidate.id === methodId);
  return {
    id: methodId,
    title: method?.title ?? methodId,
    isConsensus: method?.kind === 'consensus' || method?.kind === 'reserved',
  };
}

function rawCounts(votes: readonly VoteFact[]) {
  return {
    for: votes.filter((vote) => vote.choice === 'for').length,
    against: votes.filter((vote) => vote.choice === 'against').length,
    abstain: votes.filter((vote) => vote.choice === 'abstain').length,
  };
}

/**
 * The running count of an open question, as the engine would count it if it closed now: votes of
 * members with a declared conflict or without a vote are left out, and `notVoted` is those
 * entitled and present who have not voted. When the engine cannot place the votes (a method voted
 * by parties, a vote from someone since marked absent) the raw counts are shown and say so.
 */
export function liveTallyOf(
  constitution: Constitution | undefined,
  question: { methodId: string; agendaItemId: string },
  facts: MeetingFacts,
  votes: readonly VoteFact[],
): LiveTally {
  if (!constitution) {
    return { ...rawCounts(votes), notVoted: null, note: 'No terms of reference are in force.' };
  }
  const result = tally(
    constitution,
    { method: question.methodId },
    { ...facts, itemId: question.agendaItemId, votes: [...votes] },
  );
  if (!result.ok) {
    return {
      ...rawCounts(votes),
      notVoted: null,
      note: `Votes as recorded; the engine cannot count them yet: ${result.errors.map((error) => error.message).join('; ')}.`,
    };
  }
  const { counts } = result.value;
  return {
    for: counts.for,
    against: counts.against,
    abstain: counts.abstain,
    notVoted: counts.noVote,
    note: null,
  };
}

/** The counts the engine kept with a closed question's result (never its named range of views). */
export function storedTallyOf(result: unknown): LiveTally | null {
  const counts = (result as { counts?: Partial<TallyCounts> } | null)?.counts;
  if (!counts || typeof counts.for !== 'number') return null;
  return {
    for: counts.for,
    against: counts.against ?? 0,
    abstain: counts.abstain ?? 0,
    notVoted: counts.noVote ?? null,
    note: null,
  };
}

/** The question as the live page shows it: text, method, counts and outcome — no voter, ever. */
export function liveQuestionOf(
  constitution: Constitution | undefined,
  question: QuestionInput,
  liveTally: LiveTally | null,
): LiveQuestion {
  const open = question.status === 'open';
  // An open secret ballot's counts, read after each vote beside who has voted, give each choice.
  const secretAndOpen = open && question.ballot === 'secret';
  return {
    id: question.id,
    title: question.title,
    text: question.text,
    isAmendment: question.amendsProposalId !== null,
    ballot: question.ballot === 'secret' ? 'secret' : 'named',
    status: open ? 'open' : 'closed',
    method: methodOf(constitution, question.methodId),
    tally: secretAndOpen ? null : open ? liveTally : storedTallyOf(question.result),
    votesCast:
      secretAndOpen && liveTally ? liveTally.for + liveTally.against + liveTally.abstain : null,
    outcome: open ? null : question.outcome,
    outcomeSummary: open ? null : question.outcomeSummary,
  };
}

const outcomeWords: Record<string, string> = {
  carried: 'carried',
  notCarried: 'not carried',
  castingVoteRequired: 'tied: the chair’s casting vote is needed',
  consensus: 'consensus reached',
  noConsensus: 'no consensus',
  advice: 'advice to those who decide',
  inquorate: 'no decision: inquorate',
};

export function outcomeText(outcome: string | null): string {
  return outcome === null ? '' : (outcomeWords[outcome] ?? outcome);
}

/**
 * One sentence for the aria-live region: where the meeting is, whether it is quorate, and the
 * state of the question. Counts are left out so each vote does not interrupt a screen reader; a
 * change of item, of quorum or of the question is announced.
 */
export function announcementOf(snapshot: Omit<LiveSnapshot, 'announcement'>): string {
  const parts: string[] = [];
  if (snapshot.status === 'cancelled') parts.push('The meeting was cancelled.');
  if (snapshot.current === null) parts.push('The meeting is not on an agenda item.');
  else if (snapshot.current.title === null)
    parts.push(`The meeting is on item ${snapshot.current.position}, in private (Part II).`);
  else
    parts.push(`The meeting is on item ${snapshot.current.position}: ${snapshot.current.title}.`);
  const quorum = snapshot.itemQuorum ?? snapshot.quorum;
  if (quorum) parts.push(quorum.quorate ? 'Quorate.' : 'Inquorate.');
  const question = snapshot.question;
  if (question?.status === 'open') parts.push(`Question open: ${question.title}.`);
  if (question?.status === 'closed')
    parts.push(`Question closed: ${question.title}, ${outcomeText(question.outcome)}.`);
  return parts.join(' ');
}

/**
 * The snapshot for one audience. The public sees Part II items only as numbered, untitled
 * placeholders, and while the meeting is on one, neither its quorum nor its question (declared
 * interests and the motion are Part II business too).
 */
export function snapshotFor(full: LiveSnapshot, audience: LiveAudience): LiveSnapshot {
  if (audience === 'body') return full;
  const redact = (item: LiveItem): LiveItem =>
    item.isConfidential ? { ...item, title: null, purpose: null } : item;
  const inPrivate = full.current?.isConfidential === true;
  const redacted = {
    ...full,
    current: full.current ? redact(full.current) : null,
    items: full.items.map(redact),
    itemQuorum: inPrivate ? null : full.itemQuorum,
    question: inPrivate ? null : full.question,
    privateSession: inPrivate,
  };
  return { ...redacted, announcement: announcementOf(redacted) };
}
