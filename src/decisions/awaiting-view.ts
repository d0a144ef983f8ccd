/**
 * The questions awaiting the reader's view or vote, for the signed-in home page: open questions
 * put to a body on which they hold a voting seat that day, with nothing recorded for it. The
 * reader sits on the body, so a question on a Part II item is theirs to see; no other body's
 * question reaches them.
 */
import { selectConstitutionVersions, termsInForceAmong } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import type { Constitution } from '../governance/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { selectOpenQuestionsAwaitingPerson } from './awaiting-queries.ts';
import { asksForViews } from './decision-rules.ts';

export interface AwaitingQuestion {
  id: string;
  title: string;
  /** "view" under consensus (and advice on a reserved matter), "vote" otherwise. */
  asks: 'view' | 'vote';
  meeting: { id: string; title: string; meetingOn: string };
  body: { slug: string; title: string };
}

export async function questionsAwaitingReader(options: {
  db: Database;
  actor: Actor;
}): Promise<AwaitingQuestion[]> {
  const { db, actor } = options;
  if (actor.kind !== 'account' || actor.personId === null) return [];
  const rows = await selectOpenQuestionsAwaitingPerson(db, actor.personId);
  // Each body's terms once, however many questions it has open.
  const versionsOf = new Map<string, Promise<{ document: Constitution }[]>>();
  const seen = new Set<string>();
  const questions: AwaitingQuestion[] = [];
  for (const row of rows) {
    if (seen.has(row.proposalId)) continue;
    if (!versionsOf.has(row.bodyId)) {
      versionsOf.set(row.bodyId, selectConstitutionVersions(db, row.bodyId));
    }
    const meetingOn = londonDate(row.meetingStartsAt);
    const constitution = termsInForceAmong((await versionsOf.get(row.bodyId)) ?? [], meetingOn);
    const seat = constitution?.seats.find((candidate) => candidate.role === row.seatRole);
    if (!constitution || !seat?.voting.entitled) continue;
    const method = constitution.decisionMethods.find((candidate) => candidate.id === row.methodId);
    seen.add(row.proposalId);
    questions.push({
      id: row.proposalId,
      title: row.title,
      asks: method && asksForViews(method.kind) ? 'view' : 'vote',
      meeting: { id: row.meetingId, title: row.meetingTitle, meetingOn },
      body: { slug: row.bodySlug, title: row.bodyTitle },
    });
  }
  return questions;
}
