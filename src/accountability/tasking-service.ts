/**
 * Tasking the sector groups with reviews and collating the outcomes (2008 "Commissioning
 * development": "task the sector groups with reviews and collate the outcomes").
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody, selectBodies, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate, mayKeepProgramme, mayRunBody } from '../identity/index.ts';
import { checkUpload, type UploadedFile } from '../papers/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, invalidInput, notFound, ProblemError } from '../shared/problems.ts';
import {
  type CommissionRecord,
  type DueChangeRecord,
  insertCommission,
  insertDueChange,
  insertOutcome,
  type OutcomeRecord,
  selectCommission,
  selectCommissionForUpdate,
  selectDueChanges,
  selectOutcomes,
  updateCommission,
} from './accountability-queries.ts';
import {
  type CommissionState,
  checkCommission,
  commissionStateOf,
  type Rule,
  stateText,
  taskingRule,
} from './accountability-rules.ts';

export interface OutcomeView {
  version: number;
  summary: string;
  recommendations: string[];
  reportedOn: string;
  correctionReason: string | null;
  report: { fileName: string; mediaType: string; byteLength: number; sha256: string; href: string };
  recordedAt: string;
}

export interface CommissionView {
  id: string;
  commissionedBy: { slug: string; title: string };
  sectorGroup: { slug: string; title: string };
  title: string;
  terms: string;
  commissionedOn: string;
  minuteReference: string | null;
  dueOn: string;
  withdrawnOn: string | null;
  withdrawnReason: string | null;
  state: CommissionState;
  stateText: string;
  dueDateChanges: { previousDueOn: string; dueOn: string; reason: string; changedAt: string }[];
  /** The outcome as it stands (its latest version), and every version, oldest first. */
  outcome: OutcomeView | null;
  outcomeVersions: OutcomeView[];
  /** Whether this reader may change the due date or withdraw it (the commissioning body's keepers). */
  mayManage: boolean;
  /** Whether this reader may record (or correct) the outcome (the sector group's secretariat). */
  mayReport: boolean;
  rule: Rule;
}

export function outcomeViewOf(record: OutcomeRecord): OutcomeView {
  return {
    version: record.version,
    summary: record.summary,
    recommendations: record.recommendations,
    reportedOn: record.reportedOn,
    correctionReason: record.correctionReason,
    report: {
      fileName: record.fileName,
      mediaType: record.mediaType,
      byteLength: record.byteLength,
      sha256: record.sha256,
      href: `/review-commissions/${record.commissionId}/outcome/${record.version}/report`,
    },
    recordedAt: record.recordedAt.toISOString(),
  };
}

export function viewOf(
  record: CommissionRecord,
  outcomes: OutcomeRecord[],
  changes: DueChangeRecord[],
  actor: Actor,
  today: string,
): CommissionView {
  const versions = outcomes.map(outcomeViewOf);
  const state = commissionStateOf(record, versions.length > 0, today);
  return {
    id: record.id,
    commissionedBy: { slug: record.commissioningBodySlug, title: record.commissioningBodyTitle },
    sectorGroup: { slug: record.sectorBodySlug, title: record.sectorBodyTitle },
    title: record.title,
    terms: record.terms,
    commissionedOn: record.commissionedOn,
    minuteReference: record.minuteReference,
    dueOn: record.dueOn,
    withdrawnOn: record.withdrawnOn,
    withdrawnReason: record.withdrawnReason,
    state,
    stateText: stateText[state],
    dueDateChanges: changes.map((change) => ({
      previousDueOn: change.previousDueOn,
      dueOn: change.dueOn,
      reason: change.reason,
      changedAt: change.changedAt.toISOString(),
    })),
    outcome: versions.at(-1) ?? null,
    outcomeVersions: versions,
    mayManage: !record.withdrawnOn && mayKeepProgramme(actor, record.commissioningBodySlug),
    mayReport: !record.withdrawnOn && mayRunBody(actor, record.sectorBodySlug),
    rule: taskingRule,
  };
}

function auditedState(record: Omit<CommissionRecord, 'createdAt'>) {
  return {
    commissionId: record.id,
    commissionedBy: record.commissioningBodySlug,
    sectorGroup: record.sectorBodySlug,
    title: record.title,
    terms: record.terms,
    commissionedOn: record.commissionedOn,
    minuteReference: record.minuteReference,
    dueOn: record.dueOn,
    withdrawnOn: record.withdrawnOn,
    withdrawnReason: record.withdrawnReason,
  };
}

function mayNotTask(bodyTitle: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail: `Only an administrator, or the secretariat or programme office of ${bodyTitle}, may commission reviews from the sector groups and change them.`,
  });
}

function mayNotReport(sectorTitle: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail: `Only an administrator or the secretariat of ${sectorTitle}, the sector group tasked with this review, may record its outcome.`,
  });
}

export interface CommissionReviewOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  /** The commissioning body (the London group). */
  slug: string;
  /** The sector group tasked, by its slug. */
  sector: string;
  title: string;
  terms: string;
  commissionedOn: string;
  minuteReference?: string | undefined;
  dueOn: string;
}

/** Commissions a review from a sector group: refused for any other body, and for itself. */
export async function commissionReview(
  options: CommissionReviewOptions,
): Promise<{ commissionId: string }> {
  const { db, context, actor } = options;
  const body = await loadBody(db, options.slug);
  if (!mayKeepProgramme(actor, body.slug)) throw mayNotTask(body.title);
  const today = londonDate(context.now);
  const bodies = await selectBodies(db);
  const tasked = bodies.find((candidate) => candidate.slug === options.sector);
  const problems = checkCommission({
    commissioningBody: body,
    taskedBody: tasked && {
      ...tasked,
      constitution: await termsInForce(db, tasked.id, today),
    },
    commissionedOn: options.commissionedOn,
    dueOn: options.dueOn,
  });
  if (problems.length > 0 || !tasked) throw invalidInput(problems);
  const commissionId = uuidv7();
  const row = {
    id: commissionId,
    commissioningBodyId: body.id,
    sectorBodyId: tasked.id,
    title: options.title,
    terms: options.terms,
    commissionedOn: options.commissionedOn,
    minuteReference: options.minuteReference ?? null,
    dueOn: options.dueOn,
    withdrawnOn: null,
    withdrawnReason: null,
    createdAt: context.now,
  };
  await db.transaction(async (transaction) => {
    await insertCommission(transaction, row);
    await recordAuditEvents(transaction, context, [
      {
        action: 'review-commission.commissioned',
        entityType: 'body',
        entityId: body.id,
        after: auditedState({
          ...row,
          commissioningBodySlug: body.slug,
          commissioningBodyTitle: body.title,
          sectorBodySlug: tasked.slug,
          sectorBodyTitle: tasked.title,
        }),
      },
    ]);
  });
  return { commissionId };
}

export type CommissionChange =
  | { kind: 'due-date'; dueOn: string; reason: string }
  | { kind: 'withdrawal'; withdrawnOn: string; reason: string };

/** Changes a commission's due date (the old date and the reason kept), or withdraws it with a reason. */
export async function changeReviewCommission(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  commissionId: string;
  change: CommissionChange;
}): Promise<CommissionView> {
  const { db, context, actor, change } = options;
  const today = londonDate(context.now);
  return db.transaction(async (transaction) => {
    const record = await selectCommissionForUpdate(transaction, options.commissionId);
    if (!record) throw notFound('review commission', options.commissionId);
    if (!mayKeepProgramme(actor, record.commissioningBodySlug)) {
      throw mayNotTask(record.commissioningBodyTitle);
    }
    if (record.withdrawnOn) {
      throw conflict(
        change.kind === 'due-date' ? 'dueOn' : 'withdrawnOn',
        `This review was withdrawn on ${record.withdrawnOn}: it can no longer be changed.`,
      );
    }
    const reported = (await selectOutcomes(transaction, [record.id])).length > 0;
    let after: CommissionRecord;
    if (change.kind === 'due-date') {
      if (reported) {
        throw conflict(
          'dueOn',
          'The outcome of this review is already reported: its due date stands.',
        );
      }
      if (change.dueOn < record.commissionedOn) {
        throw invalidInput([
          {
            field: 'dueOn',
            message: 'The due date cannot be before the date the review was commissioned.',
          },
        ]);
      }
      if (change.dueOn === record.dueOn) {
        throw invalidInput([{ field: 'dueOn', message: 'That is already the due date.' }]);
      }
      await updateCommission(transaction, record.id, { dueOn: change.dueOn });
      await insertDueChange(transaction, {
        id: uuidv7(),
        commissionId: record.id,
        previousDueOn: record.dueOn,
        dueOn: change.dueOn,
        reason: change.reason,
        changedBy: context.actor,
        changedAt: context.now,
      });
      after = { ...record, dueOn: change.dueOn };
    } else {
      if (change.withdrawnOn < record.commissionedOn) {
        throw invalidInput([
          {
            field: 'withdrawnOn',
            message: 'A review cannot be withdrawn before the date it was commissioned.',
          },
        ]);
      }
      await updateCommission(transaction, record.id, {
        withdrawnOn: change.withdrawnOn,
        withdrawnReason: change.reason,
      });
      after = { ...record, withdrawnOn: change.withdrawnOn, withdrawnReason: change.reason };
    }
    await recordAuditEvents(transaction, context, [
      {
        action:
          change.kind === 'due-date'
            ? 'review-commission.due-date-changed'
            : 'review-commission.withdrawn',
        entityType: 'body',
        entityId: record.commissioningBodyId,
        before: auditedState(record),
        after: { ...auditedState(after), reason: change.reason },
      },
    ]);
    return viewOf(
      after,
      await selectOutcomes(transaction, [record.id]),
      await selectDueChanges(transaction, [record.id]),
      actor,
      today,
    );
  });
}

export interface RecordReviewOutcomeOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  commissionId: string;
  summary: string;
  recommendations: string[];
  reportedOn: string;
  /** Required to correct an outcome already recorded: the correction is a new version. */
  correctionReason?: string | undefined;
  file: UploadedFile | undefined;
}

/**
 * The tasked sector group's outcome: findings, recommendations, the date reported and the report
 * itself, checked by the papers' upload rules. Only the tasked sector reports, and only once; a
 * correction is a new version with its reason.
 */
export async function recordReviewOutcome(
  options: RecordReviewOutcomeOptions,
): Promise<{ commissionId: string; version: number }> {
  const { db, context, actor } = options;
  const today = londonDate(context.now);
  const existing = await selectCommission(db, options.commissionId);
  if (!existing) throw notFound('review commission', options.commissionId);
  if (!mayRunBody(actor, existing.sectorBodySlug)) throw mayNotReport(existing.sectorBodyTitle);
  const file = options.file;
  const upload = checkUpload({
    fileName: file?.fileName ?? '',
    content: file?.content ?? Buffer.alloc(0),
    byteLength: file?.content.length ?? 0,
    truncated: file?.truncated ?? false,
  });
  const problems: { field: string; message: string }[] = [];
  if (options.recommendations.length === 0) {
    problems.push({
      field: 'recommendations',
      message: 'Enter the review’s recommendations, one to a line.',
    });
  }
  if (options.reportedOn < existing.commissionedOn) {
    problems.push({
      field: 'reportedOn',
      message: 'The outcome cannot be reported before the review was commissioned.',
    });
  } else if (options.reportedOn > today) {
    problems.push({ field: 'reportedOn', message: 'The date reported cannot be in the future.' });
  }
  if (!upload.ok) problems.push({ field: 'file', message: upload.message });
  if (problems.length > 0 || !upload.ok || !file) throw invalidInput(problems);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return db.transaction(async (transaction) => {
    const record = await selectCommissionForUpdate(transaction, existing.id);
    if (!record) throw notFound('review commission', existing.id);
    if (record.withdrawnOn) {
      throw conflict(
        'summary',
        `This review was withdrawn on ${record.withdrawnOn}: it takes no outcome.`,
      );
    }
    const previous = await selectOutcomes(transaction, [record.id]);
    const version = previous.length + 1;
    if (version > 1 && !options.correctionReason) {
      throw conflict(
        'correctionReason',
        'The outcome of this review is already recorded: a sector reports once. To correct it, give the reason for the correction; it becomes a new version and the first is kept.',
      );
    }
    if (version === 1 && options.correctionReason) {
      throw invalidInput([
        {
          field: 'correctionReason',
          message: 'There is no outcome yet to correct: leave the reason for a correction empty.',
        },
      ]);
    }
    await insertOutcome(transaction, {
      id: uuidv7(),
      commissionId: record.id,
      version,
      summary: options.summary,
      recommendations: options.recommendations,
      reportedOn: options.reportedOn,
      correctionReason: version > 1 ? (options.correctionReason ?? null) : null,
      fileName: upload.fileName,
      mediaType: upload.mediaType,
      byteLength: file.content.length,
      sha256,
      content: file.content,
      recordedBy: context.actor,
      recordedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action:
          version === 1
            ? 'review-commission.outcome-reported'
            : 'review-commission.outcome-corrected',
        entityType: 'body',
        entityId: record.sectorBodyId,
        after: {
          commissionId: record.id,
          commissionedBy: record.commissioningBodySlug,
          version,
          summary: options.summary,
          recommendations: options.recommendations,
          reportedOn: options.reportedOn,
          correctionReason: options.correctionReason ?? null,
          fileName: upload.fileName,
          mediaType: upload.mediaType,
          byteLength: file.content.length,
          sha256,
        },
      },
    ]);
    return { commissionId: record.id, version };
  });
}
