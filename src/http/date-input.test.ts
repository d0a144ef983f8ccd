import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calendarDate } from '../shared/input.ts';
import { readDateParts, withDatesInQuery } from './date-input.ts';
import { datePartsIn, formErrors, parseForm, submittedFormValues } from './forms.ts';

describe('the NHS.UK date input read as a date (issue 22, item 5)', () => {
  it('reads day, month and year as an ISO date, a month by number or by name', () => {
    expect(readDateParts({ day: '27', month: '3', year: '2008' })).toEqual({
      kind: 'date',
      iso: '2008-03-27',
    });
    expect(readDateParts({ day: ' 1 ', month: 'Dec', year: '2026' })).toEqual({
      kind: 'date',
      iso: '2026-12-01',
    });
    expect(readDateParts({ day: '9', month: 'september', year: '2026' })).toMatchObject({
      iso: '2026-09-09',
    });
  });

  it('leaves a date with nothing typed to the schema', () => {
    expect(readDateParts({ day: '', month: ' ', year: '' })).toEqual({ kind: 'empty' });
  });

  it('says which part is missing, the NHS way', () => {
    expect(readDateParts({ day: '27', month: '', year: '2008' })).toEqual({
      kind: 'problem',
      message: 'The date must include a month',
      parts: ['month'],
    });
    expect(readDateParts({ day: '', month: '', year: '2008' })).toMatchObject({
      message: 'The date must include a day and a month',
    });
  });

  it('refuses a date that does not exist, or is not numbers', () => {
    for (const typed of [
      { day: '31', month: '2', year: '2026' },
      { day: '0', month: '1', year: '2026' },
      { day: '1', month: '13', year: '2026' },
      { day: 'x', month: '1', year: '2026' },
    ]) {
      expect(readDateParts(typed)).toMatchObject({ kind: 'problem', message: 'Enter a real date' });
    }
    expect(readDateParts({ day: '29', month: '2', year: '2028' })).toMatchObject({
      iso: '2028-02-29',
    });
  });

  it('asks for a four-figure year within the range the service keeps', () => {
    expect(readDateParts({ day: '1', month: '1', year: '26' })).toMatchObject({
      message: 'Year must include 4 numbers',
      parts: ['year'],
    });
    expect(readDateParts({ day: '1', month: '1', year: '1800' })).toMatchObject({
      message: 'The date must be between 1 January 1900 and 31 December 2999',
    });
  });
});

describe('a form with a date in three fields', () => {
  const schema = z.strictObject({
    title: z.string().min(1, 'Enter a title.'),
    dueOn: calendarDate('Enter the date the action is due as YYYY-MM-DD.'),
  });

  it('validates the ISO date the parts make, keeping the parts to show again', () => {
    const values = submittedFormValues(
      { title: 'T', 'dueOn[day]': '5', 'dueOn[month]': '1', 'dueOn[year]': '2027' },
      ['title', 'dueOn'],
      100,
    );
    expect(values).toMatchObject({ dueOn: '2027-01-05', 'dueOn[day]': '5' });
    expect(parseForm(schema, values)).toEqual({ title: 'T', dueOn: '2027-01-05' });
  });

  it('reports the parts’ problem in place of the schema’s, and one message per field', () => {
    const values = submittedFormValues(
      { title: '', 'dueOn[day]': '31', 'dueOn[month]': '4', 'dueOn[year]': '2027' },
      ['title', 'dueOn'],
      100,
    );
    let problem: unknown;
    try {
      parseForm(schema, values);
    } catch (caught) {
      problem = (caught as { problem: unknown }).problem;
    }
    const { errorList, fieldErrors } = formErrors(problem as never);
    expect(errorList).toEqual([
      { text: 'Enter a real date', href: '#dueOn' },
      { text: 'Enter a title.', href: '#title' },
    ]);
    expect(fieldErrors.dueOn).toEqual({ text: 'Enter a real date' });
  });

  it('asks for a missing date without the API’s YYYY-MM-DD', () => {
    expect(() =>
      parseForm(schema, { title: 'T', 'dueOn[day]': '', 'dueOn[month]': '', 'dueOn[year]': '' }),
    ).toThrow(
      expect.objectContaining({
        problem: expect.objectContaining({
          errors: [{ field: 'dueOn', message: 'Enter the date the action is due' }],
        }),
      }),
    );
  });

  it('does not add back a date field the page renamed (the meeting form’s date goes into startsAt)', () => {
    const moved = z.strictObject({ startsAt: z.string() });
    const values = submittedFormValues(
      { 'date[day]': '18', 'date[month]': '2', 'date[year]': '2027' },
      ['date'],
      20,
    );
    expect(
      parseForm(moved, { startsAt: `${values.date}T14:00:00Z`, ...datePartsIn(values) }),
    ).toEqual({ startsAt: '2027-02-18T14:00:00Z' });
  });

  it('still takes a date posted whole, as the API and older links send it', () => {
    expect(parseForm(schema, { title: 'T', dueOn: '2027-01-05' })).toEqual({
      title: 'T',
      dueOn: '2027-01-05',
    });
  });

  it('carries the parts to a record of the page’s own making, or a row’s names', () => {
    const values = { dueOn: '', 'dueOn[day]': '1', 'dueOn[problem]': 'Enter a real date' };
    expect(datePartsIn(values)).toEqual({
      'dueOn[day]': '1',
      'dueOn[problem]': 'Enter a real date',
    });
    expect(datePartsIn(values, (field) => `${field}-row`)).toEqual({
      'dueOn-row[day]': '1',
      'dueOn-row[problem]': 'Enter a real date',
    });
  });

  it('reads a GET filter’s date from its parts, or leaves it out when none was typed', () => {
    const read = withDatesInQuery(['asOf']);
    expect(read({ 'asOf[day]': '1', 'asOf[month]': '4', 'asOf[year]': '2008', x: 'y' })).toEqual({
      asOf: '2008-04-01',
      x: 'y',
    });
    expect(read({ 'asOf[day]': '', 'asOf[month]': '', 'asOf[year]': '' })).toEqual({});
    expect(read({ 'asOf[day]': '31', 'asOf[month]': '2', 'asOf[year]': '2008' })).toEqual({
      asOf: '31/2/2008',
    });
    expect(read({ asOf: '2008-04-01' })).toEqual({ asOf: '2008-04-01' });
  });
});
