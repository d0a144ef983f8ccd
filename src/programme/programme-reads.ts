import { loadBody, selectBodies, termsInForce } from '../bodies/index.ts';
import type { Database, Reader } from '../db/connection.ts';
import { type Actor, londonDate, mayKeepProgramme } from '../identity/index.ts';
import { invalidInput, notFound } from '../shared/problems.ts';
import { modelOf } from './programme-access.ts';
import {
  selectOrganisation,
  selectOwnerOrganisations,
  selectProgramme,
  selectProgrammeIdOf,
  selectProgrammeIdsWithOrganisation,
  selectProgrammeRecords,
  selectProgrammes,
  selectSectors,
} from './programme-queries.ts';
import { accountabilityClause, countActions, lateFirst, ownerLevelOf } from './programme-rules.ts';
import type { ActionView, ProgrammeModel, ProgrammeView } from './programme-view.ts';

async function loadModel(db: Reader, programmeId: string, now: Date) {
  const programme = await selectProgramme(db, programmeId);
  if (!programme) throw notFound('programme', programmeId);
  return modelOf(db, programme, londonDate(now));
}

export interface ProgrammeSummary {
  id: string;
  title: string;
  body: { slug: string; title: string };
}

export async function listProgrammes(options: {
  db: Database;
  actor: Actor;
  slug?: string | undefined;
}): Promise<{
  body: { slug: string; title: string } | null;
  items: ProgrammeSummary[];
  mayKeep: boolean;
}> {
  const body = options.slug ? await loadBody(options.db, options.slug) : null;
  const rows = await selectProgrammes(options.db, body?.id);
  return {
    body: body ? { slug: body.slug, title: body.title } : null,
    items: rows.map((row) => ({
      id: row.id,
      title: row.title,
      body: { slug: row.bodySlug, title: row.bodyTitle },
    })),
    mayKeep: body ? mayKeepProgramme(options.actor, body.slug) : false,
  };
}

export async function getProgramme(options: {
  db: Database;
  actor: Actor;
  programmeId: string;
  now: Date;
}): Promise<ProgrammeView> {
  const model = await loadModel(options.db, options.programmeId, options.now);
  return model.view(mayKeepProgramme(options.actor, model.records.programme.bodySlug));
}

export interface OwnerOption {
  value: string;
  text: string;
  group: 'London' | 'Sector' | 'PCT' | 'Action team';
}

/** Who may own an action: London-wide bodies and NHS London, sector groups, PCTs, action teams. */
async function ownerOptions(db: Reader, model: ProgrammeModel): Promise<OwnerOption[]> {
  const options: OwnerOption[] = [];
  for (const body of await selectBodies(db)) {
    const terms = await termsInForce(db, body.id, model.today);
    const decision = ownerLevelOf({
      kind: 'body',
      title: body.title,
      sectorIds: (terms?.sectors ?? []).map((sector) => sector.id),
    });
    if (decision.ok) {
      options.push({
        value: `body:${body.slug}`,
        text: body.title,
        group: decision.level === 'sector' ? 'Sector' : 'London',
      });
    }
  }
  for (const organisation of await selectOwnerOrganisations(db)) {
    options.push({
      value: `organisation:${organisation.id}`,
      text: organisation.name,
      group: organisation.type === 'primary-care-trust' ? 'PCT' : 'London',
    });
  }
  for (const team of model.records.actionTeams) {
    options.push({ value: `action-team:${team.id}`, text: team.name, group: 'Action team' });
  }
  const order = ['London', 'Sector', 'PCT', 'Action team'];
  return options.sort(
    (a, b) => order.indexOf(a.group) - order.indexOf(b.group) || a.text.localeCompare(b.text),
  );
}

export async function getWorkstream(options: {
  db: Database;
  actor: Actor;
  workstreamId: string;
  now: Date;
}) {
  const programmeId = await selectProgrammeIdOf(options.db, 'workstream', options.workstreamId);
  if (!programmeId) throw notFound('workstream', options.workstreamId);
  const model = await loadModel(options.db, programmeId, options.now);
  const workstream = model.workstream(options.workstreamId);
  if (!workstream) throw notFound('workstream', options.workstreamId);
  const { programme } = model.records;
  const projectIds = new Set(workstream.projects.map((project) => project.id));
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      body: { slug: programme.bodySlug, title: programme.bodyTitle },
    },
    today: model.today,
    workstream,
    actions: model.actions((action) => projectIds.has(action.projectId)),
    timeline: model.timeline([workstream], `Timeline of the ${workstream.title} workstream`),
    mayKeep: mayKeepProgramme(options.actor, programme.bodySlug),
  };
}

export async function getProject(options: {
  db: Database;
  actor: Actor;
  projectId: string;
  now: Date;
}) {
  const programmeId = await selectProgrammeIdOf(options.db, 'project', options.projectId);
  if (!programmeId) throw notFound('project', options.projectId);
  const model = await loadModel(options.db, programmeId, options.now);
  const project = model.project(options.projectId);
  if (!project) throw notFound('project', options.projectId);
  const { programme } = model.records;
  const mayKeep = mayKeepProgramme(options.actor, programme.bodySlug);
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      body: { slug: programme.bodySlug, title: programme.bodyTitle },
    },
    today: model.today,
    project,
    actions: model.actions((action) => action.projectId === options.projectId),
    history: model.history({ projectId: options.projectId }),
    /** Projects it could be set to wait for (the cycle check refuses the ones that close a loop). */
    otherProjects: model.records.projects
      .filter((each) => each.id !== options.projectId)
      .map((each) => ({ id: each.id, title: each.title })),
    owners: mayKeep ? await ownerOptions(options.db, model) : [],
    mayKeep,
  };
}

export async function getAction(options: {
  db: Database;
  actor: Actor;
  actionId: string;
  now: Date;
}) {
  const programmeId = await selectProgrammeIdOf(options.db, 'action', options.actionId);
  if (!programmeId) throw notFound('action', options.actionId);
  const model = await loadModel(options.db, programmeId, options.now);
  const row = model.records.actions.find((each) => each.id === options.actionId);
  if (!row) throw notFound('action', options.actionId);
  const { programme } = model.records;
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      body: { slug: programme.bodySlug, title: programme.bodyTitle },
    },
    today: model.today,
    action: model.action(row),
    history: model.history({ actionId: options.actionId }),
    mayKeep: mayKeepProgramme(options.actor, programme.bodySlug),
  };
}

export interface RollUpRow {
  key: string;
  title: string;
  /** Where its own page is: a workstream's, a PCT's. */
  href: string | null;
  counts: ReturnType<typeof countActions>;
  late: ActionView[];
}

/** Roll-ups by workstream, by sector (the sector group's and its PCTs' actions) and by PCT. */
export async function getRollUp(options: { db: Database; programmeId: string; now: Date }) {
  const model = await loadModel(options.db, options.programmeId, options.now);
  const all = model.actions();
  const row = (
    key: string,
    title: string,
    href: string | null,
    actions: ActionView[],
  ): RollUpRow => ({
    key,
    title,
    href,
    counts: countActions(actions, model.today),
    late: lateFirst(
      actions.filter((action) => action.late),
      model.today,
    ),
  });
  const sectors = await selectSectors(options.db);
  const pcts = (await selectOwnerOrganisations(options.db)).filter(
    (organisation) => organisation.type === 'primary-care-trust',
  );
  const { programme } = model.records;
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      body: { slug: programme.bodySlug, title: programme.bodyTitle },
    },
    today: model.today,
    overall: row('all', 'The whole programme', null, all),
    byWorkstream: model.records.workstreams.map((workstream) =>
      row(
        workstream.id,
        workstream.title,
        `/programme/workstreams/${workstream.id}`,
        all.filter((action) => action.workstream.id === workstream.id),
      ),
    ),
    byLevel: (['london', 'sector', 'pct', 'action-team'] as const).map((level) =>
      row(
        level,
        { london: 'London', sector: 'Sector groups', pct: 'PCTs', 'action-team': 'Action teams' }[
          level
        ],
        null,
        all.filter((action) => action.owner.level === level),
      ),
    ),
    bySector: sectors.map((sector) =>
      row(
        sector.id,
        sector.name,
        null,
        all.filter((action) => action.sector?.id === sector.id),
      ),
    ),
    byPct: pcts
      .map((pct) =>
        row(
          pct.odsCode ?? pct.id,
          pct.name,
          pct.odsCode ? `/programme/pcts/${pct.odsCode}` : null,
          all.filter(
            (action) => action.owner.level === 'pct' && action.owner.odsCode === pct.odsCode,
          ),
        ),
      )
      .filter((each) => each.counts.total > 0),
  };
}

/** The Healthcare for London actions one PCT is accountable for, in every programme. */
export async function getPctActions(options: { db: Database; odsCode: string; now: Date }) {
  const organisation = await selectOrganisation(options.db, { odsCode: options.odsCode });
  if (organisation?.type !== 'primary-care-trust') {
    throw notFound('PCT', options.odsCode);
  }
  const today = londonDate(options.now);
  const programmes = [];
  for (const programmeId of await selectProgrammeIdsWithOrganisation(options.db, organisation.id)) {
    const model = await loadModel(options.db, programmeId, options.now);
    const actions = model.actions((action) => action.ownerOrganisationId === organisation.id);
    const { programme } = model.records;
    programmes.push({
      id: programme.id,
      title: programme.title,
      body: { slug: programme.bodySlug, title: programme.bodyTitle },
      counts: countActions(actions, today),
      actions,
    });
  }
  return {
    pct: {
      name: organisation.name,
      odsCode: organisation.odsCode,
      sector: organisation.sectorName,
    },
    today,
    rule: accountabilityClause,
    programmes,
  };
}

// ── As at a date, and over a period: what the progress update and annual report are made from ──

/** Each project's and action's RAG on a date (from the history), and the counts then. */
export async function programmeAsAt(options: { db: Reader; programmeId: string; asAt: string }) {
  const [asAt] = await programmeAsAtEach({ ...options, dates: [options.asAt] });
  if (!asAt) throw notFound('programme', options.programmeId);
  return asAt;
}

/**
 * The same on each of several dates (a report's month ends), from one reading of the programme:
 * the history holds every date, so the records are read once however many dates are asked.
 */
export async function programmeAsAtEach(options: {
  db: Reader;
  programmeId: string;
  dates: readonly string[];
}) {
  const programme = await selectProgramme(options.db, options.programmeId);
  if (!programme) throw notFound('programme', options.programmeId);
  const latest = [...options.dates].sort().at(-1) ?? londonDate(new Date());
  const model = await modelOf(options.db, programme, latest);
  return options.dates.map((date) => ({
    programme: { id: programme.id, title: programme.title },
    ...model.asAt(date),
  }));
}

/** Actions completed in a period, RAG changes in it with their reasons, and actions late at its end. */
export async function programmeInPeriod(options: {
  db: Reader;
  programmeId: string;
  from: string;
  to: string;
}) {
  if (options.to < options.from) {
    throw invalidInput([{ field: 'to', message: 'The period cannot end before it starts.' }]);
  }
  const programme = await selectProgramme(options.db, options.programmeId);
  if (!programme) throw notFound('programme', options.programmeId);
  const model = await modelOf(options.db, programme, options.to);
  return {
    programme: { id: programme.id, title: programme.title },
    ...model.inPeriod(options.from, options.to),
  };
}

/** The project a milestone belongs to (for its page, when a form about it is shown again). */
export async function projectOfMilestone(options: {
  db: Reader;
  milestoneId: string;
}): Promise<string> {
  const programmeId = await selectProgrammeIdOf(options.db, 'milestone', options.milestoneId);
  if (!programmeId) throw notFound('milestone', options.milestoneId);
  const programme = await selectProgramme(options.db, programmeId);
  if (!programme) throw notFound('milestone', options.milestoneId);
  const records = await selectProgrammeRecords(options.db, programme);
  const milestone = records.milestones.find((each) => each.id === options.milestoneId);
  if (!milestone) throw notFound('milestone', options.milestoneId);
  return milestone.projectId;
}
