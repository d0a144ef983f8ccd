/**
 * Opening the year's commissioning round (2006 §104: "an annual ‘horizon scanning’ process"), by
 * the London group's secretariat or an administrator: the financial year and the five dates of
 * its timetable (2008 Business development: "a consistent commissioning business process and
 * timetable"). A second round for the same year is refused; the round and its audit event are one
 * transaction.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, mayRunBody } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, isUniqueViolation } from '../shared/problems.ts';
import { forbidden } from './round-access.ts';
import { insertRound, selectRound, selectSectorsOfBody } from './round-queries.ts';
import {
  checkTimetable,
  horizonScanning,
  startYearOf,
  type Timetable,
  yearInPath,
  yearInWords,
} from './round-rules.ts';

export interface OpenRoundOptions extends Timetable {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  /** The financial year, "2008-09" or "2008/09". */
  year: string;
}

export async function openRound(
  options: OpenRoundOptions,
): Promise<{ roundId: string; year: string }> {
  const { db, context, actor } = options;
  const body = await loadBody(db, options.slug);
  if (!mayRunBody(actor, body.slug)) {
    throw forbidden(
      `Only an administrator or the secretariat of ${body.title} may open its commissioning round.`,
    );
  }
  const sectors = await selectSectorsOfBody(db, body.id);
  if (sectors.length < 2) {
    throw invalidInput([
      {
        field: 'slug',
        message: `${body.title} is not London-wide: the annual horizon scanning is the London Commissioning Group’s (${horizonScanning.clause}: “${horizonScanning.text}”).`,
      },
    ]);
  }
  const startYear = startYearOf(options.year);
  const timetable: Timetable = {
    submissionsOpenOn: options.submissionsOpenOn,
    submissionsDueOn: options.submissionsDueOn,
    consolidationBy: options.consolidationBy,
    agreementBy: options.agreementBy,
    publicationBy: options.publicationBy,
  };
  const problems = [
    ...(startYear === undefined
      ? [
          {
            field: 'year',
            message: 'Enter a financial year from 2000/01 to 2099/00, like 2008/09.',
          },
        ]
      : []),
    ...checkTimetable(timetable),
  ];
  if (problems.length > 0 || startYear === undefined) throw invalidInput(problems);
  const duplicate = () =>
    conflict(
      'year',
      `${body.title} already has a commissioning round for ${yearInWords(startYear)}: one round a year (${horizonScanning.clause}: “an annual ‘horizon scanning’ process”).`,
    );
  if (await selectRound(db, body.id, startYear)) throw duplicate();
  const roundId = uuidv7();
  try {
    await db.transaction(async (transaction) => {
      await insertRound(transaction, {
        id: roundId,
        bodyId: body.id,
        startYear,
        status: 'open',
        ...timetable,
        createdAt: context.now,
      });
      await recordAuditEvents(transaction, context, [
        {
          action: 'commissioning-round.opened',
          entityType: 'commissioning-round',
          entityId: roundId,
          after: { bodyId: body.id, year: yearInWords(startYear), status: 'open', ...timetable },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
  return { roundId, year: yearInPath(startYear) };
}
