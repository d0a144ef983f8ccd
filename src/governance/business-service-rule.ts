/**
 * The Commissioning Business Service supports the partnerships and answers to them; it is never
 * itself a decision-making body (2006 §3.2). So it may be named as support on any record, or own
 * an action, but never own a decision, cast a vote or give a sign-off. Every capability that
 * records such a thing asks this rule with the organisation's type before writing.
 */

export const businessServiceClause = '2006 §3.2';

export const businessServiceClauseText =
  'That this new shared infrastructure will report directly to PCTs through the new partnership arrangements [i.e. it is not proposed that an agency providing this support becomes, in itself, a decision making body].';

/** What a record may ask an organisation to be: the owner of a decision, a voter, a signer. */
export type OwnedRecord = 'decision' | 'vote' | 'sign-off';

const recordWords: Record<OwnedRecord, string> = {
  decision: 'own a decision',
  vote: 'cast a vote',
  'sign-off': 'give a sign-off',
};

/**
 * Undefined when the organisation may own the record; otherwise the refusal in plain words,
 * citing the clause. Any organisation that is not the Business Service may (other rules decide).
 */
export function businessServiceMayNotOwn(
  organisationType: string | null | undefined,
  record: OwnedRecord,
): { clause: string; message: string } | undefined {
  if (organisationType !== 'business-service') return undefined;
  return {
    clause: businessServiceClause,
    message: `The Commissioning Business Service may not ${recordWords[record]}: it supports the partnerships and reports to the PCTs through them, and is not itself a decision-making body (${businessServiceClause}).`,
  };
}
