/**
 * Use case: the register's keeper changes what a contract says — its term, options exercised,
 * values, shares, status — held to the same rules as when it was recorded. The actor must keep the
 * contract both as it stands and as it will stand (decision 029). A contract marked awarded from a
 * tender keeps that status: the register never sets or clears it.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, isUniqueViolation } from '../shared/problems.ts';
import { covers, forbidden, loadContract, refusalToKeep } from './contract-access.ts';
import { type ContractInput, catalogueFor, checkContract } from './contract-check.ts';
import { factsFixedBy } from './contract-from-award.ts';
import {
  lockContract,
  replaceContract,
  selectCommissioners,
  selectExtensionOptions,
  selectOrganisationFacts,
} from './contract-queries.ts';
import { contractingClause } from './contract-rules.ts';
import { refuseUnlessMayKeepContracts } from './record-contract.ts';

export interface ChangeContractOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  contractId: string;
  contract: ContractInput;
}

/** The contract, once the actor is known to keep it as it stands. */
export async function contractTheActorKeeps(options: {
  db: Database;
  actor: Actor;
  contractId: string;
  now: Date;
}) {
  const scope = await refuseUnlessMayKeepContracts(options);
  const contract = await loadContract(options.db, options.contractId);
  const [lead] = await selectOrganisationFacts(options.db, [contract.leadOrganisationId]);
  if (!covers(scope, lead?.sectorId ?? null)) {
    throw forbidden(refusalToKeep(lead?.name ?? 'its lead commissioner'));
  }
  return { scope, contract };
}

export async function changeContract(options: ChangeContractOptions): Promise<void> {
  const { db, context, actor } = options;
  const { scope, contract: before } = await contractTheActorKeeps({
    db,
    actor,
    contractId: options.contractId,
    now: context.now,
  });
  const awarded = before.status === 'awarded';
  // A contract awarded from a tender keeps its status and what the award fixed (provider, service,
  // version, total value, shares): whatever the form or request says of them, the award's stand
  // (DOMAIN, "Procurement decisions register"); the rest — reference, term, options, annual value,
  // lead — may change.
  const fixed = awarded && before.tenderId ? await factsFixedBy(db, before.tenderId) : undefined;
  const input = awarded ? { ...options.contract, ...fixed, status: 'active' } : options.contract;
  const catalogue = await catalogueFor(db, input);
  const checked = checkContract({
    input,
    catalogue,
    scope,
    today: londonDate(context.now),
    ownId: before.id,
    boughtVersionId: before.specificationVersionId,
  });
  if (!checked.ok) throw invalidInput(checked.problems);
  const row = {
    ...checked.contract,
    id: before.id,
    status: awarded ? 'awarded' : checked.contract.status,
    tenderId: before.tenderId,
    createdAt: before.createdAt,
    updatedAt: context.now,
  };
  const commissioners = checked.commissioners.map((each) => ({ ...each, contractId: before.id }));
  const extensionOptions = checked.options.map((each) => ({ ...each, contractId: before.id }));
  try {
    await db.transaction(async (transaction) => {
      // Checked again with the row locked: two keepers saving at once must not overwrite each
      // other unseen, and the audit's "before" must be the row this change replaces.
      const current = await lockContract(transaction, before.id);
      if (!current || JSON.stringify(current) !== JSON.stringify(before)) {
        throw conflict(
          'contractId',
          `Contract ${before.reference} was changed by someone else while you were changing it: open it again to see their change, then make yours.`,
        );
      }
      const [previousCommissioners, previousOptions] = await Promise.all([
        selectCommissioners(transaction, [before.id]),
        selectExtensionOptions(transaction, [before.id]),
      ]);
      await replaceContract(transaction, row, commissioners, extensionOptions);
      await recordAuditEvents(transaction, context, [
        {
          action: 'contract.changed',
          entityType: 'contract',
          entityId: before.id,
          before: {
            ...current,
            commissioners: previousCommissioners,
            extensionOptions: previousOptions,
          },
          after: { ...row, commissioners, extensionOptions, clause: contractingClause.clause },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(
        'reference',
        `The reference ${row.reference} is already in the register: each contract has its own reference.`,
      );
    }
    throw error;
  }
}
