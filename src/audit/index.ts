/**
 * The face of audit — the audit trail: recording an event in the same transaction as its change, sealing the chain, verifying it against the record, and the trail pages.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { startAuditSealer } from './audit-sealer.ts';
export { eventInWords, namesForEvents } from './audit-trail-view.ts';
export { sealOfBallot } from './ballot-seal.ts';
export { ballotSealKeyOf } from './ballot-seal-key.ts';
export { registerAuditPages } from './pages.ts';
export { type AuditEventRow, auditEventRow, recordAuditEvents } from './record-audit-event.ts';
export { registerAuditRoutes } from './routes.ts';
export { defaultSealBatchSize, sealAllAuditEvents } from './seal-audit-events.ts';
export { refuseUnlessMayReadTrail } from './trail-access.ts';
export { type AuditVerification, defaultVerifyPageSize } from './verify-audit-chain.ts';
export { type AuditTrailVerification, verifyAuditTrail } from './verify-audit-trail.ts';
export type { RecordAgreement } from './verify-record-agreement.ts';
