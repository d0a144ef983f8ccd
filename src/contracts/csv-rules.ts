/**
 * The register as CSV, both ways, pure: the columns (docs/contracts.md), one contract as a row,
 * and one row read back as a contract, its names resolved by the lookups given. A file exported
 * from the register imports into an empty one unchanged.
 */
import type { ContractInput } from './contract-check.ts';
import {
  basisPointsFromPercentage,
  type ExtensionOption,
  type ProcurementRoute,
  penceFromPounds,
  poundsText,
  procurementRouteNames,
  procurementRoutes,
  type ShareBasis,
  shareBases,
  shareInWords,
} from './contract-rules.ts';

export const contractCsvColumns = [
  'reference',
  'title',
  'service',
  'provider',
  'specification',
  'specification_version',
  'procurement_route',
  'single_tender_reason',
  'extends',
  'starts_on',
  'ends_on',
  'extension_options',
  'total_value',
  'annual_value',
  'share_basis',
  'commissioners',
  'lead_commissioner',
  'status',
] as const;

export type CsvColumn = (typeof contractCsvColumns)[number];

/** What a row of the export holds, from a contract as the register shows it. */
export interface CsvContract {
  reference: string;
  title: string;
  service: string;
  provider: { name: string };
  specification: { title: string; version: number } | null;
  procurementRoute: { id: string };
  singleTenderReason: string | null;
  extends: { reference: string } | null;
  startsOn: string;
  endsOn: string;
  extensionOptions: readonly ExtensionOption[];
  totalValuePence: number;
  annualValuePence: number;
  shareBasis: { id: string };
  commissioners: readonly { name: string; shareBasisPoints: number }[];
  lead: { name: string };
  status: { id: string };
}

export function extensionOptionsText(options: readonly ExtensionOption[]): string {
  return options.map((each) => `${each.months}${each.exercised ? ' exercised' : ''}`).join('; ');
}

export function commissionersText(
  commissioners: readonly { name: string; shareBasisPoints: number }[],
): string {
  return commissioners
    .map((each) => `${each.name} ${shareInWords(each.shareBasisPoints)}`)
    .join('; ');
}

export function csvRowOf(contract: CsvContract): string[] {
  return [
    contract.reference,
    contract.title,
    contract.service,
    contract.provider.name,
    contract.specification?.title ?? '',
    contract.specification ? String(contract.specification.version) : '',
    contract.procurementRoute.id,
    contract.singleTenderReason ?? '',
    contract.extends?.reference ?? '',
    contract.startsOn,
    contract.endsOn,
    extensionOptionsText(contract.extensionOptions),
    poundsText(contract.totalValuePence),
    poundsText(contract.annualValuePence),
    contract.shareBasis.id,
    commissionersText(contract.commissioners),
    contract.lead.name,
    contract.status.id,
  ];
}

function csvField(value: string): string {
  // A leading =, +, - or @ would run as a formula in a spreadsheet; a quote mark keeps it text
  // (and the import takes it off again).
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180: a header row, CRLF line ends. */
export function contractsCsv(contracts: readonly CsvContract[]): string {
  const rows = [[...contractCsvColumns], ...contracts.map(csvRowOf)];
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The header's problems: a column missing or one the register does not know. */
export function headerProblems(header: readonly string[]): string[] {
  const problems: string[] = [];
  const known = new Set<string>(contractCsvColumns);
  const missing = contractCsvColumns.filter((column) => !header.includes(column));
  if (missing.length) {
    problems.push(
      `line 1: the header has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}: the columns are ${contractCsvColumns.join(', ')} (docs/contracts.md).`,
    );
  }
  const unknown = header.filter((column) => !known.has(column));
  if (unknown.length) {
    problems.push(
      `line 1: the register has no column ${unknown.map((each) => `"${each}"`).join(', ')}: the columns are ${contractCsvColumns.join(', ')} (docs/contracts.md).`,
    );
  }
  return problems;
}

/** Resolves the names a row gives to the register's records. */
export interface CsvLookups {
  /** A registry organisation by its name (any case) or ODS code. */
  organisation(nameOrCode: string): { id: string } | undefined;
  /** A specification version by the specification's title (any case) and version number. */
  version(title: string, version: number): { id: string } | undefined;
}

const unquote = (value: string) => (/^'[=+\-@]/.test(value) ? value.slice(1) : value);

function routeOf(text: string): ProcurementRoute | undefined {
  const wanted = text.trim().toLowerCase();
  return procurementRoutes.find(
    (route) => route === wanted || procurementRouteNames[route].toLowerCase() === wanted,
  );
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function validDate(text: string): boolean {
  if (!isoDate.test(text)) return false;
  const date = new Date(`${text}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * One row as the use case's input, or what is wrong with it (each message to be prefixed with
 * its line number). The rules of a contract are checked after, by the use case.
 */
export function contractFromCsv(
  record: Readonly<Record<string, string | undefined>>,
  lookups: CsvLookups,
): { ok: true; input: ContractInput } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const value = (column: CsvColumn) => unquote((record[column] ?? '').trim());
  const required = (column: CsvColumn, what: string) => {
    const text = value(column);
    if (!text) problems.push(`${what} is missing (column ${column}).`);
    return text;
  };
  const reference = required('reference', 'the reference');
  const title = required('title', 'the title');
  const service = required('service', 'the service');
  const providerName = required('provider', 'the provider');
  const provider = providerName ? lookups.organisation(providerName) : undefined;
  if (providerName && !provider) {
    problems.push(`there is no organisation "${providerName}" in the registry (column provider).`);
  }
  let specificationVersionId: string | undefined;
  const specificationTitle = value('specification');
  if (specificationTitle) {
    const number = Number(value('specification_version'));
    const found = Number.isInteger(number)
      ? lookups.version(specificationTitle, number)
      : undefined;
    if (!found) {
      problems.push(
        `there is no version "${value('specification_version')}" of the specification "${specificationTitle}" in the library (columns specification and specification_version).`,
      );
    }
    specificationVersionId = found?.id;
  }
  const route = routeOf(required('procurement_route', 'the procurement route'));
  if (value('procurement_route') && !route) {
    problems.push(
      `"${value('procurement_route')}" is not a procurement route: ${procurementRoutes.join(', ')} (column procurement_route).`,
    );
  }
  const startsOn = required('starts_on', 'the start date');
  const endsOn = required('ends_on', 'the end date');
  for (const [column, date] of [
    ['starts_on', startsOn],
    ['ends_on', endsOn],
  ] as const) {
    if (date && !validDate(date)) {
      problems.push(`"${date}" is not a date written YYYY-MM-DD (column ${column}).`);
    }
  }
  const extensionOptions: ExtensionOption[] = [];
  for (const part of value('extension_options')
    .split(';')
    .map((each) => each.trim())) {
    if (!part) continue;
    const match = /^(\d{1,3})(?:\s*months?)?(\s+exercised)?$/i.exec(part);
    if (!match) {
      problems.push(
        `"${part}" is not an extension option: write its months, then "exercised" if it was, like "12 exercised; 12" (column extension_options).`,
      );
      continue;
    }
    extensionOptions.push({ months: Number(match[1]), exercised: Boolean(match[2]) });
  }
  const money = (column: CsvColumn, what: string) => {
    const read = penceFromPounds(required(column, `the ${what}`), what);
    if (value(column) && !read.ok) problems.push(`${read.message} (column ${column})`);
    return read.ok ? read.value : 0;
  };
  const totalValuePence = money('total_value', 'total value');
  const annualValuePence = money('annual_value', 'annual value');
  const basis = required('share_basis', 'the basis of the shares').toLowerCase();
  if (basis && !(shareBases as readonly string[]).includes(basis)) {
    problems.push(
      `"${value('share_basis')}" is not a basis for shares: population or activity (column share_basis).`,
    );
  }
  const commissioners: ContractInput['commissioners'] = [];
  for (const part of required('commissioners', 'the commissioners')
    .split(';')
    .map((each) => each.trim())) {
    if (!part) continue;
    const match = /^(.*\S)\s+(\d{1,3}(?:\.\d{1,2})?)\s*%$/.exec(part);
    if (!match) {
      problems.push(
        `"${part}" is not a PCT and its share: write the name, then the share, like "Camden PCT 40.00%" (column commissioners).`,
      );
      continue;
    }
    const [, name = '', shareText = ''] = match;
    const organisation = lookups.organisation(name);
    const share = basisPointsFromPercentage(shareText);
    if (!organisation) {
      problems.push(`there is no organisation "${name}" in the registry (column commissioners).`);
      continue;
    }
    commissioners.push({
      organisationId: organisation.id,
      shareBasisPoints: share.ok ? share.value : 0,
    });
  }
  const leadName = required('lead_commissioner', 'the lead commissioner');
  const lead = leadName ? lookups.organisation(leadName) : undefined;
  if (leadName && !lead) {
    problems.push(
      `there is no organisation "${leadName}" in the registry (column lead_commissioner).`,
    );
  }
  const status = required('status', 'the status').toLowerCase();
  if (problems.length > 0 || !provider || !route || !lead) return { ok: false, problems };
  return {
    ok: true,
    input: {
      reference,
      title,
      service,
      providerOrganisationId: provider.id,
      specificationVersionId,
      procurementRoute: route,
      singleTenderReason: value('single_tender_reason') || undefined,
      extendsReference: value('extends') || undefined,
      startsOn,
      endsOn,
      extensionOptions,
      totalValuePence,
      annualValuePence,
      shareBasis: basis as ShareBasis,
      commissioners,
      leadOrganisationId: lead.id,
      status,
    },
  };
}
