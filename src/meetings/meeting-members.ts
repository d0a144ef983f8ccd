/**
 * The body's members on a meeting's day, resolved as the membership page resolves them (seats,
 * ex officio posts and lapses under the terms in force that day). Attendance and declarations may
 * name only a member standing on the meeting day; the meeting's view and its facts count only them.
 */
import { termsInForce } from '../bodies/index.ts';
import type { Reader } from '../db/connection.ts';
import type { Constitution } from '../governance/index.ts';
import { londonDate } from '../identity/index.ts';
import {
  type ResolvedHolding,
  resolveHoldings,
  selectCurrentHoldings,
  selectPostsOfPeopleAndOrganisations,
} from '../membership/index.ts';
import { invalidInput } from '../shared/problems.ts';
import { type MeetingRecord, selectHolder } from './meeting-queries.ts';

/** The body's holdings on the meeting day, resolved as the membership page resolves them. */
export async function membersOn(
  reader: Reader,
  constitution: Constitution,
  bodyId: string,
  date: string,
): Promise<ResolvedHolding[]> {
  const holdings = await selectCurrentHoldings(reader, bodyId, date);
  const posts = await selectPostsOfPeopleAndOrganisations(
    reader,
    [...new Set(holdings.map((holding) => holding.personId))],
    [...new Set(holdings.flatMap((holding) => holding.organisationId ?? []))],
  );
  return resolveHoldings(constitution, holdings, posts, date);
}

/**
 * The member a seat holding names, standing on the meeting day; refused naming `seatHoldingId`
 * when they do not sit on the body then (never appointed, ended, or an ex officio seat lapsed).
 */
export async function memberOnMeetingDay(
  reader: Reader,
  meeting: MeetingRecord,
  seatHoldingId: string,
): Promise<ResolvedHolding> {
  const meetingOn = londonDate(meeting.startsAt);
  const constitution = await termsInForce(reader, meeting.bodyId, meetingOn);
  const member = constitution
    ? (await membersOn(reader, constitution, meeting.bodyId, meetingOn)).find(
        (resolved) => resolved.holding.id === seatHoldingId,
      )
    : undefined;
  if (member?.fact) return member;
  const holder = await selectHolder(reader, seatHoldingId);
  const who = holder?.personName ?? 'The person named';
  const why = member?.status.status === 'lapsed' ? ` ${member.status.reason}` : '';
  throw invalidInput([
    {
      field: 'seatHoldingId',
      message: `${who} is not a member of ${meeting.bodyTitle} on ${meetingOn}.${why}`,
    },
  ]);
}
