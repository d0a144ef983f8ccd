/**
 * Which of the engine's findings stop an appointment, and which form field each one is about.
 * Pure: the engine checks the membership with the candidate added; this decides what the
 * candidate is answerable for. Refusals that only concern people already sitting (a record made
 * before a rule changed) are reported on the membership page, not blamed on the newcomer.
 */
import type { CompositionViolation, EngineError } from '../governance/index.ts';
import type { FieldProblem } from '../shared/problems.ts';

/** "… (2008 §Membership: "10 London PCT Chief Executives (2 per sector, …)")" */
export function withClause(violation: Pick<CompositionViolation, 'message' | 'clause' | 'text'>) {
  return `${capitalise(violation.message)} (${violation.clause}: "${violation.text}")`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fieldOfRefusal(violation: CompositionViolation): string {
  switch (violation.finding) {
    case 'wrongRoute':
      return 'fillMethod';
    case 'notEligible':
      return 'seatRole';
    default:
      // A count per sector or per organisation is broken by whom the candidate represents.
      return violation.sector !== undefined || violation.organisation !== undefined
        ? 'organisationId'
        : 'seatRole';
  }
}

/** The refusals the candidate is part of (as the holder refused, or one of those counted). */
export function refusalsOfCandidate(
  refusals: readonly CompositionViolation[],
  candidateId: string,
): FieldProblem[] {
  return refusals
    .filter((refusal) => refusal.memberIds.includes(candidateId))
    .map((refusal) => ({ field: fieldOfRefusal(refusal), message: withClause(refusal) }));
}

const fieldOfFact: Record<string, string> = {
  role: 'seatRole',
  sector: 'organisationId',
  organisation: 'organisationId',
  post: 'organisationId',
  filledBy: 'fillMethod',
  office: 'office',
};

/**
 * Engine errors (facts that do not fit the constitution) as field problems: those about the
 * candidate name the form field; those about a sitting member are reported against `members`.
 */
export function factProblems(
  errors: readonly EngineError[],
  candidateIndex: number,
): FieldProblem[] {
  return errors.map((error) => {
    const [collection, index, key] = error.path ?? [];
    if (collection === 'members' && index === candidateIndex) {
      return { field: fieldOfFact[String(key)] ?? 'personId', message: capitalise(error.message) };
    }
    return { field: 'members', message: capitalise(error.message) };
  });
}
