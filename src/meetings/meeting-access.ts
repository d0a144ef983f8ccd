/**
 * Who may run a body's meetings, and the meeting a use case acts on. Every write in this folder
 * (scheduling, the agenda, attendance, declarations, the lifecycle, series) and several in other
 * capabilities (papers, notices, decisions, live) refuse the same way: only an administrator or the
 * body's secretariat may run its meetings; a meeting that does not exist is not found.
 */
import type { Reader } from '../db/connection.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import { notFound, ProblemError } from '../shared/problems.ts';
import { type MeetingRecord, selectMeeting } from './meeting-queries.ts';

export async function loadMeeting(reader: Reader, meetingId: string): Promise<MeetingRecord> {
  const meeting = await selectMeeting(reader, meetingId);
  if (!meeting) throw notFound('meeting', meetingId);
  return meeting;
}

export function assertMayManage(actor: Actor, body: { slug: string; title: string }) {
  if (!mayRunBody(actor, body.slug)) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title: 'You do not have permission to do this',
      detail: `Only an administrator or the secretariat of ${body.title} may run its meetings.`,
    });
  }
}
