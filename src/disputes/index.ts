/**
 * The face of disputes — disputes and the steps taken up the ladder, with the SHA’s oversight list.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */

export { type DisputeAwaitingTheChair, disputesAwaitingTheChair } from './body-disputes-view.ts';
export { type DisputeStepAtMeeting, disputeStepsAtMeeting } from './meeting-dispute-steps-view.ts';
export { type DisputeAwaitingOversight, disputesAwaitingOversight } from './oversight-due-view.ts';
export { createOversightLink } from './oversight-link.ts';
export { mayOversee } from './oversight-list-view.ts';
export { registerDisputePages } from './pages.ts';
export { registerDisputeRoutes } from './routes.ts';
