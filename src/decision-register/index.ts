/**
 * The face of decision-register — the public register of decisions across bodies.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { registerDecisionRegisterPages } from './pages.ts';
export { registerDecisionRegisterRoutes } from './routes.ts';
