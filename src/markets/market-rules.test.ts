import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  marketClauses,
  marketGrid,
  networkReviewStatus,
  pathwayMoveProblems,
  pathwayProblems,
  reviewProblems,
  serviceAreaProblem,
  suppliesByProvider,
} from './market-rules.ts';

const sectors = [
  { id: 'north-west', name: 'North West' },
  { id: 'south-east', name: 'South East' },
];

describe('the market grid (2006 §104, §106)', () => {
  it('counts providers per service and sector and names each gap in words', () => {
    const { rows, gaps } = marketGrid(['Stroke', 'Major trauma'], sectors, [
      { providerId: 'a', providerName: 'B Trust', serviceArea: 'Stroke', sectorId: 'north-west' },
      { providerId: 'b', providerName: 'A Trust', serviceArea: 'stroke', sectorId: 'north-west' },
      { providerId: 'c', providerName: 'C Trust', serviceArea: 'Stroke', sectorId: 'south-east' },
      {
        providerId: 'c',
        providerName: 'C Trust',
        serviceArea: 'Major trauma',
        sectorId: 'south-east',
      },
    ]);
    expect(rows[0]?.cells.map((cell) => cell.providers.length)).toEqual([2, 1]);
    expect(rows[0]?.cells[0]?.providers.map((each) => each.name)).toEqual(['A Trust', 'B Trust']);
    expect(rows[1]?.gapCount).toBe(1);
    expect(gaps).toEqual([
      {
        serviceArea: 'Major trauma',
        sectorId: 'north-west',
        text: 'No provider of major trauma services is recorded in North West London.',
      },
    ]);
  });
});

describe('what each provider supplies', () => {
  it('lists each provider’s service areas in London’s order with the sectors served', () => {
    expect(
      suppliesByProvider(['Stroke', 'Major trauma'], sectors, [
        {
          providerId: 'c',
          providerName: 'C Trust',
          serviceArea: 'Major trauma',
          sectorId: 'south-east',
        },
        { providerId: 'c', providerName: 'C Trust', serviceArea: 'Stroke', sectorId: 'south-east' },
        { providerId: 'c', providerName: 'C Trust', serviceArea: 'Stroke', sectorId: 'north-west' },
        { providerId: 'a', providerName: 'A Trust', serviceArea: 'Stroke', sectorId: 'north-west' },
      ]),
    ).toEqual([
      { id: 'a', name: 'A Trust', services: [{ serviceArea: 'Stroke', sectors: ['North West'] }] },
      {
        id: 'c',
        name: 'C Trust',
        services: [
          { serviceArea: 'Stroke', sectors: ['North West', 'South East'] },
          { serviceArea: 'Major trauma', sectors: ['South East'] },
        ],
      },
    ]);
  });
});

describe('service areas', () => {
  it('accepts London’s twelve in any case and refuses another, citing decision 038', () => {
    expect(serviceAreaProblem('stroke', ['Stroke'])).toEqual([]);
    expect(serviceAreaProblem('Dentistry', ['Stroke'])[0]?.message).toContain('decision 038');
  });
});

describe('pathways (2006 §106)', () => {
  it('a proposal has no agreement date; an agreed pathway has one, not after today', () => {
    expect(pathwayProblems('proposed', undefined, '2008-01-01')).toEqual([]);
    expect(pathwayProblems('proposed', '2007-06-01', '2008-01-01')[0]?.field).toBe('agreedOn');
    expect(pathwayProblems('agreed', undefined, '2008-01-01')[0]?.message).toContain(
      'agreed with the pct',
    );
    expect(pathwayProblems('in-place', '2008-02-01', '2008-01-01')[0]?.message).toContain(
      'after today',
    );
    expect(pathwayProblems('in-place', '2007-06-01', '2008-01-01')).toEqual([]);
  });
});

describe('a pathway moves forward only', () => {
  it('from a proposal with its date agreed; from agreed to in place keeping the date; never back', () => {
    expect(pathwayMoveProblems('proposed', 'agreed', '2008-01-02', '2008-02-01')).toEqual([]);
    expect(pathwayMoveProblems('proposed', 'in-place', undefined, '2008-02-01')[0]?.field).toBe(
      'agreedOn',
    );
    expect(pathwayMoveProblems('agreed', 'in-place', undefined, '2008-02-01')).toEqual([]);
    expect(
      pathwayMoveProblems('in-place', 'agreed', undefined, '2008-02-01')[0]?.message,
    ).toContain('moves forward only');
  });
});

describe('network reviews (2006 §2.3; 2008 Commissioning development)', () => {
  it('refuses a review held in the future and a next review not after it', () => {
    expect(reviewProblems('2026-12-01', '2027-12-01', '2026-11-23').map((p) => p.field)).toEqual([
      'heldOn',
    ]);
    expect(reviewProblems('2026-01-01', '2026-01-01', '2026-11-23').map((p) => p.field)).toEqual([
      'nextReviewDue',
    ]);
  });

  it('flags a review overdue once its due date has passed, as a body’s review is', () => {
    expect(networkReviewStatus(null, '2026-11-23')).toBe('never-reviewed');
    expect(networkReviewStatus('2026-11-22', '2026-11-23')).toBe('overdue');
    expect(networkReviewStatus('2026-11-23', '2026-11-23')).toBe('due-soon');
    expect(networkReviewStatus('2027-06-01', '2026-11-23')).toBe('current');
  });
});

describe('every clause quoted is the source’s own words', () => {
  const normalise = (text: string) =>
    text
      .replace(/[‘’]/g, "'")
      .replace(/[“”]/g, '"')
      .replace(/[–—]/g, '-')
      .replace(/\s+/g, ' ')
      .trim();
  const source = (name: string) =>
    normalise(
      readFileSync(new URL(`../constitutions/fixtures/sources/${name}`, import.meta.url), 'utf8'),
    );
  const sources = {
    '2006': source('2006-london-commissioning-for-health.txt'),
    '2008': source('2008-london-commissioning-group-governance.txt'),
  };
  it.each(Object.entries(marketClauses))('%s', (_name, { clause, text }) => {
    const from = clause.startsWith('2006') ? sources['2006'] : sources['2008'];
    expect(from).toContain(normalise(text));
  });
});
