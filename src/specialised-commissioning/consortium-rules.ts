/**
 * The rules of specialised services consortia, pure: members and their shares, the pooled budget
 * in whole pence, and each member's contribution derived from its share so the contributions add
 * up to the budget exactly. Every refusal names its rule and, where there is one, its clause.
 *
 * 2008 Commissioning development: "Lead the strategic development of specialised commissioning for
 * London … and oversee the management of the Specialised Services Consortia arrangements".
 * 2006 §104: "Take the lead for specialised commissioning activities on a London wide basis".
 * DOMAIN.md: "Specialised Commissioning Groups pool budgets from PCT allocations".
 */
import { businessServiceMayNotOwn } from '../governance/index.ts';

export const clauses = {
  consortia: {
    clause: '2008 Commissioning development',
    text: 'Lead the strategic development of specialised commissioning for London in line with the recent Carter review, commission specialty service reviews to improve quality and efficiency and oversee the management of the Specialised Services Consortia arrangements',
  },
  lead: {
    clause: '2006 §104',
    text: 'Take the lead for specialised commissioning activities on a London wide basis, as set out in the recommendations of the Warner Review.',
  },
} as const;

export const wholeShare = 10_000;

export const shareBases = ['population', 'activity', 'agreed'] as const;
export type ShareBasis = (typeof shareBases)[number];
export const shareBasisText: Record<ShareBasis, string> = {
  population: 'By population',
  activity: 'By activity',
  agreed: 'As agreed between the members',
};

export interface Member {
  organisationId: string;
  name: string;
  type: string;
  shareBasisPoints: number;
}

export interface RuleBroken {
  field: string;
  rule: string;
  message: string;
}

/** "23.47%" from 2347 basis points. */
export function shareText(basisPoints: number): string {
  return `${(basisPoints / 100).toFixed(2)}%`;
}

/** "£1,234,567.89" from 123456789 pence. */
export function moneyText(pence: number): string {
  const pounds = Math.trunc(pence / 100);
  const rest = String(pence % 100).padStart(2, '0');
  return `£${pounds.toLocaleString('en-GB')}.${rest}`;
}

/**
 * An amount typed in pounds ("£12,345,678.90", "1200000") as whole pence; `fraction-of-a-penny`
 * for more than two decimal places, undefined for anything that is not an amount.
 */
export function parsePounds(text: string): number | 'fraction-of-a-penny' | undefined {
  const cleaned = text.replace(/[£,\s]/g, '');
  if (/^\d{1,12}\.\d{3,}$/.test(cleaned)) return 'fraction-of-a-penny';
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(cleaned)) return undefined;
  const [pounds = '0', pence = ''] = cleaned.split('.');
  return Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
}

/** The largest pooled budget recorded: £10 billion, in pence (exact in a JavaScript number). */
export const largestBudgetPence = 1_000_000_000_000;

/**
 * What is wrong with a consortium's members, if anything: every member a PCT (never the Business
 * Service, 2006 §3.2), each listed once, each share above 0 and at most 100%, and the shares adding
 * up to exactly 100.00%.
 */
export function memberProblems(members: readonly Member[]): RuleBroken[] {
  const problems: RuleBroken[] = [];
  if (members.length < 2) {
    problems.push({
      field: 'members',
      rule: 'at-least-two-members',
      message: `Name at least two member PCTs: a consortium pools the budgets of PCTs (${clauses.consortia.clause}).`,
    });
  }
  const seen = new Set<string>();
  members.forEach((member, index) => {
    const field = `members.${index}.organisationId`;
    const refusal = businessServiceMayNotOwn(member.type, 'decision');
    if (refusal) {
      problems.push({
        field,
        rule: 'business-service-may-not-be-a-member',
        message: `${member.name} cannot be a member, who pools a budget and decides with the others: ${refusal.message}`,
      });
    } else if (member.type !== 'primary-care-trust') {
      problems.push({
        field,
        rule: 'member-is-a-pct',
        message: `${member.name} is not a PCT: the consortia pool budgets from PCT allocations (${clauses.consortia.clause}).`,
      });
    }
    if (seen.has(member.organisationId)) {
      problems.push({
        field,
        rule: 'member-listed-once',
        message: `${member.name} is listed more than once.`,
      });
    }
    seen.add(member.organisationId);
    if (member.shareBasisPoints <= 0 || member.shareBasisPoints > wholeShare) {
      problems.push({
        field: `members.${index}.shareBasisPoints`,
        rule: 'share-in-range',
        message: `${member.name}’s share must be above 0% and at most 100%.`,
      });
    }
  });
  const total = members.reduce((sum, member) => sum + member.shareBasisPoints, 0);
  if (members.length >= 2 && total !== wholeShare) {
    problems.push({
      field: 'members',
      rule: 'shares-add-up',
      message: `The members’ shares add up to ${shareText(total)}, not 100%: the pooled budget is shared out in full, so the shares must make exactly 100.00% (${clauses.consortia.clause}).`,
    });
  }
  return problems;
}

/**
 * An amount shared out by weights, in whole units: each exact part rounded down, then the units
 * left over given one each to the largest remainders (ties to the larger weight, then to the
 * earlier one) — so the parts add up to the amount exactly.
 */
export function apportion(amount: number, weights: readonly number[]): number[] {
  const total = BigInt(weights.reduce((sum, each) => sum + each, 0));
  if (total <= 0n) return weights.map(() => 0);
  const whole = BigInt(amount);
  const exact = weights.map((weight) => whole * BigInt(weight));
  const parts = exact.map((value) => value / total);
  const remainders = exact.map((value) => value % total);
  let left = Number(whole - parts.reduce((sum, each) => sum + each, 0n));
  const order = weights
    .map((weight, index) => ({ index, weight, remainder: remainders[index] ?? 0n }))
    .sort((a, b) => {
      if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
      return b.weight - a.weight || a.index - b.index;
    });
  const result = parts.map(Number);
  for (const { index } of order) {
    if (left <= 0) break;
    result[index] = (result[index] ?? 0) + 1;
    left -= 1;
  }
  return result;
}

/**
 * Each member's contribution to a pooled budget, in whole pence, from its share (decision 036):
 * the budget apportioned by the shares, so the contributions add up to the budget exactly.
 */
export function contributions(budgetPence: number, shares: readonly number[]): number[] {
  return apportion(budgetPence, shares);
}

/** Shares in basis points from populations, by the same rounding: they make exactly 10000. */
export function sharesFromPopulations(populations: readonly number[]): number[] {
  return apportion(wholeShare, populations);
}

/** "2007/08". */
export function financialYearText(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}
