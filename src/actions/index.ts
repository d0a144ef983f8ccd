/**
 * The face of actions — the action log: actions recorded at meetings and their status.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { listBodyActions, recordAction, updateActionStatus } from './action-service.ts';
export { type OwnAction, openActionsOfReader } from './own-actions-view.ts';
export { registerActionPages } from './pages.ts';
export { registerActionRoutes } from './routes.ts';
