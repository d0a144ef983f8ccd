/**
 * The face of decisions — questions put to a body, votes, proxies, results, advice notes and ratification by the boards.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */

export { type AwaitingQuestion, questionsAwaitingReader } from './awaiting-view.ts';
export { castVote } from './cast-vote.ts';
export { closeProposal } from './close-proposal.ts';
export { type CreateProposalOptions, createProposal } from './create-proposal.ts';
export { csvOf, outcomeText } from './decision-rules.ts';
export {
  type DeclareSenseOfMeetingOptions,
  declareSenseOfMeeting,
} from './declare-sense-of-meeting.ts';
export { listProposals } from './meeting-proposals-view.ts';
export { openProposal } from './open-proposal.ts';
export { registerDecisionPages } from './pages.ts';
export { assertQuestionOfMeeting } from './proposal-access.ts';
export { getProposal } from './proposal-view.ts';
export { type RecordedElectorate, recordedElectorateSchema } from './question-electorate.ts';
export {
  listQuestionsAwaitingVotes,
  type QuestionAwaitingVotes,
} from './questions-awaiting-votes.ts';
export { registerRatificationPages } from './ratification-pages.ts';
export { registerRatificationRoutes } from './ratification-routes.ts';
export { recordCastingVote } from './record-casting-vote.ts';
export { recordShowOfHands } from './record-show-of-hands.ts';
export { type RoomView, roomVotingView } from './room-voting-view.ts';
export { registerDecisionRoutes } from './routes.ts';
export { proposalViewSchema, resultViewSchema } from './schemas.ts';
export { startVotingPreparer } from './voting-preparer.ts';
