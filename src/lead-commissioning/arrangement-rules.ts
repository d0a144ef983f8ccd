/**
 * The rules of lead and associate commissioning, pure: facts in, answers out, each answer naming
 * the rule it applies and, where there is one, its clause.
 *
 * 2006 §2.1(c): the local commissioning groups take forward "Lead commissioning arrangements".
 * 2006 §106: a local group is to "Manage the lead commissioning of the 2007/08 Commissioning
 * round…" and "Implement and monitor the progress of negotiations across its geographical area
 * and undertake joint action where appropriate". 2008 Business development: "Provide direction to
 * lead commissioning arrangements". The Model Collaborative Commissioning Agreement (NHS England,
 * see shared DOMAIN.md): the co-ordinating (lead) commissioner's proposed actions are circulated to
 * the associates for approval; a rejection blocks the action and calls a collaborative forum.
 */
import { businessServiceMayNotOwn } from '../governance/index.ts';

export const leadArrangementClause = {
  clause: '2006 §2.1(c)',
  text: 'Lead commissioning arrangements',
} as const;

export const negotiationsClause = {
  clause: '2006 §106',
  text: 'Implement and monitor the progress of negotiations across its geographical area and undertake joint action where appropriate',
} as const;

export const collaborativeForumClause = {
  clause: 'Model Collaborative Commissioning Agreement',
  text: 'the co-ordinating commissioner’s proposed actions are circulated to the associates for approval; a rejection blocks the action and calls a collaborative forum',
} as const;

/** 100% in hundredths of a per cent (basis points), so shares add up exactly. */
export const wholeShare = 10_000;

/** "23.47%" from 2347 basis points. */
export function shareInWords(basisPoints: number): string {
  return `${(basisPoints / 100).toFixed(2)}%`;
}

export interface ShareHolder {
  organisationId: string;
  name: string;
  type: string;
  shareBasisPoints: number;
}

export interface RuleBroken {
  field: string;
  rule: string;
  message: string;
}

export const primaryCareTrust = 'primary-care-trust';

/**
 * What is wrong with a lead and its associates, if anything: every one is a PCT, the lead is not
 * also an associate, no associate is listed twice, there is at least one associate, and the lead's
 * share plus the associates' shares make exactly 100% (decision 027: the lead holds a share too).
 */
export function arrangementProblems(lead: ShareHolder, associates: ShareHolder[]): RuleBroken[] {
  const problems: RuleBroken[] = [];
  // 2006 §3.2: the Business Service supports lead commissioning and never owns it.
  const leadRefusal = businessServiceMayNotOwn(lead.type, 'decision');
  if (leadRefusal) {
    problems.push({
      field: 'leadOrganisationId',
      rule: 'business-service-may-not-lead',
      message: `${lead.name} cannot be the lead commissioner, who commits the associates: ${leadRefusal.message}`,
    });
  } else if (lead.type !== primaryCareTrust) {
    problems.push({
      field: 'leadOrganisationId',
      rule: 'lead-is-a-pct',
      message: `${lead.name} is not a PCT: the lead (co-ordinating) commissioner is one of the PCTs commissioning the service (${leadArrangementClause.clause} "${leadArrangementClause.text}").`,
    });
  }
  if (associates.length === 0) {
    problems.push({
      field: 'associates',
      rule: 'at-least-one-associate',
      message: `Name at least one associate PCT: a lead commissioner acts for associates (${leadArrangementClause.clause} "${leadArrangementClause.text}").`,
    });
  }
  const seen = new Set<string>();
  associates.forEach((associate, index) => {
    const field = `associates.${index}.organisationId`;
    if (associate.organisationId === lead.organisationId) {
      problems.push({
        field,
        rule: 'lead-is-not-an-associate',
        message: `${associate.name} is the lead and cannot also be an associate: the lead acts for the associates, so one PCT cannot be both in one arrangement (${leadArrangementClause.clause} "${leadArrangementClause.text}").`,
      });
    } else if (seen.has(associate.organisationId)) {
      problems.push({
        field,
        rule: 'associate-listed-once',
        message: `${associate.name} is listed as an associate more than once.`,
      });
    }
    seen.add(associate.organisationId);
    const associateRefusal = businessServiceMayNotOwn(associate.type, 'sign-off');
    if (associateRefusal) {
      problems.push({
        field,
        rule: 'business-service-may-not-be-an-associate',
        message: `${associate.name} cannot be an associate, who approves or rejects the lead’s actions: ${associateRefusal.message}`,
      });
    } else if (associate.type !== primaryCareTrust) {
      problems.push({
        field,
        rule: 'associate-is-a-pct',
        message: `${associate.name} is not a PCT: associates are the PCTs commissioning the service with the lead (${leadArrangementClause.clause} "${leadArrangementClause.text}").`,
      });
    }
    if (associate.shareBasisPoints <= 0 || associate.shareBasisPoints > wholeShare) {
      problems.push({
        field: `associates.${index}.share`,
        rule: 'share-in-range',
        message: `${associate.name}'s share must be more than 0% and at most 100%.`,
      });
    }
  });
  if (lead.shareBasisPoints < 0 || lead.shareBasisPoints > wholeShare) {
    problems.push({
      field: 'leadShare',
      rule: 'share-in-range',
      message: 'The lead’s share must be from 0% to 100%.',
    });
  }
  const total =
    lead.shareBasisPoints + associates.reduce((sum, each) => sum + each.shareBasisPoints, 0);
  if (total !== wholeShare) {
    problems.push({
      field: 'associates',
      rule: 'shares-add-up',
      message: `The lead’s and the associates’ shares add up to ${shareInWords(total)}, not 100%: shares between commissioners sum to exactly 100% (Model Collaborative Commissioning Agreement; decision 027).`,
    });
  }
  return problems;
}

export const negotiationStages = [
  'preparation',
  'offer',
  'counter-offer',
  'agreed',
  'signed',
  'in-dispute',
] as const;
export type NegotiationStage = (typeof negotiationStages)[number];

export const stageNames: Record<NegotiationStage, string> = {
  preparation: 'Preparation',
  offer: 'Offer',
  'counter-offer': 'Counter-offer',
  agreed: 'Agreed',
  signed: 'Signed',
  'in-dispute': 'In dispute',
};

const forwardMoves: Record<NegotiationStage, NegotiationStage[]> = {
  preparation: ['offer'],
  offer: ['counter-offer', 'agreed'],
  'counter-offer': ['offer', 'agreed'],
  agreed: ['signed'],
  signed: [],
  'in-dispute': [],
};

/**
 * The stages a negotiation may move to next: preparation → offer → counter-offer ↔ offer → agreed
 * → signed; any stage before signing may go into dispute, and a dispute goes back to the stage it
 * interrupted. `stageBeforeDispute` is that stage, read from the negotiation's history.
 */
export function nextStages(
  stage: NegotiationStage,
  stageBeforeDispute: NegotiationStage | null,
): NegotiationStage[] {
  if (stage === 'in-dispute') return stageBeforeDispute ? [stageBeforeDispute] : ['preparation'];
  if (stage === 'signed') return [];
  return [...forwardMoves[stage], 'in-dispute'];
}

/** Why a move is not allowed, or null when it is. */
export function stageMoveProblem(
  from: NegotiationStage,
  to: NegotiationStage,
  stageBeforeDispute: NegotiationStage | null,
): string | null {
  const allowed = nextStages(from, stageBeforeDispute);
  if (allowed.includes(to)) return null;
  if (from === 'signed') {
    return `The negotiation is signed: a signed contract's negotiation does not move again (${negotiationsClause.clause}).`;
  }
  return `A negotiation at ${stageNames[from].toLowerCase()} may move only to ${allowed.map((stage) => stageNames[stage].toLowerCase()).join(' or ')}, not to ${stageNames[to].toLowerCase()}: preparation, offer, counter-offer and offer again, agreed, signed; any stage before signing may go into dispute and back (${negotiationsClause.clause}).`;
}

export type ProposedActionStatus = 'circulated' | 'approved' | 'blocked';

/**
 * A proposed action's state from the associates' responses: blocked on any rejection, approved
 * once every associate has approved, otherwise still circulated (Model Collaborative Commissioning
 * Agreement).
 */
export function proposedActionStatus(
  associateIds: readonly string[],
  responses: readonly { organisationId: string; response: 'approve' | 'reject' }[],
): ProposedActionStatus {
  if (responses.some((each) => each.response === 'reject')) return 'blocked';
  const approved = new Set(
    responses.filter((each) => each.response === 'approve').map((each) => each.organisationId),
  );
  return associateIds.length > 0 && associateIds.every((id) => approved.has(id))
    ? 'approved'
    : 'circulated';
}

/** Shares in basis points by weighted population, adding up to exactly 100% (largest remainder). */
export function sharesByPopulation(populations: readonly number[]): number[] {
  const total = populations.reduce((sum, each) => sum + each, 0);
  if (total <= 0) return populations.map(() => 0);
  const exact = populations.map((each) => (each * wholeShare) / total);
  const shares = exact.map(Math.floor);
  let left = wholeShare - shares.reduce((sum, each) => sum + each, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    shares[index] = (shares[index] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}
