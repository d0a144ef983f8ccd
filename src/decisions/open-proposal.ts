/**
 * Use case: open a drafted question for votes (or, under consensus, views). The secretariat's to do;
 * audited as `proposal.opened`.
 */

import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { changeStatus } from './change-proposal-status.ts';

/** Opens a drafted question for votes or views. */
export function openProposal(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  proposalId: string;
}) {
  return changeStatus({ ...options, from: ['draft'], to: 'open' });
}
