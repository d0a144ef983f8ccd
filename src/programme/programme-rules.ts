/**
 * The delivery programme's rules, pure (2008 "Key responsibilities → Healthcare for London").
 * No clock, no database: the service passes dates and records in.
 */

export const rags = ['red', 'amber', 'green'] as const;
export type Rag = (typeof rags)[number];
export type OwnerLevel = 'london' | 'sector' | 'pct' | 'action-team';

/** The status in words, never colour alone. */
export const ragLabels: Record<Rag, string> = {
  red: 'Red — late or at risk against its milestone',
  amber: 'Amber — some risk to delivery',
  green: 'Green — on track',
};
export const ragShortLabels: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
/** NHS.UK palette: red, warm yellow, green. */
export const ragColours: Record<Rag, string> = {
  red: '#d5281b',
  amber: '#ffb81c',
  green: '#007f3b',
};

export const ownerLevelLabels: Record<OwnerLevel, string> = {
  london: 'London',
  sector: 'Sector',
  pct: 'PCT',
  'action-team': 'Action team',
};

export const structureClause = {
  clause: '2008 Healthcare for London',
  text: 'developing a delivery programme, including the priority and sequencing of the different elements and determination of the actions to be undertaken at London, sector and PCT level',
};
export const actionTeamClause = {
  clause: '2008 Healthcare for London',
  text: 'establishing action teams, accountable to LCG, in order to take forward specific elements of the delivery programme',
};
export const onTrackClause = {
  clause: '2008 Healthcare for London',
  text: 'Oversee the agreed implementation programme to ensure that it remains on track and is coordinated effectively',
};
export const accountabilityClause = {
  clause: '2008 Accountabilities',
  text: 'PCTs remain individually accountable to NHS London for their statutory responsibilities, including the implementation through commissioning of HfL actions',
};

export interface RuleProblem {
  field: string;
  message: string;
}

/** Who an action would be owned by, as the service found it. */
export type OwnerCandidate =
  | {
      kind: 'body';
      title: string;
      /** The sectors the body's terms in force are organised in. */
      sectorIds: readonly string[];
    }
  | { kind: 'organisation'; name: string; type: string; sectorId: string | null }
  | { kind: 'action-team'; name: string };

export type OwnerDecision =
  | { ok: true; level: OwnerLevel; sectorId: string | null }
  | { ok: false; problem: RuleProblem };

/**
 * The level an owner answers at: a body organised in exactly one sector is that sector's group; a
 * body organised across London (several sectors, or none named) is London-wide; NHS London (the
 * strategic health authority) is London; a PCT is a PCT; an action team of the programme is one.
 * Anything else — a provider, a partner organisation — owns no Healthcare for London action.
 */
export function ownerLevelOf(candidate: OwnerCandidate): OwnerDecision {
  switch (candidate.kind) {
    case 'action-team':
      return { ok: true, level: 'action-team', sectorId: null };
    case 'body':
      if (candidate.sectorIds.length === 1) {
        return { ok: true, level: 'sector', sectorId: candidate.sectorIds[0] ?? null };
      }
      return { ok: true, level: 'london', sectorId: null };
    case 'organisation':
      if (candidate.type === 'primary-care-trust' && candidate.sectorId) {
        return { ok: true, level: 'pct', sectorId: candidate.sectorId };
      }
      if (candidate.type === 'strategic-health-authority') {
        return { ok: true, level: 'london', sectorId: null };
      }
      return {
        ok: false,
        problem: {
          field: 'owner',
          message: `${candidate.name} cannot own a Healthcare for London action: an action is undertaken at London, sector or PCT level, or by an action team accountable to the group (${structureClause.clause}: “${structureClause.text}”).`,
        },
      };
  }
}

/**
 * The cycle adding "project depends on dependsOn" would close, as ids from the project round to
 * itself (project → dependsOn → … → project), or null when it closes none.
 */
export function dependencyCycle(
  edges: readonly { projectId: string; dependsOnProjectId: string }[],
  projectId: string,
  dependsOnProjectId: string,
): string[] | null {
  if (projectId === dependsOnProjectId) return [projectId, projectId];
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    next.set(edge.projectId, [...(next.get(edge.projectId) ?? []), edge.dependsOnProjectId]);
  }
  // Depth-first from dependsOn looking for projectId; the path found closes the cycle.
  const seen = new Set<string>();
  const walk = (node: string, path: string[]): string[] | null => {
    if (node === projectId) return path;
    if (seen.has(node)) return null;
    seen.add(node);
    for (const following of [...(next.get(node) ?? [])].sort()) {
      const found = walk(following, [...path, following]);
      if (found) return found;
    }
    return null;
  };
  const path = walk(dependsOnProjectId, [projectId, dependsOnProjectId]);
  return path;
}

/** The refusal for a dependency that would make a cycle, naming it in words. */
export function cycleProblem(
  cycle: readonly string[],
  titleOf: (id: string) => string,
): RuleProblem {
  const words = cycle.map(titleOf).join(' → ');
  return {
    field: 'dependsOnProjectId',
    message:
      cycle.length === 2 && cycle[0] === cycle[1]
        ? `A project cannot depend on itself (${words}).`
        : `This dependency would make a cycle: ${words}. A project cannot, however indirectly, wait for itself to finish.`,
  };
}

/** A RAG change needs a status and a reason someone can read later. */
export function checkRagChange(options: {
  current: Rag;
  to: Rag;
  reason: string;
  changedOn: string;
  today: string;
  completedOn?: string | null;
  what: 'project' | 'action';
}): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (options.reason.trim() === '') {
    problems.push({
      field: 'reason',
      message: `Give the reason for the change: every change of RAG status records why (${onTrackClause.clause}: “${onTrackClause.text}”).`,
    });
  }
  if (options.completedOn) {
    problems.push({
      field: 'rag',
      message: 'The action is completed; its status no longer changes.',
    });
  } else if (options.current === options.to) {
    problems.push({
      field: 'rag',
      message: `The ${options.what} is already ${ragShortLabels[options.to]}; choose a different status.`,
    });
  }
  if (options.changedOn > options.today) {
    problems.push({ field: 'changedOn', message: 'The change cannot be dated after today.' });
  }
  return problems;
}

/** Late at a date: due before it and not completed by then. */
export function isLateAt(
  action: { dueOn: string; completedOn: string | null },
  date: string,
): boolean {
  return action.dueOn < date && (action.completedOn === null || action.completedOn > date);
}

export interface RagChangeFact {
  changedOn: string;
  toRag: Rag;
  /** Ties on one day are broken by the order recorded. */
  recordedAt: Date;
}

/** The status on a date from the history: the last change on or before it, or null before any. */
export function ragAsAt(history: readonly RagChangeFact[], date: string): Rag | null {
  let found: RagChangeFact | null = null;
  for (const change of history) {
    if (change.changedOn > date) continue;
    if (
      !found ||
      change.changedOn > found.changedOn ||
      (change.changedOn === found.changedOn && change.recordedAt >= found.recordedAt)
    ) {
      found = change;
    }
  }
  return found?.toRag ?? null;
}

export interface RagCount {
  red: number;
  amber: number;
  green: number;
  completed: number;
  late: number;
  total: number;
}

/** Counts by RAG of open actions, completed, and late at `today`. */
export function countActions(
  actions: readonly { rag: Rag; dueOn: string; completedOn: string | null }[],
  today: string,
): RagCount {
  const counts: RagCount = { red: 0, amber: 0, green: 0, completed: 0, late: 0, total: 0 };
  for (const action of actions) {
    counts.total += 1;
    if (action.completedOn !== null && action.completedOn <= today) counts.completed += 1;
    else counts[action.rag] += 1;
    if (isLateAt(action, today)) counts.late += 1;
  }
  return counts;
}

/** Late first (longest overdue first), then open by due date, then completed. */
export function lateFirst<T extends { dueOn: string; completedOn: string | null; title: string }>(
  actions: readonly T[],
  today: string,
): T[] {
  const rank = (action: T) => (isLateAt(action, today) ? 0 : action.completedOn === null ? 1 : 2);
  return [...actions].sort(
    (a, b) => rank(a) - rank(b) || a.dueOn.localeCompare(b.dueOn) || a.title.localeCompare(b.title),
  );
}
