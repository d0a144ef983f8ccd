/**
 * Use case: "Produce the report" — the analysis's figures frozen as report version n + 1, so the
 * decision after consultation shows what the Joint Committee read however coding goes on
 * afterwards (Gunning 4: responses "conscientiously taken into account"). The figures are the
 * analysis page's (from tallies), without its drawings; page and PDF draw them again from here.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { consultationNotFound, requireRecordStillOpen } from './analysis-access.ts';
import { type AnalysisView, getAnalysis } from './analysis-view.ts';
import { selectConsultationBySlug } from './consultation-queries.ts';
import { insertReport, selectLatestReport } from './report-queries.ts';

export type ReportFigures = Omit<AnalysisView, 'questions'> & {
  questions: Omit<AnalysisView['questions'][number], 'chartSvg'>[];
};

export async function produceAnalysisReport(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
}): Promise<{ reportId: string; version: number }> {
  const { db, context, actor } = options;
  const analysis = await getAnalysis(db, actor, options.slug);
  const consultation = await selectConsultationBySlug(db, options.slug);
  if (!consultation) throw consultationNotFound(options.slug);
  requireRecordStillOpen(consultation, 'report');
  const figures: ReportFigures = {
    ...analysis,
    questions: analysis.questions.map(({ chartSvg: _, ...question }) => question),
  };
  const personId = actor.kind === 'account' ? actor.personId : null;
  return db.transaction(async (transaction) => {
    const latest = await selectLatestReport(transaction, consultation.id);
    const version = (latest?.version ?? 0) + 1;
    const reportId = uuidv7();
    await insertReport(transaction, {
      id: reportId,
      consultationId: consultation.id,
      version,
      figures,
      producedByPersonId: personId,
      producedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.analysis-report-produced',
        entityType: 'consultation-analysis-report',
        entityId: reportId,
        after: { consultationId: consultation.id, version },
      },
    ]);
    return { reportId, version };
  });
}
