import { describe, expect, it } from 'vitest';
import { sealOfBallot } from './ballot-seal.ts';
import { auditedKinds, auditedStates, compareRecords } from './record-agreement.ts';

const kind = (name: string) => auditedKinds.find((entry) => entry.name === name)!;
const key = 'a-test-key';

describe('records against their audit events', () => {
  it('a question’s state is its events folded in order over its defaults', () => {
    const states = auditedStates(kind('proposal'), [
      {
        id: 'e1',
        action: 'proposal.created',
        entityId: 'm',
        after: { proposalId: 'p', status: 'draft', title: 'T' },
      },
      {
        id: 'e2',
        action: 'proposal.opened',
        entityId: 'm',
        after: { proposalId: 'p', status: 'open' },
      },
    ]);
    expect(states.get('p')).toMatchObject({
      fields: {
        outcome: null,
        summary: null,
        castingVote: null,
        votingEnded: false,
        status: 'open',
        title: 'T',
      },
      lastEventId: 'e2',
      repeated: [],
    });
    // Still open, so a stored outcome is one no event gave.
    const { problems } = compareRecords({
      kind: kind('proposal'),
      states,
      records: [
        {
          key: 'p',
          fields: { status: 'open', title: 'T', outcome: 'consensus', votingEnded: false },
        },
      ],
      ballotSealKey: key,
    });
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'changed', field: 'outcome', eventId: 'e2' }),
    ]);
  });

  it('a secret vote agrees through its seal, and a changed one is reported without its choice', () => {
    const seal = sealOfBallot(key, { voteId: 'v', voterId: 's', choice: 'for', reason: null });
    const states = auditedStates(kind('vote'), [
      {
        id: 'e1',
        action: 'vote.cast',
        entityId: 'm',
        after: { voteId: 'v', proposalId: 'p', ballotSeal: seal },
      },
    ]);
    const compare = (choice: string) =>
      compareRecords({
        kind: kind('vote'),
        states,
        records: [
          {
            key: 'v',
            fields: { proposalId: 'p', voterId: 's', choice, reason: null },
            secretBallot: true,
          },
        ],
        ballotSealKey: key,
      }).problems;
    expect(compare('for')).toEqual([]);
    const [problem] = compare('against');
    expect(problem).toMatchObject({ kind: 'changed', record: 'vote', recordId: 'v' });
    expect(problem!.message).not.toMatch(/for|against/);
  });

  it('the seal differs for every vote, even with the same choice, and with another key', () => {
    const one = sealOfBallot(key, { voteId: 'v1', voterId: 's', choice: 'for', reason: null });
    expect(sealOfBallot(key, { voteId: 'v2', voterId: 's', choice: 'for', reason: null })).not.toBe(
      one,
    );
    expect(
      sealOfBallot('another-key', { voteId: 'v1', voterId: 's', choice: 'for', reason: null }),
    ).not.toBe(one);
  });

  it('events of an older format can excuse a record no event names; otherwise it is unaudited', () => {
    const records = [{ key: 'v', fields: { proposalId: 'p', choice: 'for', reason: null } }];
    const compare = (unmatchable: boolean) =>
      compareRecords({
        kind: kind('vote'),
        states: new Map(),
        records,
        ballotSealKey: key,
        unmatchable: () => unmatchable,
      }).problems;
    expect(compare(true)).toEqual([]);
    expect(compare(false)).toEqual([expect.objectContaining({ kind: 'unaudited', recordId: 'v' })]);
  });

  it('a second event of an action that happens once is reported, even when it states the stored value', () => {
    const states = auditedStates(kind('vote'), [
      { id: 'e1', action: 'vote.cast', entityId: 'm', after: { voteId: 'v', choice: 'against' } },
      { id: 'e2', action: 'vote.cast', entityId: 'm', after: { voteId: 'v', choice: 'for' } },
    ]);
    const { problems } = compareRecords({
      kind: kind('vote'),
      states,
      records: [{ key: 'v', fields: { choice: 'for' } }],
      ballotSealKey: key,
    });
    expect(problems).toEqual([expect.objectContaining({ kind: 'repeated', eventId: 'e2' })]);
  });
});
