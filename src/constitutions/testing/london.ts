/**
 * Facts for tests of the London presets: the 2008 London Commissioning Group's full membership
 * (two chief executives per sector, the NHS London chair and directors, and the other members),
 * and helpers to say who attended. Members are named by post and organisation, never by person.
 */
import type {
  AttendanceFact,
  AttendanceStatus,
  Constitution,
  MemberFact,
} from '../../governance/index.ts';
import { loadPreset } from '../presets.ts';

export const sectors = [
  'north-west',
  'north-central',
  'north-east',
  'south-east',
  'south-west',
] as const;
export type SectorId = (typeof sectors)[number];

/** Two PCTs per sector (from the DOMAIN reference data): the first chairs the sector's CCG. */
export const pctsBySector: Record<SectorId, readonly [string, string, string]> = {
  'north-west': ['Brent Teaching PCT', 'Ealing PCT', 'Harrow PCT'],
  'north-central': ['Barnet PCT', 'Camden PCT', 'Enfield PCT'],
  'north-east': ['Newham PCT', 'Tower Hamlets PCT', 'Havering PCT'],
  'south-east': ['Lambeth PCT', 'Southwark PCT', 'Lewisham PCT'],
  'south-west': ['Croydon PCT', 'Wandsworth PCT', 'Kingston PCT'],
};

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A London PCT chief executive holding one of the 2008 chief executive seats. */
export function pctChiefExecutive(
  sector: SectorId,
  pct: string,
  role: 'ccg-chair-chief-executive' | 'ccg-nominated-chief-executive',
): MemberFact {
  return {
    id: `${slug(pct)}-chief-executive`,
    name: `${pct} Chief Executive`,
    role,
    sector,
    post: 'chief-executive',
    organisation: { id: slug(pct), name: pct, type: 'primary-care-trust' },
    filledBy:
      role === 'ccg-chair-chief-executive'
        ? { method: 'exOfficio', by: 'sector-commissioning-group' }
        : { method: 'nominated', by: 'sector-commissioning-group' },
  };
}

export const chair: MemberFact = {
  id: 'nhs-london-chief-executive',
  name: 'NHS London Chief Executive',
  role: 'nhs-london-chief-executive',
  post: 'chief-executive',
  organisation: { id: 'nhs-london', name: 'NHS London', type: 'strategic-health-authority' },
};

function nhsLondon(role: string, post: string, name: string): MemberFact {
  return { id: role, name, role, post, organisation: { id: 'nhs-london', name: 'NHS London' } };
}

/** The ten 2008 chief executives: per sector, the CCG chair and the CCG's nominee. */
export function chiefExecutives2008(): MemberFact[] {
  return sectors.flatMap((sector) => [
    pctChiefExecutive(sector, pctsBySector[sector][0], 'ccg-chair-chief-executive'),
    pctChiefExecutive(sector, pctsBySector[sector][1], 'ccg-nominated-chief-executive'),
  ]);
}

/** Every 2008 seat filled as the arrangements say (no out-of-London representative yet). */
export function londonCommissioningGroup2008(): MemberFact[] {
  return [
    chair,
    ...chiefExecutives2008(),
    nhsLondon(
      'nhs-london-director-of-strategy-and-commissioning',
      'director-of-strategy-and-commissioning',
      'NHS London Director of Strategy & Commissioning',
    ),
    nhsLondon(
      'nhs-london-director-of-public-health',
      'director-of-public-health',
      'NHS London Director of Public Health',
    ),
    nhsLondon(
      'nhs-london-director-of-finance',
      'director-of-finance',
      'NHS London Director of Finance',
    ),
    {
      id: 'mayors-office-representative',
      name: "Mayor's Office representative",
      role: 'mayors-office-representative',
      organisation: { id: 'mayors-office' },
    },
    {
      id: 'local-authority-representative',
      name: 'Local authority representative',
      role: 'local-authority-representative',
      filledBy: { method: 'nominated', by: 'london-councils' },
    },
    { id: 'clinical-lead', name: 'Clinical lead', role: 'clinical-lead' },
    ...[1, 2, 3].map((number) => ({
      id: `patient-representative-${number}`,
      name: `Patient representative ${number}`,
      role: 'patient-representative',
    })),
    {
      id: 'programme-director',
      name: 'Programme Director',
      role: 'programme-director',
      filledBy: { method: 'appointed' },
    },
  ];
}

/** Attendance: the ids given are present; everyone else sent apologies. */
export function present(
  members: readonly MemberFact[],
  presentIds: Iterable<string>,
  others: AttendanceStatus = 'apologies',
): AttendanceFact[] {
  const here = new Set(presentIds);
  return members.map((member) => ({
    memberId: member.id,
    status: here.has(member.id) ? 'present' : others,
  }));
}

/** The ids of the chief executives in the given sectors, `perSector` from each (1 or 2). */
export function chiefExecutiveIds(
  fromSectors: readonly SectorId[],
  perSector: 1 | 2 = 2,
): string[] {
  const all = chiefExecutives2008();
  return fromSectors.flatMap((sector) =>
    all
      .filter((member) => member.sector === sector)
      .slice(0, perSector)
      .map((member) => member.id),
  );
}

/** Load a preset, failing the test loudly if it does not validate. */
export async function preset(id: string): Promise<Constitution> {
  const loaded = await loadPreset(id);
  if (!loaded.ok)
    throw new Error(`preset ${id} is invalid: ${JSON.stringify(loaded.errors, null, 2)}`);
  return loaded.constitution;
}
