/**
 * The face of business-service — the Commissioning Business Service held to account: its
 * catalogue, key performance indicators and performance reports to the London group (2006 §3,
 * §106; 2008 Business development).
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { registerBusinessServicePages } from './pages.ts';
export { registerBusinessServiceRoutes } from './routes.ts';
export { seedDemoBusinessService } from './seed-demo-business-service.ts';
