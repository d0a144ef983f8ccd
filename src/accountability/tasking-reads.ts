import { loadBody, selectBodies, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate, mayKeepProgramme } from '../identity/index.ts';
import { notFound } from '../shared/problems.ts';
import {
  selectCommission,
  selectCommissionsOfBody,
  selectDueChanges,
  selectOutcomeReport,
  selectOutcomes,
} from './accountability-queries.ts';
import {
  type CommissionState,
  type Rule,
  sectorServedBy,
  stateOrder,
  taskingRule,
} from './accountability-rules.ts';

import { type CommissionView, viewOf } from './tasking-service.ts';

export async function getReviewCommission(options: {
  db: Database;
  actor: Actor;
  commissionId: string;
  now: Date;
}): Promise<CommissionView> {
  const record = await selectCommission(options.db, options.commissionId);
  if (!record) throw notFound('review commission', options.commissionId);
  return viewOf(
    record,
    await selectOutcomes(options.db, [record.id]),
    await selectDueChanges(options.db, [record.id]),
    options.actor,
    londonDate(options.now),
  );
}

/** The report a sector sent back: one version of the outcome's document. */
export async function getOutcomeReport(options: {
  db: Database;
  commissionId: string;
  version: number;
}): Promise<{ fileName: string; mediaType: string; sha256: string; content: Buffer }> {
  const report = await selectOutcomeReport(options.db, options.commissionId, options.version);
  if (!report)
    throw notFound('review report', `${options.commissionId} version ${options.version}`);
  return report;
}

export interface CommissionList {
  body: { slug: string; title: string };
  today: string;
  rule: Rule;
  /** Whether the body is a sector group (it is tasked) rather than the one that tasks. */
  isSectorGroup: boolean;
  /** The reviews it commissioned, by sector group and state, late ones first. */
  commissioned: { sectorGroup: { slug: string; title: string }; items: CommissionView[] }[];
  /** The reviews it has been tasked with, late ones first. */
  tasked: CommissionView[];
  counts: Record<CommissionState, number>;
  /** The sector groups it may task (for the form), when the reader may. */
  sectorGroups: { slug: string; title: string }[];
  mayCommission: boolean;
}

function byStateThenDue(a: CommissionView, b: CommissionView): number {
  return stateOrder[a.state] - stateOrder[b.state] || a.dueOn.localeCompare(b.dueOn);
}

/**
 * Every review a body commissioned, with its outcome, grouped by sector group and ordered late
 * first; and every review it was tasked with. Public record (decision 071).
 */
export async function listReviewCommissions(options: {
  db: Database;
  actor: Actor;
  slug: string;
  now: Date;
}): Promise<CommissionList> {
  const { db, actor } = options;
  const body = await loadBody(db, options.slug);
  const today = londonDate(options.now);
  const constitution = await termsInForce(db, body.id, today);
  const records = await selectCommissionsOfBody(db, body.id);
  const ids = records.map((record) => record.id);
  const outcomes = await selectOutcomes(db, ids);
  const changes = await selectDueChanges(db, ids);
  const views = records.map((record) =>
    viewOf(
      record,
      outcomes.filter((outcome) => outcome.commissionId === record.id),
      changes.filter((change) => change.commissionId === record.id),
      actor,
      today,
    ),
  );
  const given = views.filter((view) => view.commissionedBy.slug === body.slug);
  const groups = new Map<
    string,
    { sectorGroup: { slug: string; title: string }; items: CommissionView[] }
  >();
  for (const view of given) {
    const group = groups.get(view.sectorGroup.slug) ?? { sectorGroup: view.sectorGroup, items: [] };
    group.items.push(view);
    groups.set(view.sectorGroup.slug, group);
  }
  const commissioned = [...groups.values()]
    .map((group) => ({ ...group, items: group.items.sort(byStateThenDue) }))
    .sort((a, b) => a.sectorGroup.title.localeCompare(b.sectorGroup.title));
  const counts: Record<CommissionState, number> = {
    overdue: 0,
    'due-soon': 0,
    commissioned: 0,
    reported: 0,
    withdrawn: 0,
  };
  for (const view of given) counts[view.state] += 1;
  const mayCommission = mayKeepProgramme(actor, body.slug) && !sectorServedBy(constitution);
  const sectorGroups: { slug: string; title: string }[] = [];
  if (mayCommission) {
    for (const candidate of await selectBodies(db)) {
      if (candidate.slug === body.slug) continue;
      if (sectorServedBy(await termsInForce(db, candidate.id, today))) {
        sectorGroups.push({ slug: candidate.slug, title: candidate.title });
      }
    }
  }
  return {
    body: { slug: body.slug, title: body.title },
    today,
    rule: taskingRule,
    isSectorGroup: sectorServedBy(constitution) !== undefined,
    commissioned,
    tasked: views.filter((view) => view.sectorGroup.slug === body.slug).sort(byStateThenDue),
    counts,
    sectorGroups,
    mayCommission,
  };
}
