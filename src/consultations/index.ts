/**
 * The face of consultations — Healthcare for London's public consultation from preparation to the
 * Joint Committee of PCTs' decision after it (2008 "Healthcare for London" bullet 1; 2008
 * "Accountabilities"; 2008 "Business development" bullet 2). What other capabilities, the seeds,
 * the CLI and the composition root may use; everything else in this folder is its own business
 * (decision 019).
 */

export { registerConsultationPreparationPages } from './preparation-pages.ts';
export { registerConsultationPreparationRoutes } from './preparation-routes.ts';
export {
  respondentCategories,
  respondentCategoryNames,
} from './response-rules.ts';
export { seedDemoConsultation } from './seed-demo-consultation.ts';
