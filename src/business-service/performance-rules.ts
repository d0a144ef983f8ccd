/**
 * Pure rules for holding the Business Service to account: the areas of its catalogue (2006 §3.1),
 * the red/amber/green status of a figure against its target, the overall status of a report, and
 * how figures and periods are written. No database, no clock.
 */

export const clauses = {
  infrastructure: {
    clause: '2006 §3.1',
    text: 'That we will move to develop a shared business infrastructure (a ‘Commissioning Business Service’) across London PCTs that supports key elements of the commissioning cycle',
  },
  reportsThroughPartnerships: {
    clause: '2006 §3.2',
    text: 'That this new shared infrastructure will report directly to PCTs through the new partnership arrangements',
  },
  performanceManage: {
    clause: '2006 §106',
    text: 'Through representation on the London Commissioning Group, performance manage the Commissioning Business Service.',
  },
  direct: {
    clause: '2008 Business development',
    text: 'Provide direction and leadership to the Commissioning Support Service (CSS)',
  },
} as const;

export const serviceAreas = [
  'intelligence-and-market-support',
  'specifications-and-quality-assurance',
  'contracting-and-contract-management',
  'administrative-support',
] as const;
export type ServiceArea = (typeof serviceAreas)[number];

/** Each area in words, with the clause it comes from. */
export const serviceAreaText: Record<ServiceArea, { name: string; clause: string }> = {
  'intelligence-and-market-support': {
    name: 'Intelligence and market support',
    clause:
      '2006 §3.1(a) “Public health and service intelligence, strategic analysis and market management support”',
  },
  'specifications-and-quality-assurance': {
    name: 'Specifications and quality assurance',
    clause:
      '2006 §3.1(b) “Service specifications, standards of clinical effectiveness, quality assurance”',
  },
  'contracting-and-contract-management': {
    name: 'Contracting and contract management',
    clause: '2006 §3.1(c) “Contracting and management”',
  },
  'administrative-support': {
    name: 'Administrative support to the groups',
    clause: '2006 §106 “supported by the Business Service” (decision 035)',
  },
};

export const units = ['percent', 'working-days', 'count'] as const;
export type Unit = (typeof units)[number];
export const unitText: Record<Unit, string> = {
  percent: 'per cent',
  'working-days': 'working days',
  count: 'number',
};

export const directions = ['higher-is-better', 'lower-is-better'] as const;
export type Direction = (typeof directions)[number];
export const directionText: Record<Direction, string> = {
  'higher-is-better': 'Higher is better',
  'lower-is-better': 'Lower is better',
};

export type RagStatus = 'green' | 'amber' | 'red';
export const ragText: Record<RagStatus, string> = {
  green: 'Green: on target',
  amber: 'Amber: within 10% of target',
  red: 'Red: off target by more than 10%',
};

/** The tolerance of the amber band, in per cent of the target. */
export const amberTolerancePercent = 10;

/** The rule in words, as the docs and the report page state it. */
export const ragRuleText =
  'Green when the figure meets its target. Amber when it misses by no more than 10% of the target (for higher-is-better, at least 90% of the target; for lower-is-better, at most 110% of it). Red when it misses by more. The report’s overall status is its worst figure’s.';

/**
 * The status of one figure against its target, in exact integers (both in hundredths of the unit).
 * Higher is better: green at or above the target, amber at or above 90% of it, else red. Lower is
 * better: green at or below the target, amber at or below 110% of it, else red. A lower-is-better
 * target of zero has no amber band: anything above zero is red.
 */
export function ragStatus(direction: Direction, target: number, value: number): RagStatus {
  if (direction === 'higher-is-better') {
    if (value >= target) return 'green';
    return value * 100 >= target * (100 - amberTolerancePercent) ? 'amber' : 'red';
  }
  if (value <= target) return 'green';
  return value * 100 <= target * (100 + amberTolerancePercent) ? 'amber' : 'red';
}

/** The worst status among the figures; undefined for a report with none. */
export function overallStatus(statuses: readonly RagStatus[]): RagStatus | undefined {
  if (statuses.length === 0) return undefined;
  if (statuses.includes('red')) return 'red';
  if (statuses.includes('amber')) return 'amber';
  return 'green';
}

/** "2007/08". */
export function financialYearText(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** "Quarter 3, 2007/08". */
export function periodText(startYear: number, quarter: number): string {
  return `Quarter ${quarter}, ${financialYearText(startYear)}`;
}

/** The last day of a quarter of a financial year (April to March): Q3 2007/08 → "2007-12-31". */
export function quarterEndsOn(startYear: number, quarter: number): string {
  const ends = ['06-30', '09-30', '12-31', '03-31'] as const;
  const year = quarter === 4 ? startYear + 1 : startYear;
  return `${year}-${ends[quarter - 1]}`;
}

/** A figure in hundredths of its unit, written for a reader: 9250 percent → "92.5%". */
export function figureText(hundredths: number, unit: Unit): string {
  const whole = Math.trunc(hundredths / 100);
  const fraction = hundredths % 100;
  const number =
    fraction === 0
      ? whole.toLocaleString('en-GB')
      : `${whole.toLocaleString('en-GB')}.${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
  if (unit === 'percent') return `${number}%`;
  if (unit === 'working-days') return `${number} working ${hundredths === 100 ? 'day' : 'days'}`;
  return number;
}

/**
 * A figure typed by a person ("92.5", "10", "1,200") as hundredths, or undefined when it is not a
 * number with at most two decimal places.
 */
export function parseFigure(text: string): number | undefined {
  const cleaned = text.replace(/,/g, '').replace(/%$/, '').trim();
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(cleaned)) return undefined;
  const [whole = '0', fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
