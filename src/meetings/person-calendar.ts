/**
 * One person's meetings as an RFC 5545 calendar: every meeting of every body on whose day they
 * held a seat there, whichever body it is. Public details only (title, time, place, whether it
 * was cancelled), exactly as the body's own feed gives them; never Part II business.
 */

import type { Database } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';
import { isInForceOn, selectHoldingsOfPerson } from '../membership/index.ts';
import { idParametersSchema, selectPerson } from '../registry/index.ts';
import { notFound } from '../shared/problems.ts';
import { meetingsCalendar } from './calendar-feed.ts';
import { listMeetings, type MeetingSummary } from './meeting-view.ts';
import { selectMoveCounts } from './series-queries.ts';

/** The meetings held (or to be held) while the person sat on the body, earliest first. */
export async function meetingsOfPerson(options: {
  db: Database;
  personId: string;
}): Promise<{ person: { id: string; name: string }; meetings: MeetingSummary[] }> {
  const person = await selectPerson(options.db, options.personId);
  if (!person) throw notFound('person', options.personId);
  const holdings = await selectHoldingsOfPerson(options.db, person.id);
  const meetings: MeetingSummary[] = [];
  for (const slug of new Set(holdings.map((holding) => holding.bodySlug))) {
    const periods = holdings.filter((holding) => holding.bodySlug === slug);
    const { items } = await listMeetings({ db: options.db, slug });
    meetings.push(
      ...items.filter((meeting) =>
        periods.some((period) => isInForceOn(period, meeting.meetingOn)),
      ),
    );
  }
  meetings.sort((left, right) => left.startsAt.localeCompare(right.startsAt));
  return { person: { id: person.id, name: person.name }, meetings };
}

/** `GET /people/:id/meetings.ics`, linked from the person's page. */
export async function registerPersonCalendar(app: App) {
  app.get(
    '/people/:id/meetings.ics',
    { config: { permission: 'public.read' }, schema: { params: idParametersSchema } },
    async (request, reply) => {
      const { person, meetings } = await meetingsOfPerson({
        db: app.database.db,
        personId: request.params.id,
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="person-${person.id}-meetings.ics"`)
        .send(
          meetingsCalendar({
            body: { slug: `person-${person.id}`, title: person.name },
            name: `${person.name}: meetings`,
            meetings,
            publicUrl: app.settings.publicUrl,
            // A moved meeting keeps its UID and gains a SEQUENCE, as in the body's own feed.
            revisions: await selectMoveCounts(
              app.database.db,
              meetings.map((meeting) => meeting.id),
            ),
          }),
        );
    },
  );
}
