import { describe, expect, it } from 'vitest';
import type { RecordOfItem } from './minutes-from-the-record.ts';
import {
  actionText,
  declarationText,
  disputeStepText,
  minuteFromTheRecord,
  questionText,
} from './minutes-from-the-record-text.ts';

const emptyItem: RecordOfItem = {
  id: 'item',
  position: 3,
  title: 'Procurement of the pilot sites',
  isConfidential: false,
  declarations: [],
  questions: [],
  actions: [],
  disputeSteps: [],
};

const closed = {
  title: 'Agree the preferred bidders',
  isAmendment: false,
  method: 'Simple majority of those voting',
  status: 'closed' as const,
  outcome: 'Carried',
  summary: 'Carried (2008 §Voting): 7 for, 1 against, 1 abstaining.',
  clause: '2008 §Voting',
  advice: null,
  castingVoteUsed: false,
};

describe('the minute of an item from the record', () => {
  it('says nothing when nothing was recorded on the item, so the secretary writes it', () => {
    expect(minuteFromTheRecord(emptyItem)).toBe('');
  });

  it('minutes a declaration with the part the member took (SI 1991/809 reg 10: "take no part in discussion or vote")', () => {
    const text = declarationText({
      member: 'Dr Ann Lee',
      kind: 'Financial interest',
      interest: 'Shares in a bidder',
      tookNoPartIn: [{ question: 'Agree the preferred bidders', clause: '2008 §Conflicts' }],
      leftOutOfQuorum: true,
    });
    expect(text).toBe(
      'Dr Ann Lee declared a financial interest: Shares in a bidder. Dr Ann Lee took no part in the vote on “Agree the preferred bidders” (2008 §Conflicts) and was not counted toward the quorum for this item.',
    );
  });

  it('notes a declaration on which no part in a vote is recorded without claiming one', () => {
    const text = declarationText({
      member: 'Dr Ann Lee',
      kind: 'Indirect interest',
      interest: 'Her brother works for a bidder.',
      tookNoPartIn: [],
      leftOutOfQuorum: false,
    });
    expect(text).toBe(
      'Dr Ann Lee declared an indirect interest: Her brother works for a bidder. The declaration was noted.',
    );
    expect(text).not.toContain('took no part');
  });

  it("states a closed question's result with the engine's explanation, its clause once", () => {
    const text = questionText(closed);
    expect(text).toBe(
      'The question “Agree the preferred bidders” was put to the meeting (Simple majority of those voting). Carried (2008 §Voting): 7 for, 1 against, 1 abstaining.',
    );
    expect(text.match(/2008 §Voting/g)).toHaveLength(1);
  });

  it('says the outcome once when the explanation already says it', () => {
    expect(
      questionText({
        ...closed,
        outcome: 'Consensus',
        summary: 'Decided by consensus under 2008 §Decision-making: 11 in agreement.',
        clause: '2008 §Decision-making',
      }),
    ).toMatch(/\)\. Decided by consensus under 2008 §Decision-making: 11 in agreement\.$/);
  });

  it('adds the clause when the explanation does not name it', () => {
    expect(questionText({ ...closed, summary: '7 for and 1 against' })).toContain(
      'Carried (2008 §Voting): 7 for and 1 against.',
    );
  });

  it('says where the advice note goes when consensus was not reached', () => {
    const text = questionText({
      ...closed,
      method: 'Consensus',
      outcome: 'No consensus',
      summary: 'No consensus (2006 §110): 2 objecting.',
      clause: '2006 §110',
      advice: {
        to: ['London PCTs', 'NHS London'],
        decidedBy: ['each PCT board'],
        consensusOnAdvice: false,
      },
    });
    expect(text).toContain(
      'Consensus was not reached: an advice note setting out the range of views goes to London PCTs and NHS London, for decision by each PCT board.',
    );
  });

  it('says a reserved matter agreed by everyone is advice the meeting agreed, not a decision', () => {
    const text = questionText({
      ...closed,
      outcome: 'Advice, not a decision',
      summary: 'Advice, not a decision (2006 §2.2): all agree.',
      clause: '2006 §2.2',
      advice: { to: ['NHS London'], decidedBy: [], consensusOnAdvice: true },
    });
    expect(text).toContain('This is advice, not a decision: an advice note goes to NHS London.');
    expect(text).not.toContain('Consensus was not reached');
  });

  it('says a withdrawn question was withdrawn, and an open one that it has no result yet', () => {
    expect(questionText({ ...closed, status: 'withdrawn', outcome: null, summary: null })).toBe(
      'The question “Agree the preferred bidders” was withdrawn before a result was reached.',
    );
    expect(questionText({ ...closed, status: 'open', outcome: null, summary: null })).toBe(
      'The question “Agree the preferred bidders” is still open: no result is recorded yet.',
    );
    expect(questionText({ ...closed, status: 'draft', isAmendment: true })).toBe(
      'The amendment “Agree the preferred bidders” was prepared but not put to the meeting.',
    );
  });

  it('minutes an action with its owner and due date in words', () => {
    expect(
      actionText({ description: 'Write to the bidders', owner: 'Sam Patel', dueOn: '2027-01-15' }),
    ).toBe('Action: Write to the bidders. Owner: Sam Patel. Due by 15 January 2027.');
  });

  it('minutes a dispute step taken at the meeting with its clause', () => {
    expect(
      disputeStepText({
        dispute: 'Stroke service changes',
        action: 'Mediation by the chair',
        clause: '2006 §111(b)',
        takenBy: 'The chair, Jane Doe',
        outcomeText: 'Not resolved',
        board: null,
        note: null,
        proposalId: null,
      }),
    ).toBe(
      'Dispute “Stroke service changes”: mediation by the chair (2006 §111(b)), taken by The chair, Jane Doe. Outcome: not resolved.',
    );
  });

  it('puts declarations first, then questions, dispute steps and actions, one paragraph each', () => {
    const text = minuteFromTheRecord({
      ...emptyItem,
      declarations: [
        {
          member: 'Dr Ann Lee',
          kind: 'Financial interest',
          interest: 'Shares',
          tookNoPartIn: [],
          leftOutOfQuorum: false,
        },
      ],
      questions: [closed],
      actions: [{ description: 'Write to the bidders', owner: 'Sam Patel', dueOn: '2027-01-15' }],
    });
    const paragraphs = text.split('\n\n');
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toMatch(/^Dr Ann Lee declared/);
    expect(paragraphs[1]).toMatch(/^The question/);
    expect(paragraphs[2]).toMatch(/^Action:/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
