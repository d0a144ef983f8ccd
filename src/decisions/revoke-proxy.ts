/**
 * Use case: revoke a proxy, by the member who gave it or the secretariat; the row stays, dated, as
 * the history of the delegation. Audited as `proxy.revoked`.
 */

import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { notifyMeetingChanged } from '../db/meeting-changes.ts';
import type { Actor } from '../identity/index.ts';
import { assertMayManage } from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { notFound } from '../shared/problems.ts';
import { decisionFactsOf } from './decision-facts.ts';
import { stateConflict } from './decision-problems.ts';
import { revokeProxyRow, selectProxy } from './decision-queries.ts';

/** Revokes a proxy; the row stays, dated, as the history of the delegation. */
export async function revokeProxy(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proxyId: string;
}): Promise<{ proxyId: string; meetingId: string; revokedAt: string }> {
  const { db, context, actor } = options;
  const proxy = await selectProxy(db, options.proxyId);
  if (!proxy) throw notFound('proxy', options.proxyId);
  const decision = await decisionFactsOf(db, proxy.meetingId);
  const grantor = decision.members.find((member) => member.holding.id === proxy.grantorHoldingId);
  const isGrantor =
    actor.kind === 'account' &&
    actor.personId !== null &&
    grantor?.holding.personId === actor.personId;
  if (!isGrantor) {
    assertMayManage(actor, { slug: decision.meeting.bodySlug, title: decision.meeting.bodyTitle });
  }
  await db.transaction(async (transaction) => {
    if (!(await revokeProxyRow(transaction, proxy.id, context.now))) {
      throw stateConflict(
        'proxy-revoked',
        'The proxy is already revoked',
        'This proxy was already revoked.',
        'proxyId',
      );
    }
    await recordAuditEvents(transaction, context, [
      {
        action: 'proxy.revoked',
        entityType: 'meeting',
        entityId: proxy.meetingId,
        before: { proxyId: proxy.id, revokedAt: null },
        after: { proxyId: proxy.id, revokedAt: context.now.toISOString() },
      },
    ]);
    await notifyMeetingChanged(transaction, proxy.meetingId);
  });
  return { proxyId: proxy.id, meetingId: proxy.meetingId, revokedAt: context.now.toISOString() };
}
