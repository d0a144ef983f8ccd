/**
 * The face of seed — loading the London reference data and the demo partnership at start-up.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { seedDemoAccounts } from './demo-accounts.ts';
export { seedDemoBodies } from './demo-bodies.ts';
export { seedDemoJointCommitteeMembership, seedDemoMembership } from './demo-membership.ts';
export { prepareDatabase } from './prepare-database.ts';
export { seedDemoData, seedReferenceData } from './reference-data.ts';
