/**
 * The database schema, one file per owning capability. A capability writes only its own tables
 * (decision 019); drizzle-kit and the connection read them all through this index.
 */
export * from './accountability.ts';
export * from './actions.ts';
export * from './audit.ts';
export * from './bodies.ts';
export * from './business-service.ts';
export * from './commissioning.ts';
export * from './consultations.ts';
export * from './contracts.ts';
export * from './decisions.ts';
export * from './disputes.ts';
export * from './forward-plan.ts';
export * from './identity.ts';
export * from './interests.ts';
export * from './joint-reviews.ts';
export * from './lead-commissioning.ts';
export * from './mail.ts';
export * from './markets.ts';
export * from './meetings.ts';
export * from './membership.ts';
export * from './minutes.ts';
export * from './notices.ts';
export * from './papers.ts';
export * from './procurement.ts';
export * from './programme.ts';
export * from './registry.ts';
export * from './reminders.ts';
export * from './reports.ts';
export * from './specialised-commissioning.ts';
export * from './specifications.ts';
