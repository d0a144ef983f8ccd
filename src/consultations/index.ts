/**
 * The face of consultations — Healthcare for London's public consultation from preparation to the
 * Joint Committee of PCTs' decision after it (2008 "Healthcare for London" bullet 1; 2008
 * "Accountabilities"; 2008 "Business development" bullet 2). What other capabilities, the seeds,
 * the CLI and the composition root may use; everything else in this folder is its own business
 * (decision 019).
 */

// Analysing (issue 25 part 4): the codebook, coding, suggestions, the analysis page.
export { registerConsultationAnalysisPages } from './analysis-pages.ts';
export { registerConsultationAnalysisRoutes } from './analysis-routes.ts';
// Deciding after close (issue 25 part 5): the decision page.
export { registerConsultationDecisionPages } from './decision-pages.ts';
export { registerConsultationDecisionRoutes } from './decision-routes.ts';
export { registerConsultationEventPages } from './event-pages.ts';
export { registerConsultationImportPages } from './import-pages.ts';
// Importing responses at scale (issue 25 part 3), the synthetic responses and the demo's import.
export {
  type ImportOutcome,
  type ImportProgress,
  importResponses,
} from './import-responses.ts';
export { registerConsultationImportRoutes } from './import-routes.ts';
export { formatOfFileName, type ImportFormat, importFormats } from './import-rules.ts';
export { registerConsultationPreparationPages } from './preparation-pages.ts';
export { registerConsultationPreparationRoutes } from './preparation-routes.ts';
export { registerConsultationResponsePages } from './respond-pages.ts';
export { registerConsultationResponseRoutes } from './respond-routes.ts';
export {
  respondentCategories,
  respondentCategoryNames,
} from './response-rules.ts';
export { type DemoCodingOutcome, seedDemoCoding } from './seed-demo-coding.ts';
export { seedDemoConsultation } from './seed-demo-consultation.ts';
export { seedDemoResponses } from './seed-demo-responses.ts';
export {
  importHeader,
  syntheticCsv,
  syntheticResponses,
  syntheticThemes,
} from './synthetic-responses.ts';
