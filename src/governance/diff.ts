/**
 * What changed between two versions of one body's constitution: amending terms of reference is a
 * new version, adopted by the member boards, and this is the list they are asked to adopt. Lists of
 * rules are matched by their id (a seat by its role), so a reordered file shows no change and a
 * changed seat shows which of its fields changed; the quorum rule is compared as a whole and
 * shown in words.
 */
import type { Constitution } from './constitution-schema.ts';
import { type Citation, type Explanation, uniqueCitations } from './explanation.ts';
import { describeQuorumCondition } from './quorum.ts';
import { type EngineResult, engineError, failure, success } from './result.ts';

export interface ConstitutionChange {
  /** Where, e.g. `seats[patient-representative].count.atMost`. */
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
  /** The clause of the rule concerned, in the earlier and the later version. */
  readonly clauseBefore?: string;
  readonly clauseAfter?: string;
  readonly description: string;
}

export interface ConstitutionDiff {
  readonly from: { readonly version: number; readonly effective: string };
  readonly to: { readonly version: number; readonly effective: string };
  readonly changes: readonly ConstitutionChange[];
  readonly explanation: Explanation;
}

type Json = unknown;

const keyFields = ['id', 'role'] as const;

function isRecord(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function keyOf(value: Json): string | undefined {
  if (!isRecord(value)) return undefined;
  for (const field of keyFields) {
    const key = value[field];
    if (typeof key === 'string') return key;
  }
  return undefined;
}

function deepEqual(left: Json, right: Json): boolean {
  if (left === right) return true;
  if (Array.isArray(left) && Array.isArray(right)) {
    return (
      left.length === right.length && left.every((item, index) => deepEqual(item, right[index]))
    );
  }
  if (isRecord(left) && isRecord(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((key) => deepEqual(left[key], right[key]));
  }
  return false;
}

function show(value: Json): string {
  if (typeof value === 'string') return `"${value}"`;
  return JSON.stringify(value);
}

function titleOf(value: Json): string {
  if (!isRecord(value)) return '';
  const title = value.title ?? value.name;
  return typeof title === 'string' ? ` (${title})` : '';
}

interface Walk {
  readonly changes: ConstitutionChange[];
  readonly before: Constitution;
  readonly after: Constitution;
}

function clauseOf(value: Json): string | undefined {
  return isRecord(value) && typeof value.clause === 'string' ? value.clause : undefined;
}

function record(
  walk: Walk,
  path: string,
  change: ConstitutionChange['change'],
  before: Json,
  after: Json,
  clauses: { before: string | undefined; after: string | undefined },
): void {
  const where = clauses.after ?? clauses.before;
  const cite = where ? ` (${where})` : '';
  const description =
    change === 'added'
      ? `Added ${path}${titleOf(after)}${cite}`
      : change === 'removed'
        ? `Removed ${path}${titleOf(before)}${cite}`
        : `Changed ${path} from ${show(before)} to ${show(after)}${cite}`;
  walk.changes.push({
    path,
    change,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
    ...(clauses.before ? { clauseBefore: clauses.before } : {}),
    ...(clauses.after ? { clauseAfter: clauses.after } : {}),
    description,
  });
}

function compare(
  walk: Walk,
  before: Json,
  after: Json,
  path: string,
  clauses: { before: string | undefined; after: string | undefined },
): void {
  if (path === 'quorum.rule') {
    if (!deepEqual(before, after)) {
      const describe = (constitution: Constitution): string =>
        describeQuorumCondition(constitution, constitution.quorum.rule);
      walk.changes.push({
        path,
        change: 'changed',
        before,
        after,
        ...(clauses.before ? { clauseBefore: clauses.before } : {}),
        ...(clauses.after ? { clauseAfter: clauses.after } : {}),
        description: `Changed the quorum from "${describe(walk.before)}" (${clauses.before}) to "${describe(walk.after)}" (${clauses.after})`,
      });
    }
    return;
  }
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    record(walk, path, 'added', undefined, after, {
      before: undefined,
      after: clauseOf(after) ?? clauses.after,
    });
    return;
  }
  if (after === undefined) {
    record(walk, path, 'removed', before, undefined, {
      before: clauseOf(before) ?? clauses.before,
      after: undefined,
    });
    return;
  }
  const here = {
    before: clauseOf(before) ?? clauses.before,
    after: clauseOf(after) ?? clauses.after,
  };
  if (Array.isArray(before) && Array.isArray(after)) {
    const keyed = [...before, ...after].every((item) => keyOf(item) !== undefined);
    if (keyed && before.length + after.length > 0) {
      const beforeByKey = new Map(before.map((item) => [keyOf(item) as string, item]));
      const afterByKey = new Map(after.map((item) => [keyOf(item) as string, item]));
      for (const [key, item] of beforeByKey) {
        compare(walk, item, afterByKey.get(key), `${path}[${key}]`, here);
      }
      for (const [key, item] of afterByKey) {
        if (!beforeByKey.has(key)) compare(walk, undefined, item, `${path}[${key}]`, here);
      }
      return;
    }
    if (!deepEqual(before, after)) record(walk, path, 'changed', before, after, here);
    return;
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) {
      compare(walk, before[key], after[key], path ? `${path}.${key}` : key, here);
    }
    return;
  }
  if (!deepEqual(before, after)) record(walk, path, 'changed', before, after, here);
}

/**
 * List what changed from one version of a body's constitution to the next, each change with the
 * clause of the rule in both versions. Refuses to compare two different bodies.
 */
export function diffConstitutions(
  before: Constitution,
  after: Constitution,
): EngineResult<ConstitutionDiff> {
  if (before.identity.id !== after.identity.id) {
    return failure([
      engineError(
        'different-bodies',
        `these are constitutions of two different bodies ("${before.identity.id}" and "${after.identity.id}"); a diff compares versions of one body`,
        { path: ['identity', 'id'] },
      ),
    ]);
  }
  const walk: Walk = { changes: [], before, after };
  compare(walk, before, after, '', { before: undefined, after: undefined });
  const citations: Citation[] = walk.changes.flatMap((change) => {
    const citation: Citation[] = [];
    if (change.clauseAfter)
      citation.push({ clause: change.clauseAfter, text: textOf(after, change.clauseAfter) });
    return citation;
  });
  const summary = `${before.identity.title}: version ${before.identity.version} (effective ${before.effective.date}) to version ${after.identity.version} (effective ${after.effective.date}): ${walk.changes.length} ${walk.changes.length === 1 ? 'change' : 'changes'}.`;
  return success({
    from: { version: before.identity.version, effective: before.effective.date },
    to: { version: after.identity.version, effective: after.effective.date },
    changes: walk.changes,
    explanation: {
      // A new version takes effect once adopted, so the adoption rule is what the diff is for.
      clause: (after.adoption ?? after.review).clause,
      text: (after.adoption ?? after.review).text,
      summary,
      counted: [{ label: 'Changes', count: walk.changes.length, names: [] }],
      missing: [],
      excluded: [],
      citations: uniqueCitations(citations),
      lines: walk.changes.map((change) => `${change.description}.`),
    },
  });
}

/** The first rule's words for a clause, so a diff's citations carry text as well as the clause. */
function textOf(constitution: Constitution, clause: string): string {
  let found: string | undefined;
  const visit = (value: Json): void => {
    if (found !== undefined) return;
    if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) {
      if (value.clause === clause && typeof value.text === 'string') found = value.text;
      else Object.values(value).forEach(visit);
    }
  };
  visit(constitution);
  return found ?? '';
}
