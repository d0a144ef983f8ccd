import { describe, expect, it } from 'vitest';
import { nextDisputeStep } from './disputes.ts';
import type { DisputeFacts, DisputeHistoryEntry } from './facts.ts';
import { expectErrors, expectOk, partnership } from './test-support.ts';

const boards = [
  { id: 'board-a', name: 'Board A' },
  { id: 'board-b', name: 'Board B' },
];

function entry(
  step: string,
  date: string,
  outcome: DisputeHistoryEntry['outcome'],
  board?: string,
): DisputeHistoryEntry {
  return { step, date, by: 'Secretary', outcome, ...(board ? { board } : {}) };
}

function jointReview(
  history: DisputeHistoryEntry[],
  extra: Partial<DisputeFacts> = {},
): DisputeFacts {
  return { category: 'joint-review', sponsoringBoards: boards, history, ...extra };
}

describe('nextDisputeStep', () => {
  it('first asks for the decision process to be agreed before any joint work', () => {
    const result = expectOk(nextDisputeStep(partnership(), jointReview([]), '2020-03-01'));
    expect(result).toMatchObject({
      status: 'next',
      step: { id: 'agree', step: 'agreeProcess', clause: 'T §20' },
    });
    expect(result.explanation.summary).toContain('no joint work may start until it is agreed');
  });

  it('refuses a history where joint work began before the process was agreed', () => {
    const errors = expectErrors(
      nextDisputeStep(
        partnership(),
        jointReview([entry('mediation', '2020-02-01', 'notAgreed')]),
        '2020-03-01',
      ),
    );
    expect(errors[0]).toMatchObject({ code: 'dispute-history-invalid', clause: 'T §20' });
    expect(errors[0]?.message).toContain('joint work may not start without it');
  });

  it('after agreement of the process, a disagreement goes to mediation by the chair', () => {
    const result = expectOk(
      nextDisputeStep(
        partnership(),
        jointReview([entry('agree', '2020-01-10', 'agreed')]),
        '2020-03-01',
      ),
    );
    expect(result.step).toMatchObject({ id: 'mediation', by: 'the chair' });
  });

  it('after failed mediation, waits for the end of the review before facilitation', () => {
    const history = [
      entry('agree', '2020-01-10', 'agreed'),
      entry('mediation', '2020-02-10', 'notAgreed'),
    ];
    const waiting = expectOk(nextDisputeStep(partnership(), jointReview(history), '2020-03-01'));
    expect(waiting).toMatchObject({
      status: 'waiting',
      step: { id: 'facilitation', by: 'Regional Authority' },
    });
    const ended = expectOk(
      nextDisputeStep(
        partnership(),
        jointReview(history, { reviewEndedOn: '2020-02-20' }),
        '2020-03-01',
      ),
    );
    expect(ended).toMatchObject({ status: 'next', step: { id: 'facilitation' } });
  });

  it('mediation may be repeated while the review continues', () => {
    const history = [
      entry('agree', '2020-01-10', 'agreed'),
      entry('mediation', '2020-02-10', 'notAgreed'),
      entry('mediation', '2020-02-20', 'agreed'),
    ];
    const result = expectOk(nextDisputeStep(partnership(), jointReview(history), '2020-03-01'));
    expect(result).toMatchObject({
      status: 'next',
      step: { id: 'sign-off' },
      awaitingSignOff: ['board-a', 'board-b'],
    });
  });

  it('refuses facilitation recorded before the end of the review', () => {
    const history = [
      entry('agree', '2020-01-10', 'agreed'),
      entry('mediation', '2020-02-10', 'notAgreed'),
      entry('facilitation', '2020-02-15', 'agreed'),
    ];
    const errors = expectErrors(nextDisputeStep(partnership(), jointReview(history), '2020-03-01'));
    expect(errors[0]?.message).toContain('at the end of the review');
  });

  it('is resolved once every sponsoring board has signed off', () => {
    const history = [
      entry('agree', '2020-01-10', 'agreed'),
      entry('mediation', '2020-02-10', 'notAgreed'),
      entry('facilitation', '2020-03-10', 'agreed'),
      entry('sign-off', '2020-04-01', 'signedOff', 'board-a'),
      entry('sign-off', '2020-04-15', 'signedOff', 'board-b'),
    ];
    const result = expectOk(
      nextDisputeStep(
        partnership(),
        jointReview(history, { reviewEndedOn: '2020-03-01' }),
        '2020-05-01',
      ),
    );
    expect(result.status).toBe('resolved');
    expect(result.resolvedBy).toMatchObject({ step: 'facilitation' });
    expect(result.explanation.lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Regional Authority's performance management continues alongside"),
      ]),
    );
  });

  it('reports a refused sign-off', () => {
    const history = [
      entry('agree', '2020-01-10', 'agreed'),
      entry('mediation', '2020-02-10', 'agreed'),
      entry('sign-off', '2020-04-01', 'notSignedOff', 'board-b'),
    ];
    expect(
      expectOk(nextDisputeStep(partnership(), jointReview(history), '2020-05-01')).status,
    ).toBe('signOffRefused');
  });

  it('is unresolved when facilitation fails too', () => {
    const history = [
      entry('agree', '2020-01-10', 'agreed'),
      entry('mediation', '2020-02-10', 'notAgreed'),
      entry('facilitation', '2020-03-10', 'notAgreed'),
    ];
    const result = expectOk(
      nextDisputeStep(
        partnership(),
        jointReview(history, { reviewEndedOn: '2020-03-01' }),
        '2020-05-01',
      ),
    );
    expect(result.status).toBe('unresolved');
  });

  it('a procurement dispute is resolved by its vote, carried or not', () => {
    const next = expectOk(
      nextDisputeStep(partnership(), { category: 'procurement', history: [] }, '2020-01-01'),
    );
    expect(next.step?.action).toContain(
      'vote under "Three quarters of the consortium" (3/4 (75%) of all those entitled to vote, present or not)',
    );
    const done = expectOk(
      nextDisputeStep(
        partnership(),
        { category: 'procurement', history: [entry('vote', '2020-01-01', 'notCarried')] },
        '2020-01-02',
      ),
    );
    expect(done.status).toBe('resolved');
  });

  it('keeps steps in date order and refuses steps dated after today', () => {
    const outOfOrder = [
      entry('agree', '2020-02-10', 'agreed'),
      entry('mediation', '2020-01-10', 'notAgreed'),
    ];
    expect(
      expectErrors(nextDisputeStep(partnership(), jointReview(outOfOrder), '2020-03-01'))[0]?.code,
    ).toBe('dispute-history-invalid');
    const future = [entry('agree', '2020-04-10', 'agreed')];
    expect(
      expectErrors(nextDisputeStep(partnership(), jointReview(future), '2020-03-01'))[0]?.message,
    ).toContain('after 2020-03-01');
  });

  it('refuses steps out of ladder order, unknown steps and unknown categories', () => {
    const skipped = [
      entry('agree', '2020-01-10', 'agreed'),
      entry('facilitation', '2020-01-20', 'agreed'),
    ];
    expect(
      expectErrors(
        nextDisputeStep(
          partnership(),
          jointReview(skipped, { reviewEndedOn: '2020-01-15' }),
          '2020-03-01',
        ),
      )[0]?.message,
    ).toContain('out of order');
    expect(
      expectErrors(
        nextDisputeStep(
          partnership(),
          jointReview([entry('arbitration', '2020-01-10', 'agreed')]),
          '2020-03-01',
        ),
      )[0]?.code,
    ).toBe('unknown-dispute-step');
    expect(
      expectErrors(
        nextDisputeStep(partnership(), { category: 'boundary', history: [] }, '2020-03-01'),
      )[0]?.code,
    ).toBe('unknown-dispute-category');
    expect(
      expectErrors(nextDisputeStep(partnership(), jointReview([]), '1 March 2020'))[0]?.code,
    ).toBe('invalid-date');
  });

  it('refuses an outcome that does not belong to the step', () => {
    const errors = expectErrors(
      nextDisputeStep(
        partnership(),
        jointReview([entry('agree', '2020-01-10', 'carried')]),
        '2020-03-01',
      ),
    );
    expect(errors[0]?.message).toBe(
      'agreeing the decision process ends agreed or not agreed, not carried',
    );
  });
});
