/**
 * The body's standing deputies and non-voting attendees as one meeting sees them: who may attend
 * in a member's place that day, and who attends without a seat. Non-voting attendees go to the
 * engine as invited attendees, so its explanation names them among those not counted.
 */
import type { Reader } from '../db/connection.ts';
import type { InvitedAttendeeFact } from '../governance/index.ts';
import {
  isInForceOn,
  selectStandingAttendee,
  selectStandingAttendeesOn,
} from '../membership/index.ts';
import { invalidInput } from '../shared/problems.ts';

export interface NonVotingAttendeeView {
  id: string;
  name: string;
  organisation: string | null;
  description: string | null;
}

export interface StandingAttendance {
  nonVoting: NonVotingAttendeeView[];
  invitedAttendees: InvitedAttendeeFact[];
  /** The standing deputies named for a member's seat holding on the meeting day. */
  deputiesOf: (seatHoldingId: string) => { id: string; name: string }[];
}

export async function standingAttendanceOf(
  reader: Reader,
  options: { bodyId: string; meetingOn: string },
): Promise<StandingAttendance> {
  const attendees = await selectStandingAttendeesOn(reader, options.bodyId, options.meetingOn);
  const nonVoting = attendees.filter((attendee) => attendee.capacity === 'non-voting');
  const deputies = attendees.filter((attendee) => attendee.capacity === 'deputy');
  return {
    nonVoting: nonVoting.map((attendee) => ({
      id: attendee.id,
      name: attendee.personName,
      organisation: attendee.organisationName,
      description: attendee.description,
    })),
    invitedAttendees: nonVoting.map((attendee) => ({
      id: attendee.id,
      name: attendee.personName,
      ...(attendee.organisationName !== null && { organisation: attendee.organisationName }),
    })),
    deputiesOf: (seatHoldingId) =>
      deputies
        .filter((deputy) => deputy.deputyForHoldingId === seatHoldingId)
        .map((deputy) => ({ id: deputy.id, name: deputy.personName })),
  };
}

/**
 * The standing deputy chosen for a member's attendance: named for that member's seat and standing
 * on the meeting day. Refused, naming `deputyAttendeeId`, otherwise.
 */
export async function standingDeputyAttending(
  reader: Reader,
  options: {
    deputyAttendeeId: string;
    seatHoldingId: string;
    memberName: string;
    meetingOn: string;
  },
): Promise<{ id: string; name: string }> {
  const deputy = await selectStandingAttendee(reader, options.deputyAttendeeId);
  if (deputy?.capacity !== 'deputy' || deputy.deputyForHoldingId !== options.seatHoldingId) {
    throw invalidInput([
      {
        field: 'deputyAttendeeId',
        message: `That person is not a standing deputy for ${options.memberName}; choose one named for them, or type the deputy's name.`,
      },
    ]);
  }
  if (!isInForceOn(deputy, options.meetingOn)) {
    throw invalidInput([
      {
        field: 'deputyAttendeeId',
        message: `${deputy.personName} is deputy for ${options.memberName} from ${deputy.startsOn}${deputy.endsOn ? ` to ${deputy.endsOn}` : ''}, not on ${options.meetingOn}.`,
      },
    ]);
  }
  return { id: deputy.id, name: deputy.personName };
}
