/**
 * The face of forward-plan — the decisions each body expects to take in the coming months,
 * published as a page, Atom and iCalendar feeds and CSV; an item moves to its meeting's agenda.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { registerForwardPlanPages } from './pages.ts';
export { registerForwardPlanRoutes } from './routes.ts';
export { seedDemoForwardPlan } from './seed-demo-forward-plan.ts';
