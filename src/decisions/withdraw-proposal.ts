/**
 * Use case: withdraw a question, draft or open, before it is decided; its record stays. The
 * secretariat's to do; audited as `proposal.withdrawn`.
 */

import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { changeStatus } from './change-proposal-status.ts';

/** Withdraws a question before it is decided; its record stays. */
export function withdrawProposal(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
}) {
  return changeStatus({ ...options, from: ['draft', 'open'], to: 'withdrawn' });
}
