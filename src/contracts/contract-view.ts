/**
 * The register as pages, the API, the CSV and the OCDS export show it: every contract in plain
 * words (names, not ids; "£1,234,567.89"; "23.47%"), with the reader's permission to keep it.
 * Contracts are public record: anyone may read the register.
 */
import type { Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { notFound } from '../shared/problems.ts';
import { covers, type MaintainerScope, maintainerScope, mayKeepAny } from './contract-access.ts';
import {
  type ContractRecord,
  selectAllVersionsById,
  selectCommissioners,
  selectContract,
  selectContracts,
  selectExtensionOptions,
  selectOrganisationFacts,
  selectOrganisationsOfTypes,
} from './contract-queries.ts';
import {
  type ContractStatus,
  contractStatusNames,
  currentEnd,
  latestPossibleEnd,
  moneyInWords,
  type ProcurementRoute,
  primaryCareTrust,
  procurementRouteNames,
  providerTypes,
  recordableStatuses,
  type ShareBasis,
  shareBasisNames,
  shareInWords,
} from './contract-rules.ts';

export interface NamedOrganisation {
  id: string;
  name: string;
  odsCode: string | null;
}

export interface ContractView {
  id: string;
  reference: string;
  title: string;
  service: string;
  provider: NamedOrganisation & { type: string };
  specification: {
    versionId: string;
    title: string;
    version: number;
    serviceArea: string;
    label: string;
  } | null;
  procurementRoute: { id: ProcurementRoute; name: string };
  singleTenderReason: string | null;
  extends: { id: string; reference: string } | null;
  startsOn: string;
  endsOn: string;
  currentEnd: string;
  latestPossibleEnd: string;
  extensionOptions: { position: number; months: number; exercised: boolean }[];
  totalValuePence: number;
  totalValue: string;
  annualValuePence: number;
  annualValue: string;
  shareBasis: { id: ShareBasis; name: string };
  commissioners: (NamedOrganisation & {
    sectorName: string | null;
    shareBasisPoints: number;
    share: string;
    isLead: boolean;
  })[];
  lead: NamedOrganisation;
  status: { id: ContractStatus; name: string };
  awardedFromTender: boolean;
  createdAt: string;
  updatedAt: string;
  mayChange: boolean;
}

/** The contracts, in reference order, as the views show them. */
export async function contractViews(
  reader: Reader,
  records: readonly ContractRecord[],
  scope: MaintainerScope,
): Promise<ContractView[]> {
  const ids = records.map((each) => each.id);
  const [commissioners, options] = await Promise.all([
    selectCommissioners(reader, ids),
    selectExtensionOptions(reader, ids),
  ]);
  const organisations = new Map(
    (
      await selectOrganisationFacts(reader, [
        ...records.flatMap((each) => [each.providerOrganisationId, each.leadOrganisationId]),
        ...commissioners.map((each) => each.organisationId),
      ])
    ).map((each) => [each.id, each]),
  );
  const versions = new Map(
    (
      await selectAllVersionsById(
        reader,
        records.flatMap((each) =>
          each.specificationVersionId ? [each.specificationVersionId] : [],
        ),
      )
    ).map((each) => [each.id, each]),
  );
  const referenceOf = new Map(records.map((each) => [each.id, each.reference]));
  const named = (id: string) => {
    const found = organisations.get(id);
    return {
      id,
      name: found?.name ?? 'An organisation no longer in the registry',
      odsCode: found?.odsCode ?? null,
    };
  };
  return records.map((record) => {
    const own = options
      .filter((each) => each.contractId === record.id)
      .map(({ position, months, exercised }) => ({ position, months, exercised }));
    const version = record.specificationVersionId
      ? versions.get(record.specificationVersionId)
      : undefined;
    const lead = organisations.get(record.leadOrganisationId);
    return {
      id: record.id,
      reference: record.reference,
      title: record.title,
      service: record.service,
      provider: {
        ...named(record.providerOrganisationId),
        type: organisations.get(record.providerOrganisationId)?.type ?? 'other',
      },
      specification: version
        ? {
            versionId: version.id,
            title: version.title,
            version: version.version,
            serviceArea: version.serviceArea,
            label: `${version.title}, version ${version.version} (${version.serviceArea})`,
          }
        : null,
      procurementRoute: {
        id: record.procurementRoute as ProcurementRoute,
        name: procurementRouteNames[record.procurementRoute as ProcurementRoute],
      },
      singleTenderReason: record.singleTenderReason,
      extends: record.extendsContractId
        ? {
            id: record.extendsContractId,
            reference: referenceOf.get(record.extendsContractId) ?? 'another contract',
          }
        : null,
      startsOn: record.startsOn,
      endsOn: record.endsOn,
      currentEnd: currentEnd(record.endsOn, own),
      latestPossibleEnd: latestPossibleEnd(record.endsOn, own),
      extensionOptions: own,
      totalValuePence: record.totalValuePence,
      totalValue: moneyInWords(record.totalValuePence),
      annualValuePence: record.annualValuePence,
      annualValue: moneyInWords(record.annualValuePence),
      shareBasis: {
        id: record.shareBasis as ShareBasis,
        name: shareBasisNames[record.shareBasis as ShareBasis],
      },
      commissioners: commissioners
        .filter((each) => each.contractId === record.id)
        .map((each) => ({
          ...named(each.organisationId),
          sectorName: organisations.get(each.organisationId)?.sectorName ?? null,
          shareBasisPoints: each.shareBasisPoints,
          share: shareInWords(each.shareBasisPoints),
          isLead: each.organisationId === record.leadOrganisationId,
        })),
      lead: named(record.leadOrganisationId),
      status: {
        id: record.status as ContractStatus,
        name: contractStatusNames[record.status as ContractStatus],
      },
      awardedFromTender: record.tenderId !== null,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      mayChange: covers(scope, lead?.sectorId ?? null),
    };
  });
}

export interface RegisterFilters {
  provider?: string | undefined;
  pct?: string | undefined;
  status?: string | undefined;
  service?: string | undefined;
}

function matches(contract: ContractView, filters: RegisterFilters): boolean {
  if (filters.provider && contract.provider.id !== filters.provider) return false;
  if (filters.pct && !contract.commissioners.some((each) => each.id === filters.pct)) return false;
  if (filters.status && contract.status.id !== filters.status) return false;
  if (
    filters.service &&
    !`${contract.service} ${contract.title}`.toLowerCase().includes(filters.service.toLowerCase())
  ) {
    return false;
  }
  return true;
}

/** Every contract matching the filters, in reference order. */
export async function selectContractViews(
  reader: Reader,
  actor: Actor,
  now: Date,
  filters: RegisterFilters = {},
): Promise<{ contracts: ContractView[]; scope: MaintainerScope }> {
  const scope = await maintainerScope(reader, actor, now);
  const all = await contractViews(reader, await selectContracts(reader), scope);
  return { contracts: all.filter((each) => matches(each, filters)), scope };
}

export async function listContracts(options: {
  db: Reader;
  actor: Actor;
  now: Date;
  filters: RegisterFilters;
}) {
  const { contracts, scope } = await selectContractViews(
    options.db,
    options.actor,
    options.now,
    options.filters,
  );
  const totalPence = contracts.reduce((sum, each) => sum + each.totalValuePence, 0);
  const annualPence = contracts.reduce((sum, each) => sum + each.annualValuePence, 0);
  const organisations = await selectOrganisationsOfTypes(options.db, [
    ...providerTypes,
    primaryCareTrust,
  ]);
  return {
    contracts,
    totals: {
      count: contracts.length,
      totalValuePence: totalPence,
      totalValue: moneyInWords(totalPence),
      annualValuePence: annualPence,
      annualValue: moneyInWords(annualPence),
    },
    filters: options.filters,
    choices: {
      providers: organisations
        .filter((each) => each.type !== primaryCareTrust)
        .map(({ id, name }) => ({ id, name })),
      primaryCareTrusts: organisations
        .filter((each) => each.type === primaryCareTrust)
        .map(({ id, name }) => ({ id, name })),
      statuses: [...recordableStatuses, 'awarded' as const].map((id) => ({
        id,
        name: contractStatusNames[id],
      })),
    },
    mayRecord: mayKeepAny(scope),
  };
}

export async function getContract(options: {
  db: Reader;
  actor: Actor;
  now: Date;
  contractId: string;
}): Promise<ContractView> {
  const record = await selectContract(options.db, options.contractId);
  if (!record) throw notFound('contract', options.contractId);
  const scope = await maintainerScope(options.db, options.actor, options.now);
  const [view] = await contractViews(options.db, [record], scope);
  if (!view) throw notFound('contract', options.contractId);
  if (record.extendsContractId && view.extends) {
    const extended = await selectContract(options.db, record.extendsContractId);
    if (extended) view.extends = { id: extended.id, reference: extended.reference };
  }
  return view;
}
