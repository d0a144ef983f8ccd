import ical, { ICalEventStatus } from 'ical-generator';
import type { MeetingSummary } from './meeting-view.ts';
import { londonDateAndTime } from './series-rules.ts';

// A meeting records when it starts, not when it ends; calendars show this customary length.
const assumedLengthMinutes = 120;

/**
 * A body's meetings as an RFC 5545 calendar that members subscribe to. Only what the public
 * meeting list shows goes in: title, time, place and whether it was cancelled (never Part II).
 */
export function meetingsCalendar(options: {
  body: { slug: string; title: string };
  meetings: readonly MeetingSummary[];
  publicUrl: string;
  /** The calendar's name when it is not one body's (a person's meetings across bodies). */
  name?: string;
  /**
   * How many times each meeting has moved: RFC 5545 SEQUENCE, so a calendar that already holds
   * the event takes the new time as a revision of it rather than ignoring it.
   */
  revisions?: ReadonlyMap<string, number>;
}): string {
  const calendar = ical({
    name: options.name ?? `${options.body.title} meetings`,
    prodId: { company: 'Concordat', product: 'meetings', language: 'EN' },
    timezone: 'Europe/London',
    ttl: 3600,
  });
  for (const meeting of options.meetings) {
    const start = new Date(meeting.startsAt);
    calendar.createEvent({
      id: `${meeting.id}@concordat`,
      start,
      end: new Date(start.getTime() + assumedLengthMinutes * 60_000),
      summary: meeting.title,
      sequence: options.revisions?.get(meeting.id) ?? 0,
      location: meeting.location,
      url: `${options.publicUrl}/meetings/${meeting.id}`,
      description: `${meeting.body.title}.${cancelledNote(meeting)}${movedNote(meeting)} Agenda, papers and attendance: ${options.publicUrl}/meetings/${meeting.id}`,
      status:
        meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

// Calendars show a cancelled event struck through or hide it; the reason travels in its text.
function cancelledNote(meeting: MeetingSummary): string {
  return meeting.status === 'cancelled' ? ` Cancelled: ${meeting.cancelledReason ?? ''}.` : '';
}

function movedNote(meeting: MeetingSummary): string {
  if (!meeting.originallyStartsAt) return '';
  return ` Moved from ${londonDateAndTime(new Date(meeting.originallyStartsAt))}: ${meeting.movedReason ?? ''}.`;
}
