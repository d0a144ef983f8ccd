/**
 * The default NHS standing-orders body (shared/DOMAIN.md, "Standing orders and committee
 * practice"), each rule tested by its clause.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Constitution,
  checkNotice,
  evaluateQuorum,
  type MemberFact,
  presidingMember,
  tally,
} from '../governance/index.ts';
import { expectOk } from '../governance/test-support.ts';
import { present, preset } from './testing/london.ts';

let body: Constitution;
beforeAll(async () => {
  body = await preset('nhs-standing-orders-default');
});

const members: MemberFact[] = [
  { id: 'chair', name: 'Chair', role: 'chair' },
  { id: 'ned-1', name: 'Non-officer 1', role: 'non-officer-member', office: 'viceChair' },
  { id: 'ned-2', name: 'Non-officer 2', role: 'non-officer-member' },
  { id: 'ned-3', name: 'Non-officer 3', role: 'non-officer-member' },
  { id: 'ce', name: 'Chief Executive', role: 'officer-member' },
  { id: 'fd', name: 'Finance Director', role: 'officer-member' },
];

describe("SI 2000/89 Sch 2: 'quorum one third of the whole membership including the chair, with at least one officer and one non-officer member'", () => {
  it('two of six members are quorate only with an officer and a non-officer among them', () => {
    expect(
      expectOk(evaluateQuorum(body, { members, attendance: present(members, ['ned-1', 'ce']) }))
        .quorate,
    ).toBe(true);
    const noOfficer = expectOk(
      evaluateQuorum(body, { members, attendance: present(members, ['ned-1', 'ned-2', 'chair']) }),
    );
    expect(noOfficer.quorate).toBe(false);
    expect(noOfficer.explanation.missing).toEqual(['no officer member present']);
    expect(
      expectOk(evaluateQuorum(body, { members, attendance: present(members, ['ce']) })).quorate,
    ).toBe(false);
  });
});

describe("SI 2000/89 Sch 2: 'questions decided by a majority of those present and voting; on a tie the person presiding has a second, casting vote'", () => {
  const everyone = present(
    members,
    members.map((member) => member.id),
  );
  it('a majority of those present and voting carries', () => {
    const result = expectOk(
      tally(
        body,
        { kind: 'ordinary-business' },
        {
          members,
          attendance: everyone,
          votes: [
            { voterId: 'ce', choice: 'for' },
            { voterId: 'fd', choice: 'for' },
            { voterId: 'ned-1', choice: 'against' },
            { voterId: 'ned-2', choice: 'abstain' },
          ],
        },
      ),
    );
    expect(result.outcome).toBe('carried');
  });
  it('on a tie, the chair presiding gives a casting vote', () => {
    const result = expectOk(
      tally(
        body,
        { kind: 'ordinary-business' },
        {
          members,
          attendance: everyone,
          votes: [
            { voterId: 'chair', choice: 'for' },
            { voterId: 'ce', choice: 'against' },
          ],
          castingVote: { by: 'chair', choice: 'for' },
        },
      ),
    );
    expect(result).toMatchObject({ outcome: 'carried', castingVoteUsed: true });
  });
});

describe("SI 1991/809: 'Chair absent: the vice-chair presides; both absent: members present elect one'", () => {
  it('the vice-chair presides when the chair is absent; otherwise the members present choose', () => {
    expect(
      expectOk(presidingMember(body, { members, attendance: present(members, ['ned-1', 'ce']) })),
    ).toMatchObject({ basis: 'viceChair', presiding: { id: 'ned-1' } });
    expect(
      expectOk(presidingMember(body, { members, attendance: present(members, ['ned-2', 'ce']) })),
    ).toMatchObject({ basis: 'none' });
    expect(
      expectOk(
        presidingMember(body, {
          members,
          attendance: present(members, ['ned-2', 'ce']),
          presidingMemberId: 'ned-2',
        }),
      ),
    ).toMatchObject({ basis: 'electedByMembersPresent' });
  });
});

describe("SI 2000/89 Sch 2: 'at least 3 clear days' notice stating the business'", () => {
  it('notice on Monday suffices for Friday, not for Thursday', () => {
    expect(
      expectOk(checkNotice(body, { noticeGivenOn: '2008-03-03', meetingOn: '2008-03-07' }))
        .sufficient,
    ).toBe(true);
    expect(
      expectOk(checkNotice(body, { noticeGivenOn: '2008-03-03', meetingOn: '2008-03-06' }))
        .sufficient,
    ).toBe(false);
  });
});

describe("SI 2000/89 Sch 2: 'one third of members may requisition a meeting'", () => {
  it('is recorded with its fraction', () => {
    expect(body.meetings.requisition?.fractionOfMembers).toEqual({ numerator: 1, denominator: 3 });
  });
});

describe("SI 1991/809 reg 10: 'Pecuniary interest: disclose, take no part in discussion or vote'", () => {
  it('a member with a declared interest neither votes nor counts toward the item’s quorum', () => {
    const meeting = {
      members,
      attendance: present(members, ['ned-1', 'fd']),
      conflicts: [{ memberId: 'fd', itemId: 'item-3', interest: 'spouse employed by the bidder' }],
    };
    const result = expectOk(evaluateQuorum(body, meeting, { itemId: 'item-3' }));
    expect(result.quorate).toBe(false);
    expect(result.explanation.excluded[0]).toMatchObject({
      id: 'fd',
      clause: 'SI 1991/809 reg 10',
    });
  });
});
