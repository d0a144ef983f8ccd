/**
 * Who may keep the register (decision 029): an administrator or the secretariat of the London
 * group keeps every contract; the secretariat of a local group keeps the contracts whose lead
 * commissioner is a PCT of its sector. Never through a read-only API token. Shared by the use
 * cases, which re-check it on the contract they hold, and by the pages, which offer the forms.
 */
import { selectBodyBySlug, termsInForce } from '../bodies/index.ts';
import type { Reader } from '../db/connection.ts';
import { type Actor, londonDate, mayRunBody } from '../identity/index.ts';
import { notFound, ProblemError } from '../shared/problems.ts';
import { type ContractRecord, selectContract } from './contract-queries.ts';
import { contractingClause } from './contract-rules.ts';

export const londonGroupSlug = 'london-commissioning-group';

export function forbidden(detail: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail,
  });
}

/** Whose contracts the actor may keep: all of them, those led from some sectors, or none. */
export interface MaintainerScope {
  everyContract: boolean;
  sectorIds: ReadonlySet<string>;
  sectorNames: ReadonlyMap<string, string>;
}

export const noScope: MaintainerScope = {
  everyContract: false,
  sectorIds: new Set(),
  sectorNames: new Map(),
};

export async function maintainerScope(
  reader: Reader,
  actor: Actor,
  now: Date,
): Promise<MaintainerScope> {
  if (actor.kind !== 'account') return noScope;
  if (mayRunBody(actor, londonGroupSlug)) {
    return { everyContract: true, sectorIds: new Set(), sectorNames: new Map() };
  }
  const sectorIds = new Set<string>();
  const sectorNames = new Map<string, string>();
  const today = londonDate(now);
  for (const role of actor.bodyRoles) {
    if (role.role !== 'secretariat' || !mayRunBody(actor, role.bodyId)) continue;
    const body = await selectBodyBySlug(reader, role.bodyId);
    if (!body) continue;
    const sectors = (await termsInForce(reader, body.id, today))?.sectors ?? [];
    const [sector] = sectors;
    // A local group's terms name exactly one sector (2006 §106, "across its geographical area").
    if (sectors.length === 1 && sector) {
      sectorIds.add(sector.id);
      sectorNames.set(sector.id, sector.name);
    }
  }
  return { everyContract: false, sectorIds, sectorNames };
}

export function mayKeepAny(scope: MaintainerScope): boolean {
  return scope.everyContract || scope.sectorIds.size > 0;
}

/** Whether the scope covers a contract led by a PCT of the sector. */
export function covers(scope: MaintainerScope, leadSectorId: string | null): boolean {
  return scope.everyContract || (leadSectorId !== null && scope.sectorIds.has(leadSectorId));
}

export function refusalToKeep(leadName: string): string {
  return `Only an administrator, the secretariat of the London Commissioning Group, or the secretariat of the local group of ${leadName}'s sector may keep a contract ${leadName} leads (${contractingClause.clause} "${contractingClause.text}"; decision 029).`;
}

export async function loadContract(reader: Reader, id: string): Promise<ContractRecord> {
  const contract = await selectContract(reader, id);
  if (!contract) throw notFound('contract', id);
  return contract;
}

/** Who the record names as having acted: the account's name, never its id. */
export function nameOf(actor: Actor, fallback: string): string {
  return actor.kind === 'account' ? actor.displayName : fallback;
}
