/**
 * Who presides at a meeting, as the engine finds it from the terms and the attendance (the chair,
 * or in their absence the vice-chair or a member chosen), and whether an actor is that person:
 * the chair's controls in the room (close a question, the casting vote, a show of hands) are theirs.
 */

import { presidingMember } from '../governance/index.ts';
import type { Actor } from '../identity/index.ts';
import type { MeetingDecisionFacts } from './decision-facts.ts';

export interface PresidingPerson {
  holdingId: string;
  personId: string | null;
  name: string;
}

/** The person presiding at the meeting, or undefined when no one is (or the engine cannot say). */
export function presidingPersonOf(decision: MeetingDecisionFacts): PresidingPerson | undefined {
  const found = presidingMember(decision.constitution, decision.facts);
  const presiding = found.ok ? found.value.presiding : undefined;
  if (!presiding) return undefined;
  const member = decision.members.find((entry) => entry.holding.id === presiding.id);
  return {
    holdingId: presiding.id,
    personId: member?.holding.personId ?? null,
    name: presiding.name,
  };
}

/** Whether the actor is the person presiding at this meeting (acting through a write token or a session). */
export function isPresiding(actor: Actor, decision: MeetingDecisionFacts): boolean {
  if (actor.kind !== 'account' || actor.personId === null) return false;
  if (actor.tokenScope === 'read') return false;
  return presidingPersonOf(decision)?.personId === actor.personId;
}
