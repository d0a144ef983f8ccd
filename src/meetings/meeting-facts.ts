/**
 * The engine's facts about one meeting, for the use cases of this and other capabilities that
 * must judge a meeting as its page does (recording it held, apologies, approving minutes, votes,
 * ratification, the live meeting): the terms in force that day, the members standing then, and
 * their attendance and declarations, read inside the caller's own transaction.
 */
import { termsInForce } from '../bodies/index.ts';
import type { Reader } from '../db/connection.ts';
import type { Constitution, MeetingFacts } from '../governance/index.ts';
import { londonDate } from '../identity/index.ts';
import type { ResolvedHolding } from '../membership/index.ts';
import { loadMeeting } from './meeting-access.ts';
import { membersOn } from './meeting-members.ts';
import { type MeetingRecord, selectAttendance, selectDeclarations } from './meeting-queries.ts';
import { attendanceFacts, conflictFacts } from './meeting-rules.ts';

/**
 * The engine's facts about a meeting, gathered exactly as getMeeting gathers them: the terms in
 * force that day, the members standing then, and their attendance and declarations. For other
 * use-cases that must judge a meeting as its page does (approving minutes checks the approving
 * meeting's quorum and who presides with these), inside their own transaction.
 */
export async function meetingFactsOf(
  reader: Reader,
  meetingId: string,
): Promise<{
  meeting: MeetingRecord;
  meetingOn: string;
  constitution: Constitution | undefined;
  members: ResolvedHolding[];
  facts: MeetingFacts;
}> {
  const meeting = await loadMeeting(reader, meetingId);
  const meetingOn = londonDate(meeting.startsAt);
  const constitution = await termsInForce(reader, meeting.bodyId, meetingOn);
  const members = constitution
    ? (await membersOn(reader, constitution, meeting.bodyId, meetingOn)).filter(
        (resolved) => resolved.fact !== undefined,
      )
    : [];
  const memberIds = new Set(members.map((resolved) => resolved.holding.id));
  const facts: MeetingFacts = {
    members: members.flatMap((resolved) => (resolved.fact ? [resolved.fact] : [])),
    attendance: attendanceFacts(await selectAttendance(reader, meeting.id), memberIds),
    conflicts: conflictFacts(await selectDeclarations(reader, meeting.id), memberIds),
  };
  return { meeting, meetingOn, constitution, members, facts };
}
