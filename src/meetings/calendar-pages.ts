import type { App } from '../http/app-types.ts';
import { getMeetingCalendar } from './meeting-calendar-view.ts';
import { meetingCalendarQuerySchema } from './schemas.ts';

/** `GET /meetings`: the calendar across the bodies, linked from the header on every page. */
export async function registerMeetingCalendarPages(app: App) {
  app.get(
    '/meetings',
    {
      config: { permission: 'public.read' },
      schema: { querystring: meetingCalendarQuerySchema },
    },
    async (request, reply) => {
      const calendar = await getMeetingCalendar({
        db: app.database.db,
        now: app.now(),
        bodySlug: request.query.body,
      });
      return reply.view('meetings/views/calendar.njk', { currentPath: '/meetings', calendar });
    },
  );
}
