import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  awardedClause,
  basisPointsFromPercentage,
  type ContractFacts,
  contractingClause,
  contractProblems,
  currentEnd,
  latestPossibleEnd,
  leadClause,
  moneyInWords,
  penceFromPounds,
  shareInWords,
  sharesByPopulation,
  sharesClause,
} from './contract-rules.ts';

const pct = (organisationId: string, shareBasisPoints: number) => ({
  organisationId,
  name: `${organisationId} PCT`,
  type: 'primary-care-trust',
  shareBasisPoints,
});

const sound: ContractFacts = {
  procurementRoute: 'open',
  startsOn: '2007-04-01',
  endsOn: '2010-03-31',
  extensionOptions: [
    { months: 12, exercised: true },
    { months: 12, exercised: false },
  ],
  totalValuePence: 123_456_789,
  annualValuePence: 41_152_263,
  commissioners: [pct('camden', 4000), pct('islington', 3500), pct('barnet', 2500)],
  leadOrganisationId: 'camden',
  status: 'active',
  provider: { name: 'Royal Free Hampstead NHS Trust', type: 'provider-trust' },
};

const rulesBroken = (facts: Partial<ContractFacts>, today = '2008-06-01') =>
  contractProblems({ ...sound, ...facts }, today).map((problem) => problem.rule);

describe('money in whole pence', () => {
  it('shows pence as pounds with thousands separators: "£1,234,567.89"', () => {
    expect(moneyInWords(123_456_789)).toBe('£1,234,567.89');
    expect(moneyInWords(5)).toBe('£0.05');
    expect(moneyInWords(0)).toBe('£0.00');
  });

  it('reads pounds typed or filed as whole pence', () => {
    expect(penceFromPounds('£1,234,567.89', 'total value')).toEqual({
      ok: true,
      value: 123_456_789,
    });
    expect(penceFromPounds('1234567.8', 'total value')).toEqual({ ok: true, value: 123_456_780 });
    expect(penceFromPounds('1234567', 'total value')).toEqual({ ok: true, value: 123_456_700 });
    expect(penceFromPounds('10.500', 'total value')).toEqual({ ok: true, value: 1050 });
  });

  it('refuses a value with a fraction of a penny, naming the rule', () => {
    const read = penceFromPounds('1234.567', 'total value');
    expect(read).toEqual({
      ok: false,
      message:
        'The total value £1234.567 has a fraction of a penny: values are recorded in whole pence.',
    });
    expect(rulesBroken({ totalValuePence: 12.5 })).toEqual(['whole-pence']);
  });

  it('round-trips any whole number of pence through its words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_000_000_000_000 }), (pence) => {
        const read = penceFromPounds(moneyInWords(pence), 'value');
        expect(read).toEqual({ ok: true, value: pence });
      }),
    );
  });
});

describe('shares in hundredths of a per cent', () => {
  it('shows and reads "23.47%"', () => {
    expect(shareInWords(2347)).toBe('23.47%');
    expect(basisPointsFromPercentage('23.47%')).toEqual({ ok: true, value: 2347 });
    expect(basisPointsFromPercentage('23.5')).toEqual({ ok: true, value: 2350 });
    expect(basisPointsFromPercentage('23.475').ok).toBe(false);
  });

  it('shared DOMAIN.md: "Cost and risk shares between commissioners: by weighted population or by activity; shares sum to 100%"', () => {
    const problems = contractProblems(
      {
        ...sound,
        commissioners: [pct('camden', 4000), pct('islington', 3500), pct('barnet', 2450)],
      },
      '2008-06-01',
    );
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'shares-sum-to-100',
        message: expect.stringContaining("The commissioners' shares sum to 99.50%, not 100%"),
      }),
    ]);
  });

  it('shares by population always sum to exactly 100.00%', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 9 }),
        (populations) => {
          expect(sharesByPopulation(populations).reduce((sum, each) => sum + each, 0)).toBe(10_000);
        },
      ),
    );
  });

  it('2008 Business development, "Provide direction to lead commissioning arrangements": the lead is one of the commissioners', () => {
    const problems = contractProblems({ ...sound, leadOrganisationId: 'enfield' }, '2008-06-01');
    expect(problems.map((each) => each.rule)).toEqual(['lead-is-a-commissioner']);
    expect(problems[0]?.message).toContain('2008 Business development');
  });

  it('refuses a commissioner who is not a PCT, or one named twice', () => {
    expect(
      rulesBroken({
        commissioners: [
          { ...pct('camden', 5000) },
          {
            organisationId: 'nhs-london',
            name: 'NHS London',
            type: 'strategic-health-authority',
            shareBasisPoints: 5000,
          },
        ],
      }),
    ).toEqual(['commissioner-is-a-pct']);
    expect(rulesBroken({ commissioners: [pct('camden', 5000), pct('camden', 5000)] })).toEqual([
      'commissioner-listed-once',
    ]);
  });
});

describe('term and extension options', () => {
  it('refuses an end before its start', () => {
    const problems = contractProblems({ ...sound, endsOn: '2007-03-31' }, '2008-06-01');
    expect(problems.map((each) => each.rule)).toContain('end-not-before-start');
    expect(problems[0]?.message).toBe(
      'The contract ends (2007-03-31) before it starts (2007-04-01): the end is on or after the start.',
    );
  });

  it('adds calendar months, cutting the day to the month’s end', () => {
    expect(addMonths('2010-03-31', 12)).toBe('2011-03-31');
    expect(addMonths('2010-01-31', 1)).toBe('2010-02-28');
    expect(addMonths('2011-12-31', 2)).toBe('2012-02-29');
  });

  it('shows the end as things stand and the latest possible end', () => {
    expect(currentEnd(sound.endsOn, sound.extensionOptions)).toBe('2011-03-31');
    expect(latestPossibleEnd(sound.endsOn, sound.extensionOptions)).toBe('2012-03-31');
  });

  it('a single tender states its reason; an extension names its contract', () => {
    expect(rulesBroken({ procurementRoute: 'single-tender' })).toEqual([
      'single-tender-has-reason',
    ]);
    expect(rulesBroken({ procurementRoute: 'extension' })).toEqual(['extension-names-contract']);
    expect(
      rulesBroken({ procurementRoute: 'single-tender', singleTenderReason: 'The only provider.' }),
    ).toEqual([]);
  });
});

describe('status', () => {
  it('shared DOMAIN.md, Conflicts of interest: "complete before a contract is marked awarded" — the register never marks a contract awarded', () => {
    const problems = contractProblems({ ...sound, status: 'awarded' }, '2008-06-01');
    expect(problems.map((each) => each.rule)).toEqual(['awarded-only-from-a-tender']);
    expect(problems[0]?.message).toContain('complete before a contract is marked awarded');
  });

  it('extended needs an exercised option; expired needs the end to have passed', () => {
    expect(rulesBroken({ status: 'extended', extensionOptions: [] })).toEqual([
      'extended-needs-an-exercised-option',
    ]);
    expect(rulesBroken({ status: 'extended' })).toEqual([]);
    expect(rulesBroken({ status: 'expired' }, '2011-03-31')).toEqual(['expired-after-its-end']);
    expect(rulesBroken({ status: 'expired' }, '2011-04-01')).toEqual([]);
    expect(rulesBroken({ status: 'pending' })).toEqual(['status-known']);
  });

  it('refuses a commissioner as the provider', () => {
    expect(rulesBroken({ provider: { name: 'Camden PCT', type: 'primary-care-trust' } })).toEqual([
      'provider-is-a-provider',
    ]);
  });
});

describe('the clauses the register quotes are their sources’ own words', () => {
  const source = (file: string) =>
    readFileSync(new URL(`../constitutions/fixtures/sources/${file}`, import.meta.url), 'utf8')
      .replace(/[–—]/g, '-')
      .replace(/\s+/g, ' ');
  const same = (text: string) => text.replace(/[–—]/g, '-');

  it.each([
    ['2006-london-commissioning-for-health.txt', contractingClause],
    ['2008-london-commissioning-group-governance.txt', leadClause],
    ['domain-reference.md', sharesClause],
    ['domain-reference.md', awardedClause],
  ])('%s: %o', (file, quoted) => {
    expect(source(file)).toContain(same(quoted.text));
  });
});
