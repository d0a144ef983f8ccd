/**
 * Read model: the steps of a body's disputes taken at one of its meetings — on the meeting's day,
 * or a vote step whose question was put at the meeting — for the minutes drawn from the record.
 * Only for those who may read the body's disputes; anyone else is given none (the minutes never
 * say more than their reader may read). Reads only.
 */
import { loadBody } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { readerFacts } from './dispute-access.ts';
import { assess } from './dispute-assessment.ts';
import { selectDisputesOfBody } from './dispute-queries.ts';
import { mayReadDisputes } from './dispute-rules.ts';
import { viewOf } from './dispute-view.ts';

export interface DisputeStepAtMeeting {
  dispute: string;
  action: string;
  clause: string;
  takenBy: string;
  outcomeText: string;
  board: string | null;
  note: string | null;
  /** The question put at the meeting for this step, when the vote was taken in Concordat. */
  proposalId: string | null;
}

/** The body's dispute steps taken at the meeting (that day, or on one of its questions). */
export async function disputeStepsAtMeeting(options: {
  db: Database;
  actor: Actor;
  bodySlug: string;
  meetingOn: string;
  proposalIds: readonly string[];
  now: Date;
}): Promise<DisputeStepAtMeeting[]> {
  const { db, actor } = options;
  const today = londonDate(options.now);
  const body = await loadBody(db, options.bodySlug);
  if (!mayReadDisputes(actor, body.slug, await readerFacts(db, actor, body.id, today))) return [];
  const questions = new Set(options.proposalIds);
  const steps: DisputeStepAtMeeting[] = [];
  for (const record of await selectDisputesOfBody(db, body.id)) {
    const view = viewOf(record, await assess(db, record, today), actor, today);
    for (const entry of view.trail) {
      const atMeeting =
        entry.position !== null &&
        ((entry.proposalId !== null && questions.has(entry.proposalId)) ||
          (entry.proposalId === null && entry.takenOn === options.meetingOn));
      if (!atMeeting) continue;
      steps.push({
        dispute: view.title,
        action: entry.action,
        clause: entry.clause,
        takenBy: entry.takenBy,
        outcomeText: entry.outcomeText,
        board: entry.board?.name ?? null,
        note: entry.note,
        proposalId: entry.proposalId,
      });
    }
  }
  return steps;
}
