/**
 * Lookups over a validated constitution: seats by role, what a quorum's "roles" list means once
 * seat groups are expanded, names of bodies and sectors for explanations. Shared by validation and
 * by the engine functions so both read the document the same way.
 */
import {
  type Body,
  type Constitution,
  type DecisionMethod,
  eachConstituent,
  type Seat,
  type SeatGroup,
} from './constitution-schema.ts';

export function seatByRole(constitution: Constitution, role: string): Seat | undefined {
  return constitution.seats.find((seat) => seat.role === role);
}

export function seatGroupById(constitution: Constitution, id: string): SeatGroup | undefined {
  return constitution.seatGroups?.find((group) => group.id === id);
}

/** Seat roles named by a list of roles and seat-group ids, groups expanded. */
export function expandRoles(
  constitution: Constitution,
  references: readonly string[],
): Set<string> {
  const roles = new Set<string>();
  for (const reference of references) {
    const group = seatGroupById(constitution, reference);
    if (group) for (const role of group.roles) roles.add(role);
    else roles.add(reference);
  }
  return roles;
}

/** The title of a seat or seat group, for explanations: "London PCT Chief Executives". */
export function describeRoles(constitution: Constitution, references: readonly string[]): string {
  const titles = references.map(
    (reference) =>
      seatGroupById(constitution, reference)?.title ??
      seatByRole(constitution, reference)?.title ??
      reference,
  );
  return titles.join(' or ');
}

export function allBodies(constitution: Constitution): Body[] {
  return [...(constitution.bodies ?? []), ...(constitution.constituents ?? [])];
}

export function bodyById(constitution: Constitution, id: string): Body | undefined {
  return allBodies(constitution).find((body) => body.id === id);
}

/** A body reference in words: a declared body's name, the body itself, or "each constituent". */
export function bodyName(constitution: Constitution, reference: string): string {
  if (reference === constitution.identity.id) return constitution.identity.title;
  if (reference === eachConstituent) return 'each constituent body';
  return bodyById(constitution, reference)?.name ?? reference;
}

export function sectorName(constitution: Constitution, id: string): string {
  return constitution.sectors?.find((sector) => sector.id === id)?.name ?? id;
}

export function sectorIds(constitution: Constitution): string[] {
  return (constitution.sectors ?? []).map((sector) => sector.id);
}

export function methodById(constitution: Constitution, id: string): DecisionMethod | undefined {
  return constitution.decisionMethods.find((method) => method.id === id);
}

/** The sectors a seat may be held from, or undefined when the seat is not tied to sectors. */
export function seatSectors(constitution: Constitution, seat: Seat): string[] | undefined {
  const eligible = seat.eligibility?.sectors;
  if (eligible === 'all') return sectorIds(constitution);
  if (eligible) return [...eligible];
  if (seat.perSector) return sectorIds(constitution);
  if (seatNominatedPerSector(constitution, seat)) return sectorIds(constitution);
  return undefined;
}

/** A seat filled by "the sector's" body (e.g. nominated by the sector's CCG). */
export function seatNominatedPerSector(constitution: Constitution, seat: Seat): boolean {
  const by = fillingBody(seat);
  return by !== undefined && bodyById(constitution, by)?.perSector === true;
}

/** The body that fills a seat: the nominating, electing or appointing body, or where the ex officio post is held. */
export function fillingBody(seat: Seat): string | undefined {
  const filledBy = seat.filledBy;
  switch (filledBy.method) {
    case 'exOfficio':
      return filledBy.of;
    case 'nominated':
    case 'elected':
    case 'appointed':
      return filledBy.by;
    default:
      return undefined;
  }
}
