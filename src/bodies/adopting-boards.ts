import type { Constitution } from '../governance/index.ts';

export interface RegistryOrganisation {
  id: string;
  name: string;
  type: string;
  odsCode: string | null;
  sectorId: string | null;
}

/**
 * The boards that must adopt a version (its `adoption.by`), found in the registry: the
 * constitution's constituents matched by ODS code (else name), or every registered organisation of
 * a collective body's type ("London PCTs" means each PCT Board). Pure, so it is tested without a
 * database; a constituent missing from the registry is reported, not skipped.
 */
export function adoptingBoards(
  constitution: Constitution,
  registry: readonly RegistryOrganisation[],
): { boards: RegistryOrganisation[]; unmatched: string[] } {
  const by = constitution.adoption?.by;
  if (!by) return { boards: [], unmatched: [] };
  if (by === 'constituents') {
    const boards: RegistryOrganisation[] = [];
    const unmatched: string[] = [];
    for (const constituent of constitution.constituents ?? []) {
      const match = registry.find(
        (organisation) =>
          (constituent.odsCode !== undefined && organisation.odsCode === constituent.odsCode) ||
          organisation.name.toLowerCase() === constituent.name.toLowerCase(),
      );
      if (match) boards.push(match);
      else unmatched.push(constituent.name);
    }
    return { boards, unmatched };
  }
  const collective = constitution.bodies?.find((body) => body.id === by && body.collective);
  if (!collective?.type) return { boards: [], unmatched: [by] };
  return {
    boards: registry.filter((organisation) => organisation.type === collective.type),
    unmatched: [],
  };
}
