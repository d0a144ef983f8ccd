import { describe, expect, it } from 'vitest';
import type { Reader } from '../db/connection.ts';
import type { DecisionMethod } from '../governance/index.ts';
import type { Actor } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import type { MeetingDecisionFacts } from './decision-facts.ts';
import { voterSeat } from './voter-seat.ts';

// Only the facts voterSeat reads: the meeting and the seats. No proxy is asked for, so the reader
// is never used.
const decision = {
  meeting: { id: 'm', bodyTitle: 'London Commissioning Group' },
  meetingOn: '2008-03-12',
  members: [
    {
      holding: {
        id: 'seat-business-service',
        personId: 'person-1',
        personName: 'Alex Example',
        organisationId: 'lcbs',
        organisationName: 'London Commissioning Business Service',
        organisationType: 'business-service',
      },
    },
  ],
  invitedAttendees: [],
  deputies: [],
} as unknown as MeetingDecisionFacts;

const simpleMajority = {
  kind: 'majority',
  id: 'simple-majority',
  title: 'Simple majority',
  clause: '2008 §Decision-making',
  text: '…',
} as unknown as DecisionMethod;

const actor = { kind: 'account', personId: 'person-1', displayName: 'Alex Example' } as Actor;

describe('2006 §3.2: "the Commissioning Business Service is not itself a decision-making body"', () => {
  it('refuses a vote for a seat held for the Business Service, quoting the clause', async () => {
    const refused = await voterSeat({} as Reader, decision, simpleMajority, actor, undefined).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ProblemError);
    const problem = (refused as ProblemError).problem;
    expect(problem.code).toBe('business-service-may-not-vote');
    expect(problem.detail).toContain('London Commissioning Business Service');
    expect(problem.detail).toContain('(2006 §3.2)');
  });
});
