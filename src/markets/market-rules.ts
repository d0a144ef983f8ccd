/**
 * Market management and clinical networks, as pure rules over facts (dates are arguments; the
 * rules never read the clock). Each result that refuses names its clause.
 */

/** The clauses the markets rest on, quoted from the 2006 proposals and the 2008 terms. */
export const marketClauses = {
  londonMarket: {
    clause: '2006 §104',
    text: 'Market manage on a London wide basis, where appropriate, and ensure that a comprehensive range of patient services exists within reasonable access of all Londoners',
  },
  localMarket: {
    clause: '2006 §106',
    text: "'Market manage' through planning and provider stimulation to meet the needs of the local population, where gaps in service provision or market failures are identified",
  },
  practiceConsortia: {
    clause: '2006 §106',
    text: 'the Local Commissioning Groups will work with Practice Based Commissioning Consortia in addressing the provider management of new or revised Patient Pathways',
  },
  networksReport: {
    clause: '2006 §2.3',
    text: 'review the current clinical networks with the intention of re-aligning and streamlining the commissioning functions within them so that they formally report to the new PCT partnerships at either sector or London level',
  },
  networksOverseen: {
    clause: '2006 §106',
    text: 'Oversee the role and performance of commissioning clinical networks',
  },
  networkObjectives: {
    clause: '2008 Commissioning development',
    text: 'Review clinical network arrangements across London to ensure that future arrangements operate as commissioning networks with clear objectives to drive health and service improvements in line with agreed commissioning priorities',
  },
} as const;

export const providerTypes = ['provider-trust', 'foundation-trust'] as const;

export function isProviderType(type: string): boolean {
  return (providerTypes as readonly string[]).includes(type);
}

export const pathwayStatuses = ['proposed', 'agreed', 'in-place'] as const;
export type PathwayStatus = (typeof pathwayStatuses)[number];

export const pathwayStatusNames: Record<PathwayStatus, string> = {
  proposed: 'Proposed',
  agreed: 'Agreed with the PCT',
  'in-place': 'In place',
};

export interface Sector {
  id: string;
  name: string;
}

export interface Supply {
  providerId: string;
  providerName: string;
  serviceArea: string;
  sectorId: string;
}

export interface SectorCell {
  sectorId: string;
  sectorName: string;
  providers: { id: string; name: string }[];
  isGap: boolean;
}

export interface ServiceRow {
  serviceArea: string;
  cells: SectorCell[];
  gapCount: number;
}

/** A sentence naming a gap: a sector with no provider of a service. */
export function gapInWords(serviceArea: string, sectorName: string): string {
  return `No provider of ${serviceArea.toLowerCase()} services is recorded in ${sectorName} London.`;
}

/**
 * The market grid: for each service area (in the order given) and each sector, the providers that
 * supply it there; a sector with none is a gap (2006 §104, §106). Providers are listed by name.
 */
export function marketGrid(
  serviceAreas: readonly string[],
  sectors: readonly Sector[],
  supplies: readonly Supply[],
): { rows: ServiceRow[]; gaps: { serviceArea: string; sectorId: string; text: string }[] } {
  const rows = serviceAreas.map((serviceArea) => {
    const cells = sectors.map((sector) => {
      const providers = supplies
        .filter(
          (supply) =>
            supply.sectorId === sector.id &&
            supply.serviceArea.toLowerCase() === serviceArea.toLowerCase(),
        )
        .map((supply) => ({ id: supply.providerId, name: supply.providerName }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
      return {
        sectorId: sector.id,
        sectorName: sector.name,
        providers,
        isGap: providers.length === 0,
      };
    });
    return { serviceArea, cells, gapCount: cells.filter((cell) => cell.isGap).length };
  });
  const gaps = rows.flatMap((row) =>
    row.cells
      .filter((cell) => cell.isGap)
      .map((cell) => ({
        serviceArea: row.serviceArea,
        sectorId: cell.sectorId,
        text: gapInWords(row.serviceArea, cell.sectorName),
      })),
  );
  return { rows, gaps };
}

export interface RuleProblem {
  field: string;
  message: string;
}

/** A service area must be one of London's twelve, so the grid has one row per area. */
export function serviceAreaProblem(
  serviceArea: string,
  serviceAreas: readonly string[],
  field = 'serviceArea',
): RuleProblem[] {
  return serviceAreas.some((area) => area.toLowerCase() === serviceArea.toLowerCase())
    ? []
    : [
        {
          field,
          message: `“${serviceArea}” is not one of London’s twelve service areas: choose one of ${serviceAreas.join(', ')} (decision 038).`,
        },
      ];
}

/** The area as London spells it ("stroke" is "Stroke"). */
export function canonicalServiceArea(serviceArea: string, serviceAreas: readonly string[]): string {
  return (
    serviceAreas.find((area) => area.toLowerCase() === serviceArea.toLowerCase()) ?? serviceArea
  );
}

/**
 * A pathway's status and agreement date go together: a proposal has no agreement date; a pathway
 * agreed with the PCT, or in place, says when it was agreed, and that day has come.
 */
export function pathwayProblems(
  status: PathwayStatus,
  agreedOn: string | undefined,
  today: string,
): RuleProblem[] {
  if (status === 'proposed') {
    return agreedOn
      ? [
          {
            field: 'agreedOn',
            message:
              'A proposed pathway has not been agreed with the PCT yet: leave the date agreed empty, or choose “Agreed with the PCT”.',
          },
        ]
      : [];
  }
  if (!agreedOn) {
    return [
      {
        field: 'agreedOn',
        message: `Give the date the pathway was agreed with the PCT: it is ${pathwayStatusNames[status].toLowerCase()}.`,
      },
    ];
  }
  if (agreedOn > today) {
    return [
      {
        field: 'agreedOn',
        message: `A pathway cannot have been agreed after today (${today}).`,
      },
    ];
  }
  return [];
}

/** An annual review is recorded once held (never in the future); the next is due after it. */
export function reviewProblems(
  heldOn: string,
  nextReviewDue: string,
  today: string,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (heldOn > today) {
    problems.push({
      field: 'heldOn',
      message: `A review is recorded once it has been held: ${heldOn} is after today (${today}).`,
    });
  }
  if (nextReviewDue <= heldOn) {
    problems.push({
      field: 'nextReviewDue',
      message: 'The next review must be due after the review being recorded was held.',
    });
  }
  return problems;
}

export type NetworkReviewStatus = 'never-reviewed' | 'current' | 'due-soon' | 'overdue';

/**
 * Whether a network's annual review is due, like a body's review date: overdue once the next
 * review's due date has passed, due soon within 90 days of it; a network never reviewed says so.
 */
export function networkReviewStatus(
  nextReviewDue: string | null,
  today: string,
  warnDays = 90,
): NetworkReviewStatus {
  if (nextReviewDue === null) return 'never-reviewed';
  if (nextReviewDue < today) return 'overdue';
  const days =
    (Date.parse(`${nextReviewDue}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days <= warnDays ? 'due-soon' : 'current';
}

/**
 * What each provider supplies: its service areas (in London's order), each with the sectors it
 * serves (in the sectors' order); providers by name.
 */
export function suppliesByProvider(
  serviceAreas: readonly string[],
  sectors: readonly Sector[],
  supplies: readonly Supply[],
): { id: string; name: string; services: { serviceArea: string; sectors: string[] }[] }[] {
  const providers = new Map<string, { id: string; name: string }>();
  for (const supply of supplies) {
    providers.set(supply.providerId, { id: supply.providerId, name: supply.providerName });
  }
  return [...providers.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((provider) => ({
      ...provider,
      services: serviceAreas.flatMap((serviceArea) => {
        const served = sectors
          .filter((sector) =>
            supplies.some(
              (supply) =>
                supply.providerId === provider.id &&
                supply.sectorId === sector.id &&
                supply.serviceArea.toLowerCase() === serviceArea.toLowerCase(),
            ),
          )
          .map((sector) => sector.name);
        return served.length ? [{ serviceArea, sectors: served }] : [];
      }),
    }));
}

/**
 * A pathway moves forward only — proposed → agreed with the PCT → in place — and keeps the date
 * it was agreed: moving from a proposal needs that date (not after today); moving on from agreed
 * keeps the date already recorded.
 */
export function pathwayMoveProblems(
  from: PathwayStatus,
  to: PathwayStatus,
  agreedOn: string | undefined,
  today: string,
): RuleProblem[] {
  if (pathwayStatuses.indexOf(to) <= pathwayStatuses.indexOf(from)) {
    return [
      {
        field: 'status',
        message: `The pathway is ${pathwayStatusNames[from].toLowerCase()}: it moves forward only, from proposed to agreed with the PCT to in place.`,
      },
    ];
  }
  if (from === 'proposed') return pathwayProblems(to, agreedOn, today);
  return agreedOn
    ? [{ field: 'agreedOn', message: 'The pathway was agreed already: its date agreed stays.' }]
    : [];
}
