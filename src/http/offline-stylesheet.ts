import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The URL the layout links (src/http/views/layout.njk), served from nhsuk-frontend's dist. */
export const stylesheetPath = '/assets/nhsuk-frontend.min.css';

/**
 * The stylesheet without its `@font-face` rules whose source is on another host, so a page never
 * asks for a font from outside (decision 020). nhsuk-frontend's rules fetch Frutiger from the NHS
 * asset server; Frutiger's licence does not let us serve it ourselves, and the design system's own
 * stack (`"Frutiger W01", arial, sans-serif`) then falls back to Arial. The source map comment
 * goes too: the map describes the file as published, not this one.
 */
export function withoutOffSiteFonts(css: string): string {
  return css
    .replace(/@font-face\s*\{[^}]*\}/g, (rule) =>
      /url\(\s*['"]?\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(rule) ? '' : rule,
    )
    .replace(/\/\*#\s*sourceMappingURL=[^*]*\*\/\s*$/, '');
}

/**
 * Serves nhsuk-frontend's stylesheet at the URL the layout links, read and rewritten once at
 * start and kept in memory. A more specific route than @fastify/static's `/assets/*`, so it wins
 * whatever the order of registration.
 */
/**
 * Concordat's own few rules, served in the same file (the CSP allows no inline style): a long
 * address (a resume link) wraps anywhere rather than running off a phone's screen.
 */
const concordatRules = '\n.concordat-break-anywhere{overflow-wrap:anywhere}\n';

export async function registerOfflineStylesheet(app: FastifyInstance, nhsukFolder: string) {
  const css =
    withoutOffSiteFonts(await readFile(path.join(nhsukFolder, 'nhsuk-frontend.min.css'), 'utf8')) +
    concordatRules;
  const etag = `"${createHash('sha256').update(css).digest('base64url').slice(0, 27)}"`;
  app.get(stylesheetPath, async (request, reply) => {
    reply.header('cache-control', 'public, max-age=3600').header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(css);
  });
}
