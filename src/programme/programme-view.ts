/**
 * What the pages and the API show of a programme, built from its records and a date. Pure: the
 * service reads the records and passes today in.
 */
import type { ActionRow, ProgrammeRecords, RagChangeRow } from './programme-queries.ts';
import {
  countActions,
  isLateAt,
  lateFirst,
  type OwnerLevel,
  ownerLevelLabels,
  type Rag,
  type RagCount,
  ragAsAt,
  ragLabels,
} from './programme-rules.ts';
import { type TimelineLane, timelineSvg, todayInRange } from './timeline-rules.ts';

export interface RagHistoryEntry {
  kind: 'set' | 'change' | 'completed';
  from: Rag | null;
  fromLabel: string | null;
  to: Rag;
  toLabel: string;
  reason: string;
  changedOn: string;
  changedBy: string;
}

export interface ActionView {
  id: string;
  title: string;
  project: { id: string; title: string };
  workstream: { id: string; title: string };
  owner: {
    level: OwnerLevel;
    levelLabel: string;
    name: string;
    /** A PCT's ODS code, for the link to its page of actions. */
    odsCode: string | null;
  };
  sector: { id: string; name: string } | null;
  leadPerson: string | null;
  dueOn: string;
  completedOn: string | null;
  rag: Rag;
  ragLabel: string;
  late: boolean;
}

export interface MilestoneView {
  id: string;
  title: string;
  dueOn: string;
  achievedOn: string | null;
  late: boolean;
}

export interface ProjectView {
  id: string;
  title: string;
  workstream: { id: string; title: string };
  priority: number;
  sequence: number;
  startsOn: string;
  dueOn: string;
  rag: Rag;
  ragLabel: string;
  after: { id: string; title: string }[];
  before: { id: string; title: string }[];
  milestones: MilestoneView[];
  counts: RagCount;
}

export interface WorkstreamView {
  id: string;
  title: string;
  priority: number;
  projects: ProjectView[];
  counts: RagCount;
}

export interface ActionTeamView {
  id: string;
  name: string;
  remit: string;
  leadPerson: string | null;
  accountableTo: string;
}

export interface ProgrammeView {
  id: string;
  title: string;
  description: string | null;
  body: { slug: string; title: string };
  today: string;
  workstreams: WorkstreamView[];
  actionTeams: ActionTeamView[];
  counts: RagCount;
  late: ActionView[];
  timeline: { svg: string; today: 'before' | 'within' | 'after' | null };
  mayKeep: boolean;
}

function historyOf(changes: readonly RagChangeRow[]): RagHistoryEntry[] {
  return [...changes]
    .sort(
      (a, b) =>
        b.changedOn.localeCompare(a.changedOn) ||
        b.recordedAt.getTime() - a.recordedAt.getTime() ||
        b.id.localeCompare(a.id),
    )
    .map((change) => ({
      kind: change.kind,
      from: change.fromRag,
      fromLabel: change.fromRag ? ragLabels[change.fromRag] : null,
      to: change.toRag,
      toLabel: ragLabels[change.toRag],
      reason: change.reason,
      changedOn: change.changedOn,
      changedBy: change.changedBy,
    }));
}

export class ProgrammeModel {
  constructor(
    readonly records: ProgrammeRecords,
    readonly today: string,
  ) {}

  private workstreamOf(workstreamId: string) {
    const workstream = this.records.workstreams.find((each) => each.id === workstreamId);
    return { id: workstreamId, title: workstream?.title ?? '' };
  }

  projectTitle(id: string): string {
    return this.records.projects.find((project) => project.id === id)?.title ?? 'another project';
  }

  action(row: ActionRow): ActionView {
    const project = this.records.projects.find((each) => each.id === row.projectId);
    const name =
      row.ownerLevel === 'action-team'
        ? (row.actionTeamName ?? '')
        : (row.ownerBodyTitle ?? row.ownerOrganisationName ?? '');
    return {
      id: row.id,
      title: row.title,
      project: { id: row.projectId, title: project?.title ?? '' },
      workstream: this.workstreamOf(project?.workstreamId ?? ''),
      owner: {
        level: row.ownerLevel,
        levelLabel: ownerLevelLabels[row.ownerLevel],
        name,
        odsCode: row.ownerLevel === 'pct' ? row.ownerOdsCode : null,
      },
      sector: row.sectorId ? { id: row.sectorId, name: row.sectorName ?? row.sectorId } : null,
      leadPerson: row.leadPerson,
      dueOn: row.dueOn,
      completedOn: row.completedOn,
      rag: row.rag,
      ragLabel: ragLabels[row.rag],
      late: isLateAt(row, this.today),
    };
  }

  actions(filter: (row: ActionRow) => boolean = () => true): ActionView[] {
    return lateFirst(
      this.records.actions.filter(filter).map((row) => this.action(row)),
      this.today,
    );
  }

  project(id: string): ProjectView | undefined {
    const row = this.records.projects.find((project) => project.id === id);
    if (!row) return undefined;
    const { dependencies } = this.records;
    return {
      id: row.id,
      title: row.title,
      workstream: this.workstreamOf(row.workstreamId),
      priority: row.priority,
      sequence: row.sequence,
      startsOn: row.startsOn,
      dueOn: row.dueOn,
      rag: row.rag,
      ragLabel: ragLabels[row.rag],
      after: dependencies
        .filter((edge) => edge.projectId === id)
        .map((edge) => ({
          id: edge.dependsOnProjectId,
          title: this.projectTitle(edge.dependsOnProjectId),
        })),
      before: dependencies
        .filter((edge) => edge.dependsOnProjectId === id)
        .map((edge) => ({ id: edge.projectId, title: this.projectTitle(edge.projectId) })),
      milestones: this.records.milestones
        .filter((milestone) => milestone.projectId === id)
        .map((milestone) => ({
          ...milestone,
          late: milestone.achievedOn === null && milestone.dueOn < this.today,
        })),
      counts: countActions(
        this.records.actions.filter((action) => action.projectId === id),
        this.today,
      ),
    };
  }

  workstream(id: string): WorkstreamView | undefined {
    const row = this.records.workstreams.find((workstream) => workstream.id === id);
    if (!row) return undefined;
    const projects = this.records.projects
      .filter((project) => project.workstreamId === id)
      .map((project) => this.project(project.id) as ProjectView);
    const projectIds = new Set(projects.map((project) => project.id));
    return {
      id: row.id,
      title: row.title,
      priority: row.priority,
      projects,
      counts: countActions(
        this.records.actions.filter((action) => projectIds.has(action.projectId)),
        this.today,
      ),
    };
  }

  history(subject: { projectId: string } | { actionId: string }): RagHistoryEntry[] {
    return historyOf(
      this.records.ragChanges.filter((change) =>
        'projectId' in subject
          ? change.projectId === subject.projectId
          : change.actionId === subject.actionId,
      ),
    );
  }

  lanes(workstreams: readonly WorkstreamView[]): TimelineLane[] {
    return workstreams.map((workstream) => ({
      title: `${workstream.priority}. ${workstream.title}`,
      projects: workstream.projects.map((project) => ({
        id: project.id,
        title: project.title,
        startsOn: project.startsOn,
        dueOn: project.dueOn,
        rag: project.rag,
        milestones: project.milestones,
        dependsOn: project.after.map((each) => each.id),
      })),
    }));
  }

  timeline(workstreams: readonly WorkstreamView[], title: string) {
    const lanes = this.lanes(workstreams);
    const projects = workstreams.flatMap((workstream) => workstream.projects);
    const describe = projects.length
      ? projects
          .map(
            (project) =>
              `${project.title}: ${project.startsOn} to ${project.dueOn}, ${project.ragLabel}${
                project.after.length
                  ? `, after ${project.after.map((each) => each.title).join(' and ')}`
                  : ''
              }`,
          )
          .join('; ')
      : 'No projects yet.';
    return {
      svg: timelineSvg({ id: 'timeline', title, lanes, today: this.today, describe }),
      today: todayInRange(lanes, this.today),
    };
  }

  view(mayKeep: boolean): ProgrammeView {
    const { programme } = this.records;
    const workstreams = this.records.workstreams.map(
      (workstream) => this.workstream(workstream.id) as WorkstreamView,
    );
    return {
      id: programme.id,
      title: programme.title,
      description: programme.description,
      body: { slug: programme.bodySlug, title: programme.bodyTitle },
      today: this.today,
      workstreams,
      actionTeams: this.records.actionTeams.map((team) => ({
        id: team.id,
        name: team.name,
        remit: team.remit,
        leadPerson: team.leadPerson,
        accountableTo: programme.bodyTitle,
      })),
      counts: countActions(this.records.actions, this.today),
      late: this.actions((row) => isLateAt(row, this.today)),
      timeline: this.timeline(workstreams, `Timeline of ${programme.title}`),
      mayKeep,
    };
  }

  /** The status of each project and action on a date, from the history. */
  asAt(date: string) {
    const ragOf = (subject: (change: RagChangeRow) => boolean) =>
      ragAsAt(this.records.ragChanges.filter(subject), date);
    return {
      asAt: date,
      projects: this.records.projects.map((project) => ({
        id: project.id,
        title: project.title,
        workstream: this.workstreamOf(project.workstreamId).title,
        rag: ragOf((change) => change.projectId === project.id),
      })),
      actions: this.records.actions.map((action) => ({
        id: action.id,
        title: action.title,
        project: this.projectTitle(action.projectId),
        rag: ragOf((change) => change.actionId === action.id),
        completed: action.completedOn !== null && action.completedOn <= date,
        late: isLateAt(action, date),
      })),
      counts: countActions(
        this.records.actions.flatMap((action) => {
          const rag = ragOf((change) => change.actionId === action.id);
          return rag ? [{ rag, dueOn: action.dueOn, completedOn: action.completedOn }] : [];
        }),
        date,
      ),
    };
  }

  /** What happened in a period (both ends included): completions and RAG changes. */
  inPeriod(from: string, to: string) {
    return {
      from,
      to,
      completed: this.actions(
        (action) =>
          action.completedOn !== null && action.completedOn >= from && action.completedOn <= to,
      ),
      lateAtEnd: this.actions((action) => isLateAt(action, to)).map((action) => ({
        ...action,
        late: true,
      })),
      ragChanges: this.records.ragChanges
        .filter(
          (change) =>
            change.kind === 'change' && change.changedOn >= from && change.changedOn <= to,
        )
        .map((change) => ({
          subject: change.projectId
            ? {
                kind: 'project' as const,
                id: change.projectId,
                title: this.projectTitle(change.projectId),
              }
            : {
                kind: 'action' as const,
                id: change.actionId as string,
                title:
                  this.records.actions.find((action) => action.id === change.actionId)?.title ?? '',
              },
          from: change.fromRag,
          to: change.toRag,
          reason: change.reason,
          changedOn: change.changedOn,
          changedBy: change.changedBy,
        })),
    };
  }
}
