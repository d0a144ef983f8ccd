/**
 * The same attendance under other versions of a body's terms of reference: "would this meeting
 * have been quorate under the 2006 terms?" Each member's fact, as the terms in force record it, is
 * offered to the other version's seats, and the engine's own composition check decides whether
 * they could sit there as their seat was filled (eligible, by that seat's route, within its
 * counts). Those who could are counted under that version's quorum rule with the same attendance;
 * those who could not are named with the clause that keeps them out, never silently dropped.
 *
 * The mapping and the evaluation are pure; only `quorumUnderOtherVersions` reads the database.
 */
import { z } from 'zod';
import { selectConstitutionVersions } from '../bodies/index.ts';
import type { Reader } from '../db/connection.ts';
import {
  type AttendanceFact,
  type CompositionViolation,
  type Constitution,
  evaluateQuorum,
  type InvitedAttendeeFact,
  type MemberFact,
  type Seat,
  validateComposition,
} from '../governance/index.ts';
import { withClause } from '../membership/index.ts';
import { type QuorumView, quorumView } from './quorum-view.ts';

/** One member of the meeting as counted, or not, under another version. */
export interface VersionPlacement {
  memberId: string;
  name: string;
  /** The seat of the other version they are counted in; null when none would take them. */
  seatTitle: string | null;
  /** Why no seat of the other version takes them, with the clauses; null when counted. */
  reason: string | null;
}

export interface VersionQuorum {
  version: number;
  effectiveOn: string;
  /** The engine's verdict for the same attendance under that version; null if it could not decide. */
  quorum: QuorumView | null;
  placements: VersionPlacement[];
  /** Facts of the terms in force that do not carry over (an ex officio chair under elected terms). */
  notes: string[];
  problems: string[];
}

export const versionQuorumSchema = z.object({
  version: z.number().int(),
  effectiveOn: z.string(),
  quorum: z
    .object({
      quorate: z.boolean(),
      summary: z.string(),
      lines: z.array(z.string()),
      missing: z.array(z.string()),
      clause: z.string(),
      text: z.string(),
      excluded: z.array(z.object({ name: z.string(), reason: z.string() })),
    })
    .nullable(),
  placements: z.array(
    z.object({
      memberId: z.string(),
      name: z.string(),
      seatTitle: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  notes: z.array(z.string()),
  problems: z.array(z.string()),
});

/**
 * The member's fact restated for a seat of the other version. Organisations are named by the ids
 * the constitutions declare (both versions of one body call NHS London `nhs-london`), so a body the
 * other version declares under the same id or name is recognised; a sector the other version does
 * not divide by is left out rather than reported as an error.
 */
function restate(
  other: Constitution,
  current: Constitution,
  fact: MemberFact,
  seat: Seat,
): MemberFact {
  const declared = [...(other.bodies ?? []), ...(other.constituents ?? [])];
  const organisation = fact.organisation;
  const otherBody =
    organisation &&
    declared.find(
      (body) =>
        !body.collective &&
        (body.id === organisation.id ||
          (organisation.name !== undefined &&
            body.name.toLowerCase() === organisation.name.toLowerCase())),
    );
  const sectors = new Set((other.sectors ?? []).map((sector) => sector.id));
  const keepsOffice =
    fact.office !== undefined &&
    other.chair.selection.method === 'elected' &&
    current.chair.selection.method === 'elected';
  const { office: _office, sector, role: _role, organisation: _organisation, ...rest } = fact;
  return {
    ...rest,
    role: seat.role,
    ...(sector !== undefined && sectors.has(sector) && { sector }),
    ...(organisation && {
      organisation: otherBody ? { ...organisation, id: otherBody.id } : organisation,
    }),
    ...(keepsOffice && { office: fact.office }),
  };
}

function candidateRefusals(
  other: Constitution,
  accepted: readonly MemberFact[],
  candidate: MemberFact,
): { refusals: CompositionViolation[]; errors: string[] } {
  const result = validateComposition(other, [...accepted, candidate]);
  if (!result.ok) return { refusals: [], errors: result.errors.map((error) => error.message) };
  return {
    refusals: result.value.refusals.filter((refusal) => refusal.memberIds.includes(candidate.id)),
    errors: [],
  };
}

function reasonNotCounted(
  other: Constitution,
  attempts: { seat: Seat; refusals: CompositionViolation[]; errors: string[] }[],
): string {
  const version = `version ${other.identity.version}`;
  const eligible = attempts.filter(
    (attempt) =>
      attempt.errors.length === 0 &&
      !attempt.refusals.some((refusal) => refusal.finding === 'notEligible'),
  );
  // The engine's refusals name the seat and quote its clause, so they are given as they are.
  const sentences = (messages: string[]) => messages.map((message) => `${message}.`).join(' ');
  if (eligible.length > 0) {
    return `No seat of ${version} takes them as their seat was filled. ${sentences(
      eligible.flatMap((attempt) => [...attempt.refusals.map(withClause), ...attempt.errors]),
    )}`;
  }
  return `They are eligible for no seat of ${version}. ${sentences(
    attempts.flatMap((attempt) =>
      [...attempt.refusals.map(withClause), ...attempt.errors].slice(0, 1),
    ),
  )}`;
}

/**
 * The quorum the other version would give for the same members and attendance. Members are
 * placed one by one (those whose seat the other version also defines first), each in the first
 * seat the engine lets them hold alongside those already placed.
 */
export function quorumUnderVersion(
  other: Constitution,
  current: Constitution,
  meeting: {
    members: readonly MemberFact[];
    attendance: readonly AttendanceFact[];
    invitedAttendees?: readonly InvitedAttendeeFact[];
  },
): VersionQuorum {
  const sameRoleFirst = [
    ...meeting.members.filter((member) => other.seats.some((seat) => seat.role === member.role)),
    ...meeting.members.filter((member) => !other.seats.some((seat) => seat.role === member.role)),
  ];
  const accepted: MemberFact[] = [];
  const placements = new Map<string, VersionPlacement>();
  for (const member of sameRoleFirst) {
    const seats = [
      ...other.seats.filter((seat) => seat.role === member.role),
      ...other.seats.filter((seat) => seat.role !== member.role),
    ];
    const attempts: { seat: Seat; refusals: CompositionViolation[]; errors: string[] }[] = [];
    for (const seat of seats) {
      const candidate = restate(other, current, member, seat);
      const attempt = candidateRefusals(other, accepted, candidate);
      if (attempt.errors.length === 0 && attempt.refusals.length === 0) {
        accepted.push(candidate);
        placements.set(member.id, {
          memberId: member.id,
          name: member.name,
          seatTitle: seat.title,
          reason: null,
        });
        break;
      }
      attempts.push({ seat, ...attempt });
    }
    if (!placements.has(member.id)) {
      placements.set(member.id, {
        memberId: member.id,
        name: member.name,
        seatTitle: null,
        reason: reasonNotCounted(other, attempts),
      });
    }
  }

  const notes: string[] = [];
  const chairHolder = meeting.members.find((member) => member.office === 'chair');
  if (
    chairHolder &&
    !accepted.some((member) => member.id === chairHolder.id && member.office === 'chair')
  ) {
    const rule = other.chair;
    notes.push(
      other.chair.selection.method === 'elected'
        ? `${chairHolder.name} chairs under version ${current.identity.version}, but version ${other.identity.version} has its chair elected (${rule.clause}: “${rule.text}”); no election under it is recorded, so no one is taken to hold the chair.`
        : `${chairHolder.name} chairs under version ${current.identity.version}; under version ${other.identity.version} the chair is whoever holds its chair's seat (${rule.clause}: “${rule.text}”).`,
    );
  }

  const counted = new Set(accepted.map((member) => member.id));
  const result = evaluateQuorum(other, {
    members: accepted,
    attendance: meeting.attendance.filter((record) => counted.has(record.memberId)),
    ...(meeting.invitedAttendees &&
      meeting.invitedAttendees.length > 0 && { invitedAttendees: [...meeting.invitedAttendees] }),
  });
  return {
    version: other.identity.version,
    effectiveOn: other.effective.date,
    quorum: result.ok ? quorumView(result.value) : null,
    placements: meeting.members.map((member) => placements.get(member.id)!),
    notes,
    problems: result.ok ? [] : result.errors.map((error) => error.message),
  };
}

/** Every other version of the body's terms, oldest first, each with its verdict. */
export async function quorumUnderOtherVersions(
  reader: Reader,
  options: {
    bodyId: string;
    current: Constitution;
    members: readonly MemberFact[];
    attendance: readonly AttendanceFact[];
    invitedAttendees: readonly InvitedAttendeeFact[];
  },
): Promise<VersionQuorum[]> {
  const versions = await selectConstitutionVersions(reader, options.bodyId);
  return versions
    .map((row) => row.document)
    .filter((document) => document.identity.version !== options.current.identity.version)
    .sort((left, right) => left.identity.version - right.identity.version)
    .map((other) => quorumUnderVersion(other, options.current, options));
}
