/**
 * The Fastify app every capability registers its routes and pages on, as a type: capabilities
 * import it from here, never from the composition root (src/app.ts) that builds the app and
 * imports them, so no capability depends on the app that holds it.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { MailDispatcher } from '../mail/mail-dispatcher.ts';
import type { Mailer } from '../mail/mailer.ts';

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppSettings {
  publicUrl: string;
  secureCookies: boolean;
  session: Config['session'];
}

declare module 'fastify' {
  interface FastifyReply {
    /** Merged by @fastify/view into every template's context. */
    locals: Record<string, unknown>;
  }
  interface FastifyInstance {
    database: DatabaseHandle;
    now: () => Date;
    settings: AppSettings;
    mailer: Mailer;
    mailOutbox: MailDispatcher;
  }
}
