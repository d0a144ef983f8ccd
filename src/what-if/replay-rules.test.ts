import { describe, expect, it } from 'vitest';
import type { TallyFacts, VoteChoice } from '../governance/index.ts';
import {
  attendance,
  constitutionFrom,
  member,
  partnership,
  partnershipDocument,
} from '../governance/test-support.ts';
import { replayMeeting, replayQuestion, replaySummaryText } from './replay-rules.ts';

// Issue 27: "had we required 9 chief executives, or deputies counted, or a 2/3 majority instead of
// 75%, which past meetings would have been inquorate and which decisions would have gone the other
// way?" Here on the test partnership: a quorum of 2 members (one per sector) raised to 3, and the
// simple majority replaced by three quarters of those present.
const termsThen = partnership();

// biome-ignore lint/suspicious/noExplicitAny: a fixture document, edited freely before it is parsed
type Editable = Record<string, any>;

function draftWith(change: (document: Editable) => void) {
  const document = partnershipDocument() as Editable;
  change(document);
  return constitutionFrom(document);
}

const threeMembers = draftWith((document) => {
  document.quorum.rule.allOf[0].atLeast.count = 3;
});
const threeQuarters = draftWith((document) => {
  const majority = document.decisionMethods.find(
    (method: { id: string }) => method.id === 'majority',
  );
  Object.assign(majority, {
    kind: 'supermajority',
    threshold: { numerator: 3, denominator: 4 },
    base: 'present',
  });
  delete majority.castingVote;
});

const members = [
  member('e1', 'member', { sector: 'east', office: 'chair' }),
  member('e2', 'member', { sector: 'east' }),
  member('w1', 'member', { sector: 'west' }),
  member('w2', 'member', { sector: 'west' }),
];
const meeting = { id: 'm1', title: 'March meeting', on: '2020-03-12' };

describe('replaying a meeting under a draft', () => {
  it('finds a meeting quorate then and inquorate under the draft, with both explanations', () => {
    const replay = replayMeeting({
      meeting,
      termsThen,
      draft: threeMembers,
      facts: { members, attendance: attendance({ e1: 'present', w1: 'present' }) },
    });
    expect(replay.changed).toBe(true);
    expect(replay.recorded).toMatchObject({ ok: true, quorate: true, clause: 'T §8' });
    expect(replay.draft).toMatchObject({ ok: true, quorate: false, clause: 'T §8' });
    expect(replay.recorded.ok && replay.recorded.summary).toMatch(/^Quorate under T §8/);
    expect(replay.draft.ok && replay.draft.summary).toMatch(/^Inquorate under T §8/);
  });

  it('leaves a meeting the draft judges alike unchanged', () => {
    const replay = replayMeeting({
      meeting,
      termsThen,
      draft: threeMembers,
      facts: { members, attendance: attendance({ e1: 'present', e2: 'present', w1: 'present' }) },
    });
    expect(replay.changed).toBe(false);
  });

  it('says why the draft cannot judge a meeting whose member holds a seat the draft does not have', () => {
    const noLayMembers = draftWith((document) => {
      document.seats = document.seats.filter(
        (seat: { role: string }) => seat.role !== 'lay-member',
      );
    });
    const replay = replayMeeting({
      meeting,
      termsThen,
      draft: noLayMembers,
      facts: {
        members: [...members, member('l1', 'lay-member')],
        attendance: attendance({ e1: 'present', w1: 'present' }),
      },
    });
    expect(replay.draft.ok).toBe(false);
    expect(!replay.draft.ok && replay.draft.problem).toContain('lay-member');
    expect(replay.changed).toBe(true);
  });
});

function votes(choices: Record<string, VoteChoice>): TallyFacts {
  return {
    members,
    attendance: attendance({ e1: 'present', e2: 'present', w1: 'present', w2: 'present' }),
    votes: Object.entries(choices).map(([voterId, choice]) => ({ voterId, choice })),
  };
}
const question = {
  id: 'q1',
  title: 'Award the stroke contract',
  meetingTitle: 'March meeting',
  on: '2020-03-12',
};

describe('replaying a question under a draft', () => {
  it('finds a question carried then by 3 to 1 that three quarters of those present also carry', () => {
    const replay = replayQuestion({
      question,
      termsThen,
      draft: threeQuarters,
      request: { method: 'majority' },
      facts: votes({ e1: 'for', e2: 'for', w1: 'for', w2: 'against' }),
    });
    expect(replay).toMatchObject({
      changed: false,
      recorded: { outcome: 'carried' },
      draft: { outcome: 'carried' },
    });
  });

  it('finds a question carried then by 2 to 1 with an abstention that would have gone the other way', () => {
    const replay = replayQuestion({
      question,
      termsThen,
      draft: threeQuarters,
      request: { method: 'majority' },
      facts: votes({ e1: 'for', e2: 'for', w1: 'against', w2: 'abstain' }),
    });
    expect(replay.changed).toBe(true);
    expect(replay.recorded).toMatchObject({ ok: true, outcome: 'carried', clause: 'T §12' });
    expect(replay.draft).toMatchObject({ ok: true, outcome: 'notCarried', clause: 'T §12' });
  });
});

describe('the replay in one sentence', () => {
  it('counts the meetings made inquorate and the decisions gone the other way, of all replayed', () => {
    const quorate = replayMeeting({
      meeting,
      termsThen,
      draft: threeMembers,
      facts: { members, attendance: attendance({ e1: 'present', w1: 'present' }) },
    });
    const alike = replayMeeting({
      meeting,
      termsThen,
      draft: threeMembers,
      facts: { members, attendance: attendance({ e1: 'present', e2: 'present', w1: 'present' }) },
    });
    const otherWay = replayQuestion({
      question,
      termsThen,
      draft: threeQuarters,
      request: { method: 'majority' },
      facts: votes({ e1: 'for', e2: 'for', w1: 'against', w2: 'abstain' }),
    });
    expect(replaySummaryText([quorate, alike, alike], [otherWay])).toBe(
      '1 of 3 meetings would have been inquorate; 1 of 1 decision would have gone the other way',
    );
    expect(replaySummaryText([], [])).toBe(
      '0 of 0 meetings would have been inquorate; 0 of 0 decisions would have gone the other way',
    );
  });
});
