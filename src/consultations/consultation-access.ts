/**
 * Who may do what to a consultation, asked of the record the use case holds (the route's check
 * names only the permission): an administrator or the secretariat of the body holding the
 * consultation runs and analyses it, never through a read-only API token; anyone may respond while
 * it is open. Shared by the use cases, which refuse, and the pages, which offer the forms.
 */
import { type Actor, mayRunBody } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import type { ConsultationRecord } from './consultation-queries.ts';

export function mayRunConsultation(actor: Actor, consultation: ConsultationRecord): boolean {
  return mayRunBody(actor, consultation.bodySlug);
}

/** Refuses unless the actor runs the consultation's body; the refusal names the body. */
export function requireRunsConsultation(
  actor: Actor,
  consultation: ConsultationRecord,
  what: string,
): void {
  if (mayRunConsultation(actor, consultation)) return;
  throw new ProblemError({
    status: actor.kind === 'anonymous' ? 401 : 403,
    code: actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden',
    title: 'You do not have permission to do this',
    detail: `Only an administrator or the secretariat of the ${consultation.bodyTitle} may ${what}.`,
  });
}

/** Open: approved, the opening time reached and the closing time not yet. */
export function isOpen(consultation: ConsultationRecord, now: Date): boolean {
  return (
    consultation.stage === 'approved' &&
    consultation.opensAt !== null &&
    consultation.closesAt !== null &&
    consultation.opensAt <= now &&
    now < consultation.closesAt
  );
}

/** Closed: approved (or further) and the closing time passed. */
export function hasClosed(consultation: ConsultationRecord, now: Date): boolean {
  return (
    consultation.stage !== 'preparing' &&
    consultation.stage !== 'approval-put' &&
    consultation.closesAt !== null &&
    consultation.closesAt <= now
  );
}
