/**
 * When each of a body's `reporting:` duties was last met, one source per kind of report, and so
 * when it is next due (nextDueOf). Progress updates and annual reports are met for the period a
 * distributed version covers (src/reports, decision 075).
 */
import type { Reader } from '../db/connection.ts';
import type { Constitution } from '../governance/index.ts';
import { londonDate } from '../identity/index.ts';
import { selectMinutesDistributionFacts } from '../minutes/index.ts';
import { selectLastReportedPeriods } from '../reports/index.ts';
import { selectLastBriefingDates } from './accountability-queries.ts';
import { type DutyDue, type MeetingFact, nextDueOf } from './accountability-rules.ts';

type ReportingDuty = NonNullable<Constitution['reporting']>[number];
type ReportKind = ReportingDuty['report'];

export interface LastMet {
  lastMet: string | null;
  /** For a duty after each meeting: the meetings and when their minutes went out. */
  meetings?: MeetingFact[];
  sourceText: string;
}

/** Facts loaded once per body and shared by its duties' sources. */
interface SourceInput {
  reader: Reader;
  body: { id: string };
  duty: ReportingDuty;
  cache: Map<string, unknown>;
}

type LastMetSource = (input: SourceInput) => Promise<LastMet>;

async function once<T>(
  cache: Map<string, unknown>,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  if (!cache.has(key)) cache.set(key, await load());
  return cache.get(key) as T;
}

const minutesSource: LastMetSource = async ({ reader, body, cache }) => {
  const facts = await once(cache, 'minutes', () => selectMinutesDistributionFacts(reader, body.id));
  const meetings = facts.map((fact) => ({
    on: londonDate(fact.startsAt),
    held: fact.held,
    minutesDistributedOn: fact.distributedAt ? londonDate(fact.distributedAt) : null,
  }));
  const distributed = meetings
    .map((meeting) => meeting.minutesDistributedOn)
    .filter((date): date is string => date !== null)
    .sort();
  return {
    lastMet: distributed.at(-1) ?? null,
    meetings,
    sourceText: 'Met when the approved minutes of a meeting are distributed',
  };
};

const briefingSource: LastMetSource = async ({ reader, body, duty, cache }) => {
  const last = await once(cache, 'briefings', () => selectLastBriefingDates(reader, body.id));
  return { lastMet: last.get(duty.id) ?? null, sourceText: 'Met by a briefing in the log below' };
};

const distributedReportSource =
  (kind: 'progress-update' | 'annual-report', what: string): LastMetSource =>
  async ({ reader, body, cache }) => {
    const last = await once(cache, 'reports', () => selectLastReportedPeriods(reader, body.id));
    return {
      lastMet: last.get(kind) ?? null,
      sourceText: `Met for a period when ${what} covering it, generated from the record, is distributed to the boards; “last met” is the end of the latest period so reported`,
    };
  };

/** Where "last met" comes from, per kind of report. */
export const lastMetSources: Record<ReportKind, LastMetSource> = {
  minutes: minutesSource,
  briefing: briefingSource,
  progressUpdate: distributedReportSource('progress-update', 'a progress update'),
  annualReport: distributedReportSource('annual-report', 'an annual report'),
};

/** Every reporting duty of the terms with when it was last met and is next due, by duty id. */
export async function dutyStatusesOf(
  reader: Reader,
  options: { body: { id: string }; constitution: Constitution; today: string },
): Promise<Map<string, { due: DutyDue; sourceText: string }>> {
  const cache = new Map<string, unknown>();
  const statuses = new Map<string, { due: DutyDue; sourceText: string }>();
  for (const duty of options.constitution.reporting ?? []) {
    const met = await lastMetSources[duty.report]({ reader, body: options.body, duty, cache });
    statuses.set(duty.id, {
      due: nextDueOf({
        frequency: duty.frequency,
        lastMet: met.lastMet,
        since: options.constitution.effective.date,
        today: options.today,
        ...(met.meetings ? { meetings: met.meetings } : {}),
      }),
      sourceText: met.sourceText,
    });
  }
  return statuses;
}
