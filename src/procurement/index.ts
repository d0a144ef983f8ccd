/**
 * The face of procurement — procurement consortia with their 75% rule fixed at inception (2006
 * §111), their tenders from specification version to award by the consortium's vote, and each
 * tender's procurement decisions register.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { type AwardedTender, awardedTenderOf } from './awarded-tender.ts';
export { registerProcurementPages } from './pages.ts';
export { registerProcurementRoutes } from './routes.ts';
export { seedDemoProcurement } from './seed-demo-procurement.ts';
