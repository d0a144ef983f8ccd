/**
 * Use case: a member gives another member of the body a proxy for one meeting, or the secretariat
 * records one given in writing. Neither 2008 nor 2006 provides for proxies and both deny deputies a
 * vote (2008 §Membership, commentary), so only a member may hold one. Audited as `proxy.granted`.
 */

import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { Actor } from '../identity/index.ts';
import { assertMayManage } from '../meetings/index.ts';
import type { ResolvedHolding } from '../membership/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, isUniqueViolation, ProblemError } from '../shared/problems.ts';
import { decisionFactsOf, seatsOfPerson } from './decision-facts.ts';
import { insertProxy } from './decision-queries.ts';

/**
 * A member gives another member a proxy for one meeting. Neither 2008 nor 2006 provides for
 * proxies, and both take deputies to have no vote (2008 §Membership, commentary); a proxy held by
 * someone outside the body would be a deputy's vote by another name, so only a member of the body
 * on the meeting day may hold one. The secretariat may record a proxy a member gave in writing.
 */
export async function grantProxy(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  proxyPersonId: string;
  /** Only for the secretariat recording a member's proxy; a member grants their own. */
  grantorHoldingId?: string | undefined;
}): Promise<{ proxyId: string; grantor: string; proxy: string }> {
  const { db, context, actor } = options;
  const decision = await decisionFactsOf(db, options.meetingId);
  const { meeting, constitution } = decision;
  let grantor: ResolvedHolding | undefined;
  if (options.grantorHoldingId) {
    assertMayManage(actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
    grantor = decision.members.find((member) => member.holding.id === options.grantorHoldingId);
    if (!grantor) {
      throw invalidInput([
        {
          field: 'grantorHoldingId',
          message: `A proxy is given by a member of ${meeting.bodyTitle} on ${decision.meetingOn}; that seat holding is not one.`,
        },
      ]);
    }
  } else {
    grantor =
      actor.kind === 'account' && actor.personId
        ? seatsOfPerson(decision, actor.personId)[0]
        : undefined;
    if (!grantor) {
      throw new ProblemError({
        status: 403,
        code: 'not-a-member',
        title: 'Only a member may give a proxy',
        detail: `A proxy is a member's vote given to another member; ${actor.kind === 'account' ? actor.displayName : 'you'} ${actor.kind === 'account' ? 'is' : 'are'} not a member of ${meeting.bodyTitle} on ${decision.meetingOn}.`,
      });
    }
  }
  const holder = seatsOfPerson(decision, options.proxyPersonId)[0];
  if (!holder) {
    const deputies = constitution.deputies;
    const rule = deputies
      ? ` ${deputies.clause}: “${deputies.text.trim()}”${deputies.mayVote ? '' : ' — a deputy may not vote, so neither may a proxy from outside the body.'}`
      : '';
    throw invalidInput([
      {
        field: 'proxyPersonId',
        message: `A proxy may be held only by a member of ${meeting.bodyTitle} on ${decision.meetingOn}.${rule}`,
      },
    ]);
  }
  if (holder.holding.id === grantor.holding.id) {
    throw invalidInput([
      { field: 'proxyPersonId', message: 'A member cannot give a proxy to themselves.' },
    ]);
  }
  const proxyId = uuidv7();
  try {
    await db.transaction(async (transaction) => {
      await insertProxy(transaction, {
        id: proxyId,
        meetingId: meeting.id,
        grantorHoldingId: grantor.holding.id,
        proxyPersonId: options.proxyPersonId,
        grantedAt: context.now,
      });
      await recordAuditEvents(transaction, context, [
        {
          action: 'proxy.granted',
          entityType: 'meeting',
          entityId: meeting.id,
          after: {
            proxyId,
            grantor: grantor.holding.personName,
            proxy: holder.holding.personName,
          },
        },
      ]);
      await notifyMeetingChanged(transaction, meeting.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ProblemError({
        status: 409,
        code: 'proxy-exists',
        title: 'A proxy is already given',
        detail: `${grantor.holding.personName} already has a live proxy for this meeting: revoke it before giving another.`,
        errors: [{ field: 'proxyPersonId', message: 'Revoke the live proxy first.' }],
      });
    }
    throw error;
  }
  return { proxyId, grantor: grantor.holding.personName, proxy: holder.holding.personName };
}
