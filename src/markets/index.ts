/**
 * The face of markets — services by provider and sector with the gaps and the map of the five
 * London sectors, Practice Based Commissioning consortia and their pathways, and the clinical
 * networks with their reporting line and annual review (2006 §2.3, §104, §106).
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { registerMarketPages } from './pages.ts';
export { registerMarketRoutes } from './routes.ts';
export { seedDemoMarkets } from './seed-demo-markets.ts';
