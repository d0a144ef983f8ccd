/**
 * The face of specialised-commissioning — specialised services consortia: member PCTs and their
 * shares, pooled budgets by year and the services commissioned, led by the London group (2008
 * Commissioning development; 2006 §104).
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { registerSpecialisedCommissioningPages } from './pages.ts';
export { registerSpecialisedCommissioningRoutes } from './routes.ts';
export { seedDemoSpecialisedCommissioning } from './seed-demo-specialised-commissioning.ts';
