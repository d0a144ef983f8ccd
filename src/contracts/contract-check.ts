/**
 * One contract as a use case receives it, checked against what the register and the registry
 * hold (the catalogue) and the rules: the problems, or the rows to write. Shared by recording,
 * changing and importing, so a contract is held to the same rules whichever way it arrives.
 */
import type { Reader } from '../db/connection.ts';
import type { FieldProblem } from '../shared/problems.ts';
import { covers, type MaintainerScope, refusalToKeep } from './contract-access.ts';
import {
  type CommissionerRow,
  type ContractRow,
  type ExtensionOptionRow,
  type OrganisationFact,
  selectOrganisationFacts,
  selectReferences,
  selectVersionFact,
  type VersionFact,
} from './contract-queries.ts';
import {
  type CommissionerFact,
  contractProblems,
  type ExtensionOption,
  type ProcurementRoute,
  type ShareBasis,
} from './contract-rules.ts';

export interface ContractInput {
  reference: string;
  title: string;
  service: string;
  providerOrganisationId: string;
  specificationVersionId?: string | undefined;
  procurementRoute: ProcurementRoute;
  singleTenderReason?: string | undefined;
  /** The reference of the contract an extension extends. */
  extendsReference?: string | undefined;
  startsOn: string;
  endsOn: string;
  extensionOptions: ExtensionOption[];
  totalValuePence: number;
  annualValuePence: number;
  shareBasis: ShareBasis;
  commissioners: { organisationId: string; shareBasisPoints: number }[];
  leadOrganisationId: string;
  status: string;
}

/** What the register and the registry hold that a contract's check needs. */
export interface Catalogue {
  organisations: Map<string, OrganisationFact>;
  versions: Map<string, VersionFact>;
  /** Lower-cased reference → contract id. */
  references: Map<string, string>;
}

/** The catalogue for one contract: only the organisations and version it names. */
export async function catalogueFor(reader: Reader, input: ContractInput): Promise<Catalogue> {
  const organisations = await selectOrganisationFacts(reader, [
    input.providerOrganisationId,
    input.leadOrganisationId,
    ...input.commissioners.map((each) => each.organisationId),
  ]);
  const version = input.specificationVersionId
    ? await selectVersionFact(reader, input.specificationVersionId)
    : undefined;
  return {
    organisations: new Map(organisations.map((each) => [each.id, each])),
    versions: new Map(version ? [[version.id, version]] : []),
    references: await selectReferences(reader),
  };
}

export type Checked =
  | {
      ok: true;
      contract: Omit<ContractRow, 'id' | 'createdAt' | 'updatedAt'>;
      commissioners: Omit<CommissionerRow, 'contractId'>[];
      options: Omit<ExtensionOptionRow, 'contractId'>[];
      lead: OrganisationFact;
    }
  | { ok: false; problems: FieldProblem[] };

/**
 * Checks one contract. `ownId` is the contract being changed (its own reference is not a
 * duplicate); `scope` is whose contracts the actor may keep, checked on the lead commissioner.
 */
export function checkContract(options: {
  input: ContractInput;
  catalogue: Catalogue;
  scope: MaintainerScope;
  today: string;
  ownId?: string | undefined;
  /**
   * A version already bought — the contract's own, or the one an award fixed — which may since have
   * been superseded: only a newly chosen version must be approved.
   */
  boughtVersionId?: string | null | undefined;
}): Checked {
  const { input, catalogue, scope, today } = options;
  const problems: FieldProblem[] = [];
  const holder = catalogue.references.get(input.reference.trim().toLowerCase());
  if (holder !== undefined && holder !== options.ownId) {
    problems.push({
      field: 'reference',
      message: `The reference ${input.reference.trim()} is already in the register: each contract has its own reference.`,
    });
  }
  const provider = catalogue.organisations.get(input.providerOrganisationId);
  if (!provider) {
    problems.push({
      field: 'providerOrganisationId',
      message: 'Choose the provider from the registry.',
    });
  }
  let version: VersionFact | undefined;
  if (input.specificationVersionId) {
    version = catalogue.versions.get(input.specificationVersionId);
    if (!version) {
      problems.push({
        field: 'specificationVersionId',
        message: 'Choose a version of a specification in the library, or none.',
      });
    } else if (version.status !== 'approved' && version.id !== options.boughtVersionId) {
      problems.push({
        field: 'specificationVersionId',
        message: `${version.title}, version ${version.version} is not approved: a contract buys an approved version of a specification (2006 §3.1(b) "Service specifications, standards of clinical effectiveness, quality assurance"; decision 023).`,
      });
    }
  }
  let extendsContract: { reference: string; id: string } | undefined;
  if (input.extendsReference?.trim()) {
    const id = catalogue.references.get(input.extendsReference.trim().toLowerCase());
    if (!id || id === options.ownId) {
      problems.push({
        field: 'extendsReference',
        message: `There is no other contract ${input.extendsReference.trim()} in the register to extend.`,
      });
    } else {
      extendsContract = { reference: input.extendsReference.trim(), id };
    }
  }
  const commissioners: CommissionerFact[] = [];
  input.commissioners.forEach((commissioner, index) => {
    const found = catalogue.organisations.get(commissioner.organisationId);
    if (found) {
      commissioners.push({
        organisationId: found.id,
        name: found.name,
        type: found.type,
        shareBasisPoints: commissioner.shareBasisPoints,
      });
    } else {
      problems.push({
        field: `commissioners.${index}.organisationId`,
        message: 'Choose each commissioner from the London PCTs.',
      });
    }
  });
  const lead = catalogue.organisations.get(input.leadOrganisationId);
  if (!lead) {
    problems.push({ field: 'leadOrganisationId', message: 'Choose the lead commissioner.' });
  }
  const broken = contractProblems(
    {
      procurementRoute: input.procurementRoute,
      singleTenderReason: input.singleTenderReason,
      extendsContract,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      extensionOptions: input.extensionOptions,
      totalValuePence: input.totalValuePence,
      annualValuePence: input.annualValuePence,
      commissioners: commissioners.length === input.commissioners.length ? commissioners : [],
      leadOrganisationId: input.leadOrganisationId,
      status: input.status,
      provider,
    },
    today,
  ).filter(
    // A commissioner missing from the registry is already named; do not also say the sum is off.
    (problem) =>
      commissioners.length === input.commissioners.length ||
      !['commissioners', 'leadOrganisationId'].includes(problem.field),
  );
  for (const problem of broken) {
    // An extension without a named contract is reported once, by the lookup above when one was given.
    if (problem.rule === 'extension-names-contract' && input.extendsReference?.trim()) continue;
    problems.push({ field: problem.field, message: problem.message });
  }
  if (lead && !covers(scope, lead.sectorId)) {
    problems.unshift({ field: 'leadOrganisationId', message: refusalToKeep(lead.name) });
  }
  if (problems.length > 0 || !provider || !lead) return { ok: false, problems };
  return {
    ok: true,
    lead,
    contract: {
      reference: input.reference.trim(),
      title: input.title.trim(),
      service: input.service.trim(),
      providerOrganisationId: provider.id,
      specificationVersionId: version?.id ?? null,
      procurementRoute: input.procurementRoute,
      singleTenderReason:
        input.procurementRoute === 'single-tender'
          ? (input.singleTenderReason?.trim() ?? null)
          : null,
      extendsContractId: extendsContract?.id ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      totalValuePence: input.totalValuePence,
      annualValuePence: input.annualValuePence,
      shareBasis: input.shareBasis,
      leadOrganisationId: lead.id,
      status: input.status,
      tenderId: null,
    },
    commissioners: input.commissioners.map((each) => ({
      organisationId: each.organisationId,
      shareBasisPoints: each.shareBasisPoints,
    })),
    options: input.extensionOptions.map((each, index) => ({
      position: index + 1,
      months: each.months,
      exercised: each.exercised,
    })),
  };
}
