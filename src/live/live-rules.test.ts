import { beforeAll, describe, expect, it } from 'vitest';
import {
  chair,
  chiefExecutiveIds,
  londonCommissioningGroup2008,
  present,
  preset,
  sectors,
} from '../constitutions/testing/london.ts';
import type { Constitution, MeetingFacts } from '../governance/index.ts';
import {
  announcementOf,
  type LiveSnapshot,
  liveQuestionOf,
  liveTallyOf,
  snapshotFor,
  storedTallyOf,
} from './live-rules.ts';

let constitution: Constitution;
const members = londonCommissioningGroup2008();
const quorateIds = [chair.id, ...chiefExecutiveIds(sectors, 2)];

beforeAll(async () => {
  constitution = await preset('london-commissioning-group-2008');
});

function quorateFacts(): MeetingFacts {
  return { members, attendance: present(members, quorateIds) };
}

describe('the live tally of an open question (counted by the engine)', () => {
  it('2008 §Decision-making: "seeks to operate by consensus" — counts views and who has not given one', () => {
    const [first, second, third] = quorateIds as [string, string, string];
    const tallied = liveTallyOf(
      constitution,
      { methodId: 'consensus-with-advice', agendaItemId: 'item-1' },
      quorateFacts(),
      [
        { voterId: first, choice: 'for' },
        { voterId: second, choice: 'against' },
        { voterId: third, choice: 'abstain' },
      ],
    );
    expect(tallied).toEqual({
      for: 1,
      against: 1,
      abstain: 1,
      notVoted: quorateIds.length - 3,
      note: null,
    });
  });

  it('leaves out the vote of a member with a declared interest in the item, as the engine does', () => {
    const [first, second] = quorateIds as [string, string];
    const tallied = liveTallyOf(
      constitution,
      { methodId: 'consensus-with-advice', agendaItemId: 'item-1' },
      {
        ...quorateFacts(),
        conflicts: [{ memberId: second, itemId: 'item-1', interest: 'Financial interest: a bid' }],
      },
      [
        { voterId: first, choice: 'for' },
        { voterId: second, choice: 'for' },
      ],
    );
    expect(tallied.for).toBe(1);
    expect(tallied.notVoted).toBe(quorateIds.length - 2);
  });

  it('shows raw counts, saying why, when the engine cannot place a vote (a member not present)', () => {
    const absent = members.find((member) => !quorateIds.includes(member.id))!;
    const tallied = liveTallyOf(
      constitution,
      { methodId: 'consensus-with-advice', agendaItemId: 'item-1' },
      quorateFacts(),
      [{ voterId: absent.id, choice: 'against' }],
    );
    expect(tallied).toMatchObject({ for: 0, against: 1, abstain: 0, notVoted: null });
    expect(tallied.note).toContain('not recorded as present');
  });
});

describe('what the live page shows of a question', () => {
  const stored = {
    outcome: 'noConsensus',
    counts: { for: 5, against: 2, abstain: 1, noVote: 3 },
    rangeOfViews: { for: ['Sentinel Voter'], against: [], abstain: [], noViewRecorded: [] },
  };

  it('a closed question shows its stored outcome and counts, never the named range of views', () => {
    const question = liveQuestionOf(
      constitution,
      {
        id: '01900000-0000-7000-8000-000000000001',
        title: 'Stroke services',
        text: 'That the group advises on stroke services.',
        amendsProposalId: null,
        methodId: 'consensus-with-advice',
        ballot: 'secret',
        status: 'closed',
        result: stored,
        outcome: 'noConsensus',
        outcomeSummary: 'No consensus: advice to the PCTs and NHS London.',
      },
      null,
    );
    expect(question).toMatchObject({
      status: 'closed',
      ballot: 'secret',
      outcome: 'noConsensus',
      tally: { for: 5, against: 2, abstain: 1, notVoted: 3 },
      method: { id: 'consensus-with-advice', isConsensus: true },
    });
    expect(JSON.stringify(question)).not.toContain('Sentinel Voter');
  });

  it('an open secret ballot shows how many have voted and no count of the choices, to anyone (review finding 3)', () => {
    const question = liveQuestionOf(
      constitution,
      {
        id: '01900000-0000-7000-8000-000000000002',
        title: 'Chair of the clinical reference group',
        text: 'That the group supports the nominee.',
        amendsProposalId: null,
        methodId: 'consensus-with-advice',
        ballot: 'secret',
        status: 'open',
        result: null,
        outcome: null,
        outcomeSummary: null,
      },
      { for: 2, against: 1, abstain: 1, notVoted: 5, note: null },
    );
    expect(question.tally).toBeNull();
    expect(question.votesCast).toBe(4);
  });

  it('a stored result without counts shows none rather than zeros', () => {
    expect(storedTallyOf(null)).toBeNull();
    expect(storedTallyOf({ outcome: 'carried' })).toBeNull();
  });
});

function snapshot(overrides: Partial<LiveSnapshot> = {}): LiveSnapshot {
  const publicItem = {
    id: '01900000-0000-7000-8000-0000000000a1',
    position: 1,
    title: 'Stroke services',
    purpose: 'decision',
    isConfidential: false,
  };
  const privateItem = {
    id: '01900000-0000-7000-8000-0000000000a2',
    position: 2,
    title: 'Contract dispute with Acme Hospital',
    purpose: 'decision',
    isConfidential: true,
  };
  const base: Omit<LiveSnapshot, 'announcement'> = {
    meetingId: '01900000-0000-7000-8000-0000000000b1',
    title: 'December meeting',
    body: { slug: 'london-commissioning-group', title: 'London Commissioning Group' },
    startsAt: '2026-12-10T14:00:00.000Z',
    location: 'Southside',
    status: 'scheduled',
    cancelledReason: null,
    current: privateItem,
    items: [publicItem, privateItem],
    quorum: null,
    itemQuorum: null,
    question: {
      id: '01900000-0000-7000-8000-0000000000c1',
      title: 'Settle with Acme',
      text: 'That the group settles.',
      isAmendment: false,
      ballot: 'named',
      status: 'open',
      method: { id: 'consensus-with-advice', title: 'Consensus', isConsensus: true },
      tally: { for: 1, against: 0, abstain: 0, notVoted: 4, note: null },
      votesCast: null,
      outcome: null,
      outcomeSummary: null,
    },
    privateSession: false,
    problems: [],
    ...overrides,
  };
  return { ...base, announcement: announcementOf(base) };
}

describe('each audience’s snapshot (Public Bodies (Admission to Meetings) Act 1960 s1)', () => {
  it('the public sees a Part II item as numbered and untitled, and nothing of its question', () => {
    const publicView = snapshotFor(snapshot(), 'public');
    expect(publicView.privateSession).toBe(true);
    expect(publicView.question).toBeNull();
    expect(publicView.current).toMatchObject({ position: 2, title: null });
    expect(publicView.items.map((item) => item.title)).toEqual(['Stroke services', null]);
    const text = JSON.stringify(publicView);
    expect(text).not.toContain('Acme');
    expect(publicView.announcement).toBe('The meeting is on item 2, in private (Part II).');
  });

  it('the body’s own people see the Part II item and its question', () => {
    const full = snapshot();
    expect(snapshotFor(full, 'body')).toBe(full);
    expect(full.announcement).toContain('Contract dispute with Acme Hospital');
    expect(full.announcement).toContain('Question open: Settle with Acme.');
  });

  it('on a public item the public sees the question and its counts', () => {
    const onPublicItem = snapshot();
    const publicView = snapshotFor({ ...onPublicItem, current: onPublicItem.items[0]! }, 'public');
    expect(publicView.privateSession).toBe(false);
    expect(publicView.question?.tally?.for).toBe(1);
  });
});
