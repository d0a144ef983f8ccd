/**
 * Changing a round's timetable while it is open for returns, by the London group's secretariat or
 * an administrator; audited with the old dates and the new (2008 Business development: "a
 * consistent commissioning business process and timetable"). Once any return has been received the
 * returns-due date stays put, since each return was judged on time or late against it.
 */
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, ProblemError } from '../shared/problems.ts';
import { forbidden, startYearIn } from './round-access.ts';
import { countSubmissions, selectRoundForUpdate, updateRoundTimetable } from './round-queries.ts';
import { checkTimetableChange, type Timetable, yearInWords } from './round-rules.ts';

export interface ChangeTimetableOptions extends Timetable {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  year: string;
}

function timetableOf(source: Timetable): Timetable {
  return {
    submissionsOpenOn: source.submissionsOpenOn,
    submissionsDueOn: source.submissionsDueOn,
    consolidationBy: source.consolidationBy,
    agreementBy: source.agreementBy,
    publicationBy: source.publicationBy,
  };
}

export async function changeTimetable(options: ChangeTimetableOptions): Promise<Timetable> {
  const { db, context, actor } = options;
  const body = await loadBody(db, options.slug);
  if (!mayRunBody(actor, body.slug)) {
    throw forbidden(
      `Only an administrator or the secretariat of ${body.title} may change its round’s timetable.`,
    );
  }
  const startYear = startYearIn(options.year);
  const after = timetableOf(options);
  return db.transaction(async (transaction) => {
    const round = await selectRoundForUpdate(transaction, body.id, startYear);
    if (!round) {
      throw new ProblemError({
        status: 404,
        code: 'not-found',
        title: 'Not found',
        detail: `${body.title} has no commissioning round for ${yearInWords(startYear)}.`,
      });
    }
    const check = checkTimetableChange(round.status, after, {
      submissionsDueOn: round.submissionsDueOn,
      returnsReceived: await countSubmissions(transaction, round.id),
    });
    if (!check.ok) {
      const [first] = check.errors;
      if (check.status === 409 && first) throw conflict(first.field, first.message);
      throw invalidInput(check.errors);
    }
    await updateRoundTimetable(transaction, round.id, after);
    await recordAuditEvents(transaction, context, [
      {
        action: 'commissioning-round.timetable-changed',
        entityType: 'commissioning-round',
        entityId: round.id,
        before: timetableOf(round),
        after,
      },
    ]);
    return after;
  });
}
