/**
 * The face of interests — the register of interests and annual declarations.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */

export { type AnnualDeclarationDue, annualDeclarationDueFor } from './annual-declaration-due.ts';
export { registerInterestPages } from './pages.ts';
export { registerInterestRoutes } from './routes.ts';
