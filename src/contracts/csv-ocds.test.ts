import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ocdsPackageErrors } from '../../test/support/ocds-validator.ts';
import { moneyInWords } from './contract-rules.ts';
import {
  type CsvContract,
  contractCsvColumns,
  contractFromCsv,
  contractsCsv,
  headerProblems,
} from './csv-rules.ts';
import {
  classificationOf,
  type OcdsContract,
  poundsFromPence,
  releasePackage,
} from './ocds-rules.ts';

const ids: Record<string, string> = {
  'royal free hampstead nhs trust': '01900000-0000-7000-8000-000000000001',
  'camden pct': '01900000-0000-7000-8000-000000000002',
  'islington pct': '01900000-0000-7000-8000-000000000003',
  '5k8': '01900000-0000-7000-8000-000000000003',
};
const lookups = {
  organisation: (name: string) => {
    const id = ids[name.trim().toLowerCase()];
    return id ? { id } : undefined;
  },
  version: (title: string, version: number) =>
    title === 'Hyper-acute stroke unit' && version === 2
      ? { id: '01900000-0000-7000-8000-000000000009' }
      : undefined,
};

const row = (overrides: Partial<Record<(typeof contractCsvColumns)[number], string>> = {}) => ({
  reference: 'LCG/2008/014',
  title: 'Stroke services',
  service: 'Stroke',
  provider: 'Royal Free Hampstead NHS Trust',
  specification: 'Hyper-acute stroke unit',
  specification_version: '2',
  procurement_route: 'open',
  single_tender_reason: '',
  extends: '',
  starts_on: '2008-04-01',
  ends_on: '2011-03-31',
  extension_options: '12 exercised; 12',
  total_value: '1234567.89',
  annual_value: '411522.63',
  share_basis: 'population',
  commissioners: 'Camden PCT 51.67%; 5K8 48.33%',
  lead_commissioner: 'Camden PCT',
  status: 'active',
  ...overrides,
});

describe('a CSV line read as a contract', () => {
  it('reads names, ODS codes, pounds, percentages and options', () => {
    const read = contractFromCsv(row(), lookups);
    expect(read).toEqual({
      ok: true,
      input: expect.objectContaining({
        providerOrganisationId: ids['royal free hampstead nhs trust'],
        specificationVersionId: '01900000-0000-7000-8000-000000000009',
        extensionOptions: [
          { months: 12, exercised: true },
          { months: 12, exercised: false },
        ],
        totalValuePence: 123_456_789,
        commissioners: [
          { organisationId: ids['camden pct'], shareBasisPoints: 5167 },
          { organisationId: ids['islington pct'], shareBasisPoints: 4833 },
        ],
        leadOrganisationId: ids['camden pct'],
      }),
    });
  });

  it('names what it cannot read: a fraction of a penny, an unknown PCT, a bad date', () => {
    const read = contractFromCsv(
      row({
        total_value: '1234567.891',
        commissioners: 'Camden PCT 50%; Nowhere PCT 50%',
        ends_on: '2011-02-30',
      }),
      lookups,
    );
    expect(read).toEqual({
      ok: false,
      problems: [
        '"2011-02-30" is not a date written YYYY-MM-DD (column ends_on).',
        'The total value £1234567.891 has a fraction of a penny: values are recorded in whole pence. (column total_value)',
        'there is no organisation "Nowhere PCT" in the registry (column commissioners).',
      ],
    });
  });

  it('names a header missing a column', () => {
    expect(headerProblems(contractCsvColumns.filter((column) => column !== 'status'))).toEqual([
      expect.stringMatching(/^line 1: the header has no status column/),
    ]);
  });
});

const commissioners = [
  {
    id: ids['camden pct']!,
    name: 'Camden PCT',
    odsCode: '5K7',
    shareBasisPoints: 5167,
    share: '51.67%',
    isLead: true,
  },
  {
    id: ids['islington pct']!,
    name: 'Islington PCT',
    odsCode: null,
    shareBasisPoints: 4833,
    share: '48.33%',
    isLead: false,
  },
];

const contract: CsvContract & OcdsContract = {
  id: '01900000-0000-7000-8000-0000000000c1',
  reference: 'LCG/2008/014',
  title: 'Stroke services, "hyper-acute", for north central London',
  service: 'Stroke',
  provider: {
    id: ids['royal free hampstead nhs trust']!,
    name: 'Royal Free Hampstead NHS Trust',
    odsCode: 'RAL',
  },
  specification: {
    title: 'Hyper-acute stroke unit',
    version: 2,
    label: 'Hyper-acute stroke unit, version 2 (Stroke)',
  },
  procurementRoute: { id: 'open', name: 'Open procedure' },
  singleTenderReason: null,
  extends: null,
  startsOn: '2008-04-01',
  endsOn: '2011-03-31',
  currentEnd: '2012-03-31',
  latestPossibleEnd: '2013-03-31',
  extensionOptions: [
    { months: 12, exercised: true },
    { months: 12, exercised: false },
  ],
  totalValuePence: 123_456_789,
  annualValuePence: 41_152_263,
  shareBasis: { id: 'population', name: 'by weighted population' },
  commissioners,
  lead: { id: ids['camden pct']!, name: 'Camden PCT', odsCode: '5K7' },
  status: { id: 'extended' },
  createdAt: '2008-03-01T10:00:00.000Z',
  updatedAt: '2009-03-01T10:00:00.000Z',
};

describe('the register as CSV', () => {
  it('writes the columns an import reads, and reads its own rows back unchanged', () => {
    const csv = contractsCsv([contract]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe(contractCsvColumns.join(','));
    expect(line).toContain('"Stroke services, ""hyper-acute"", for north central London"');
    expect(line).toContain('12 exercised; 12');
    expect(line).toContain('Camden PCT 51.67%; Islington PCT 48.33%');
    expect(line).toContain(',1234567.89,411522.63,');
  });
});

describe('the register as OCDS 1.1.5', () => {
  it('gives pounds from pence exactly, as the decimal the pence say', () => {
    expect(poundsFromPence(123_456_789)).toBe(1234567.89);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_000_000_000_000 }), (pence) => {
        const pounds = poundsFromPence(pence);
        expect(Math.round(pounds * 100)).toBe(pence);
        expect(
          `£${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2 }).format(pounds)}`,
        ).toBe(moneyInWords(pence));
      }),
    );
  });

  it('classifies a service by the Common Procurement Vocabulary', () => {
    expect(classificationOf('Adult mental health services').id).toBe('85121270-6');
    expect(classificationOf('Acute services').id).toBe('85110000-3');
    expect(classificationOf('Health visiting').id).toBe('85100000-0');
  });

  it('is a release package the published schemas accept, the lead as buyer, values in GBP', () => {
    const releases = releasePackage({
      contracts: [contract],
      publishedDate: '2026-11-23T10:00:00.000Z',
      uri: 'http://localhost:3000/contracts.ocds.json',
    });
    expect(ocdsPackageErrors(releases)).toEqual([]);
    const [release] = releases.releases;
    expect(release).toMatchObject({
      ocid: `ocds-lcgcr1-${contract.id}`,
      tag: ['contract'],
      buyer: { name: 'Camden PCT' },
      awards: [{ value: { amount: 1234567.89, currency: 'GBP' } }],
      contracts: [
        {
          id: 'LCG/2008/014',
          period: {
            startDate: '2008-04-01T00:00:00Z',
            endDate: '2012-03-31T00:00:00Z',
            maxExtentDate: '2013-03-31T00:00:00Z',
          },
          items: [{ classification: { scheme: 'CPV', id: '85110000-3' } }],
        },
      ],
    });
    expect(release?.parties).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'Royal Free Hampstead NHS Trust',
          roles: ['supplier'],
          identifier: { scheme: 'GB-NHS', id: 'RAL', legalName: 'Royal Free Hampstead NHS Trust' },
        }),
        expect.objectContaining({
          name: 'Camden PCT',
          roles: ['buyer', 'procuringEntity', 'payer'],
        }),
        expect.objectContaining({ name: 'Islington PCT', roles: ['payer'] }),
      ]),
    );
  });

  it('the validator does refuse a package that breaks the schema', () => {
    const broken = releasePackage({
      contracts: [contract],
      publishedDate: 'yesterday',
      uri: 'http://localhost:3000/contracts.ocds.json',
    });
    expect(ocdsPackageErrors(broken)).toEqual([expect.stringContaining('/publishedDate')]);
  });
});
