import { expect } from 'vitest';
import type { App } from '../../src/http/app-types.ts';
import { bearerFor } from './demo-actors.ts';
import { memberAccount } from './member-accounts.ts';

/**
 * The London group's December meeting as database tests set it up through the API: scheduled by
 * the secretariat, every member recorded present, each with an account of their own to vote with.
 */

export const londonGroup = 'london-commissioning-group';

export interface MeetingMember {
  seatHoldingId: string;
  personId: string;
  memberName: string;
  office: string | null;
  sector: string | null;
  /** The member's own API token, to vote as them. */
  headers: { authorization: string };
}

export interface HeldMeeting {
  meetingId: string;
  members: MeetingMember[];
  secretariat: { authorization: string };
}

export async function meetingWithEveryonePresent(
  app: App,
  title = 'December meeting',
): Promise<HeldMeeting> {
  const secretariat = await bearerFor(app, 'secretariat');
  const scheduled = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${londonGroup}/meetings`,
    headers: secretariat,
    payload: {
      title,
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-12-01',
    },
  });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  const meetingId = scheduled.json().meetingId as string;
  const attendance = (await app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance as Omit<
    MeetingMember,
    'headers'
  >[];
  const members: MeetingMember[] = [];
  for (const member of attendance) {
    const recorded = await app.inject({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance/${member.seatHoldingId}`,
      headers: secretariat,
      payload: { status: 'present' },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const account = await memberAccount(app, {
      personId: member.personId,
      email: `member-${member.seatHoldingId}@test.invalid`,
      bodySlug: londonGroup,
    });
    members.push({ ...member, headers: { authorization: account.authorization } });
  }
  return { meetingId, members, secretariat };
}

/** Adds an agenda item as the secretariat; returns its id. */
export async function addAgendaItem(
  app: App,
  meeting: HeldMeeting,
  item: { title: string; isConfidential?: boolean; confidentialityReason?: string },
): Promise<string> {
  const added = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meeting.meetingId}/agenda-items`,
    headers: meeting.secretariat,
    payload: { purpose: 'decision', ...item },
  });
  expect(added.statusCode, added.body).toBe(201);
  return added.json().agendaItemId as string;
}

/** Puts a London-wide question on an item and opens it; returns its id. */
export async function openQuestion(
  app: App,
  meeting: HeldMeeting,
  question: { agendaItemId: string; ballot: 'named' | 'secret'; title?: string },
): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meeting.meetingId}/proposals`,
    headers: meeting.secretariat,
    payload: {
      agendaItemId: question.agendaItemId,
      title: question.title ?? `A ${question.ballot} question`,
      text: 'The group agrees.',
      decisionKind: 'london-wide-view',
      ballot: question.ballot,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const proposalId = created.json().proposalId as string;
  const opened = await app.inject({
    method: 'POST',
    url: `/api/v1/proposals/${proposalId}/open`,
    headers: meeting.secretariat,
  });
  expect(opened.statusCode, opened.body).toBe(200);
  return proposalId;
}
