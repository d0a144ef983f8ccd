import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calendarDate,
  dateTime,
  earliestDate,
  invisibleOnlyTextIn,
  latestDate,
  unstorableCharacterIn,
  unstorableTextProblems,
} from './input.ts';

const dueOn = calendarDate('Enter the date the action is due as YYYY-MM-DD.');
const startsAt = dateTime('Enter when the meeting starts, e.g. 2026-12-10T14:00:00Z.');

function messagesOf(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

describe('a calendar date', () => {
  it('accepts every date from the first to the last of the range', () => {
    for (const date of [earliestDate, '2002-04-01', '2026-12-10', '2028-02-29', latestDate]) {
      expect(dueOn.safeParse(date).success, date).toBe(true);
    }
  });

  it('refuses dates PostgreSQL or the app cannot compute with, naming the range', () => {
    for (const date of ['0000-01-01', '0001-01-01', '1899-12-31', '3000-01-01', '9999-12-31']) {
      expect(messagesOf(dueOn.safeParse(date)), date).toEqual([
        'Enter a date from 1900-01-01 to 2999-12-31.',
      ]);
    }
  });

  it('refuses what is not a date in the calendar with the field’s own words', () => {
    for (const date of ['2026-02-30', '2027-02-29', '275760-09-13', '+275760-09-13', '2026-1-1']) {
      expect(messagesOf(dueOn.safeParse(date)), date).toEqual([
        'Enter the date the action is due as YYYY-MM-DD.',
      ]);
    }
  });

  it('says its range in the OpenAPI description', () => {
    expect(dueOn.meta()?.description).toContain('from 1900-01-01 to 2999-12-31');
  });
});

describe('a date and time', () => {
  it('accepts an instant with its offset inside the range', () => {
    for (const value of [
      '2026-12-10T14:00:00Z',
      '1900-01-01T00:00:00+01:00',
      '2999-12-31T23:59:59Z',
    ]) {
      expect(startsAt.safeParse(value).success, value).toBe(true);
    }
  });

  it('refuses year 0000, year 9999 and what JavaScript writes past year 9999', () => {
    expect(messagesOf(startsAt.safeParse('0000-01-01T00:00:00Z'))).toEqual([
      'Enter a date from 1900-01-01 to 2999-12-31.',
    ]);
    expect(messagesOf(startsAt.safeParse('9999-12-31T23:59:59Z'))).toEqual([
      'Enter a date from 1900-01-01 to 2999-12-31.',
    ]);
    expect(messagesOf(startsAt.safeParse('+275760-09-13T00:00:00.000Z'))).toEqual([
      'Enter when the meeting starts, e.g. 2026-12-10T14:00:00Z.',
    ]);
    expect(startsAt.safeParse('2026-12-10T14:00:00').success).toBe(false);
  });
});

describe('text the database cannot hold', () => {
  it('finds NUL and unpaired surrogates, and nothing in valid Unicode', () => {
    expect(unstorableCharacterIn('Minute\u0000')).toBe(
      'Remove the NUL character (U+0000): text cannot contain one.',
    );
    expect(unstorableCharacterIn('\ud800')).toBe(
      'Remove the unpaired surrogate (U+D800): text must be valid Unicode.',
    );
    expect(unstorableCharacterIn('ends with a high half \ud83d')).toContain('U+D83D');
    expect(unstorableCharacterIn('\udc00\ud800')).toContain('U+DC00');
    expect(unstorableCharacterIn('Brent Teaching PCT — “Part II” 😀 é')).toBeUndefined();
  });

  it('finds nothing in any well-formed string without NUL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const withoutNul = text.replaceAll('\u0000', '');
        expect(unstorableCharacterIn(withoutNul)).toBeUndefined();
      }),
    );
  });

  it('finds any unpaired surrogate wherever it is put', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'grapheme' }),
        fc.integer({ min: 0xd800, max: 0xdfff }),
        (before, after, code) => {
          // A low half after a high half would pair up; keep the surrogate unpaired on both sides.
          const text = `${before}x${String.fromCharCode(code)}x${after}`;
          expect(unstorableCharacterIn(text)).toBeDefined();
        },
      ),
    );
  });

  it('names each field at fault by its path, field names and nested lists included', () => {
    const body = {
      title: 'Fine',
      items: [{ title: 'ok' }, { title: 'bad\ud800' }],
      note: 'a\u0000b',
      '\u0000key': 'x',
      file: { fileName: 'paper\u0000.pdf', content: Buffer.from([0, 0xed, 0xa0, 0x80]) },
    };
    expect(
      unstorableTextProblems(body)
        .map((problem) => problem.field)
        .sort(),
    ).toEqual(['body', 'file.fileName', 'items.1.title', 'note']);
    expect(unstorableTextProblems('\ud800')).toEqual([
      {
        field: 'body',
        message: 'Remove the unpaired surrogate (U+D800): text must be valid Unicode.',
      },
    ]);
    expect(unstorableTextProblems({ from: '2026-01-01', q: 'stroke' })).toEqual([]);
    expect(unstorableTextProblems(undefined)).toEqual([]);
  });

  it('refuses text made only of invisible characters, and nothing a reader can see', () => {
    for (const invisible of ['\u200b', '\u202e', ' \u2060 ', '\u200b\u00a0\u200b']) {
      expect(invisibleOnlyTextIn(invisible), JSON.stringify(invisible)).toContain('invisible');
    }
    // Words with a zero-width joiner (as in some scripts and emoji), spaces alone and empty text pass.
    for (const shown of ['Stroke', 'a\u200db', '   ', '', 'Late:\u200b the board met']) {
      expect(invisibleOnlyTextIn(shown), JSON.stringify(shown)).toBeUndefined();
    }
    expect(unstorableTextProblems({ lateReason: '\u200b' })).toEqual([
      {
        field: 'lateReason',
        message: 'Type words a reader can see: this text is made only of invisible characters.',
      },
    ]);
  });

  // 200,000 levels take a second alone and longer on a loaded machine; the limit is not the point.
  it('walks a body nested deeper than the call stack without overflowing', {
    timeout: 60_000,
  }, () => {
    let deep: unknown = '\ud800';
    for (let depth = 0; depth < 200_000; depth++) deep = [deep];
    expect(unstorableTextProblems(deep)).toHaveLength(1);
  });
});
