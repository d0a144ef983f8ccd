/**
 * The face of specifications — the service specification library: versions, quality-assurance
 * review, good practice and where each version is used (2006 §3.1(b)).
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { listApprovedVersions } from './approved-versions.ts';
export { seedDemoSpecifications } from './demo-specifications.ts';
export { registerSpecificationPages } from './pages.ts';
export { registerSpecificationRoutes } from './routes.ts';
export { londonServiceAreas } from './specification-rules.ts';
