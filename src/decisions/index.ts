/**
 * The face of decisions — questions put to a body, votes, proxies, results, advice notes and ratification by the boards.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { csvOf, outcomeText } from './decision-rules.ts';
export {
  type DeclareSenseOfMeetingOptions,
  declareSenseOfMeeting,
} from './declare-sense-of-meeting.ts';
export { registerDecisionPages } from './pages.ts';
export { getProposal } from './proposal-view.ts';
export { registerRatificationPages } from './ratification-pages.ts';
export { registerRatificationRoutes } from './ratification-routes.ts';
export { registerDecisionRoutes } from './routes.ts';
export { proposalViewSchema, resultViewSchema } from './schemas.ts';
export { startVotingPreparer } from './voting-preparer.ts';
