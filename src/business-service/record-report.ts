/**
 * Use case: record the Business Service's performance report to the London group for a quarter —
 * a figure for every indicator in its catalogue, each judged red, amber or green against its
 * target by the rule in performance-rules.ts (2006 §106 "performance manage the Commissioning
 * Business Service"). The London group's secretariat or an administrator records it; the report
 * goes to the group, which owns every conclusion (2006 §3.2). One transaction, or nothing.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  conflict,
  type FieldProblem,
  invalidInput,
  isUniqueViolation,
} from '../shared/problems.ts';
import {
  loadBusinessService,
  loadLondonGroup,
  nameOf,
  refuseUnlessManages,
} from './business-service-access.ts';
import { type FigureRow, insertReport, selectIndicators } from './business-service-queries.ts';
import {
  type Direction,
  overallStatus,
  parseFigure,
  periodText,
  quarterEndsOn,
  type RagStatus,
  ragStatus,
} from './performance-rules.ts';

export interface ReportedFigure {
  indicatorId: string;
  value: string;
  commentary?: string | undefined;
}

export async function recordReport(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  startYear: number;
  quarter: number;
  preparedOn: string;
  summary?: string | undefined;
  figures: ReportedFigure[];
}): Promise<{ reportId: string }> {
  const { db, context, actor } = options;
  refuseUnlessManages(actor, 'record the Business Service’s performance reports');
  const service = await loadBusinessService(db);
  const group = await loadLondonGroup(db);
  const today = londonDate(context.now);
  const period = periodText(options.startYear, options.quarter);
  const problems: FieldProblem[] = [];
  const endsOn = quarterEndsOn(options.startYear, options.quarter);
  if (options.preparedOn <= endsOn) {
    problems.push({
      field: 'preparedOn',
      message: `${period} ends on ${endsOn}: a report on it is prepared after the quarter ends.`,
    });
  } else if (options.preparedOn > today) {
    problems.push({
      field: 'preparedOn',
      message: `A report cannot be prepared after today (${today}).`,
    });
  }
  const indicators = new Map(
    (await selectIndicators(db, service.id)).map((row) => [row.indicator.id, row.indicator]),
  );
  const seen = new Set<string>();
  const figures: FigureRow[] = [];
  options.figures.forEach((figure, index) => {
    const indicator = indicators.get(figure.indicatorId);
    if (!indicator) {
      problems.push({
        field: `figures.${index}.indicatorId`,
        message: `Figure ${index + 1} is for an indicator that is not in the Business Service’s catalogue: a report gives figures only for the indicators the London group set (2006 §106 “performance manage the Commissioning Business Service”).`,
      });
      return;
    }
    if (seen.has(indicator.id)) {
      problems.push({
        field: `figures.${index}.indicatorId`,
        message: `“${indicator.name}” has more than one figure: give one figure for each indicator.`,
      });
      return;
    }
    seen.add(indicator.id);
    const value = parseFigure(figure.value);
    if (value === undefined) {
      problems.push({
        field: `figures.${index}.value`,
        message: `Enter the figure for “${indicator.name}” as a number with up to two decimal places.`,
      });
      return;
    }
    if (indicator.unit === 'percent' && value > 10_000) {
      problems.push({
        field: `figures.${index}.value`,
        message: `The figure for “${indicator.name}” is a percentage: at most 100%.`,
      });
      return;
    }
    figures.push({
      reportId: '',
      indicatorId: indicator.id,
      valueHundredths: value,
      targetHundredths: indicator.targetHundredths,
      status: ragStatus(indicator.direction as Direction, indicator.targetHundredths, value),
      commentary: figure.commentary ?? null,
    });
  });
  const missing = [...indicators.values()].filter((indicator) => !seen.has(indicator.id));
  if (indicators.size === 0) {
    problems.push({
      field: 'figures',
      message:
        'The catalogue has no performance indicators yet: set them before a report is recorded.',
    });
  } else if (missing.length > 0 && problems.length === 0) {
    problems.push({
      field: 'figures',
      message: `Give a figure for every indicator (decision 035): none was given for ${missing
        .map((indicator) => `“${indicator.name}”`)
        .join(', ')}.`,
    });
  }
  if (problems.length > 0) throw invalidInput(problems);

  const reportId = uuidv7();
  const row = {
    id: reportId,
    organisationId: service.id,
    bodyId: group.id,
    startYear: options.startYear,
    quarter: options.quarter,
    preparedOn: options.preparedOn,
    summary: options.summary ?? null,
    status: 'recorded',
    meetingId: null,
    agendaItemId: null,
    conclusions: null,
    concludedOn: null,
    recordedBy: nameOf(actor, context.actor),
    createdAt: context.now,
  };
  const figureRows = figures.map((figure) => ({ ...figure, reportId }));
  try {
    await db.transaction(async (transaction) => {
      await insertReport(transaction, row, figureRows);
      await recordAuditEvents(transaction, context, [
        {
          action: 'business-service.report-recorded',
          entityType: 'organisation',
          entityId: service.id,
          after: {
            ...row,
            period,
            overall: overallStatus(figureRows.map((figure) => figure.status as RagStatus)),
            figures: figureRows.map((figure) => ({
              indicator: indicators.get(figure.indicatorId)?.name,
              value: figure.valueHundredths,
              target: figure.targetHundredths,
              status: figure.status,
            })),
          },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('quarter', `A report for ${period} to ${group.title} is already recorded.`);
    }
    throw error;
  }
  return { reportId };
}
