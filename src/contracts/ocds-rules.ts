/**
 * The register as an Open Contracting Data Standard 1.1.5 release package, pure: one release per
 * contract (docs/contracts.md, "OCDS"). The ocid prefix is the register's own (decision 030): a
 * publisher registers a prefix with the Open Contracting Partnership before publishing for real.
 * Values are in pounds, converted from whole pence exactly; dates are calendar days at midnight UTC.
 */
import { poundsText } from './contract-rules.ts';

export const ocdsVersion = '1.1';
export const ocidPrefix = 'ocds-lcgcr1';
export const ocdsPublisher = 'London Commissioning Group contracts register (Concordat)';

/** Pounds as a JSON number from whole pence, exactly: 123456789 → 1234567.89. */
export function poundsFromPence(pence: number): number {
  const sign = pence < 0 ? '-' : '';
  const whole = Math.abs(pence);
  return Number(`${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`);
}

/** A CPV classification for a service, by the words in its name (Common Procurement Vocabulary). */
export function classificationOf(service: string): {
  scheme: 'CPV';
  id: string;
  description: string;
} {
  const words = service.toLowerCase();
  if (/mental|psychiatr|psycholog|iapt|talking therap/.test(words)) {
    return {
      scheme: 'CPV',
      id: '85121270-6',
      description: 'Psychiatrist or psychologist services',
    };
  }
  if (/ambulance/.test(words)) {
    return { scheme: 'CPV', id: '85143000-3', description: 'Ambulance services' };
  }
  if (/community|district nurs/.test(words)) {
    return { scheme: 'CPV', id: '85323000-9', description: 'Community health services' };
  }
  if (
    /acute|hospital|surg|planned|urgent|maternity|stroke|trauma|cardi|cancer|elective/.test(words)
  ) {
    return { scheme: 'CPV', id: '85110000-3', description: 'Hospital and related services' };
  }
  return { scheme: 'CPV', id: '85100000-0', description: 'Health services' };
}

/** What a release needs of a contract, as the register shows it. */
export interface OcdsContract {
  id: string;
  reference: string;
  title: string;
  service: string;
  provider: { id: string; name: string; odsCode: string | null };
  lead: { id: string; name: string; odsCode: string | null };
  commissioners: readonly {
    id: string;
    name: string;
    odsCode: string | null;
    share: string;
    isLead: boolean;
  }[];
  specification: { label: string } | null;
  procurementRoute: { id: string; name: string };
  startsOn: string;
  endsOn: string;
  currentEnd: string;
  latestPossibleEnd: string;
  totalValuePence: number;
  annualValuePence: number;
  shareBasis: { name: string };
  status: { id: string };
  createdAt: string;
  updatedAt: string;
}

const atMidnight = (date: string) => `${date}T00:00:00Z`;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(atMidnight(to)) - Date.parse(atMidnight(from))) / 86_400_000);

/** OCDS's procurement method for the register's route (the closed method codelist). */
export function procurementMethodOf(route: string): 'open' | 'selective' | 'limited' | 'direct' {
  switch (route) {
    case 'open':
      return 'open';
    case 'restricted':
    case 'competitive-dialogue':
    case 'framework-call-off':
      return 'selective';
    default:
      return 'direct';
  }
}

function party(
  organisation: { id: string; name: string; odsCode: string | null },
  roles: string[],
) {
  return {
    id: organisation.id,
    name: organisation.name,
    ...(organisation.odsCode && {
      identifier: { scheme: 'GB-NHS', id: organisation.odsCode, legalName: organisation.name },
    }),
    roles,
  };
}

export function releaseOf(contract: OcdsContract) {
  const ocid = `${ocidPrefix}-${contract.id}`;
  const parties = new Map<string, ReturnType<typeof party>>();
  parties.set(contract.provider.id, party(contract.provider, ['supplier']));
  for (const commissioner of contract.commissioners) {
    parties.set(
      commissioner.id,
      party(commissioner, commissioner.isLead ? ['buyer', 'procuringEntity', 'payer'] : ['payer']),
    );
  }
  const value = { amount: poundsFromPence(contract.totalValuePence), currency: 'GBP' };
  const period = {
    startDate: atMidnight(contract.startsOn),
    endDate: atMidnight(contract.currentEnd),
    maxExtentDate: atMidnight(contract.latestPossibleEnd),
    durationInDays: daysBetween(contract.startsOn, contract.currentEnd),
  };
  const classification = classificationOf(contract.service);
  const items = [
    {
      id: '1',
      description: contract.specification
        ? `${contract.service}, to the specification ${contract.specification.label}`
        : contract.service,
      classification,
    },
  ];
  const awardId = `${contract.id}-award`;
  const ended = contract.status.id === 'expired' || contract.status.id === 'terminated';
  return {
    ocid,
    id: `${ocid}-${contract.updatedAt.replace(/[^0-9]/g, '').slice(0, 14)}`,
    date: contract.updatedAt,
    tag: ['contract'],
    initiationType: 'tender',
    language: 'en',
    parties: [...parties.values()],
    buyer: { id: contract.lead.id, name: contract.lead.name },
    tender: {
      id: `${contract.id}-tender`,
      title: contract.title,
      procurementMethod: procurementMethodOf(contract.procurementRoute.id),
      procurementMethodDetails: contract.procurementRoute.name,
      procuringEntity: { id: contract.lead.id, name: contract.lead.name },
    },
    awards: [
      {
        id: awardId,
        title: contract.title,
        status: 'active',
        value,
        suppliers: [{ id: contract.provider.id, name: contract.provider.name }],
        items,
        contractPeriod: period,
      },
    ],
    contracts: [
      {
        id: contract.reference,
        awardID: awardId,
        title: contract.title,
        description: `${contract.service}; commissioners' shares ${contract.shareBasis.name}: ${contract.commissioners
          .map((each) => `${each.name} ${each.share}`)
          .join(', ')}. Annual value £${poundsText(contract.annualValuePence)}.`,
        status: ended ? 'terminated' : 'active',
        period,
        value,
        items,
      },
    ],
  };
}

export function releasePackage(options: {
  contracts: readonly OcdsContract[];
  publishedDate: string;
  uri: string;
}) {
  return {
    uri: options.uri,
    version: ocdsVersion,
    publishedDate: options.publishedDate,
    publisher: { name: ocdsPublisher },
    releases: options.contracts.map(releaseOf),
  };
}
