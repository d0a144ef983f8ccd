/**
 * Read models of the Business Service held to account: its catalogue by area with each
 * indicator's latest figure, the reports and the latest overall status; and one report with its
 * figures, RAG in words, where it was presented, the group's conclusions and the actions arising.
 * Open to everyone (published performance of a public service); what may be done, to its managers.
 */
import { listBodyActions } from '../actions/index.ts';
import type { Database, Reader } from '../db/connection.ts';
import { type Actor, londonDate, londonGroupSlug, mayRunBody } from '../identity/index.ts';
import { loadBusinessService, loadLondonGroup } from './business-service-access.ts';
import {
  type FigureRow,
  type IndicatorRow,
  type ReportRow,
  selectAgendaItemPosition,
  selectComingMeetings,
  selectFigures,
  selectIndicators,
  selectMeetingChoice,
  selectOfferings,
  selectPeopleWithPosts,
  selectReports,
} from './business-service-queries.ts';
import {
  clauses,
  type Direction,
  directionText,
  figureText,
  overallStatus,
  periodText,
  type RagStatus,
  ragRuleText,
  ragText,
  type ServiceArea,
  serviceAreas,
  serviceAreaText,
  type Unit,
  unitText,
} from './performance-rules.ts';
import { loadReport } from './report-access.ts';

const reportStatusText: Record<string, string> = {
  recorded: 'Recorded, not yet presented',
  presented: 'Presented to the group, conclusions to be recorded',
  concluded: 'Concluded by the group',
};

function rag(status: RagStatus | undefined) {
  return status ? { status, text: ragText[status] } : null;
}

function indicatorOf(indicator: IndicatorRow) {
  const unit = indicator.unit as Unit;
  return {
    id: indicator.id,
    name: indicator.name,
    measures: indicator.measures,
    target: figureText(indicator.targetHundredths, unit),
    unit: unitText[unit],
    direction: directionText[indicator.direction as Direction],
  };
}

function reportSummaryOf(report: ReportRow, figures: FigureRow[]) {
  const overall = overallStatus(figures.map((figure) => figure.status as RagStatus));
  return {
    id: report.id,
    period: periodText(report.startYear, report.quarter),
    preparedOn: report.preparedOn,
    status: report.status,
    statusText: reportStatusText[report.status] ?? report.status,
    overall: rag(overall),
  };
}

export async function getBusinessService(options: { db: Reader; actor: Actor }) {
  const { db, actor } = options;
  const organisation = await loadBusinessService(db);
  const offerings = await selectOfferings(db, organisation.id);
  const indicators = await selectIndicators(db, organisation.id);
  const reports = await selectReports(db, organisation.id);
  const figures = await selectFigures(
    db,
    reports.map((report) => report.id),
  );
  const figuresOf = (reportId: string) => figures.filter((figure) => figure.reportId === reportId);
  const latestReport = reports[0];
  const latestFigures = latestReport ? figuresOf(latestReport.id) : [];
  const areas = serviceAreas.map((area: ServiceArea) => ({
    area,
    name: serviceAreaText[area].name,
    clause: serviceAreaText[area].clause,
    services: offerings
      .filter((offering) => offering.area === area)
      .map((offering) => ({
        id: offering.id,
        name: offering.name,
        description: offering.description,
        indicators: indicators
          .filter((row) => row.indicator.offeringId === offering.id)
          .map((row) => {
            const latest = latestFigures.find((figure) => figure.indicatorId === row.indicator.id);
            return {
              ...indicatorOf(row.indicator),
              latest: latest
                ? {
                    value: figureText(latest.valueHundredths, row.indicator.unit as Unit),
                    rag: rag(latest.status as RagStatus),
                  }
                : null,
            };
          }),
      })),
  }));
  const mayManage = mayRunBody(actor, londonGroupSlug);
  return {
    organisation: { name: organisation.name },
    clauses: [
      clauses.infrastructure,
      clauses.reportsThroughPartnerships,
      clauses.performanceManage,
      clauses.direct,
    ],
    ragRule: ragRuleText,
    areas,
    indicatorCount: indicators.length,
    reports: reports.map((report) => reportSummaryOf(report, figuresOf(report.id))),
    latest: latestReport ? reportSummaryOf(latestReport, latestFigures) : null,
    mayManage,
    offeringChoices: mayManage
      ? offerings.map((offering) => ({ id: offering.id, name: offering.name }))
      : [],
    indicatorsToReport: mayManage
      ? indicators.map((row) => ({
          id: row.indicator.id,
          name: row.indicator.name,
          unit: unitText[row.indicator.unit as Unit],
          target: figureText(row.indicator.targetHundredths, row.indicator.unit as Unit),
        }))
      : [],
  };
}

export type BusinessServiceView = Awaited<ReturnType<typeof getBusinessService>>;

export async function getReport(options: {
  db: Database;
  actor: Actor;
  reportId: string;
  now: Date;
}) {
  const { db, actor, now } = options;
  const report = await loadReport(db, options.reportId);
  const organisation = await loadBusinessService(db);
  const group = await loadLondonGroup(db);
  const figures = await selectFigures(db, [report.id]);
  const indicators = new Map(
    (await selectIndicators(db, report.organisationId)).map((row) => [row.indicator.id, row]),
  );
  const meeting = report.meetingId ? await selectMeetingChoice(db, report.meetingId) : undefined;
  const item = report.agendaItemId
    ? await selectAgendaItemPosition(db, report.agendaItemId)
    : undefined;
  const mayManage = mayRunBody(actor, londonGroupSlug);
  const meetingHeld = Boolean(meeting && meeting.status !== 'cancelled' && meeting.startsAt <= now);
  const actions = report.agendaItemId
    ? (
        await listBodyActions({
          db,
          actor,
          slug: group.slug,
          now,
          meetingId: report.meetingId ?? undefined,
        })
      ).items.filter((action) => action.agendaItem?.id === report.agendaItemId)
    : [];
  const today = londonDate(now);
  const meetingChoices =
    mayManage && report.status === 'recorded'
      ? (await selectComingMeetings(db, report.bodyId, now))
          .filter((choice) => choice.noticesSent === 0)
          .map((choice) => ({
            id: choice.id,
            title: choice.title,
            on: londonDate(choice.startsAt),
          }))
      : [];
  const ownerChoices =
    mayManage && meetingHeld
      ? (await selectPeopleWithPosts(db, today)).map((person) => ({
          personId: person.personId,
          text: `${person.name}, ${person.title}, ${person.organisationName}`,
          ofTheBusinessService: person.organisationType === 'business-service',
        }))
      : [];
  const overall = overallStatus(figures.map((figure) => figure.status as RagStatus));
  return {
    ...reportSummaryOf(report, figures),
    organisation: { name: organisation.name },
    group: { slug: group.slug, title: group.title },
    summary: report.summary,
    recordedBy: report.recordedBy,
    ragRule: ragRuleText,
    clauses: [clauses.reportsThroughPartnerships, clauses.performanceManage, clauses.direct],
    overall: rag(overall),
    figures: figures
      .map((figure) => {
        const row = indicators.get(figure.indicatorId);
        const unit = (row?.indicator.unit ?? 'count') as Unit;
        return {
          indicatorId: figure.indicatorId,
          name: row?.indicator.name ?? 'Indicator',
          service: row?.offeringName ?? '',
          measures: row?.indicator.measures ?? '',
          direction: directionText[(row?.indicator.direction ?? 'higher-is-better') as Direction],
          value: figureText(figure.valueHundredths, unit),
          target: figureText(figure.targetHundredths, unit),
          rag: rag(figure.status as RagStatus),
          commentary: figure.commentary,
        };
      })
      .sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name)),
    meeting: meeting
      ? {
          id: meeting.id,
          title: meeting.title,
          on: londonDate(meeting.startsAt),
          agendaPosition: item?.position ?? null,
          held: meetingHeld,
        }
      : null,
    conclusions: report.conclusions,
    concludedOn: report.concludedOn,
    actions: actions.map((action) => ({
      id: action.id,
      description: action.description,
      owner: action.owner.name,
      dueOn: action.dueOn,
      status: action.status,
    })),
    mayPresent: mayManage && report.status === 'recorded',
    meetingChoices,
    mayConclude: mayManage && report.status === 'presented' && meetingHeld,
    mayRecordAction: mayManage && report.status !== 'recorded' && meetingHeld,
    ownerChoices,
  };
}

export type ReportView = Awaited<ReturnType<typeof getReport>>;
