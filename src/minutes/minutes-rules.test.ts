import { beforeAll, describe, expect, it } from 'vitest';
import { preset } from '../constitutions/testing/london.ts';
import type { Constitution } from '../governance/index.ts';
import { londonPartnerOrganisations, londonPrimaryCareTrusts } from '../registry/reference-data.ts';
import {
  type ApprovalFacts,
  approvalRefusals,
  distributionCounts,
  distributionCountsText,
  hiddenMinutesText,
  minutesItemTitle,
  minutesRecipients,
  nextMeeting,
  previousMeeting,
  type RecipientOrganisation,
} from './minutes-rules.ts';

/** The London registry as the seed loads it; a few boards have a correspondence address. */
const registry: RecipientOrganisation[] = [
  ...londonPrimaryCareTrusts,
  ...londonPartnerOrganisations,
].map((organisation, index) => ({
  id: `organisation-${index}`,
  name: organisation.name,
  type: organisation.type,
  odsCode: organisation.odsCode,
  sectorId: organisation.sectorId,
  correspondenceEmail: index % 2 === 0 ? `board-${index}@demo.invalid` : null,
}));

let group2008: Constitution;
let group2006: Constitution;
let northWest2006: Constitution;
beforeAll(async () => {
  group2008 = await preset('london-commissioning-group-2008');
  group2006 = await preset('london-commissioning-group-2006');
  northWest2006 = await preset('local-commissioning-group-2006-north-west');
});

describe('who receives the minutes (the reporting duty of kind "minutes")', () => {
  it('2008 §Key responsibilities, Communications: "Minutes will be prepared for each meeting" — each of the 31 London PCTs and NHS London, once each', () => {
    const resolved = minutesRecipients(group2008, registry);
    expect(resolved.recipients).toHaveLength(32);
    expect(resolved.recipients.map((organisation) => organisation.name)).toContain('NHS London');
    expect(
      resolved.recipients.filter((organisation) => organisation.type === 'primary-care-trust'),
    ).toHaveLength(31);
    expect(new Set(resolved.recipients.map((organisation) => organisation.id)).size).toBe(32);
    expect(resolved.unmatched).toEqual([]);
    expect(resolved.duties[0]).toMatchObject({
      clause: '2008 §Key responsibilities, Communications',
    });
    expect(resolved.duties[0]?.assumption).toContain('accountable to');
    expect(resolved.recipients.map((organisation) => organisation.name)).not.toContain(
      'London Councils',
    );
  });

  it('2006 §110: "Copies of the minutes of all meetings will be supplied to each PCT" — a local group sends them to its constituent PCTs only, matched by ODS code', () => {
    const resolved = minutesRecipients(northWest2006, registry);
    expect(resolved.recipients.map((organisation) => organisation.odsCode).sort()).toEqual(
      ['5AT', '5H1', '5HX', '5HY', '5K5', '5K6', '5LA', '5LC'].sort(),
    );
    expect(resolved.unmatched).toEqual([]);
  });

  it('the 2006 London group sends them to the London PCTs without NHS London', () => {
    const resolved = minutesRecipients(group2006, registry);
    expect(resolved.recipients).toHaveLength(31);
    expect(resolved.recipients.map((organisation) => organisation.name)).not.toContain(
      'NHS London',
    );
  });

  it('reports a named body the registry cannot resolve instead of skipping it', () => {
    const withoutNhsLondon = registry.filter((organisation) => organisation.name !== 'NHS London');
    const resolved = minutesRecipients(group2008, withoutNhsLondon);
    expect(resolved.recipients).toHaveLength(31);
    expect(resolved.unmatched).toEqual(['NHS London (not in the registry)']);
  });

  it('a constitution with no minutes duty names no one', () => {
    const resolved = minutesRecipients({ ...group2008, reporting: [] }, registry);
    expect(resolved).toEqual({ duties: [], recipients: [], unmatched: [] });
  });
});

const at = (iso: string) => new Date(iso);
const meetings = [
  { id: 'c', startsAt: at('2027-02-11T14:00:00Z'), status: 'scheduled' },
  { id: 'a', startsAt: at('2026-12-10T14:00:00Z'), status: 'held' },
  { id: 'x', startsAt: at('2027-01-07T14:00:00Z'), status: 'cancelled' },
  { id: 'b', startsAt: at('2027-01-14T14:00:00Z'), status: 'scheduled' },
];

describe('which meeting approves which minutes', () => {
  it('the next meeting is the one held immediately after; a cancelled meeting is skipped', () => {
    expect(nextMeeting(meetings, 'a')?.id).toBe('b');
    expect(previousMeeting(meetings, 'b')?.id).toBe('a');
    expect(previousMeeting(meetings, 'c')?.id).toBe('b');
    expect(previousMeeting(meetings, 'a')).toBeUndefined();
    expect(nextMeeting(meetings, 'c')).toBeUndefined();
  });

  it('names the approval item after the day the minuted meeting was held', () => {
    expect(minutesItemTitle('2026-12-10')).toBe('Minutes of the meeting held on 10 December 2026');
  });
});

const ready: ApprovalFacts = {
  minutes: { title: 'December meeting', meetingOn: '2026-12-10' },
  alreadyApproved: false,
  approvalItem: { meetingId: 'b', meetingTitle: 'January meeting' },
  next: { id: 'b', title: 'January meeting' },
  quorum: {
    quorate: true,
    summary: 'Quorate: the chair and 9 London PCT Chief Executives are present.',
    clause: '2008 §Quorum',
    text: 'To remain quorate there will need to be a minimum of 8 London PCT Chief Executives (with an individual from each sector) in addition to the Chair.',
    missing: [],
  },
  itemsWithoutMinutes: [],
};

describe('before minutes are approved (standing orders: "approved and signed at the next meeting by the person presiding")', () => {
  it('minutes on the next meeting’s agenda, at a quorate meeting, every item minuted: no refusal', () => {
    expect(approvalRefusals(ready)).toEqual([]);
  });

  it('2008 §Quorum: an inquorate approving meeting is refused naming the clause, its words and the missing sector', () => {
    const [refusal, ...others] = approvalRefusals({
      ...ready,
      quorum: {
        ...ready.quorum!,
        quorate: false,
        summary: 'Inquorate: South East sector unrepresented.',
        missing: ['a London PCT Chief Executive from South East'],
      },
    });
    expect(others).toEqual([]);
    expect(refusal).toMatchObject({ status: 400, code: 'inquorate', field: 'quorum' });
    expect(refusal?.message).toContain('2008 §Quorum');
    expect(refusal?.message).toContain('minimum of 8 London PCT Chief Executives');
    expect(refusal?.message).toContain('from South East');
  });

  it('refuses minutes that are on no agenda, or on the agenda of a meeting that is not the next', () => {
    expect(approvalRefusals({ ...ready, approvalItem: undefined })[0]).toMatchObject({
      code: 'minutes-not-on-agenda',
      field: 'approvalItem',
    });
    const later = approvalRefusals({
      ...ready,
      approvalItem: { meetingId: 'c', meetingTitle: 'February meeting' },
    });
    expect(later[0]).toMatchObject({ code: 'not-next-meeting' });
    expect(later[0]?.message).toContain('that is January meeting');
  });

  it('refuses while an item has no minute, listing it', () => {
    const [refusal] = approvalRefusals({
      ...ready,
      itemsWithoutMinutes: [{ position: 2, title: 'Specialised commissioning' }],
    });
    expect(refusal).toMatchObject({ code: 'minutes-incomplete', field: 'minutes' });
    expect(refusal?.message).toContain('2. Specialised commissioning');
  });

  it('refuses a second approval with 409: approved minutes are signed and cannot change', () => {
    const refusals = approvalRefusals({ ...ready, alreadyApproved: true });
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ status: 409, code: 'minutes-approved' });
    expect(refusals[0]?.message).toContain('cannot change');
  });
});

describe('counting the distribution', () => {
  it('"32 sent, 1 received", naming pending, failed and by-hand copies only when there are any', () => {
    const rows = [
      ...Array.from({ length: 31 }, () => ({ mailStatus: 'sent' as const, receivedAt: null })),
      { mailStatus: 'sent' as const, receivedAt: new Date('2026-11-23T10:00:00Z') },
    ];
    expect(distributionCountsText(distributionCounts(rows))).toBe('32 sent, 1 received');
    const mixed = distributionCounts([
      { mailStatus: 'pending', receivedAt: null },
      { mailStatus: 'failed', receivedAt: null },
      { mailStatus: null, receivedAt: null },
    ]);
    expect(mixed).toEqual({ total: 3, sent: 0, pending: 1, failed: 1, byHand: 1, received: 0 });
    expect(distributionCountsText(mixed)).toBe(
      '0 sent, 1 waiting to send, 1 failed, 1 to send by hand, 0 received',
    );
  });

  it('says how many Part II items are not published', () => {
    expect(hiddenMinutesText(1)).toBe('1 Part II item is not published');
    expect(hiddenMinutesText(2)).toBe('2 Part II items are not published');
  });
});
