import { describe, expect, it } from 'vitest';
import {
  digestBody,
  digestSubject,
  questionReminderBody,
  questionReminderSubject,
} from './reminder-mail.ts';
import {
  digestsDue,
  inReminderWindow,
  isoWeekOf,
  questionRemindersDue,
  type Recipient,
  sentKey,
} from './reminder-rules.ts';

const closesAt = new Date('2026-12-10T17:00:00Z');
const hoursBefore = (hours: number) => new Date(closesAt.getTime() - hours * 3_600_000);

const person = (personId: string, overrides: Partial<Recipient> = {}): Recipient => ({
  personId,
  name: `Member ${personId}`,
  email: `${personId}@example.invalid`,
  questionReminders: true,
  actionDigest: true,
  ...overrides,
});

const recipients = new Map(
  [
    person('ada'),
    person('ben'),
    person('cy', { questionReminders: false, actionDigest: false }),
    person('di', { email: null }),
  ].map((entry) => [entry.personId, entry]),
);

const question = {
  proposalId: 'q1',
  closesAt,
  voters: [
    { personId: 'ada', hasRecorded: false },
    { personId: 'ben', hasRecorded: true },
    { personId: 'cy', hasRecorded: false },
    { personId: 'di', hasRecorded: false },
  ],
};

describe('the reminder before a question closes', () => {
  it('is due in the 24 hours before closing, not earlier and not once closed', () => {
    expect(inReminderWindow(closesAt, hoursBefore(25))).toBe(false);
    expect(inReminderWindow(closesAt, hoursBefore(24))).toBe(true);
    expect(inReminderWindow(closesAt, hoursBefore(0.5))).toBe(true);
    expect(inReminderWindow(closesAt, closesAt)).toBe(false);
    expect(inReminderWindow(closesAt, hoursBefore(-1))).toBe(false);
  });

  it('goes to each voter with nothing recorded, and says who is left out and why', () => {
    const { due, skipped } = questionRemindersDue(
      [question],
      recipients,
      new Set(),
      hoursBefore(3),
    );
    expect(due).toEqual([
      { proposalId: 'q1', personId: 'ada', email: 'ada@example.invalid', name: 'Member ada' },
    ]);
    expect(skipped).toEqual([
      { personId: 'cy', name: 'Member cy', why: 'turned-off' },
      { personId: 'di', name: 'Member di', why: 'no-address' },
    ]);
  });

  it('is never sent twice: a reminder already recorded is not due again', () => {
    const sent = new Set([sentKey('q1', 'ada')]);
    expect(questionRemindersDue([question], recipients, sent, hoursBefore(1)).due).toEqual([]);
  });

  it('is not due a day and a half before closing, even to someone yet to vote', () => {
    expect(questionRemindersDue([question], recipients, new Set(), hoursBefore(36)).due).toEqual(
      [],
    );
  });
});

describe('the weekly digest of overdue actions', () => {
  const actions = [
    { id: 'a1', ownerPersonId: 'ada', status: 'open', dueOn: '2026-10-23' },
    { id: 'a2', ownerPersonId: 'ada', status: 'open', dueOn: '2026-12-01' },
    { id: 'a3', ownerPersonId: 'ada', status: 'open', dueOn: '2026-12-07' },
    { id: 'a4', ownerPersonId: 'ben', status: 'done', dueOn: '2026-10-01' },
    { id: 'a5', ownerPersonId: 'cy', status: 'open', dueOn: '2026-10-01' },
    { id: 'a6', ownerPersonId: 'di', status: 'open', dueOn: '2026-10-01' },
  ];

  it('lists each owner’s overdue actions, most overdue first, with the days overdue', () => {
    const { due, skipped } = digestsDue(actions, recipients, new Set(), '2026-12-07');
    expect(due).toHaveLength(1);
    expect(due[0]?.personId).toBe('ada');
    // Due today is not yet overdue; done is never overdue.
    expect(due[0]?.actions.map((action) => [action.id, action.daysOverdue])).toEqual([
      ['a1', 45],
      ['a2', 6],
    ]);
    expect(skipped).toEqual([
      { personId: 'cy', name: 'Member cy', why: 'turned-off' },
      { personId: 'di', name: 'Member di', why: 'no-address' },
    ]);
  });

  it('goes once a week: an owner already sent this week’s digest gets none', () => {
    expect(digestsDue(actions, recipients, new Set(['ada']), '2026-12-09').due).toEqual([]);
  });

  it('numbers weeks as ISO 8601 does, across the turn of the year', () => {
    expect(isoWeekOf('2026-12-07')).toBe('2026-W50');
    expect(isoWeekOf('2026-12-13')).toBe('2026-W50');
    expect(isoWeekOf('2026-12-14')).toBe('2026-W51');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });
});

describe('the words of the reminders', () => {
  const content = {
    proposalId: 'q1',
    title: 'Adopt the stroke service specification',
    closesAt,
    asksForViews: true,
    meeting: {
      title: 'London Commissioning Group, December',
      bodyTitle: 'London Commissioning Group',
    },
    agendaItem: { position: 3, title: 'Stroke services', isConfidential: false },
  };

  it('names the question, the closing time in London and the link, in views for consensus', () => {
    expect(questionReminderSubject(content)).toBe(
      'Your view is awaited on “Adopt the stroke service specification”: it closes 10 December 2026 17:00',
    );
    const body = questionReminderBody(content, 'Ada Lovelace', 'https://concordat.example');
    expect(body).toContain(
      'You have not yet recorded your view on a question put to London Commissioning Group.',
    );
    expect(body).toContain('Question: Adopt the stroke service specification');
    expect(body).toContain('To record your view: https://concordat.example/proposals/q1');
    expect(body).toContain('https://concordat.example/account');
  });

  it('never names a Part II question or its item', () => {
    const confidential = {
      ...content,
      asksForViews: false,
      title: 'Disposal of the Edgware estate',
      agendaItem: { position: 5, title: 'Edgware estate', isConfidential: true },
    };
    const subject = questionReminderSubject(confidential);
    const body = questionReminderBody(confidential, 'Ada Lovelace', 'https://concordat.example');
    expect(subject).toBe(
      'Your vote is awaited on a confidential question for London Commissioning Group: it closes 10 December 2026 17:00',
    );
    for (const text of [subject, body]) expect(text).not.toMatch(/Edgware/);
    expect(body).toContain(
      'taken in Part II (confidential to members), so this e-mail does not name it',
    );
  });

  it('lists overdue actions with days overdue, keeping Part II actions unnamed', () => {
    const listed = [
      {
        description: 'Circulate the revised tariff',
        dueOn: '2026-10-23',
        daysOverdue: 45,
        isConfidential: false,
        meetingTitle: 'October meeting',
        bodyTitle: 'London Commissioning Group',
      },
      {
        description: 'Negotiate with the Edgware bidders',
        dueOn: '2026-12-06',
        daysOverdue: 1,
        isConfidential: true,
        meetingTitle: 'November meeting',
        bodyTitle: 'London Commissioning Group',
      },
    ];
    expect(digestSubject(listed)).toBe('Your overdue actions: 2 actions past their due date');
    const body = digestBody(listed, 'Ada Lovelace', '2026-12-07', 'https://concordat.example');
    expect(body).toContain(
      '- Circulate the revised tariff (October meeting): due 23 October 2026, 45 days overdue',
    );
    expect(body).toContain(
      '- An action from a Part II item of November meeting (confidential: sign in to read it): due 6 December 2026, 1 day overdue',
    );
    expect(body).not.toMatch(/Edgware/);
    expect(body).toContain('https://concordat.example/actions/overdue');
  });
});
