import { describe, expect, it } from 'vitest';
import { presidingMember } from './chair.ts';
import { adoptionStatus, checkNotice, constitutionInForce, reviewStatus } from './lifecycle.ts';
import {
  attendance,
  constitutionFrom,
  expectErrors,
  expectOk,
  member,
  partnership,
  partnershipDocument,
} from './test-support.ts';

describe('reviewStatus', () => {
  it('warns within 90 days of the review date and after it', () => {
    expect(expectOk(reviewStatus(partnership(), '2020-06-01')).status).toBe('current');
    const soon = expectOk(reviewStatus(partnership(), '2020-11-01'));
    expect(soon).toMatchObject({ status: 'dueSoon', daysRemaining: 61 });
    expect(soon.explanation.summary).toBe('Review due in 61 days, on 2021-01-01 (T §99).');
    expect(expectOk(reviewStatus(partnership(), '2021-01-02'))).toMatchObject({
      status: 'overdue',
      daysRemaining: -1,
    });
    expect(expectErrors(reviewStatus(partnership(), 'soon'))[0]?.code).toBe('invalid-date');
  });
});

describe('checkNotice', () => {
  it('counts clear days excluding the day of notice and the day of the meeting', () => {
    const enough = expectOk(
      checkNotice(partnership(), { noticeGivenOn: '2020-03-01', meetingOn: '2020-03-05' }),
    );
    expect(enough).toMatchObject({
      sufficient: true,
      clearDays: 3,
      latestNoticeDate: '2020-03-01',
    });
    const short = expectOk(
      checkNotice(partnership(), { noticeGivenOn: '2020-03-02', meetingOn: '2020-03-05' }),
    );
    expect(short).toMatchObject({ sufficient: false, clearDays: 2 });
    expect(short.explanation.missing).toEqual(['1 more clear day of notice']);
  });
});

describe('constitutionInForce', () => {
  it('picks the version with the latest effective date on or before the date', () => {
    const later = partnershipDocument();
    later.identity = { id: 'test-partnership', title: 'Test Partnership', version: 2 };
    later.effective = { date: '2020-07-01', clause: 'T §1', text: 'Rule T §1.' };
    const versions = [partnership(), constitutionFrom(later)];
    expect(expectOk(constitutionInForce(versions, '2020-06-30')).identity.version).toBe(1);
    expect(expectOk(constitutionInForce(versions, '2020-07-01')).identity.version).toBe(2);
    expect(expectErrors(constitutionInForce(versions, '2019-01-01'))[0]?.code).toBe(
      'no-version-in-force',
    );
  });
});

describe('adoptionStatus', () => {
  it('shows who has and has not adopted this version, with the minute reference', () => {
    const result = expectOk(
      adoptionStatus(
        partnership(),
        {
          boards: [
            { id: 'a', name: 'Board A' },
            { id: 'b', name: 'Board B' },
          ],
          adoptions: [
            { boardId: 'a', version: 1, adoptedOn: '2020-01-20', minuteReference: 'A/20/07' },
            { boardId: 'b', version: 1, adoptedOn: '2020-03-01', minuteReference: 'B/20/11' },
          ],
        },
        '2020-02-01',
      ),
    );
    expect(result.adopted).toEqual([
      { boardId: 'a', name: 'Board A', adoptedOn: '2020-01-20', minuteReference: 'A/20/07' },
    ]);
    expect(result.notAdopted).toEqual([{ boardId: 'b', name: 'Board B' }]);
    expect(result.explanation.clause).toBe('T §2');
  });
});

describe('presidingMember', () => {
  const members = [
    member('e1', 'member', { sector: 'east', office: 'chair' }),
    member('w1', 'member', { sector: 'west' }),
  ];
  it('is the chair when present', () => {
    expect(
      expectOk(
        presidingMember(partnership(), { members, attendance: attendance({ e1: 'present' }) }),
      ),
    ).toMatchObject({
      basis: 'chair',
      presiding: { id: 'e1' },
    });
  });
  it('when the chair is absent, the members present choose, and until they do no one presides', () => {
    const waiting = expectOk(
      presidingMember(partnership(), { members, attendance: attendance({ w1: 'present' }) }),
    );
    expect(waiting).toMatchObject({ basis: 'none', presiding: undefined });
    const chosen = expectOk(
      presidingMember(partnership(), {
        members,
        attendance: attendance({ w1: 'present' }),
        presidingMemberId: 'w1',
      }),
    );
    expect(chosen).toMatchObject({ basis: 'electedByMembersPresent', presiding: { id: 'w1' } });
  });
  it('refuses someone else presiding while the chair is present', () => {
    const errors = expectErrors(
      presidingMember(partnership(), {
        members,
        attendance: attendance({ e1: 'present', w1: 'present' }),
        presidingMemberId: 'w1',
      }),
    );
    expect(errors[0]?.code).toBe('presiding-member-invalid');
  });
});
