/**
 * The face of lead-commissioning — lead and associate commissioning per provider and service, and
 * the negotiations the local groups monitor (2006 §2.1(c), §106).
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { registerLeadCommissioningPages } from './pages.ts';
export { registerLeadCommissioningRoutes } from './routes.ts';
export { seedDemoLeadCommissioning } from './seed-demo-lead-commissioning.ts';
