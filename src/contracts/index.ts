/**
 * The face of contracts — the register of the contracts London's PCTs hold: provider, service and
 * specification version, procurement route, term and extension options, values in pence, the
 * commissioning PCTs and their shares, the lead, status; CSV and OCDS 1.1.5 (2006 §3.1(c)).
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { importContracts } from './import-contracts.ts';
export { registerContractPages } from './pages.ts';
export { registerContractRoutes } from './routes.ts';
export { seedDemoContracts } from './seed-demo-contracts.ts';
