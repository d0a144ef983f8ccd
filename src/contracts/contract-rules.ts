/**
 * The rules of the contracts register, pure: facts in, answers out, each answer naming the rule it
 * applies and, where there is one, its clause.
 *
 * 2006 §3.1(c): the Commissioning Business Service supports "Contracting and management".
 * 2006 §104: the London group is to "Market manage on a London wide basis, where appropriate".
 * 2008 Business development: "Provide direction to lead commissioning arrangements".
 * Shared DOMAIN.md, "Commissioning cycle and contracts": cost shares between commissioners are by
 * weighted population or by activity and sum to 100%; "Conflicts of interest": the procurement
 * decisions register is "complete before a contract is marked awarded".
 */

export const contractingClause = {
  clause: '2006 §3.1(c)',
  text: 'Contracting and management',
} as const;

export const sharesClause = {
  clause: 'shared DOMAIN.md, Commissioning cycle and contracts',
  text: 'Cost and risk shares between commissioners: by weighted population or by activity; shares sum to 100%',
} as const;

export const awardedClause = {
  clause: 'shared DOMAIN.md, Conflicts of interest',
  text: 'Procurement decisions register: the decision, who was involved, conflicts and how managed — complete before a contract is marked awarded',
} as const;

export const leadClause = {
  clause: '2008 Business development',
  text: 'Provide direction to lead commissioning arrangements',
} as const;

export const procurementRoutes = [
  'open',
  'restricted',
  'competitive-dialogue',
  'framework-call-off',
  'single-tender',
  'extension',
] as const;
export type ProcurementRoute = (typeof procurementRoutes)[number];

export const procurementRouteNames: Record<ProcurementRoute, string> = {
  open: 'Open procedure',
  restricted: 'Restricted procedure',
  'competitive-dialogue': 'Competitive dialogue',
  'framework-call-off': 'Call-off from a framework',
  'single-tender': 'Single tender',
  extension: 'Extension of an existing contract',
};

/** The statuses the register itself may set; "awarded" comes only from a tender. */
export const recordableStatuses = ['active', 'extended', 'expired', 'terminated'] as const;
export const contractStatuses = [...recordableStatuses, 'awarded'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export const contractStatusNames: Record<ContractStatus, string> = {
  active: 'Active',
  extended: 'Extended',
  expired: 'Expired',
  terminated: 'Terminated',
  awarded: 'Awarded',
};

export const shareBases = ['population', 'activity'] as const;
export type ShareBasis = (typeof shareBases)[number];

export const shareBasisNames: Record<ShareBasis, string> = {
  population: 'by weighted population',
  activity: 'by activity',
};

export const providerTypes = ['provider-trust', 'foundation-trust', 'other'] as const;
export const primaryCareTrust = 'primary-care-trust';

/** 100% in hundredths of a per cent (basis points). */
export const wholeShare = 10_000;

/** "23.47%" from 2347 basis points. */
export function shareInWords(basisPoints: number): string {
  return `${(basisPoints / 100).toFixed(2)}%`;
}

const pounds = new Intl.NumberFormat('en-GB');

/** "£1,234,567.89" from 123456789 pence, exactly (no floating point on the way). */
export function moneyInWords(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const whole = Math.abs(pence);
  const poundsPart = Math.floor(whole / 100);
  const pennies = String(whole % 100).padStart(2, '0');
  return `${sign}£${pounds.format(poundsPart)}.${pennies}`;
}

/** "1234567.89" from 123456789 pence: the decimal a file or another system reads. */
export function poundsText(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const whole = Math.abs(pence);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

export type Reading<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Pence from an amount of pounds typed by a person or read from a file ("£1,234,567.89",
 * "1234567.8", "1234567"). More than two decimal places is a fraction of a penny: refused.
 */
export function penceFromPounds(text: string, what: string): Reading<number> {
  const cleaned = text.trim().replace(/^£/, '').replaceAll(',', '').trim();
  if (cleaned === '') return { ok: false, message: `Enter the ${what} in pounds.` };
  const match = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) {
    return {
      ok: false,
      message: `The ${what} "${text.trim()}" is not an amount of pounds: write it like 1234567.89.`,
    };
  }
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > 2 && /[1-9]/.test(fraction.slice(2))) {
    return {
      ok: false,
      message: `The ${what} £${cleaned} has a fraction of a penny: values are recorded in whole pence.`,
    };
  }
  const pence = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (!Number.isSafeInteger(pence)) {
    return { ok: false, message: `The ${what} £${cleaned} is too large to record.` };
  }
  return { ok: true, value: pence };
}

/** A share typed as a percentage ("23.47" or "23.47%") in basis points. */
export function basisPointsFromPercentage(text: string): Reading<number> {
  const cleaned = text.trim().replace(/%$/, '').trim();
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) {
    return {
      ok: false,
      message: `The share "${text.trim()}" is not a percentage with up to two decimal places, like 23.47%.`,
    };
  }
  const [, whole = '0', fraction = ''] = match;
  return { ok: true, value: Number(whole) * 100 + Number(fraction.padEnd(2, '0')) };
}

/** The ISO date `months` calendar months after `isoDate`, the day kept or cut to the month's end. */
export function addMonths(isoDate: string, months: number): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  const monthIndex = month - 1 + months;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const targetDay = Math.min(day, lastDay);
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth + 1).padStart(2, '0')}-${String(targetDay).padStart(2, '0')}`;
}

export interface ExtensionOption {
  months: number;
  exercised: boolean;
}

/** The end with every exercised option taken up: when the contract ends as things stand. */
export function currentEnd(endsOn: string, options: readonly ExtensionOption[]): string {
  const months = options
    .filter((each) => each.exercised)
    .reduce((sum, each) => sum + each.months, 0);
  return addMonths(endsOn, months);
}

/** The end if every option were exercised: the latest the contract can run to. */
export function latestPossibleEnd(endsOn: string, options: readonly ExtensionOption[]): string {
  return addMonths(
    endsOn,
    options.reduce((sum, each) => sum + each.months, 0),
  );
}

export interface CommissionerFact {
  organisationId: string;
  name: string;
  type: string;
  shareBasisPoints: number;
}

/** What a contract says, its names resolved: the facts its rules are checked on. */
export interface ContractFacts {
  procurementRoute: ProcurementRoute;
  singleTenderReason?: string | undefined;
  extendsContract?: { reference: string } | undefined;
  startsOn: string;
  endsOn: string;
  extensionOptions: readonly ExtensionOption[];
  totalValuePence: number;
  annualValuePence: number;
  commissioners: readonly CommissionerFact[];
  leadOrganisationId: string;
  status: string;
  provider?: { name: string; type: string } | undefined;
}

export interface RuleBroken {
  field: string;
  rule: string;
  message: string;
}

/**
 * Everything wrong with a contract, if anything. Each refusal names its rule and, where there is
 * one, its clause; the register refuses them all at once so a person fixes them in one go.
 */
export function contractProblems(facts: ContractFacts, today: string): RuleBroken[] {
  const problems: RuleBroken[] = [];
  if (facts.provider && !(providerTypes as readonly string[]).includes(facts.provider.type)) {
    problems.push({
      field: 'providerOrganisationId',
      rule: 'provider-is-a-provider',
      message: `${facts.provider.name} is not a provider: a contract is held with an NHS trust, a foundation trust or another provider in the registry, not a commissioner.`,
    });
  }
  if (facts.procurementRoute === 'single-tender' && !facts.singleTenderReason?.trim()) {
    problems.push({
      field: 'singleTenderReason',
      rule: 'single-tender-has-reason',
      message:
        'A single tender states why no competition was run: give the reason (for example, the only provider able to deliver the service).',
    });
  }
  if (facts.procurementRoute === 'extension' && !facts.extendsContract) {
    problems.push({
      field: 'extendsReference',
      rule: 'extension-names-contract',
      message: 'An extension names the contract it extends: give that contract’s reference.',
    });
  }
  if (facts.endsOn < facts.startsOn) {
    problems.push({
      field: 'endsOn',
      rule: 'end-not-before-start',
      message: `The contract ends (${facts.endsOn}) before it starts (${facts.startsOn}): the end is on or after the start.`,
    });
  }
  for (const [field, value, what] of [
    ['totalValuePence', facts.totalValuePence, 'total value'],
    ['annualValuePence', facts.annualValuePence, 'annual value'],
  ] as const) {
    if (!Number.isSafeInteger(value)) {
      problems.push({
        field,
        rule: 'whole-pence',
        message: `The ${what} ${value} pence has a fraction of a penny: values are recorded in whole pence.`,
      });
    } else if (value < 0) {
      problems.push({
        field,
        rule: 'value-not-negative',
        message: `The ${what} cannot be negative.`,
      });
    }
  }
  facts.extensionOptions.forEach((option, index) => {
    if (!Number.isInteger(option.months) || option.months < 1 || option.months > 120) {
      problems.push({
        field: `extensionOptions.${index}.months`,
        rule: 'option-months-in-range',
        message: `Extension option ${index + 1} is ${option.months} months: an option is from 1 to 120 whole months.`,
      });
    }
  });
  problems.push(...shareProblems(facts.commissioners, facts.leadOrganisationId));
  problems.push(...statusProblems(facts, today));
  return problems;
}

/** The commissioners are PCTs, each named once, their shares summing to exactly 100.00%. */
export function shareProblems(
  commissioners: readonly CommissionerFact[],
  leadOrganisationId: string,
): RuleBroken[] {
  const problems: RuleBroken[] = [];
  if (commissioners.length === 0) {
    problems.push({
      field: 'commissioners',
      rule: 'at-least-one-commissioner',
      message: 'Name the PCTs that commission the contract, with their shares.',
    });
    return problems;
  }
  const seen = new Set<string>();
  commissioners.forEach((commissioner, index) => {
    const field = `commissioners.${index}.organisationId`;
    if (commissioner.type !== primaryCareTrust) {
      problems.push({
        field,
        rule: 'commissioner-is-a-pct',
        message: `${commissioner.name} is not a PCT: the commissioners of a contract are the PCTs that pay for it.`,
      });
    }
    if (seen.has(commissioner.organisationId)) {
      problems.push({
        field,
        rule: 'commissioner-listed-once',
        message: `${commissioner.name} is listed as a commissioner more than once.`,
      });
    }
    seen.add(commissioner.organisationId);
    if (
      !Number.isInteger(commissioner.shareBasisPoints) ||
      commissioner.shareBasisPoints <= 0 ||
      commissioner.shareBasisPoints > wholeShare
    ) {
      problems.push({
        field: `commissioners.${index}.share`,
        rule: 'share-in-range',
        message: `${commissioner.name}'s share must be more than 0% and at most 100%, in hundredths of a per cent.`,
      });
    }
  });
  const total = commissioners.reduce((sum, each) => sum + each.shareBasisPoints, 0);
  if (total !== wholeShare) {
    problems.push({
      field: 'commissioners',
      rule: 'shares-sum-to-100',
      message: `The commissioners' shares sum to ${shareInWords(total)}, not 100%: shares between commissioners sum to exactly 100.00% (${sharesClause.clause}: "${sharesClause.text}").`,
    });
  }
  if (!commissioners.some((each) => each.organisationId === leadOrganisationId)) {
    problems.push({
      field: 'leadOrganisationId',
      rule: 'lead-is-a-commissioner',
      message: `The lead commissioner is not one of the commissioning PCTs: the lead (co-ordinating) commissioner acts for the others and is one of them (${leadClause.clause}: "${leadClause.text}").`,
    });
  }
  return problems;
}

/**
 * The status fits the facts: "awarded" never from the register; "extended" only with an exercised
 * option; "expired" only once the end (with exercised options) has passed.
 */
export function statusProblems(
  facts: Pick<ContractFacts, 'status' | 'endsOn' | 'extensionOptions'>,
  today: string,
): RuleBroken[] {
  if (facts.status === 'awarded') {
    return [
      {
        field: 'status',
        rule: 'awarded-only-from-a-tender',
        message: `A contract is marked awarded only from a tender whose procurement decisions register is complete (${awardedClause.clause}: "${awardedClause.text}"): record it as active, extended, expired or terminated.`,
      },
    ];
  }
  if (!(recordableStatuses as readonly string[]).includes(facts.status)) {
    return [
      {
        field: 'status',
        rule: 'status-known',
        message: `"${facts.status}" is not a status of the register: active, extended, expired or terminated.`,
      },
    ];
  }
  if (facts.status === 'extended' && !facts.extensionOptions.some((each) => each.exercised)) {
    return [
      {
        field: 'status',
        rule: 'extended-needs-an-exercised-option',
        message:
          'A contract is extended only by exercising one of its extension options: mark the option exercised, or choose another status.',
      },
    ];
  }
  const endsAsThingsStand = currentEnd(facts.endsOn, facts.extensionOptions);
  if (facts.status === 'expired' && endsAsThingsStand >= today) {
    return [
      {
        field: 'status',
        rule: 'expired-after-its-end',
        message: `The contract runs to ${endsAsThingsStand} with its exercised options, so it has not expired: a contract expires after its end.`,
      },
    ];
  }
  return [];
}

/**
 * Shares by weighted population, in basis points summing to exactly 10000: each population's
 * proportion, rounded down, the hundredths left over going to the largest remainders.
 */
export function sharesByPopulation(populations: readonly number[]): number[] {
  const total = populations.reduce((sum, each) => sum + each, 0);
  if (total <= 0) return populations.map(() => 0);
  const exact = populations.map((each) => (each * wholeShare) / total);
  const shares = exact.map(Math.floor);
  let left = wholeShare - shares.reduce((sum, each) => sum + each, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    shares[index] = (shares[index] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}
