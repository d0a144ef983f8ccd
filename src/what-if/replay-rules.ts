/**
 * Replay (issue 27 item 2), pure: the engine run over facts already gathered from the record,
 * once under the terms in force at the time and once under a draft, with both findings side by
 * side. Nothing here reads or writes the record; the caller gathers every fact once, in one read
 * (a snapshot), and hands them over — so a replay can never change what happened.
 *
 * A draft the engine cannot apply to a meeting (a member whose seat the draft no longer has) is
 * reported for that meeting with the engine's own words, never silently counted either way.
 */
import {
  type Constitution,
  evaluateQuorum,
  type MeetingFacts,
  type TallyFacts,
  type TallyRequest,
  tally,
} from '../governance/index.ts';

/**
 * One finding of the engine, in words, with the clause it applied. (The finding as recorded is
 * `recorded`, never `then`: an object with a `then` would be taken for a promise.)
 */
export interface Finding {
  summary: string;
  clause: string;
}

export type Judged<T> = ({ ok: true } & T & Finding) | { ok: false; problem: string };

export interface MeetingReplay {
  meeting: { id: string; title: string; on: string };
  recorded: Judged<{ quorate: boolean }>;
  draft: Judged<{ quorate: boolean }>;
  /** True when the draft finds the meeting quorate where it was not, or the other way. */
  changed: boolean;
}

export interface QuestionReplay {
  question: { id: string; title: string; meetingTitle: string; on: string };
  recorded: Judged<{ outcome: string; isDecision: boolean }>;
  draft: Judged<{ outcome: string; isDecision: boolean }>;
  /** True when the draft reaches another outcome than the one reached then. */
  changed: boolean;
}

function problemText(errors: readonly { message: string }[]): string {
  return errors.map((error) => error.message).join(' ');
}

function judgeQuorum(
  constitution: Constitution,
  facts: MeetingFacts,
): Judged<{ quorate: boolean }> {
  const result = evaluateQuorum(constitution, facts);
  if (!result.ok) return { ok: false, problem: problemText(result.errors) };
  return {
    ok: true,
    quorate: result.value.quorate,
    summary: result.value.explanation.summary,
    clause: result.value.explanation.clause,
  };
}

/** A meeting's quorum as it was judged under the terms then, and as the draft would judge it. */
export function replayMeeting(options: {
  meeting: MeetingReplay['meeting'];
  termsThen: Constitution;
  draft: Constitution;
  facts: MeetingFacts;
}): MeetingReplay {
  const recorded = judgeQuorum(options.termsThen, options.facts);
  const draft = judgeQuorum(options.draft, options.facts);
  return {
    meeting: options.meeting,
    recorded,
    draft,
    changed:
      recorded.ok && draft.ok ? recorded.quorate !== draft.quorate : recorded.ok !== draft.ok,
  };
}

function judgeQuestion(
  constitution: Constitution,
  request: TallyRequest,
  facts: TallyFacts,
): Judged<{ outcome: string; isDecision: boolean }> {
  const result = tally(constitution, request, facts);
  if (!result.ok) return { ok: false, problem: problemText(result.errors) };
  return {
    ok: true,
    outcome: result.value.outcome,
    isDecision: result.value.isDecision,
    summary: result.value.explanation.summary,
    clause: result.value.explanation.clause,
  };
}

/**
 * A question's outcome under the terms then and under the draft, on the same votes, attendance,
 * declarations, casting vote and sense of the meeting as recorded.
 */
export function replayQuestion(options: {
  question: QuestionReplay['question'];
  termsThen: Constitution;
  draft: Constitution;
  request: TallyRequest;
  facts: TallyFacts;
}): QuestionReplay {
  const recorded = judgeQuestion(options.termsThen, options.request, options.facts);
  const draft = judgeQuestion(options.draft, options.request, options.facts);
  return {
    question: options.question,
    recorded,
    draft,
    changed:
      recorded.ok && draft.ok ? recorded.outcome !== draft.outcome : recorded.ok !== draft.ok,
  };
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/**
 * The replay in one sentence, as issue 27 words it: "3 of 26 meetings would have been inquorate;
 * 1 of 41 decisions would have gone the other way". Meetings are counted the way the draft changes
 * them (inquorate, or quorate where they were not); those the draft cannot judge are said apart.
 */
export function replaySummaryText(
  meetings: readonly MeetingReplay[],
  questions: readonly QuestionReplay[],
): string {
  const judged = (replay: MeetingReplay | QuestionReplay) => replay.recorded.ok && replay.draft.ok;
  const becameInquorate = meetings.filter(
    (replay) => judged(replay) && replay.changed && replay.draft.ok && !replay.draft.quorate,
  ).length;
  const becameQuorate = meetings.filter(
    (replay) => judged(replay) && replay.changed && replay.draft.ok && replay.draft.quorate,
  ).length;
  const otherWay = questions.filter((replay) => judged(replay) && replay.changed).length;
  const unjudged =
    meetings.filter((replay) => !judged(replay)).length +
    questions.filter((replay) => !judged(replay)).length;
  const parts = [
    `${becameInquorate} of ${meetings.length} ${plural(meetings.length, 'meeting', 'meetings')} would have been inquorate`,
    ...(becameQuorate
      ? [
          `${becameQuorate} would have been quorate that ${plural(becameQuorate, 'was', 'were')} not`,
        ]
      : []),
    `${otherWay} of ${questions.length} ${plural(questions.length, 'decision', 'decisions')} would have gone the other way`,
    ...(unjudged ? [`${unjudged} could not be judged under the draft (see each for why)`] : []),
  ];
  return parts.join('; ');
}
