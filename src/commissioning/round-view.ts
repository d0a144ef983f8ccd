/**
 * The round as pages and the API show it, with the reader's permissions applied: the timetable and
 * status are public; the returns are for signed-in accounts (decision 023).
 */
import type { Database } from '../db/connection.ts';
import { type Actor, isChairOf, londonDate, mayRunBody } from '../identity/index.ts';
import { loadRound, refuseUnlessSignedIn, submitterOfRound } from './round-access.ts';
import {
  type RoundRecord,
  type SubmissionRecord,
  selectLocalGroupsIn,
  selectLondonWideBodies,
  selectOrganisationsWherePostHeld,
  selectPrimaryCareTrustsIn,
  selectPriorities,
  selectRounds,
  selectSectorsOfBody,
  selectSubmission,
  selectSubmissions,
} from './round-queries.ts';
import {
  consistentTimetable,
  daysOverdue,
  horizonScanning,
  nextDate,
  statusInWords,
  timetableToday,
  yearInPath,
  yearInWords,
} from './round-rules.ts';

function summaryOf(round: RoundRecord, today: string) {
  return {
    body: { slug: round.bodySlug, title: round.bodyTitle },
    year: yearInWords(round.startYear),
    yearInPath: yearInPath(round.startYear),
    status: round.status,
    statusInWords: statusInWords[round.status],
    nextDate: nextDate(round, today) ?? null,
  };
}

export type RoundSummary = ReturnType<typeof summaryOf>;

/** Every round, newest first, and the London-wide bodies the reader may open one for. */
export async function listRounds(options: { db: Database; actor: Actor; now: Date }) {
  const today = londonDate(options.now);
  const [rounds, londonWide] = await Promise.all([
    selectRounds(options.db),
    selectLondonWideBodies(options.db),
  ]);
  return {
    today,
    rounds: rounds.map((round) => summaryOf(round, today)),
    londonWideBodies: londonWide.map((body) => ({
      slug: body.slug,
      title: body.title,
      mayOpen: mayRunBody(options.actor, body.slug),
    })),
  };
}

interface ReturnRowFacts {
  kind: 'pct' | 'group';
  submitter: string;
  name: string;
  sector: string;
  mayAct: boolean;
}

function rowOf(
  facts: ReturnRowFacts,
  submission: SubmissionRecord | undefined,
  round: RoundRecord,
  today: string,
) {
  return {
    ...facts,
    // Once consolidation starts a return already made can no longer be replaced.
    mayAct: facts.mayAct && (!submission || round.status === 'open'),
    received: submission !== undefined,
    receivedOn: submission?.submittedOn ?? null,
    isLate: submission?.isLate ?? false,
    lateReason: submission?.lateReason ?? null,
    isNilReturn: submission?.isNilReturn ?? false,
    priorityCount: Number(submission?.priorityCount ?? 0),
    daysOverdue: submission ? 0 : daysOverdue(today, round.submissionsDueOn),
  };
}

export type ReturnRow = ReturnType<typeof rowOf>;

/** Which submitters the reader may make a return for: their PCTs, their groups, or all as the round's secretariat. */
async function actsFor(db: Database, actor: Actor, round: RoundRecord, today: string) {
  const runsRound = mayRunBody(actor, round.bodySlug);
  const organisations =
    actor.kind === 'account' && actor.personId && !runsRound
      ? new Set(await selectOrganisationsWherePostHeld(db, actor.personId, today))
      : new Set<string>();
  const open = round.status === 'open' || round.status === 'consolidating';
  return {
    pct: (id: string) => open && (runsRound || organisations.has(id)),
    group: (slug: string) =>
      open && (runsRound || mayRunBody(actor, slug) || isChairOf(actor, slug)),
  };
}

/** The round: its timetable (public) and, for signed-in readers, the returns table. */
export async function getRound(options: {
  db: Database;
  actor: Actor;
  slug: string;
  year: string;
  now: Date;
}) {
  const { db, actor } = options;
  const today = londonDate(options.now);
  const round = await loadRound(db, options.slug, options.year);
  const view = {
    ...summaryOf(round, today),
    today,
    rule: horizonScanning,
    timetableRule: consistentTimetable,
    timetable: timetableToday(round, today),
    mayChangeTimetable: round.status === 'open' && mayRunBody(actor, round.bodySlug),
    returns: null as null | {
      expected: number;
      received: number;
      late: number;
      nil: number;
      sectors: { id: string; name: string; pcts: ReturnRow[] }[];
      localGroups: ReturnRow[];
    },
  };
  if (actor.kind !== 'account') return view;
  const sectors = await selectSectorsOfBody(db, round.bodyId);
  const sectorIds = sectors.map((sector) => sector.id);
  const [pcts, groups, submissions, may] = await Promise.all([
    selectPrimaryCareTrustsIn(db, sectorIds),
    selectLocalGroupsIn(db, sectorIds),
    selectSubmissions(db, round.id),
    actsFor(db, actor, round, today),
  ]);
  const byOrganisation = new Map(submissions.map((row) => [row.organisationId, row]));
  const byBody = new Map(submissions.map((row) => [row.bodyId, row]));
  const sectorName = new Map(sectors.map((sector) => [sector.id, sector.name]));
  const rows = [
    ...pcts.map((pct) =>
      rowOf(
        {
          kind: 'pct',
          submitter: pct.id,
          name: pct.name,
          sector: pct.sectorId,
          mayAct: may.pct(pct.id),
        },
        byOrganisation.get(pct.id),
        round,
        today,
      ),
    ),
  ];
  const localGroups = groups.map((group) =>
    rowOf(
      {
        kind: 'group',
        submitter: group.slug,
        name: group.title,
        sector: sectorName.get(group.sectorId) ?? group.sectorId,
        mayAct: may.group(group.slug),
      },
      byBody.get(group.id),
      round,
      today,
    ),
  );
  const all = [...rows, ...localGroups];
  view.returns = {
    expected: all.length,
    received: all.filter((row) => row.received).length,
    late: all.filter((row) => row.isLate).length,
    nil: all.filter((row) => row.isNilReturn).length,
    sectors: sectors.map((sector) => ({
      id: sector.id,
      name: sector.name,
      pcts: rows
        .filter((row) => row.sector === sector.id)
        .map((row) => ({ ...row, sector: sector.name })),
    })),
    localGroups,
  };
  return view;
}

export type RoundView = Awaited<ReturnType<typeof getRound>>;

/** One submitter's return to the round (or that none was received), for signed-in readers. */
export async function getReturn(options: {
  db: Database;
  actor: Actor;
  slug: string;
  year: string;
  submitter: string;
  now: Date;
}) {
  const { db, actor } = options;
  refuseUnlessSignedIn(actor);
  const today = londonDate(options.now);
  const round = await loadRound(db, options.slug, options.year);
  const who = await submitterOfRound(db, round, options.submitter);
  const submission = await selectSubmission(
    db,
    round.id,
    who.kind === 'pct' ? { organisationId: who.id } : { bodyId: who.id },
  );
  const may = await actsFor(db, actor, round, today);
  const sectors = await selectSectorsOfBody(db, round.bodyId);
  const row = rowOf(
    {
      kind: who.kind,
      submitter: who.kind === 'pct' ? who.id : who.slug,
      name: who.name,
      sector: sectors.find((sector) => sector.id === who.sectorId)?.name ?? who.sectorId,
      mayAct: who.kind === 'pct' ? may.pct(who.id) : may.group(who.slug),
    },
    submission,
    round,
    today,
  );
  return {
    round: { ...summaryOf(round, today), submissionsDueOn: round.submissionsDueOn },
    today,
    row,
    submittedBy: submission?.submittedBy ?? null,
    priorities: submission ? await selectPriorities(db, submission.id) : [],
    wouldBeLate: today > round.submissionsDueOn,
    mayReplace: round.status === 'open',
  };
}

export type ReturnView = Awaited<ReturnType<typeof getReturn>>;
