/**
 * A question's recorded electorate (2006 §111): "Procurement consortia will need to determine the
 * detailed implementation of this arrangement as it applies to the scope and size of the consortia
 * portfolios." A consortium fixes at inception who its members are, their shares, and the base and
 * weighting of its 75% rule; a question put to it carries that record, and the engine tallies the
 * question under it — the consortium's members as the parties, not whoever sits on the body that
 * day. Pure: the terms for the question are a copy of the terms in force with the one method's
 * base, weighting and electorate replaced, so the explanation quotes the record it applied.
 */

import { z } from 'zod';
import { type Constitution, type DecisionMethod, voteBases } from '../governance/index.ts';

export const recordedElectorateSchema = z.strictObject({
  parties: z
    .array(
      z.strictObject({
        organisationId: z.uuid(),
        name: z.string().trim().min(1),
        /** An integer share, e.g. basis points of the portfolio. */
        share: z.int().min(1),
      }),
    )
    .min(2, 'A consortium has at least two members.'),
  base: z.enum(voteBases),
  weighting: z.enum(['share', 'none']),
  /** The record the electorate comes from, quoted in every explanation of the tally. */
  source: z.strictObject({
    title: z.string().trim().min(1),
    clause: z.string().trim().min(1),
    text: z.string().trim().min(1),
  }),
});

export type RecordedElectorate = z.infer<typeof recordedElectorateSchema>;

/**
 * Why a recorded electorate cannot be put with this method, or undefined if it can: only a
 * supermajority whose electorate is parties (the London terms' 75% rule of a procurement
 * consortium) is decided by a consortium's members; each member once.
 */
export function electorateRefusal(
  method: DecisionMethod,
  electorate: RecordedElectorate,
): string | undefined {
  if (method.kind !== 'supermajority' || method.electorate?.of !== 'parties') {
    return `${method.title} (${method.clause}) is not decided by the members of a consortium: a recorded electorate goes only with a 75% majority of the parties (2006 §111).`;
  }
  const seen = new Set<string>();
  for (const party of electorate.parties) {
    if (seen.has(party.organisationId)) return `${party.name} is named twice among the members.`;
    seen.add(party.organisationId);
  }
  return undefined;
}

/** The terms in force with the question's method as the recorded electorate fixed it. */
export function termsUnderElectorate(
  constitution: Constitution,
  methodId: string,
  electorate: RecordedElectorate,
): Constitution {
  const provenance = { clause: electorate.source.clause, text: electorate.source.text };
  return {
    ...constitution,
    decisionMethods: constitution.decisionMethods.map((method) => {
      if (method.id !== methodId || method.kind !== 'supermajority') return method;
      const { weighting: _weighting, assumption: _assumption, ...rest } = method;
      return {
        ...rest,
        base: electorate.base,
        electorate: { of: 'parties', description: electorate.source.title, ...provenance },
        ...(electorate.weighting === 'share' && { weighting: { by: 'share', ...provenance } }),
      };
    }),
  };
}
