/**
 * Whether the header offers the Oversight link. Every page asks, so the one fact that needs the
 * database — whether a plain member holds a post at NHS London (the SHA) that day — is kept on the
 * session: read on the session's first page of the day, then remembered for up to five minutes
 * (a new session, such as the next sign-in, reads it afresh). Only the link is decided here: the
 * oversight list still asks the database before it shows anything
 * (`listOpenDisputesForOversight`), so a post that ended within those minutes opens nothing.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { holdsStrategicHealthAuthorityPost } from './dispute-queries.ts';
import { mayOverseeDisputes } from './dispute-rules.ts';

export interface OversightLinkOptions {
  db: Database;
  /** How long a session's answer is kept. */
  keepForMilliseconds?: number;
  /** Sessions remembered at once; the longest-remembered is forgotten first beyond it. */
  capacity?: number;
  /** The monotonic clock the minutes are counted on (not the app's clock, which tests fix). */
  elapsedMilliseconds?: () => number;
  /** The lookup, replaceable in tests. */
  holdsShaPost?: (personId: string, today: string) => Promise<boolean>;
}

export type OffersOversight = (
  actor: Actor,
  now: Date,
  /** The session the request came with; without one the answer is read every time. */
  sessionToken: string | undefined,
) => Promise<boolean>;

export function createOversightLink(options: OversightLinkOptions): OffersOversight {
  const keepFor = options.keepForMilliseconds ?? 5 * 60_000;
  const capacity = options.capacity ?? 10_000;
  const elapsed = options.elapsedMilliseconds ?? (() => performance.now());
  const lookUp =
    options.holdsShaPost ??
    ((personId: string, today: string) =>
      holdsStrategicHealthAuthorityPost(options.db, personId, today));
  // Keyed by a digest of the session token, so no session secret is kept in memory.
  const remembered = new Map<string, { holdsShaPost: boolean; until: number }>();

  return async (actor, now, sessionToken) => {
    if (actor.kind !== 'account') return false;
    // Roles the session already carries settle it for administrators, chairs and secretariats.
    if (mayOverseeDisputes(actor, false)) return true;
    if (actor.personId === null) return false;
    const today = londonDate(now);
    if (sessionToken === undefined) {
      return mayOverseeDisputes(actor, await lookUp(actor.personId, today));
    }
    const key = `${createHash('sha256').update(sessionToken).digest('base64url')} ${today}`;
    const kept = remembered.get(key);
    if (kept && kept.until > elapsed()) return mayOverseeDisputes(actor, kept.holdsShaPost);
    const holdsShaPost = await lookUp(actor.personId, today);
    remembered.delete(key);
    if (remembered.size >= capacity) {
      const oldest = remembered.keys().next().value;
      if (oldest !== undefined) remembered.delete(oldest);
    }
    remembered.set(key, { holdsShaPost, until: elapsed() + keepFor });
    return mayOverseeDisputes(actor, holdsShaPost);
  };
}
