/** The report a path names, as the use cases load it: the record, its period and its group. */
import type { Reader } from '../db/connection.ts';
import { notFound } from '../shared/problems.ts';
import { type ReportRow, selectReport } from './business-service-queries.ts';

export async function loadReport(
  reader: Reader,
  reportId: string,
  lock?: 'update',
): Promise<ReportRow> {
  const report = await selectReport(reader, reportId, lock);
  if (!report) throw notFound('performance report', reportId);
  return report;
}
