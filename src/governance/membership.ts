/**
 * Reads member and attendance facts against a constitution: each member's seat, sector and
 * attendance. Anything that does not fit (a seat the constitution does not define, a sector it
 * does not have, attendance for someone who is not a member) is an error, never a guess.
 */
import type { z } from 'zod';
import { bodyById, seatByRole, seatSectors, sectorIds, sectorName } from './constitution-model.ts';
import type { Constitution, Seat } from './constitution-schema.ts';
import type { AttendanceFact, AttendanceStatus, ConflictFact, MemberFact } from './facts.ts';
import { type EngineError, type EngineResult, engineError, failure, success } from './result.ts';

export interface ResolvedMember {
  readonly fact: MemberFact;
  readonly seat: Seat;
  /** The member's sector: as recorded, or from their constituent organisation. */
  readonly sector: string | undefined;
  readonly index: number;
}

/** Validate facts against their zod schema, turning failures into `invalid-facts` errors. */
export function parseFacts<T>(schema: z.ZodType<T>, input: unknown): EngineResult<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return success(parsed.data);
  return failure(
    parsed.error.issues.map((issue) =>
      engineError('invalid-facts', `${issue.path.join('.') || 'facts'}: ${issue.message}`, {
        path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
      }),
    ),
  );
}

/** Each member's seat and sector, or every reason the members do not fit the constitution. */
export function resolveMembers(
  constitution: Constitution,
  members: readonly MemberFact[],
): EngineResult<ResolvedMember[]> {
  const errors: EngineError[] = [];
  const resolved: ResolvedMember[] = [];
  const seen = new Set<string>();
  const knownSectors = new Set(sectorIds(constitution));
  members.forEach((fact, index) => {
    const path = ['members', index];
    if (seen.has(fact.id)) {
      errors.push(
        engineError('duplicate-id', `member id "${fact.id}" appears twice`, {
          path: [...path, 'id'],
        }),
      );
      return;
    }
    seen.add(fact.id);
    const seat = seatByRole(constitution, fact.role);
    if (!seat) {
      errors.push(
        engineError(
          'unknown-role',
          `${fact.name} holds seat "${fact.role}", which ${constitution.identity.title} (version ${constitution.identity.version}) does not define; its seats are ${constitution.seats.map((entry) => entry.role).join(', ')}`,
          { path: [...path, 'role'] },
        ),
      );
      return;
    }
    if (fact.sector !== undefined && !knownSectors.has(fact.sector)) {
      errors.push(
        engineError(
          'unknown-sector',
          knownSectors.size === 0
            ? `${fact.name} is recorded in sector "${fact.sector}", but ${constitution.identity.title} has no sectors`
            : `${fact.name} is recorded in sector "${fact.sector}"; the sectors are ${[...knownSectors].join(', ')}`,
          { path: [...path, 'sector'] },
        ),
      );
      return;
    }
    const organisation = fact.organisation
      ? bodyById(constitution, fact.organisation.id)
      : undefined;
    const organisationSector = organisation?.sector;
    if (
      organisationSector !== undefined &&
      fact.sector !== undefined &&
      organisationSector !== fact.sector
    ) {
      errors.push(
        engineError(
          'sector-mismatch',
          `${fact.name} is recorded in ${sectorName(constitution, fact.sector)}, but ${organisation?.name} is in ${sectorName(constitution, organisationSector)}`,
          { path: [...path, 'sector'] },
        ),
      );
      return;
    }
    const sector = fact.sector ?? organisationSector;
    if (sector === undefined && seatSectors(constitution, seat) !== undefined) {
      errors.push(
        engineError(
          'missing-sector',
          `${fact.name} holds "${seat.title}", which is counted by sector, but no sector is recorded for them`,
          { path: [...path, 'sector'], clause: seat.clause },
        ),
      );
      return;
    }
    if (fact.voting !== undefined && fact.voting !== seat.voting.entitled) {
      errors.push(
        engineError(
          'voting-mismatch',
          `${fact.name} is recorded as ${fact.voting ? 'voting' : 'not voting'}, but holders of "${seat.title}" ${seat.voting.entitled ? 'vote' : 'do not vote'} (${seat.voting.clause}: "${seat.voting.text}")`,
          { path: [...path, 'voting'], clause: seat.voting.clause },
        ),
      );
      return;
    }
    resolved.push({ fact, seat, sector, index });
  });
  return errors.length > 0 ? failure(errors) : success(resolved);
}

export type PresenceStatus = AttendanceStatus | 'notRecorded';

export interface ResolvedAttendance {
  readonly status: PresenceStatus;
  readonly deputyName: string | undefined;
}

/** Attendance per member id; members without a record are `notRecorded` (not present). */
export function resolveAttendance(
  constitution: Constitution,
  members: readonly ResolvedMember[],
  attendance: readonly AttendanceFact[],
  pathPrefix: string = 'attendance',
): EngineResult<Map<string, ResolvedAttendance>> {
  const errors: EngineError[] = [];
  const byMember = new Map<string, ResolvedAttendance>();
  const memberIds = new Set(members.map((member) => member.fact.id));
  attendance.forEach((record, index) => {
    const path = [pathPrefix, index];
    if (!memberIds.has(record.memberId)) {
      errors.push(
        engineError(
          'unknown-member',
          `attendance is recorded for "${record.memberId}", who is not a member`,
          {
            path: [...path, 'memberId'],
          },
        ),
      );
    } else if (byMember.has(record.memberId)) {
      errors.push(
        engineError(
          'duplicate-attendance',
          `attendance for "${record.memberId}" is recorded twice`,
          {
            path: [...path, 'memberId'],
          },
        ),
      );
    } else if (record.status === 'deputy' && !constitution.deputies) {
      errors.push(
        engineError(
          'deputy-rule-missing',
          `a deputy attended for "${record.memberId}", but ${constitution.identity.title} has no rule on whether deputies count or vote (add deputies)`,
          { path: [...path, 'status'] },
        ),
      );
    } else {
      byMember.set(record.memberId, { status: record.status, deputyName: record.deputyName });
    }
  });
  for (const member of members) {
    if (!byMember.has(member.fact.id)) {
      byMember.set(member.fact.id, { status: 'notRecorded', deputyName: undefined });
    }
  }
  return errors.length > 0 ? failure(errors) : success(byMember);
}

/** Conflicts that apply to an item: those declared for it and those declared for every item. */
export function conflictsForItem(
  conflicts: readonly ConflictFact[] | undefined,
  itemId: string | undefined,
): Map<string, ConflictFact> {
  const applying = new Map<string, ConflictFact>();
  for (const conflict of conflicts ?? []) {
    if (conflict.itemId === undefined || conflict.itemId === itemId) {
      if (!applying.has(conflict.memberId)) applying.set(conflict.memberId, conflict);
    }
  }
  return applying;
}

/** Check that every conflict names a known voter. */
export function checkConflictIds(
  conflicts: readonly ConflictFact[] | undefined,
  knownIds: ReadonlySet<string>,
): EngineError[] {
  return (conflicts ?? []).flatMap((conflict, index) =>
    knownIds.has(conflict.memberId)
      ? []
      : [
          engineError(
            'unknown-member',
            `a conflict of interest is declared for "${conflict.memberId}", who is not a member or party`,
            { path: ['conflicts', index, 'memberId'] },
          ),
        ],
  );
}

/** "Ruth Carnall (NHS London Chief Executive)" or with the sector when the seat is per sector. */
export function memberLabel(constitution: Constitution, member: ResolvedMember): string {
  const sector = member.sector ? `, ${sectorName(constitution, member.sector)}` : '';
  return `${member.fact.name} (${member.seat.title}${sector})`;
}
