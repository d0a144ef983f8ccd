import { describe, expect, it } from 'vitest';
import { odsCodePattern } from './organisation-rules.ts';
import {
  londonPartnerOrganisations,
  londonPrimaryCareTrusts,
  londonSectors,
  londonTotalPopulation,
} from './reference-data.ts';

describe('London reference data (shared/DOMAIN.md)', () => {
  it('holds 31 PCTs, the number the 2006 report retains ("retaining the existing 31 PCTs", §6.1)', () => {
    expect(londonPrimaryCareTrusts).toHaveLength(31);
  });

  it('puts every London PCT in exactly one of the five sectors', () => {
    const sectorIds = new Set(londonSectors.map((sector) => sector.id));
    expect([...sectorIds]).toEqual([
      'north-west',
      'north-central',
      'north-east',
      'south-east',
      'south-west',
    ]);
    for (const trust of londonPrimaryCareTrusts) expect(sectorIds.has(trust.sectorId!)).toBe(true);
    const perSector = londonSectors.map(
      (sector) => londonPrimaryCareTrusts.filter((trust) => trust.sectorId === sector.id).length,
    );
    expect(perSector).toEqual([8, 5, 7, 6, 5]);
  });

  it('gives each PCT a well-formed, unique ODS code and unique name', () => {
    const codes = londonPrimaryCareTrusts.map((trust) => trust.odsCode!);
    for (const code of codes) expect(code).toMatch(odsCodePattern);
    expect(new Set(codes).size).toBe(31);
    expect(new Set(londonPrimaryCareTrusts.map((trust) => trust.name)).size).toBe(31);
  });

  it("sums the PCTs' populations to London's 8,173,941", () => {
    const total = londonPrimaryCareTrusts.reduce((sum, trust) => sum + trust.population!, 0);
    expect(total).toBe(londonTotalPopulation);
  });

  it('names the partners the seeds name, each with its source', () => {
    expect(londonPartnerOrganisations.map((organisation) => organisation.name)).toEqual([
      'NHS London',
      'London Councils',
      "Mayor's Office",
      'London Commissioning Business Service',
    ]);
    for (const organisation of [...londonPartnerOrganisations, ...londonPrimaryCareTrusts]) {
      expect(organisation.source.length).toBeGreaterThan(10);
    }
  });
});
