import type { App } from '../http/app-types.ts';
import { getHome } from './home-view.ts';

/**
 * `GET /`: for the public, the partnership's front page as it always was; signed in, the
 * person's own day (home-view.ts), each section showing only what they may see.
 */
export async function registerHomePage(app: App) {
  app.get('/', { config: { permission: 'public.read' } }, async (request, reply) => {
    const signedOut = (request.query as { signedOut?: string }).signedOut === '1';
    if (request.actor.kind !== 'account') {
      return reply.view('home.njk', { currentPath: '/', signedOut });
    }
    const home = await getHome({ db: app.database.db, actor: request.actor, now: app.now() });
    return reply.view('home/views/home.njk', { currentPath: '/', home });
  });
}
