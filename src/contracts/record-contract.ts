/**
 * Use case: the secretariat of the London group or of the lead commissioner's local group (or an
 * administrator) records a contract in the register — reference, provider, service and the
 * specification version it buys, procurement route, term and extension options, values in whole
 * pence, the commissioning PCTs and their shares, the lead, status (2006 §3.1(c) "Contracting and
 * management"). Every refusal names its rule; bad input writes nothing.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, isUniqueViolation } from '../shared/problems.ts';
import { forbidden, maintainerScope, mayKeepAny } from './contract-access.ts';
import { type ContractInput, catalogueFor, checkContract } from './contract-check.ts';
import { type FixedByAward, fixedByAward } from './contract-from-award.ts';
import { insertContracts } from './contract-queries.ts';
import { contractingClause } from './contract-rules.ts';

export interface RecordContractOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  contract: ContractInput;
  /**
   * Set when the contract is recorded from an awarded tender: the award fixes what was bought
   * (contract-from-award.ts) and the contract is marked awarded — the only way it can be.
   */
  tenderId?: string | undefined;
}

/** Refuses, before anything is read, an actor who may keep no contract at all. */
export async function refuseUnlessMayKeepContracts(options: {
  db: Database;
  actor: Actor;
  now: Date;
}) {
  const scope = await maintainerScope(options.db, options.actor, options.now);
  if (!mayKeepAny(scope)) {
    throw forbidden(
      `Only an administrator or the secretariat of the London Commissioning Group or of a local commissioning group may keep the contracts register (${contractingClause.clause} "${contractingClause.text}"; decision 029).`,
    );
  }
  return scope;
}

export async function recordContract(
  options: RecordContractOptions,
): Promise<{ contractId: string }> {
  const { db, context, actor } = options;
  const scope = await refuseUnlessMayKeepContracts({ db, actor, now: context.now });
  const award = options.tenderId ? await fixedByAward(db, options.tenderId) : undefined;
  // The award's facts replace the form's; checked as active, then marked awarded from the tender.
  const input = award
    ? { ...options.contract, ...withoutTender(award), status: 'active' }
    : options.contract;
  const catalogue = await catalogueFor(db, input);
  const checked = checkContract({
    boughtVersionId: award?.specificationVersionId,
    input,
    catalogue,
    scope,
    today: londonDate(context.now),
  });
  if (!checked.ok) throw invalidInput(checked.problems);
  const contractId = uuidv7();
  const row = {
    ...checked.contract,
    ...(award && { status: 'awarded', tenderId: award.tenderId }),
    id: contractId,
    createdAt: context.now,
    updatedAt: context.now,
  };
  const commissioners = checked.commissioners.map((each) => ({ ...each, contractId }));
  const extensionOptions = checked.options.map((each) => ({ ...each, contractId }));
  try {
    await db.transaction(async (transaction) => {
      await insertContracts(transaction, [
        { contract: row, commissioners, options: extensionOptions },
      ]);
      await recordAuditEvents(transaction, context, [
        {
          action: 'contract.recorded',
          entityType: 'contract',
          entityId: contractId,
          after: { ...row, commissioners, extensionOptions, clause: contractingClause.clause },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Another request recorded this award's contract meanwhile: refused as "already-contracted".
      if (award) await fixedByAward(db, award.tenderId);
      throw conflict(
        'reference',
        `The reference ${row.reference} is already in the register: each contract has its own reference.`,
      );
    }
    throw error;
  }
  return { contractId };
}

function withoutTender({ tenderId: _tenderId, ...fixed }: FixedByAward) {
  return fixed;
}
