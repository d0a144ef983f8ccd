/**
 * The communications log and the reporting duties (2008 "Communications"): briefings logged
 * against the body's briefing duties, and every `reporting:` duty with when it was last met and
 * when it is next due.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { loadBody, termsInForce } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import type { Constitution } from '../governance/index.ts';
import { type Actor, londonDate, mayKeepProgramme } from '../identity/index.ts';
import { selectCurrentHoldings } from '../membership/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput, ProblemError } from '../shared/problems.ts';
import {
  type CoverableItem,
  insertBriefing,
  selectBriefingLinks,
  selectBriefingsOfBody,
  selectCoverableItems,
} from './accountability-queries.ts';
import { bodyNameIn, type DutyDue, seatNameIn, seatRolesOf } from './accountability-rules.ts';
import { dutyStatusesOf } from './duty-status.ts';

type ReportingDuty = NonNullable<Constitution['reporting']>[number];

export interface DutyView {
  id: string;
  /** What the duty is, in words ("Briefing", "Minutes of each meeting"). */
  kindText: string;
  frequencyText: string;
  to: string[];
  by: string[];
  clause: string;
  text: string;
  due: DutyDue;
  /** Where "last met" comes from, in words. */
  sourceText: string;
  /** Whether briefings are logged against it here. */
  isBriefing: boolean;
}

export interface BriefingView {
  id: string;
  duty: { id: string; text: string };
  briefedOn: string;
  audience: string;
  reported: string;
  by: { id: string; name: string };
  covered: {
    kind: 'decision' | 'paper';
    id: string;
    title: string;
    meeting: { id: string; title: string; meetingOn: string };
    href: string;
  }[];
}

export interface CommunicationsView {
  body: { slug: string; title: string };
  today: string;
  duties: DutyView[];
  briefings: BriefingView[];
  /** For the form, when the reader may log a briefing. */
  mayLog: boolean;
  briefingDuties: {
    id: string;
    text: string;
    audience: string;
    people: { id: string; name: string }[];
  }[];
  coverable: { id: string; kind: 'decision' | 'paper'; text: string }[];
}

const kindText: Record<ReportingDuty['report'], string> = {
  minutes: 'Minutes of each meeting',
  progressUpdate: 'Progress updates',
  annualReport: 'Annual report',
  briefing: 'Briefing',
};

const frequencyText: Record<ReportingDuty['frequency'], string> = {
  everyMeeting: 'After each meeting',
  monthly: 'Every month',
  regularly: 'Regularly — taken as at least every three months',
  annually: 'Every year (April to March)',
};

function audienceOf(constitution: Constitution, duty: ReportingDuty): string {
  return duty.to.map((id) => bodyNameIn(constitution, id)).join(' and ');
}

function dutyTitle(constitution: Constitution, duty: ReportingDuty): string {
  return duty.report === 'briefing'
    ? `Briefing to ${audienceOf(constitution, duty)}`
    : kindText[duty.report];
}

/** The people who may give a duty's briefing on a date: holders of the seats its `by` names. */
async function briefersOf(
  db: Database,
  bodyId: string,
  constitution: Constitution,
  duty: ReportingDuty,
  on: string,
): Promise<{ id: string; name: string }[]> {
  const roles = duty.by ? seatRolesOf(constitution, duty.by) : undefined;
  const holdings = await selectCurrentHoldings(db, bodyId, on);
  const people = new Map<string, string>();
  for (const holding of holdings) {
    if (!roles || roles.has(holding.seatRole)) people.set(holding.personId, holding.personName);
  }
  return [...people]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function coverableText(item: CoverableItem): string {
  const kind = item.kind === 'decision' ? 'Decision' : 'Paper';
  return `${kind}: ${item.title} (${item.meetingTitle}, ${londonDate(item.meetingStartsAt)})`;
}

/** A body's communications: its reporting duties with their due dates, and its briefing log. */
export async function getCommunications(options: {
  db: Database;
  actor: Actor;
  slug: string;
  now: Date;
}): Promise<CommunicationsView> {
  const { db, actor } = options;
  const body = await loadBody(db, options.slug);
  const today = londonDate(options.now);
  const constitution = await termsInForce(db, body.id, today);
  const duties = constitution?.reporting ?? [];
  const statuses = constitution
    ? await dutyStatusesOf(db, { body, constitution, today })
    : new Map();
  const records = await selectBriefingsOfBody(db, body.id);
  const links = await selectBriefingLinks(
    db,
    records.map((record) => record.id),
  );
  const mayLog = mayKeepProgramme(actor, body.slug);
  const briefingDuties = [];
  if (mayLog && constitution) {
    for (const duty of duties.filter((candidate) => candidate.report === 'briefing')) {
      briefingDuties.push({
        id: duty.id,
        text: dutyTitle(constitution, duty),
        audience: audienceOf(constitution, duty),
        people: await briefersOf(db, body.id, constitution, duty, today),
      });
    }
  }
  const coverable = mayLog
    ? (await selectCoverableItems(db, { bodyId: body.id }))
        .filter((item) => !item.isConfidential)
        .map((item) => ({ id: item.id, kind: item.kind, text: coverableText(item) }))
    : [];
  return {
    body: { slug: body.slug, title: body.title },
    today,
    duties: constitution
      ? duties.map((duty) => {
          const status = statuses.get(duty.id);
          return {
            id: duty.id,
            kindText: dutyTitle(constitution, duty),
            frequencyText: frequencyText[duty.frequency],
            to: duty.to.map((id) => bodyNameIn(constitution, id)),
            by: (duty.by ?? []).map((id) => seatNameIn(constitution, id)),
            clause: duty.clause ?? '',
            text: duty.text ?? '',
            due: status?.due ?? { lastMet: null, nextDue: null, status: 'not-yet-due' },
            sourceText: status?.sourceText ?? '',
            isBriefing: duty.report === 'briefing',
          };
        })
      : [],
    briefings: records.map((record) => {
      const duty = duties.find((candidate) => candidate.id === record.dutyId);
      return {
        id: record.id,
        duty: {
          id: record.dutyId,
          text: duty && constitution ? dutyTitle(constitution, duty) : 'Briefing',
        },
        briefedOn: record.briefedOn,
        audience: record.audience,
        reported: record.reported,
        by: { id: record.byPersonId, name: record.byPersonName },
        covered: links
          .filter((link) => link.briefingId === record.id)
          .map((link) => ({
            kind: link.kind,
            id: link.id,
            title: link.title,
            meeting: {
              id: link.meetingId,
              title: link.meetingTitle,
              meetingOn: londonDate(link.meetingStartsAt),
            },
            href:
              link.kind === 'decision'
                ? `/proposals/${link.id}`
                : `/meetings/${link.meetingId}/papers`,
          })),
      };
    }),
    mayLog,
    briefingDuties,
    coverable,
  };
}

export interface LogBriefingOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  dutyId: string;
  briefedOn: string;
  reported: string;
  byPersonId: string;
  /** The decisions (questions) and papers of the body's meetings it covered. */
  covers: string[];
}

/**
 * Logs a briefing against one of the body's briefing duties: by a person the duty names (a holder,
 * on the day, of a seat its `by` names), covering the body's own decisions and papers only.
 */
export async function logBriefing(options: LogBriefingOptions): Promise<{ briefingId: string }> {
  const { db, context, actor } = options;
  const body = await loadBody(db, options.slug);
  if (!mayKeepProgramme(actor, body.slug)) {
    throw new ProblemError({
      status: 403,
      code: 'forbidden',
      title: 'You do not have permission to do this',
      detail: `Only an administrator, or the secretariat or programme office of ${body.title}, may log its briefings.`,
    });
  }
  const today = londonDate(context.now);
  const constitution = await termsInForce(
    db,
    body.id,
    options.briefedOn <= today ? options.briefedOn : today,
  );
  const briefingDuties = (constitution?.reporting ?? []).filter(
    (duty) => duty.report === 'briefing',
  );
  const duty = briefingDuties.find((candidate) => candidate.id === options.dutyId);
  const problems: { field: string; message: string }[] = [];
  if (!constitution || !duty) {
    problems.push({
      field: 'dutyId',
      message: briefingDuties.length
        ? `Choose the duty the briefing meets: ${briefingDuties.map((candidate) => (constitution ? dutyTitle(constitution, candidate) : candidate.id)).join('; ')}.`
        : `The terms of reference of ${body.title} in force then give it no briefing duties.`,
    });
  }
  if (options.briefedOn > today) {
    problems.push({
      field: 'briefedOn',
      message: 'A briefing is logged once it has been given: the date cannot be in the future.',
    });
  }
  if (constitution && duty) {
    const briefers = await briefersOf(db, body.id, constitution, duty, options.briefedOn);
    if (!briefers.some((person) => person.id === options.byPersonId)) {
      const named = (duty.by ?? []).map((id) => seatNameIn(constitution, id)).join(', ');
      problems.push({
        field: 'byPersonId',
        message: `Choose who gave the briefing: ${duty.clause} gives it to ${named || `the members of ${body.title}`}, and the person chosen did not hold such a seat on ${body.title} on that day.`,
      });
    }
  }
  const covers = [...new Set(options.covers)];
  const items = await selectCoverableItems(db, { ids: covers });
  for (const id of covers) {
    const item = items.find((candidate) => candidate.id === id);
    if (!item) {
      problems.push({
        field: 'covers',
        message: 'One of the decisions or papers chosen does not exist.',
      });
    } else if (item.bodyId !== body.id) {
      problems.push({
        field: 'covers',
        message: `“${item.title}” belongs to another body: a briefing of ${body.title} covers only its own decisions and papers.`,
      });
    } else if (item.isConfidential) {
      problems.push({
        field: 'covers',
        message: `“${item.title}” is Part II business: it cannot be linked from the briefing log, which the partnership reads.`,
      });
    }
  }
  if (problems.length > 0 || !constitution || !duty) throw invalidInput(problems);
  const briefingId = uuidv7();
  const audience = audienceOf(constitution, duty);
  const links = items.map((item) => ({
    id: uuidv7(),
    proposalId: item.kind === 'decision' ? item.id : null,
    paperId: item.kind === 'paper' ? item.id : null,
  }));
  await db.transaction(async (transaction) => {
    await insertBriefing(
      transaction,
      {
        id: briefingId,
        bodyId: body.id,
        dutyId: duty.id,
        briefedOn: options.briefedOn,
        audience,
        reported: options.reported,
        byPersonId: options.byPersonId,
        recordedBy: context.actor,
        recordedAt: context.now,
      },
      links,
    );
    await recordAuditEvents(transaction, context, [
      {
        action: 'briefing.logged',
        entityType: 'body',
        entityId: body.id,
        after: {
          briefingId,
          dutyId: duty.id,
          clause: duty.clause,
          briefedOn: options.briefedOn,
          audience,
          reported: options.reported,
          byPersonId: options.byPersonId,
          covers: items.map((item) => ({ kind: item.kind, id: item.id, title: item.title })),
        },
      },
    ]);
  });
  return { briefingId };
}
