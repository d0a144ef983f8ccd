/**
 * The words of a notice of meeting e-mail. Pure: the members, agenda and links are given. Notice
 * must state the business (SI 2000/89 Sch 2: "at least 3 clear days' notice stating the
 * business"), so every item is listed; Part II items by title only, since members take part in
 * them.
 */
import { londonDateAndTime } from '../meetings/index.ts';

export interface NoticeContent {
  body: { title: string };
  meeting: {
    id: string;
    title: string;
    startsAt: string;
    location: string;
    noticeGivenOn: string;
    urgencyReason: string | null;
    originallyStartsAt: string | null;
    movedReason: string | null;
  };
  agenda: { position: number; title: string; purpose: string; isConfidential: boolean }[];
  publicUrl: string;
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function itemLine(item: NoticeContent['agenda'][number]): string {
  return `${item.position}. ${item.title} (for ${item.purpose})`;
}

export function noticeSubject(content: NoticeContent): string {
  return `Notice of meeting: ${content.meeting.title}, ${londonDateAndTime(new Date(content.meeting.startsAt))}`;
}

export function noticeBody(content: NoticeContent, recipientName: string): string {
  const { meeting } = content;
  const publicItems = content.agenda.filter((item) => !item.isConfidential);
  const partTwo = content.agenda.filter((item) => item.isConfidential);
  const meetingUrl = `${content.publicUrl}/meetings/${meeting.id}`;
  return [
    `Dear ${recipientName},`,
    '',
    `You are given notice of a meeting of ${content.body.title}.`,
    '',
    meeting.title,
    `When: ${londonDateAndTime(new Date(meeting.startsAt))} (London time)`,
    `Where: ${meeting.location}`,
    ...(meeting.originallyStartsAt
      ? [
          `Moved from ${londonDateAndTime(new Date(meeting.originallyStartsAt))}: ${meeting.movedReason ?? ''}`,
        ]
      : []),
    ...(meeting.urgencyReason ? [`Called at short notice because: ${meeting.urgencyReason}`] : []),
    '',
    'Business:',
    ...(publicItems.length ? publicItems.map(itemLine) : ['No public items yet.']),
    ...(partTwo.length
      ? [
          '',
          'Part II, from which the public is excluded by resolution (confidential to members):',
          ...partTwo.map(itemLine),
        ]
      : []),
    '',
    `The meeting, its agenda and papers: ${meetingUrl}`,
    `The agenda pack (PDF): ${meetingUrl}/agenda-pack.pdf`,
    '',
    `Notice given on ${longDate.format(new Date(`${meeting.noticeGivenOn}T12:00:00Z`))}.`,
    '',
    `${content.body.title} secretariat, through Concordat`,
  ].join('\n');
}
