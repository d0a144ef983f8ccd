/**
 * The disputes waiting on NHS London, for the home page of those who oversee them (mayOversee):
 * open disputes whose step due next is the SHA's to take (2006 §112, facilitation by NHS London).
 * The rest of the open disputes stay on the oversight list, which the page links to.
 */
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { assess } from './dispute-assessment.ts';
import { selectOpenDisputes } from './dispute-queries.ts';
import { isStepForStrategicHealthAuthority } from './dispute-rules.ts';
import { viewOf } from './dispute-view.ts';
import { mayOversee } from './oversight-list-view.ts';

export interface DisputeAwaitingOversight {
  id: string;
  title: string;
  body: { slug: string; title: string };
  ageInDays: number;
  /** The step due, in words, with its clause: "Facilitation by NHS London (2006 §112)". */
  step: string;
}

/** Null when the reader does not oversee disputes; otherwise those waiting on NHS London. */
export async function disputesAwaitingOversight(options: {
  db: Database;
  actor: Actor;
  now: Date;
}): Promise<DisputeAwaitingOversight[] | null> {
  const { db, actor } = options;
  if (!(await mayOversee({ db, actor, now: options.now }))) return null;
  const today = londonDate(options.now);
  const records = await selectOpenDisputes(db);
  const waiting: DisputeAwaitingOversight[] = [];
  for (const record of records) {
    const view = viewOf(record, await assess(db, record, today), actor, today);
    const step = view.next?.status === 'next' ? view.next.step : null;
    if (!step || !isStepForStrategicHealthAuthority(step.by)) continue;
    waiting.push({
      id: view.id,
      title: view.title,
      body: view.body,
      ageInDays: view.ageInDays,
      step: `${step.action} (${step.clause})`,
    });
  }
  return waiting;
}
