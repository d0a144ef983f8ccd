/**
 * The face of what-if (issue 27): draft terms of reference replayed over a body's history. So far
 * the pure replay — a meeting's quorum and a question's outcome under the terms then and under a
 * draft, side by side, and the summary sentence; drafting, the gathering of a body's facts, the
 * pages, the CLI and the benchmark come next (decision 076).
 */
export {
  type MeetingReplay,
  type QuestionReplay,
  replayMeeting,
  replayQuestion,
  replaySummaryText,
} from './replay-rules.ts';
