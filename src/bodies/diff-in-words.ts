/**
 * A version-to-version diff of terms of reference as the page says it (issue 22, item 5): each
 * place named by the titles the terms give it ("Seats › NHS London Chief Executive", not
 * `seats[nhs-london-chief-executive]`), each value in words ("ex officio", not `exOfficio`).
 */
import type { ConstitutionDiff } from '../governance/index.ts';

export interface ChangeInWords {
  change: 'added' | 'removed' | 'changed';
  text: string;
  clause: string;
}

const identifierPattern = /^[a-z][a-z0-9]*((-[a-z0-9]+)*|([A-Z][a-z0-9]*)+)$/;
const acronyms: Record<string, string> = { nhs: 'NHS', pct: 'PCT', pcts: 'PCTs', sha: 'SHA' };

/** "exOfficio" reads "ex officio"; "north-east" reads "north east". */
function inWords(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[-\s]+/)
    .map((word) => acronyms[word.toLowerCase()] ?? word.toLowerCase())
    .join(' ');
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function titleOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const title = value.title ?? value.name;
  return typeof title === 'string' ? title : undefined;
}

/** Every rule's title by its id (or a seat's by its role), from both versions. */
export function titlesOfRules(...documents: unknown[]): Map<string, string> {
  const titles = new Map<string, string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) {
      const key = typeof value.id === 'string' ? value.id : value.role;
      const title = titleOf(value);
      if (typeof key === 'string' && title && !titles.has(key)) titles.set(key, title);
      Object.values(value).forEach(visit);
    }
  };
  documents.forEach(visit);
  return titles;
}

/** A place in the terms, as `seats[nhs-london-chief-executive].count`, in words. */
export function placeInWords(path: string, titles: ReadonlyMap<string, string>): string {
  const parts = [...path.matchAll(/\[([^\]]+)\]|([^.[\]]+)/g)].map(([, key, field]) =>
    key !== undefined ? (titles.get(key) ?? inWords(key)) : inWords(field ?? ''),
  );
  return sentence(parts.join(' › '));
}

/** A rule's value in words: text quoted, an identifier in words, a rule by its title. */
export function valueInWords(value: unknown, titles: ReadonlyMap<string, string>): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const named = titles.get(value);
    if (named) return named;
    if (identifierPattern.test(value)) return inWords(value);
    return `“${value.replace(/`+([^`]*)`+/g, '$1').replaceAll('`', '')}”`;
  }
  if (Array.isArray(value)) {
    return value.length ? value.map((item) => valueInWords(item, titles)).join(', ') : 'none';
  }
  return titleOf(value) ?? 'a rule (see the terms)';
}

/** Each change of a diff in words, with the clause it concerns. */
export function changesInWords(
  diff: ConstitutionDiff,
  before: unknown,
  after: unknown,
): ChangeInWords[] {
  const titles = titlesOfRules(after, before);
  return diff.changes.map((change) => {
    const clause = change.clauseAfter ?? change.clauseBefore ?? '';
    if (change.path === 'quorum.rule') {
      return { change: change.change, text: change.description, clause };
    }
    const place = placeInWords(change.path, titles);
    // The page tags each change added, removed or changed; the words say where and to what.
    const text =
      change.change === 'changed'
        ? `${place}: from ${valueInWords(change.before, titles)} to ${valueInWords(change.after, titles)}`
        : place;
    return { change: change.change, text, clause };
  });
}

/** A preset's file name in words: "london-commissioning-group-2008" reads "London commissioning group 2008". */
export function presetInWords(id: string): string {
  return sentence(inWords(id));
}
