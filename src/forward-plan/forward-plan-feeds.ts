/**
 * The forward plan published as councils publish theirs: an iCalendar feed (RFC 5545), an Atom
 * feed (RFC 4287) and CSV. Pure: each takes the plan as read and returns the text.
 */
import { stringify } from 'csv-stringify/sync';
import { Feed } from 'feed';
import ical from 'ical-generator';
import { monthEnd, monthText, neutraliseCell } from './forward-plan-rules.ts';
import type { ForwardPlanItemView, ForwardPlanView } from './forward-plan-service.ts';

// A meeting records when it starts, not when it ends; calendars show this customary length.
const assumedLengthMinutes = 120;

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const meetingFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

function dayText(date: string): string {
  return dayFormat.format(new Date(`${date}T00:00:00Z`));
}

function planName(plan: Pick<ForwardPlanView, 'body'>): string {
  return plan.body ? `Forward plan of ${plan.body.title}` : 'Forward plan of every body';
}

function planPath(plan: Pick<ForwardPlanView, 'body'>): string {
  return plan.body ? `/bodies/${plan.body.slug}/forward-plan` : '/forward-plan';
}

/** One item in plain words: what every feed's text says of it. */
export function itemInWords(item: ForwardPlanItemView): string {
  return [
    `${item.kind.text} of ${item.body.title}, expected ${monthText(item.expectedMonth)}.`,
    item.summary,
    item.meeting
      ? `Expected at ${item.meeting.title}, ${meetingFormat.format(new Date(item.meeting.startsAt))}.`
      : 'Its meeting is not yet set.',
    item.partTwoExpected
      ? `Expected to be taken in private (Part II): ${item.partTwoReason ?? ''}`
      : 'Expected to be taken in public.',
    item.papersDueOn ? `Papers due ${dayText(item.papersDueOn)}.` : '',
    `Status: ${item.statusText}.`,
    `Contact: ${item.contact}.`,
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * The plan as a calendar: an item with its meeting set is an event at the meeting's time; one
 * without is an all-day entry across its expected month (decision 067).
 */
export function forwardPlanCalendar(plan: ForwardPlanView, publicUrl: string): string {
  const calendar = ical({
    name: planName(plan),
    prodId: { company: 'Concordat', product: 'forward-plan', language: 'EN' },
    timezone: 'Europe/London',
    ttl: 3600,
  });
  for (const item of plan.items) {
    const url = `${publicUrl}/forward-plan/${item.id}`;
    const common = {
      id: `forward-plan-${item.id}@concordat`,
      summary: `${item.title} (${item.body.title})`,
      description: `${itemInWords(item)} ${url}`,
      url,
      lastModified: new Date(item.updatedAt),
    };
    if (item.meeting) {
      const start = new Date(item.meeting.startsAt);
      calendar.createEvent({
        ...common,
        start,
        end: new Date(start.getTime() + assumedLengthMinutes * 60_000),
      });
    } else {
      const last = new Date(`${monthEnd(item.expectedMonth)}T00:00:00Z`);
      calendar.createEvent({
        ...common,
        allDay: true,
        start: new Date(`${item.expectedMonth}T00:00:00Z`),
        end: new Date(last.getTime() + 86_400_000),
      });
    }
  }
  return calendar.toString();
}

/** The plan as an Atom feed: one entry per item, updated when the item last changed. */
export function forwardPlanAtom(plan: ForwardPlanView, publicUrl: string): string {
  const updated = plan.items.reduce(
    (latest, item) => (item.updatedAt > latest ? item.updatedAt : latest),
    '1970-01-01T00:00:00.000Z',
  );
  const feed = new Feed({
    id: `${publicUrl}${planPath(plan)}`,
    title: planName(plan),
    description: 'The decisions expected in the coming months, as councils publish forward plans.',
    link: `${publicUrl}${planPath(plan)}`,
    language: 'en-GB',
    updated: new Date(updated),
    generator: 'Concordat',
    feedLinks: { atom: `${publicUrl}${planPath(plan)}.atom` },
    copyright: 'Published under the Open Government Licence',
  });
  for (const item of plan.items) {
    const link = `${publicUrl}/forward-plan/${item.id}`;
    feed.addItem({
      id: link,
      title: `${item.title} (${item.body.title})`,
      link,
      date: new Date(item.updatedAt),
      description: itemInWords(item),
    });
  }
  return feed.atom1();
}

export const csvColumns = [
  'Body',
  'Title',
  'Kind of decision',
  'Summary',
  'Expected month',
  'Expected meeting',
  'Meeting date',
  'Part II expected',
  'Why Part II',
  'Papers due',
  'Status',
  'Contact',
  'Link',
] as const;

/** The plan as CSV, every cell neutralised against formula injection. */
export function forwardPlanCsv(plan: ForwardPlanView, publicUrl: string): string {
  const rows = plan.items.map((item) =>
    [
      item.body.title,
      item.title,
      item.kind.text,
      item.summary,
      monthText(item.expectedMonth),
      item.meeting?.title ?? '',
      item.meeting ? meetingFormat.format(new Date(item.meeting.startsAt)) : '',
      item.partTwoExpected ? 'Yes' : 'No',
      item.partTwoReason ?? '',
      item.papersDueOn ? dayText(item.papersDueOn) : '',
      item.statusText,
      item.contact,
      `${publicUrl}/forward-plan/${item.id}`,
    ].map(neutraliseCell),
  );
  return stringify([[...csvColumns], ...rows], { record_delimiter: '\r\n' });
}
