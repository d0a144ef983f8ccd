/**
 * Generate a progress update or an annual report of a body for a period, from the record (2008
 * "Communications"; 2006 §110): the figures are read as at the period's end and frozen with the
 * report, so what the boards were sent can always be read back. Generating the same period again
 * makes a new version. The body's secretariat or programme office generates (or an
 * administrator); audit event `report.generated`.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBodyWithVersions, termsInForceAmong } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate, mayKeepProgramme } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, ProblemError } from '../shared/problems.ts';
import { reportFigures } from './report-figures.ts';
import { insertReport, lockBodyForReporting, selectLatestVersion } from './report-queries.ts';
import { checkPeriod, dutyForReport, type ReportKind, reportKindText } from './report-rules.ts';

/**
 * Whether the person behind the actor prepares the body's reports, whatever their token's scope:
 * what they may read (reports not yet sent, each board's receipt) does not depend on it.
 */
export function preparesReports(actor: Actor, bodySlug: string): boolean {
  return (
    actor.kind === 'account' && mayKeepProgramme({ ...actor, tokenScope: undefined }, bodySlug)
  );
}

export function assertMayReport(actor: Actor, body: { slug: string; title: string }): void {
  if (mayKeepProgramme(actor, body.slug)) return;
  throw new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail: `Only an administrator, or the secretariat or programme office of ${body.title}, may generate and distribute its reports.`,
  });
}

export async function generateReport(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  kind: ReportKind;
  periodFrom: string;
  periodTo?: string | undefined;
  /** Required when the period already has a report: why it is reported again. */
  reason?: string | undefined;
}): Promise<{ reportId: string; version: number }> {
  const { db, context, actor } = options;
  const { body, versions } = await loadBodyWithVersions(db, options.slug);
  assertMayReport(actor, body);
  const periodProblems = checkPeriod({
    kind: options.kind,
    from: options.periodFrom,
    to: options.periodTo,
    today: londonDate(context.now),
  });
  if (periodProblems.length) throw invalidInput(periodProblems);
  const period = { from: options.periodFrom, to: options.periodTo as string };
  const constitution = termsInForceAmong(versions, period.to);
  const found = dutyForReport(constitution, options.kind, body.title);
  if ('problem' in found) throw invalidInput([found.problem]);
  const figures = await reportFigures({
    db,
    actor,
    kind: options.kind,
    body,
    versions,
    constitution,
    duty: { clause: found.duty.clause, text: found.duty.text },
    period,
  });
  return db.transaction(async (transaction) => {
    await lockBodyForReporting(transaction, body.id);
    const reportId = uuidv7();
    const version =
      (await selectLatestVersion(transaction, {
        bodyId: body.id,
        kind: options.kind,
        periodFrom: period.from,
        periodTo: period.to,
      })) + 1;
    const reason = options.reason?.trim() || undefined;
    if (version > 1 && !reason) {
      throw invalidInput([
        {
          field: 'reason',
          message: `This period already has a ${reportKindText[options.kind].toLowerCase()} (version ${version - 1}). To generate it again, give the reason: the boards reading version ${version} will see it.`,
        },
      ]);
    }
    await insertReport(transaction, {
      id: reportId,
      bodyId: body.id,
      kind: options.kind,
      periodFrom: period.from,
      periodTo: period.to,
      version,
      reason: version > 1 ? (reason ?? null) : null,
      figures,
      generatedByPersonId: actor.kind === 'account' ? actor.personId : null,
      generatedByName: actor.kind === 'account' ? actor.displayName : 'Concordat',
      generatedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'report.generated',
        entityType: 'report',
        entityId: reportId,
        after: {
          body: body.title,
          kind: reportKindText[options.kind],
          periodFrom: period.from,
          periodTo: period.to,
          version,
          reason: version > 1 ? (reason ?? null) : null,
          clause: found.duty.clause,
          meetingsHeld: figures.meetings.length,
          decisions: figures.decisions.length,
          advice: figures.advice.length,
        },
      },
    ]);
    return { reportId, version };
  });
}
