import type { FieldProblem } from '../shared/problems.ts';

export const organisationTypes = [
  'primary-care-trust',
  'strategic-health-authority',
  'local-authority',
  'mayors-office',
  'provider-trust',
  'foundation-trust',
  'business-service',
  'practice-based-commissioning-consortium',
  'other',
] as const;

export type OrganisationType = (typeof organisationTypes)[number];

export const organisationTypeLabels: Record<OrganisationType, string> = {
  'primary-care-trust': 'Primary care trust',
  'strategic-health-authority': 'Strategic health authority',
  'local-authority': 'Local authority',
  'mayors-office': "Mayor's Office",
  'provider-trust': 'NHS provider trust',
  'foundation-trust': 'NHS foundation trust',
  'business-service': 'Commissioning business service',
  'practice-based-commissioning-consortium': 'Practice-based commissioning consortium',
  other: 'Other organisation',
};

/**
 * NHS Organisation Data Service codes are 3 characters for trusts, PCTs and SHAs (5K5, TAK, Q36)
 * and up to 6 for sites and practices (A81001): letters and digits only, stored upper case.
 */
export const odsCodePattern = /^[A-Z0-9]{3,6}$/;
export const odsCodeMessage =
  'An ODS code is 3 to 6 letters or digits, for example 5K5 (Brent Teaching PCT).';

export interface OrganisationFacts {
  type: OrganisationType;
  sectorId: string | null;
}

/**
 * DESIGN §2: "Every London PCT belongs to exactly one [sector]". A PCT without a sector could not
 * be counted by the sector-based quorum and composition rules, so it is refused at the door.
 */
export function checkOrganisationRules(facts: OrganisationFacts): FieldProblem[] {
  if (facts.type === 'primary-care-trust' && facts.sectorId === null) {
    return [
      {
        field: 'sector',
        message: 'A primary care trust must belong to exactly one sector.',
      },
    ];
  }
  return [];
}
