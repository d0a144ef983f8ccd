import { describe, expect, it } from 'vitest';
import {
  checkAttendance,
  checkComments,
  checkRespondent,
  isCounted,
  londonMomentText,
  newResumeSecret,
  notOpenReason,
  responseFromForm,
  resumeHashOf,
  stateOnSubmit,
} from './respond-rules.ts';
import { type QuestionFacts, respondentCategories } from './response-rules.ts';

const questions: QuestionFacts[] = [
  { id: 'q1', number: 1, text: 'Agree?', kind: 'single-choice', options: ['Agree', 'Disagree'] },
  { id: 'q2', number: 2, text: 'Which?', kind: 'multiple-choice', options: ['A', 'B'] },
  { id: 'q4', number: 4, text: 'Else?', kind: 'free-text', options: [] },
];

describe('2008 "Healthcare for London" bullet 1: "taking full account of all the comments received"', () => {
  it('reads the form by question number and section number, never by id', () => {
    const input = responseFromForm(questions, ['4.1', '5.2'], {
      respondentCategory: 'public',
      'question-1': 'Agree',
      'question-2': ['A', 'B'],
      'question-4': 'Words',
      'comment-5.2': '  About stroke units  ',
      'comment-4.1': '   ',
      website: '',
    });
    expect(input.answers).toEqual({ q1: 'Agree', q2: ['A', 'B'], q4: 'Words' });
    expect(input.comments).toEqual([{ section: '5.2', text: 'About stroke units' }]);
    expect(input.honeypot).toBe('');
  });

  it('holds, never drops, a response that filled the honeypot', () => {
    expect(stateOnSubmit('')).toBe('submitted');
    expect(stateOnSubmit(undefined)).toBe('submitted');
    expect(stateOnSubmit('http://spam.example')).toBe('held');
  });

  it('counts a submitted response until it is confirmed a duplicate; drafts and held ones never', () => {
    expect(isCounted({ state: 'submitted', duplicateConfirmedAt: null })).toBe(true);
    expect(isCounted({ state: 'submitted', duplicateConfirmedAt: new Date() })).toBe(false);
    expect(isCounted({ state: 'held', duplicateConfirmedAt: null })).toBe(false);
    expect(isCounted({ state: 'draft', duplicateConfirmedAt: null })).toBe(false);
  });

  it('refuses a comment on a section the documents do not have', () => {
    const sections = new Map([['4.1', 's41']]);
    const checked = checkComments(
      [
        { section: '4.1', text: 'Fine' },
        { section: '9.9', text: 'Where?' },
      ],
      sections,
    );
    expect(checked.comments).toEqual([{ sectionId: 's41', text: 'Fine' }]);
    expect(checked.problems[0]!.message).toContain('no section 9.9');
  });
});

describe('2008 "Business development" bullet 2: "a framework for effective public and patient involvement"', () => {
  it('asks who is responding, and an organisation for its name', () => {
    expect(checkRespondent({ respondentCategory: '' }, respondentCategories).problems).toHaveLength(
      1,
    );
    const unnamed = checkRespondent({ respondentCategory: 'organisation' }, respondentCategories);
    expect(unnamed.problems[0]!.field).toBe('organisationName');
  });

  it('keeps consent to publish for an organisation only: a person is never published', () => {
    const person = checkRespondent(
      { respondentCategory: 'public', publishConsent: true, organisationName: 'Me' },
      respondentCategories,
    );
    expect(person).toEqual({ problems: [], organisationName: null, publishConsent: false });
    const organisation = checkRespondent(
      {
        respondentCategory: 'organisation',
        publishConsent: true,
        organisationName: ' Camden Link ',
      },
      respondentCategories,
    );
    expect(organisation).toEqual({
      problems: [],
      organisationName: 'Camden Link',
      publishConsent: true,
    });
  });

  it('says why a consultation is not open, with its dates in London time', () => {
    const consultation = {
      title: 'Consulting the capital',
      stage: 'approved',
      opensAt: new Date('2007-11-30T09:00:00Z'),
      closesAt: new Date('2008-03-07T17:00:00Z'),
    };
    expect(notOpenReason(consultation, new Date('2008-01-10T12:00:00Z'))).toBeNull();
    expect(notOpenReason(consultation, new Date('2008-03-08T12:00:00Z'))).toContain(
      'closed on 7 March 2008 at 17:00',
    );
    expect(notOpenReason(consultation, new Date('2007-11-01T12:00:00Z'))).toContain(
      'opens for responses on 30 November 2007 at 09:00',
    );
    expect(notOpenReason({ ...consultation, stage: 'approval-put' }, new Date())).toContain(
      'not yet approved',
    );
    expect(londonMomentText(new Date('2008-06-01T13:00:00Z'))).toBe('1 June 2008 at 14:00');
  });

  it('keeps only the hash of a resume link’s secret', () => {
    const { secret, hash } = newResumeSecret();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(hash).toBe(resumeHashOf(secret));
    expect(hash).not.toContain(secret);
  });
});

describe('events (2008 "Business development" bullet 2)', () => {
  it('takes attendance as a whole number of people, commas allowed, blank for not recorded', () => {
    expect(checkAttendance('1,240', ' Busy ')).toEqual({
      attendance: 1240,
      notes: 'Busy',
      problems: [],
    });
    expect(checkAttendance('', '')).toEqual({ attendance: null, notes: null, problems: [] });
    expect(checkAttendance('-3', '').problems[0]!.field).toBe('attendance');
    expect(checkAttendance('12.5', '').problems).toHaveLength(1);
  });
});
