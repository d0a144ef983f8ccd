/**
 * Every engine result explains itself: which clause applied (and its words), which facts were
 * counted, what is missing or failed, who was left out and why, which assumptions were relied
 * on, and the same in plain sentences for a person to read.
 */
import type { Provenance } from './constitution-schema.ts';

/** A clause the engine applied, with its words; `assumption` when the source is silent. */
export interface Citation {
  readonly clause: string;
  readonly text: string;
  readonly assumption?: string;
}

/** A count the engine made: "8 London PCT Chief Executives present" and who they are. */
export interface CountedFact {
  readonly label: string;
  readonly count: number;
  readonly names: readonly string[];
}

/** Someone left out of a count, and the rule that left them out. */
export interface Exclusion {
  readonly id: string;
  readonly name: string;
  readonly reason: string;
  readonly clause?: string;
}

export interface Explanation {
  /** The clause that decided the outcome. */
  readonly clause: string;
  /** Its words. */
  readonly text: string;
  /** One sentence: the outcome and the main reason. */
  readonly summary: string;
  readonly counted: readonly CountedFact[];
  /** What failed or is missing; empty when nothing is. */
  readonly missing: readonly string[];
  readonly excluded: readonly Exclusion[];
  /** Every clause relied on, the deciding one first; those that are assumptions say why. */
  readonly citations: readonly Citation[];
  /** The explanation in sentences, in reading order. */
  readonly lines: readonly string[];
}

export function citationOf(rule: Provenance): Citation {
  return rule.assumption
    ? { clause: rule.clause, text: rule.text, assumption: rule.assumption.reason }
    : { clause: rule.clause, text: rule.text };
}

/**
 * Citations without repeats, in first-seen order. One clause may be read with more than one
 * assumption (each is kept); where it is also cited plainly, the plain citation is dropped, as
 * the assumption is what a reader must see.
 */
export function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const clauseKey = (citation: Citation) => `${citation.clause}\u0000${citation.text}`;
  const assumed = new Set(
    citations.filter((citation) => citation.assumption).map((citation) => clauseKey(citation)),
  );
  const seen = new Set<string>();
  const unique: Citation[] = [];
  for (const citation of citations) {
    if (!citation.assumption && assumed.has(clauseKey(citation))) continue;
    const key = `${clauseKey(citation)}\u0000${citation.assumption ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(citation);
    }
  }
  return unique;
}

/** "a, b and c" */
export function listInWords(items: readonly string[]): string {
  if (items.length === 0) return 'none';
  if (items.length === 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * The explanation as plain text for a terminal or an e-mail: the summary, the reasoning, who was
 * left out, then each clause relied on with its words (and, for assumptions, the reason).
 */
export function formatExplanation(explanation: Explanation): string {
  const out: string[] = [explanation.summary, ''];
  for (const line of explanation.lines) out.push(`  ${line}`);
  if (explanation.excluded.length > 0) {
    out.push('', 'Not counted:');
    for (const exclusion of explanation.excluded) {
      const clause = exclusion.clause ? ` (${exclusion.clause})` : '';
      out.push(`  - ${exclusion.name}: ${exclusion.reason}${clause}`);
    }
  }
  if (explanation.missing.length > 0) {
    out.push('', 'Missing:');
    for (const missing of explanation.missing) out.push(`  - ${missing}`);
  }
  out.push('', 'Clauses applied:');
  for (const citation of explanation.citations) {
    out.push(`  ${citation.clause}: "${citation.text}"`);
    if (citation.assumption) out.push(`    Assumption: ${citation.assumption}`);
  }
  return `${out.join('\n')}\n`;
}
