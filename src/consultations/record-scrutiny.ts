/**
 * Use case: record NHS London's scrutiny of a consultation's documents (2008 "Accountabilities":
 * "NHS London retains its responsibilities for normal planning processes, including scrutinising
 * and agreeing business cases and consultation documents"). Only a person holding a current post
 * at NHS London, or an administrator; a note and the date; only while the consultation is being
 * prepared. Any later change to the papers clears it, so it is always of the papers as put.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database, Reader } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, ProblemError } from '../shared/problems.ts';
import { clauses, stageText } from './consultation-rules.ts';
import { loadConsultationForChange } from './preparation-access.ts';
import { selectNhsLondonPost, updateConsultation } from './preparation-queries.ts';

export async function recordScrutiny(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  note: string;
}): Promise<{ recordedOn: string; byName: string }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const post = await refuseUnlessMayScrutinise(transaction, actor, context.now);
    const consultation = await loadConsultationForChange(transaction, options.slug);
    if (consultation.stage !== 'preparing') {
      throw conflict(
        'stage',
        `NHS London’s scrutiny is recorded before the approval is put (${clauses.scrutiny.clause}): the consultation is ${stageText(consultation.stage)}.`,
      );
    }
    const note = options.note.trim();
    if (!note) {
      throw invalidInput([{ field: 'note', message: 'Enter NHS London’s note on the documents.' }]);
    }
    const personId = actor.kind === 'account' ? actor.personId : null;
    await updateConsultation(transaction, consultation.id, {
      scrutinyRecordedAt: context.now,
      scrutinyByPersonId: personId,
      scrutinyNote: note,
      updatedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.scrutiny-recorded',
        entityType: 'consultation',
        entityId: consultation.id,
        before: {
          scrutinyRecordedAt: consultation.scrutinyRecordedAt,
          scrutinyByPersonId: consultation.scrutinyByPersonId,
        },
        after: {
          scrutinyRecordedAt: context.now,
          scrutinyByPersonId: personId,
          post: post?.title ?? 'administrator',
          note,
        },
      },
    ]);
    return {
      recordedOn: londonDate(context.now),
      byName: post?.personName ?? (actor.kind === 'account' ? actor.displayName : ''),
    };
  });
}

/**
 * Refuses unless the actor holds a current post at NHS London or is an administrator; asked before
 * the request's body is read (the route's hook) and again in the use case. Returns the post.
 */
export async function refuseUnlessMayScrutinise(
  reader: Reader,
  actor: Actor,
  now: Date,
): Promise<{ title: string; personName: string } | undefined> {
  const refusedWords = `Only a person holding a post at NHS London, or an administrator, may record NHS London’s scrutiny (${clauses.scrutiny.clause}: “${clauses.scrutiny.text}”).`;
  if (actor.kind !== 'account' || actor.tokenScope === 'read') {
    throw new ProblemError({
      status: actor.kind === 'anonymous' ? 401 : 403,
      code: actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden',
      title: 'You do not have permission to do this',
      detail: refusedWords,
    });
  }
  const post = actor.personId
    ? await selectNhsLondonPost(reader, actor.personId, londonDate(now))
    : undefined;
  if (!post && !actor.isAdministrator) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title: 'You do not have permission to do this',
      detail: `${refusedWords} ${actor.displayName} holds no current post at NHS London.`,
    });
  }
  return post;
}
