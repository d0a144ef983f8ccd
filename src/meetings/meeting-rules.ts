/**
 * The meeting rules that need no database: who may see Part II business, who may run a body's
 * meetings, and how the record becomes the engine's facts. Pure, so they are tested on their own.
 */
import type { AttendanceFact, ConflictFact } from '../governance/index.ts';
import type { Actor } from '../identity/index.ts';

/**
 * Part II business is excluded from the public (1960 Act s1); the body's own members, chair and
 * secretariat take part in it, and administrators keep the record.
 */
export function mayReadConfidentialItems(actor: Actor, slug: string): boolean {
  return (
    actor.kind === 'account' &&
    (actor.isAdministrator || actor.bodyRoles.some((fact) => fact.bodyId === slug))
  );
}

/** The items this reader may see, and how many Part II items were held back from them. */
export function visibleAgenda<Item extends { isConfidential: boolean }>(
  items: readonly Item[],
  mayReadConfidential: boolean,
): { items: Item[]; hiddenConfidentialCount: number } {
  if (mayReadConfidential) return { items: [...items], hiddenConfidentialCount: 0 };
  const shown = items.filter((item) => !item.isConfidential);
  return { items: shown, hiddenConfidentialCount: items.length - shown.length };
}

/** What the engine is told about attendance: only records of members it counts. */
export function attendanceFacts(
  records: readonly { seatHoldingId: string; status: string; deputyName: string | null }[],
  memberIds: ReadonlySet<string>,
): AttendanceFact[] {
  return records
    .filter((record) => memberIds.has(record.seatHoldingId))
    .map((record) => ({
      memberId: record.seatHoldingId,
      status: record.status as AttendanceFact['status'],
      ...(record.deputyName !== null && { deputyName: record.deputyName }),
    }));
}

/**
 * Every declaration is a declared conflict on its item; whether the member still counts toward
 * the item's quorum is the constitution's rule (its conflictsOfInterest clause), not ours.
 */
export function conflictFacts(
  declarations: readonly {
    seatHoldingId: string;
    agendaItemId: string;
    kind: string;
    interest: string;
  }[],
  memberIds: ReadonlySet<string>,
): ConflictFact[] {
  return declarations
    .filter((declaration) => memberIds.has(declaration.seatHoldingId))
    .map((declaration) => ({
      memberId: declaration.seatHoldingId,
      itemId: declaration.agendaItemId,
      interest: `${interestKindText(declaration.kind)}: ${declaration.interest}`,
    }));
}

export const interestKinds = [
  'financial',
  'non-financial-professional',
  'non-financial-personal',
  'indirect',
] as const;
export type InterestKind = (typeof interestKinds)[number];

export function interestKindText(kind: string): string {
  switch (kind) {
    case 'financial':
      return 'Financial interest';
    case 'non-financial-professional':
      return 'Non-financial professional interest';
    case 'non-financial-personal':
      return 'Non-financial personal interest';
    case 'indirect':
      return 'Indirect interest';
    default:
      return 'Interest';
  }
}

/** "1 confidential item", "2 confidential items". */
export function confidentialCountText(count: number): string {
  return `${count} confidential item${count === 1 ? '' : 's'}`;
}

/**
 * What the meeting page offers of its minutes: once approved they are published to everyone;
 * before that the draft is for the body's own people only (the minutes view refuses anyone else),
 * so anyone else is told when they will be published rather than given a link that leads nowhere.
 */
export type MinutesOffer = 'published' | 'draft' | 'not-yet-published';

export function minutesOffer(actor: Actor, slug: string, approved: boolean): MinutesOffer {
  if (approved) return 'published';
  return mayReadConfidentialItems(actor, slug) ? 'draft' : 'not-yet-published';
}
