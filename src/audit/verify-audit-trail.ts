import type { Database } from '../db/connection.ts';
import { type AuditVerification, verifyAuditChain } from './verify-audit-chain.ts';
import { type RecordAgreement, verifyRecordAgreement } from './verify-record-agreement.ts';

export interface AuditTrailVerification extends AuditVerification {
  /** Whether votes, questions, attendance and memberships agree with their audit events. */
  records: RecordAgreement;
}

/**
 * Everything `concordat audit verify` checks: the hash chain and its seals, then every audited
 * record against its events. `ok` only when both hold.
 */
export async function verifyAuditTrail(options: {
  db: Database;
  pageSize?: number;
  onProgress?: (checked: number) => void;
}): Promise<AuditTrailVerification> {
  const chain = await verifyAuditChain(options);
  const records = await verifyRecordAgreement({ db: options.db });
  return { ...chain, ok: chain.ok && records.ok, records };
}
