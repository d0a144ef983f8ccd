/**
 * The face of disputes — disputes and the steps taken up the ladder, with the SHA’s oversight list.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */

export { createOversightLink } from './oversight-link.ts';
export { mayOversee } from './oversight-list-view.ts';
export { registerDisputePages } from './pages.ts';
export { registerDisputeRoutes } from './routes.ts';
