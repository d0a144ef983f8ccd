/**
 * The read model of NHS London's oversight of disputes (2006 §112, "The SHA's performance
 * management responsibility remains and complements these arrangements"): every open dispute
 * across all bodies, oldest first, with its age, the step due next and who must act.
 */
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { forbidden, readerFacts } from './dispute-access.ts';
import { assess } from './dispute-assessment.ts';
import { selectOpenDisputes } from './dispute-queries.ts';
import { mayOverseeDisputes } from './dispute-rules.ts';
import { type DisputeSummary, summaryOf } from './dispute-summary.ts';
import { viewOf } from './dispute-view.ts';

export interface OversightList {
  today: string;
  items: DisputeSummary[];
}

/**
 * Whether the reader may see NHS London's oversight of disputes: what the header asks before it
 * offers the Oversight link, and what the list itself asks before it shows anything. A post at
 * the SHA is looked up only when the account's roles do not already settle it.
 */
export async function mayOversee(options: {
  db: Database;
  actor: Actor;
  now: Date;
}): Promise<boolean> {
  const { db, actor } = options;
  if (actor.kind !== 'account') return false;
  if (mayOverseeDisputes(actor, false)) return true;
  const { holdsShaPost } = await readerFacts(db, actor, null, londonDate(options.now));
  return mayOverseeDisputes(actor, holdsShaPost);
}

/**
 * Every open dispute across all bodies, oldest first, with its age, the step due next and who
 * must act: NHS London's view (2006 §112, "The SHA's performance management responsibility
 * remains and complements these arrangements").
 */
export async function listOpenDisputesForOversight(options: {
  db: Database;
  actor: Actor;
  now: Date;
}): Promise<OversightList> {
  const { db, actor } = options;
  const today = londonDate(options.now);
  if (!(await mayOversee({ db, actor, now: options.now }))) {
    throw forbidden(
      'The oversight of disputes is for NHS London (the SHA): anyone holding a post there, the chairs and secretariats of the partnership’s bodies, and administrators.',
    );
  }
  const records = await selectOpenDisputes(db);
  const items = await Promise.all(
    records.map(async (record) =>
      summaryOf(viewOf(record, await assess(db, record, today), actor, today)),
    ),
  );
  return { today, items };
}
