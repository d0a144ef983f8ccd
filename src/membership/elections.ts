/**
 * Election records: for a seat or office the terms fill by election (the 2006 London group
 * "will elect a Chair"), the minutes' record of the ballot — when, by whom, votes for and votes
 * cast — kept with the holding it filled, so the membership page shows how the chair got there.
 */

import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBodyWithVersions, termsInForceAmong } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { describeRoute } from '../governance/index.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import { selectPerson } from '../registry/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import { assertMayManage } from './membership-access.ts';
import { selectHoldingForUpdate } from './membership-queries.ts';
import { electedOffice, electionProblems } from './membership-terms.ts';
import {
  type ElectionRecord,
  insertElection,
  selectElectionOfHolding,
} from './standing-attendee-queries.ts';

export interface RecordElectionOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  holdingId: string;
  heldOn: string;
  electorate: string;
  votesFor: number;
  votesCast: number;
  minuteReference: string;
}

/**
 * Records the election that filled a holding. Refused when the terms did not fill it by election
 * (with the route they did use), when an election is already recorded for it, or when the result
 * is not a majority of the votes cast; nothing is written then.
 */
export async function recordElection(
  options: RecordElectionOptions,
): Promise<ElectionRecord & { rule: { clause: string; text: string } }> {
  const { db, context } = options;
  const { body, versions } = await loadBodyWithVersions(db, options.slug);
  assertMayManage(options.actor, body);
  return db.transaction(async (transaction) => {
    const holding = await selectHoldingForUpdate(transaction, options.holdingId);
    if (!holding || holding.bodyId !== body.id) {
      throw notFound(`membership of ${body.title}`, options.holdingId);
    }
    const holder = await selectPerson(transaction, holding.personId);
    const name = holder?.name ?? 'This member';
    const constitution = termsInForceAmong(versions, holding.startsOn);
    const elected = constitution ? electedOffice(constitution, holding) : null;
    if (!constitution || !elected) {
      const seat = constitution?.seats.find((candidate) => candidate.role === holding.seatRole);
      const how =
        constitution && seat
          ? `the seat is filled ${describeRoute(constitution, seat)} (${seat.clause}: “${seat.text}”)${holding.office === 'chair' ? ` and the chair is ${constitution.chair.selection.method === 'exOfficio' ? 'ex officio' : constitution.chair.selection.method} (${constitution.chair.clause}: “${constitution.chair.text}”)` : ''}`
          : 'no terms of reference were in force when it started';
      throw new ProblemError({
        status: 422,
        code: 'not-elected',
        title: 'This membership was not filled by election',
        detail: `${name}'s membership was not filled by election: ${how}.`,
        errors: [
          {
            field: 'holdingId',
            message: `${name}'s membership was not filled by election: ${how}.`,
          },
        ],
      });
    }
    if (await selectElectionOfHolding(transaction, holding.id)) {
      throw conflict('holdingId', `An election is already recorded for ${name}'s membership.`);
    }
    const problems = electionProblems({
      heldOn: options.heldOn,
      votesFor: options.votesFor,
      votesCast: options.votesCast,
      holdingStartsOn: holding.startsOn,
      today: londonDate(context.now),
    });
    if (problems.length > 0) throw invalidInput(problems);
    const record: ElectionRecord = {
      id: uuidv7(),
      seatHoldingId: holding.id,
      heldOn: options.heldOn,
      electorate: options.electorate,
      votesFor: options.votesFor,
      votesCast: options.votesCast,
      minuteReference: options.minuteReference,
    };
    await insertElection(transaction, { ...record, recordedAt: context.now });
    await recordAuditEvents(transaction, context, [
      {
        action: 'membership.election-recorded',
        entityType: 'body',
        entityId: body.id,
        after: {
          ...record,
          member: name,
          office: elected.what,
          clause: elected.clause,
          constitutionVersion: constitution.identity.version,
        },
      },
    ]);
    return { ...record, rule: { clause: elected.clause, text: elected.text } };
  });
}
