/**
 * What the signed-in home page shows of meetings: the reader's next meetings (with whether they
 * sent apologies and whether papers are up), and for a body's secretariat, the coming meetings
 * that would be inquorate even if every member who has not sent apologies came — the engine's
 * verdict under the terms in force that day, with its clause. A meeting's title, time and place
 * are published, so nothing here is Part II business.
 */
import type { Database } from '../db/connection.ts';
import { type AttendanceFact, evaluateQuorum } from '../governance/index.ts';
import { type Actor, bodiesServedBy, londonDate } from '../identity/index.ts';
import {
  selectComingMeetingsOfBodies,
  selectComingMeetingsOfReader,
} from './home-meeting-queries.ts';
import { meetingFactsOf } from './meeting-facts.ts';

export interface ReadersMeeting {
  id: string;
  title: string;
  body: { slug: string; title: string };
  /** The instant, UTC. */
  startsAt: string;
  meetingOn: string;
  location: string;
  /** Null when the reader holds no seat that day (they serve the body otherwise). */
  apologiesSent: boolean | null;
  paperCount: number;
}

/** London is at most a day from UTC: read from a day early and keep what is today or later. */
function dayEarlier(now: Date): Date {
  return new Date(now.getTime() - 24 * 3_600_000);
}

/** The reader's next meetings, soonest first: bodies they sit on that day or hold a role on. */
export async function comingMeetingsOfReader(options: {
  db: Database;
  actor: Actor;
  now: Date;
  limit?: number;
}): Promise<ReadersMeeting[]> {
  const { actor } = options;
  if (actor.kind !== 'account') return [];
  const today = londonDate(options.now);
  const rows = await selectComingMeetingsOfReader(options.db, {
    personId: actor.personId,
    bodySlugs: [...new Set(actor.bodyRoles.map((fact) => fact.bodyId))],
    from: dayEarlier(options.now),
    limit: (options.limit ?? 5) + 2,
  });
  return rows
    .map((row) => ({
      id: row.id,
      title: row.title,
      body: { slug: row.bodySlug, title: row.bodyTitle },
      startsAt: row.startsAt.toISOString(),
      meetingOn: londonDate(row.startsAt),
      location: row.location,
      apologiesSent: row.seatCount === 0 ? null : row.apologiesCount === row.seatCount,
      paperCount: row.paperCount,
    }))
    .filter((meeting) => meeting.meetingOn >= today)
    .slice(0, options.limit ?? 5);
}

export interface QuorumRisk {
  meeting: { id: string; title: string; meetingOn: string; startsAt: string };
  body: { slug: string; title: string };
  apologiesCount: number;
  /** The engine's words, e.g. "Not quorate: …", and the clause it applied. */
  summary: string;
  clause: string;
}

/** At most this many coming meetings with apologies are put to the engine per page. */
const meetingsCheckedForQuorum = 5;

/**
 * The coming meetings of the bodies whose business the reader runs (their secretariat) that would
 * be inquorate even if every member without apologies came: the engine's quorum under the terms in
 * force that day, with apologies as recorded and everyone else counted present. Only meetings
 * with apologies are put to the engine (none can make one at risk otherwise), soonest first.
 */
export async function meetingsAtRiskOfInquorum(options: {
  db: Database;
  actor: Actor;
  now: Date;
}): Promise<QuorumRisk[]> {
  const today = londonDate(options.now);
  const served = bodiesServedBy(options.actor);
  const withApologies = (
    await selectComingMeetingsOfBodies(options.db, served, dayEarlier(options.now))
  )
    .filter((row) => row.apologiesCount > 0 && londonDate(row.startsAt) >= today)
    .slice(0, meetingsCheckedForQuorum);
  const risks: QuorumRisk[] = [];
  for (const next of withApologies) {
    const { constitution, facts, meetingOn } = await meetingFactsOf(options.db, next.id);
    if (!constitution) continue;
    const recorded = new Map(facts.attendance.map((fact) => [fact.memberId, fact]));
    const attendance: AttendanceFact[] = facts.members.map(
      (member) => recorded.get(member.id) ?? { memberId: member.id, status: 'present' },
    );
    const result = evaluateQuorum(constitution, { ...facts, attendance });
    if (!result.ok || result.value.quorate) continue;
    risks.push({
      meeting: {
        id: next.id,
        title: next.title,
        meetingOn,
        startsAt: next.startsAt.toISOString(),
      },
      body: { slug: next.bodySlug, title: next.bodyTitle },
      apologiesCount: next.apologiesCount,
      summary: result.value.explanation.summary,
      clause: result.value.explanation.clause,
    });
  }
  return risks;
}
