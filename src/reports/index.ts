/**
 * The face of reports — a body's progress updates and annual reports (2008 "Communications";
 * 2006 §110), generated from the record with their figures frozen, as page and PDF with charts,
 * and distributed to every board the terms name with a receipt. What other capabilities, the
 * seeds, the CLI and the composition root may use; everything else here is its own business.
 */
export { distributeReport } from './distribute-report.ts';
export { generateReport } from './generate-report.ts';
export { registerReportPages } from './pages.ts';
export { selectLastReportedPeriods } from './report-queries.ts';
export { registerReportRoutes } from './routes.ts';
export { seedDemoReports } from './seed-demo-reports.ts';
