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
import { insertReport, selectLatestVersion } from './report-queries.ts';
import { checkPeriod, dutyForReport, type ReportKind, reportKindText } from './report-rules.ts';

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
}): Promise<{ reportId: string; version: number }> {
  const { db, context, actor } = options;
  const { body, versions } = await loadBodyWithVersions(db, options.slug);
  assertMayReport(actor, body);
  const periodProblems = checkPeriod({
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
    const reportId = uuidv7();
    const version =
      (await selectLatestVersion(transaction, {
        bodyId: body.id,
        kind: options.kind,
        periodFrom: period.from,
        periodTo: period.to,
      })) + 1;
    await insertReport(transaction, {
      id: reportId,
      bodyId: body.id,
      kind: options.kind,
      periodFrom: period.from,
      periodTo: period.to,
      version,
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
