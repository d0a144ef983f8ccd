/** The only SQL of programme: a programme's whole state in one read, and its writes. */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import {
  programmeActions,
  programmeActionTeams,
  programmeMilestones,
  programmeProjectDependencies,
  programmeProjects,
  programmeRagChanges,
  programmes,
  programmeWorkstreams,
} from '../db/schema/programme.ts';
import { organisations, sectors } from '../db/schema/registry.ts';
import type { OwnerLevel, Rag } from './programme-rules.ts';

export interface ProgrammeRow {
  id: string;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  title: string;
  description: string | null;
}

const programmeColumns = {
  id: programmes.id,
  bodyId: programmes.bodyId,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  title: programmes.title,
  description: programmes.description,
};

export async function selectProgramme(
  reader: Reader,
  id: string,
  forUpdate = false,
): Promise<ProgrammeRow | undefined> {
  const query = reader
    .select(programmeColumns)
    .from(programmes)
    .innerJoin(bodies, eq(programmes.bodyId, bodies.id))
    .where(eq(programmes.id, id));
  // Writes lock the programme so two changes to its dependency graph queue.
  const [row] = await (forUpdate ? query.for('update', { of: programmes }) : query);
  return row;
}

export async function selectProgrammes(reader: Reader, bodyId?: string): Promise<ProgrammeRow[]> {
  const query = reader
    .select(programmeColumns)
    .from(programmes)
    .innerJoin(bodies, eq(programmes.bodyId, bodies.id))
    .orderBy(asc(bodies.title), asc(programmes.title));
  return bodyId ? query.where(eq(programmes.bodyId, bodyId)) : query;
}

/** Which programme a workstream, project, action or milestone belongs to. */
export async function selectProgrammeIdOf(
  reader: Reader,
  kind: 'workstream' | 'project' | 'action' | 'milestone',
  id: string,
): Promise<string | undefined> {
  if (kind === 'workstream') {
    const [row] = await reader
      .select({ programmeId: programmeWorkstreams.programmeId })
      .from(programmeWorkstreams)
      .where(eq(programmeWorkstreams.id, id));
    return row?.programmeId;
  }
  if (kind === 'project') {
    const [row] = await reader
      .select({ programmeId: programmeWorkstreams.programmeId })
      .from(programmeProjects)
      .innerJoin(programmeWorkstreams, eq(programmeProjects.workstreamId, programmeWorkstreams.id))
      .where(eq(programmeProjects.id, id));
    return row?.programmeId;
  }
  const projectId =
    kind === 'action'
      ? (
          await reader
            .select({ projectId: programmeActions.projectId })
            .from(programmeActions)
            .where(eq(programmeActions.id, id))
        )[0]?.projectId
      : (
          await reader
            .select({ projectId: programmeMilestones.projectId })
            .from(programmeMilestones)
            .where(eq(programmeMilestones.id, id))
        )[0]?.projectId;
  return projectId ? selectProgrammeIdOf(reader, 'project', projectId) : undefined;
}

export interface WorkstreamRow {
  id: string;
  programmeId: string;
  title: string;
  priority: number;
  createdAt: Date;
}
export interface ProjectRow {
  id: string;
  workstreamId: string;
  title: string;
  priority: number;
  sequence: number;
  startsOn: string;
  dueOn: string;
  rag: Rag;
  createdAt: Date;
}
export interface DependencyRow {
  projectId: string;
  dependsOnProjectId: string;
}
export interface ActionTeamRow {
  id: string;
  programmeId: string;
  name: string;
  remit: string;
  leadPerson: string | null;
}
export interface ActionRow {
  id: string;
  projectId: string;
  title: string;
  ownerLevel: OwnerLevel;
  ownerBodyId: string | null;
  ownerBodySlug: string | null;
  ownerBodyTitle: string | null;
  ownerOrganisationId: string | null;
  ownerOrganisationName: string | null;
  ownerOdsCode: string | null;
  actionTeamId: string | null;
  actionTeamName: string | null;
  sectorId: string | null;
  sectorName: string | null;
  leadPerson: string | null;
  dueOn: string;
  completedOn: string | null;
  rag: Rag;
  createdAt: Date;
}
export interface MilestoneRow {
  id: string;
  projectId: string;
  title: string;
  dueOn: string;
  achievedOn: string | null;
}
export interface RagChangeRow {
  id: string;
  projectId: string | null;
  actionId: string | null;
  kind: 'set' | 'change' | 'completed';
  fromRag: Rag | null;
  toRag: Rag;
  reason: string;
  changedOn: string;
  changedBy: string;
  recordedAt: Date;
}

export interface ProgrammeRecords {
  programme: ProgrammeRow;
  workstreams: WorkstreamRow[];
  projects: ProjectRow[];
  dependencies: DependencyRow[];
  actionTeams: ActionTeamRow[];
  actions: ActionRow[];
  milestones: MilestoneRow[];
  ragChanges: RagChangeRow[];
}

/** Everything recorded of one programme (a programme is tens of projects, not thousands). */
export async function selectProgrammeRecords(
  reader: Reader,
  programme: ProgrammeRow,
): Promise<ProgrammeRecords> {
  const workstreams = (await reader
    .select()
    .from(programmeWorkstreams)
    .where(eq(programmeWorkstreams.programmeId, programme.id))
    .orderBy(
      asc(programmeWorkstreams.priority),
      asc(programmeWorkstreams.title),
    )) as WorkstreamRow[];
  const workstreamIds = workstreams.map((workstream) => workstream.id);
  const projects = workstreamIds.length
    ? ((await reader
        .select({
          id: programmeProjects.id,
          workstreamId: programmeProjects.workstreamId,
          title: programmeProjects.title,
          priority: programmeProjects.priority,
          sequence: programmeProjects.sequence,
          startsOn: programmeProjects.startsOn,
          dueOn: programmeProjects.dueOn,
          rag: programmeProjects.rag,
          createdAt: programmeProjects.createdAt,
        })
        .from(programmeProjects)
        .where(inArray(programmeProjects.workstreamId, workstreamIds))
        .orderBy(
          asc(programmeProjects.priority),
          asc(programmeProjects.sequence),
          asc(programmeProjects.startsOn),
          asc(programmeProjects.title),
        )) as ProjectRow[])
    : [];
  const projectIds = projects.map((project) => project.id);
  const dependencies = projectIds.length
    ? await reader
        .select({
          projectId: programmeProjectDependencies.projectId,
          dependsOnProjectId: programmeProjectDependencies.dependsOnProjectId,
        })
        .from(programmeProjectDependencies)
        .where(inArray(programmeProjectDependencies.projectId, projectIds))
    : [];
  const actionTeams = await reader
    .select({
      id: programmeActionTeams.id,
      programmeId: programmeActionTeams.programmeId,
      name: programmeActionTeams.name,
      remit: programmeActionTeams.remit,
      leadPerson: programmeActionTeams.leadPerson,
    })
    .from(programmeActionTeams)
    .where(eq(programmeActionTeams.programmeId, programme.id))
    .orderBy(asc(programmeActionTeams.name));
  const actions = projectIds.length
    ? ((await reader
        .select({
          id: programmeActions.id,
          projectId: programmeActions.projectId,
          title: programmeActions.title,
          ownerLevel: programmeActions.ownerLevel,
          ownerBodyId: programmeActions.ownerBodyId,
          ownerBodySlug: bodies.slug,
          ownerBodyTitle: bodies.title,
          ownerOrganisationId: programmeActions.ownerOrganisationId,
          ownerOrganisationName: organisations.name,
          ownerOdsCode: organisations.odsCode,
          actionTeamId: programmeActions.actionTeamId,
          actionTeamName: programmeActionTeams.name,
          sectorId: programmeActions.sectorId,
          sectorName: sectors.name,
          leadPerson: programmeActions.leadPerson,
          dueOn: programmeActions.dueOn,
          completedOn: programmeActions.completedOn,
          rag: programmeActions.rag,
          createdAt: programmeActions.createdAt,
        })
        .from(programmeActions)
        .leftJoin(bodies, eq(programmeActions.ownerBodyId, bodies.id))
        .leftJoin(organisations, eq(programmeActions.ownerOrganisationId, organisations.id))
        .leftJoin(programmeActionTeams, eq(programmeActions.actionTeamId, programmeActionTeams.id))
        .leftJoin(sectors, eq(programmeActions.sectorId, sectors.id))
        .where(inArray(programmeActions.projectId, projectIds))
        .orderBy(asc(programmeActions.dueOn), asc(programmeActions.title))) as ActionRow[])
    : [];
  const milestones = projectIds.length
    ? await reader
        .select({
          id: programmeMilestones.id,
          projectId: programmeMilestones.projectId,
          title: programmeMilestones.title,
          dueOn: programmeMilestones.dueOn,
          achievedOn: programmeMilestones.achievedOn,
        })
        .from(programmeMilestones)
        .where(inArray(programmeMilestones.projectId, projectIds))
        .orderBy(asc(programmeMilestones.dueOn), asc(programmeMilestones.title))
    : [];
  const actionIds = actions.map((action) => action.id);
  const subjects = [
    ...(projectIds.length ? [inArray(programmeRagChanges.projectId, projectIds)] : []),
    ...(actionIds.length ? [inArray(programmeRagChanges.actionId, actionIds)] : []),
  ];
  const ragChanges = subjects.length
    ? ((await reader
        .select()
        .from(programmeRagChanges)
        .where(or(...subjects))
        .orderBy(
          asc(programmeRagChanges.changedOn),
          asc(programmeRagChanges.recordedAt),
          asc(programmeRagChanges.id),
        )) as RagChangeRow[])
    : [];
  return {
    programme,
    workstreams,
    projects,
    dependencies,
    actionTeams,
    actions,
    milestones,
    ragChanges,
  };
}

/** The programmes in which an organisation (a PCT) owns actions. */
export async function selectProgrammeIdsWithOrganisation(
  reader: Reader,
  organisationId: string,
): Promise<string[]> {
  const rows = await reader
    .selectDistinct({ programmeId: programmeWorkstreams.programmeId })
    .from(programmeActions)
    .innerJoin(programmeProjects, eq(programmeActions.projectId, programmeProjects.id))
    .innerJoin(programmeWorkstreams, eq(programmeProjects.workstreamId, programmeWorkstreams.id))
    .where(eq(programmeActions.ownerOrganisationId, organisationId));
  return rows.map((row) => row.programmeId);
}

export interface OrganisationOwnerRow {
  id: string;
  name: string;
  type: string;
  odsCode: string | null;
  sectorId: string | null;
  sectorName: string | null;
}

export async function selectOrganisation(
  reader: Reader,
  by: { id: string } | { odsCode: string },
): Promise<OrganisationOwnerRow | undefined> {
  const [row] = await reader
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      odsCode: organisations.odsCode,
      sectorId: organisations.sectorId,
      sectorName: sectors.name,
    })
    .from(organisations)
    .leftJoin(sectors, eq(organisations.sectorId, sectors.id))
    .where('id' in by ? eq(organisations.id, by.id) : eq(organisations.odsCode, by.odsCode));
  return row;
}

/** The organisations that may own an action: PCTs and the strategic health authority. */
export async function selectOwnerOrganisations(reader: Reader): Promise<OrganisationOwnerRow[]> {
  return reader
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      odsCode: organisations.odsCode,
      sectorId: organisations.sectorId,
      sectorName: sectors.name,
    })
    .from(organisations)
    .leftJoin(sectors, eq(organisations.sectorId, sectors.id))
    .where(
      or(
        eq(organisations.type, 'primary-care-trust'),
        eq(organisations.type, 'strategic-health-authority'),
      ),
    )
    .orderBy(asc(organisations.name));
}

export async function selectSectors(
  reader: Reader,
): Promise<{ id: string; name: string; displayOrder: number }[]> {
  return reader.select().from(sectors).orderBy(asc(sectors.displayOrder));
}

export async function selectActionTeam(
  reader: Reader,
  programmeId: string,
  id: string,
): Promise<ActionTeamRow | undefined> {
  const [row] = await reader
    .select({
      id: programmeActionTeams.id,
      programmeId: programmeActionTeams.programmeId,
      name: programmeActionTeams.name,
      remit: programmeActionTeams.remit,
      leadPerson: programmeActionTeams.leadPerson,
    })
    .from(programmeActionTeams)
    .where(and(eq(programmeActionTeams.id, id), eq(programmeActionTeams.programmeId, programmeId)));
  return row;
}

export async function insertProgramme(
  transaction: Transaction,
  row: typeof programmes.$inferInsert,
): Promise<void> {
  await transaction.insert(programmes).values(row);
}
export async function insertWorkstream(
  transaction: Transaction,
  row: typeof programmeWorkstreams.$inferInsert,
): Promise<void> {
  await transaction.insert(programmeWorkstreams).values(row);
}
export async function insertProject(
  transaction: Transaction,
  row: typeof programmeProjects.$inferInsert,
): Promise<void> {
  await transaction.insert(programmeProjects).values(row);
}
export async function insertDependency(
  transaction: Transaction,
  row: typeof programmeProjectDependencies.$inferInsert,
): Promise<void> {
  await transaction.insert(programmeProjectDependencies).values(row);
}
export async function insertActionTeam(
  transaction: Transaction,
  row: typeof programmeActionTeams.$inferInsert,
): Promise<void> {
  await transaction.insert(programmeActionTeams).values(row);
}
export async function insertAction(
  transaction: Transaction,
  row: typeof programmeActions.$inferInsert,
): Promise<void> {
  await transaction.insert(programmeActions).values(row);
}
export async function insertMilestone(
  transaction: Transaction,
  row: typeof programmeMilestones.$inferInsert,
): Promise<void> {
  await transaction.insert(programmeMilestones).values(row);
}
export async function insertRagChanges(
  transaction: Transaction,
  rows: (typeof programmeRagChanges.$inferInsert)[],
): Promise<void> {
  if (rows.length) await transaction.insert(programmeRagChanges).values(rows);
}
export async function updateProjectRag(
  transaction: Transaction,
  id: string,
  rag: Rag,
): Promise<void> {
  await transaction.update(programmeProjects).set({ rag }).where(eq(programmeProjects.id, id));
}
export async function updateAction(
  transaction: Transaction,
  id: string,
  changes: { rag?: Rag; completedOn?: string },
): Promise<void> {
  await transaction.update(programmeActions).set(changes).where(eq(programmeActions.id, id));
}
export async function updateMilestoneAchieved(
  transaction: Transaction,
  id: string,
  achievedOn: string,
): Promise<void> {
  await transaction
    .update(programmeMilestones)
    .set({ achievedOn })
    .where(eq(programmeMilestones.id, id));
}
