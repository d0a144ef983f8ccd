import { describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  checkPublication,
  checkUpload,
  cleanFileName,
  clearWorkingDaysBetween,
  maximumPaperBytes,
} from './paper-rules.ts';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');

function upload(fileName: string, content: Buffer, truncated = false) {
  return checkUpload({ fileName, content, byteLength: content.length, truncated });
}

/** The start of a zip archive whose first entry is `name` holding `data`, stored uncompressed. */
function zipStart(name: string, data: string, ...laterNames: string[]): Buffer {
  const header = Buffer.alloc(30);
  header.write('PK\u0003\u0004', 0, 'latin1');
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([
    header,
    Buffer.from(name + data, 'latin1'),
    ...laterNames.map((later) => Buffer.from(`PK\u0003\u0004${later}`, 'latin1')),
  ]);
}

describe('what a paper may be', () => {
  it('takes a PDF whose content starts %PDF-', () => {
    expect(upload('Finance report.pdf', pdf)).toEqual({
      ok: true,
      fileName: 'Finance report.pdf',
      mediaType: 'application/pdf',
      kind: 'PDF',
    });
  });

  it('refuses a "PDF" whose content is not one, saying what a PDF looks like', () => {
    const refusal = upload('report.pdf', Buffer.from('<html>not a pdf</html>'));
    expect(refusal).toEqual({
      ok: false,
      message: 'report.pdf is named as a PDF but its content is not one (a PDF starts with %PDF-).',
    });
  });

  it('takes Word, Excel and OpenDocument files by their archive contents', () => {
    expect(
      upload('paper.docx', zipStart('[Content_Types].xml', '<Types/>', 'word/document.xml')),
    ).toMatchObject({ ok: true, kind: 'Word document' });
    expect(
      upload('budget.xlsx', zipStart('[Content_Types].xml', '<Types/>', 'xl/workbook.xml')),
    ).toMatchObject({ ok: true, kind: 'Excel workbook' });
    expect(
      upload('minutes.odt', zipStart('mimetype', 'application/vnd.oasis.opendocument.text')),
    ).toMatchObject({ ok: true, kind: 'OpenDocument text' });
    // A spreadsheet renamed .docx is not a Word document.
    expect(
      upload('budget.docx', zipStart('[Content_Types].xml', '<Types/>', 'xl/workbook.xml')),
    ).toMatchObject({ ok: false });
  });

  it('takes UTF-8 plain text and refuses binary content named .txt', () => {
    expect(upload('note.txt', Buffer.from('Item 4: the Part II note — £1.2m'))).toMatchObject({
      ok: true,
      mediaType: 'text/plain; charset=utf-8',
    });
    expect(upload('note.txt', Buffer.from([0x48, 0x00, 0x49]))).toMatchObject({ ok: false });
    expect(upload('note.txt', Buffer.from([0xff, 0xfe, 0x41]))).toMatchObject({ ok: false });
  });

  it('refuses other kinds, naming the allowed ones', () => {
    const refusal = upload('slides.pptx', zipStart('[Content_Types].xml', '', 'ppt/'));
    expect(refusal).toMatchObject({ ok: false });
    expect(!refusal.ok && refusal.message).toContain('PDF (.pdf), Word (.docx), Excel (.xlsx)');
  });

  it('refuses an empty file, no file, and a file over 10 MB', () => {
    expect(upload('empty.pdf', Buffer.alloc(0))).toEqual({
      ok: false,
      message: 'empty.pdf is empty; upload the paper itself.',
    });
    expect(upload('', Buffer.alloc(0))).toEqual({ ok: false, message: 'Choose a file to upload.' });
    const tooBig = checkUpload({
      fileName: 'big.pdf',
      content: pdf,
      byteLength: maximumPaperBytes,
      truncated: true,
    });
    expect(tooBig).toEqual({
      ok: false,
      message: 'big.pdf is larger than 10.0 MB; a paper can be at most 10.0 MB.',
    });
  });

  it('keeps only the file’s own name, without paths or control characters', () => {
    expect(cleanFileName('C:\\Users\\sec\\Board paper.pdf')).toBe('Board paper.pdf');
    expect(cleanFileName('../../etc/passwd\u0000.txt')).toBe('passwd.txt');
  });

  it('offers the paper under its own name, safely quoted', () => {
    expect(attachmentDisposition('Paper "A" (final).pdf')).toBe(
      `attachment; filename="Paper _A_ (final).pdf"; filename*=UTF-8''Paper%20%22A%22%20%28final%29.pdf`,
    );
    expect(attachmentDisposition('Résumé.pdf')).toContain("filename*=UTF-8''R%C3%A9sum%C3%A9.pdf");
  });
});

describe('DOMAIN: "Common practice: papers published 5 clear working days before" — a warning, not a refusal', () => {
  it('counts working days strictly between publication and the meeting', () => {
    // Thursday 3 December to Thursday 10 December 2026: Fri, Mon, Tue, Wed = 4.
    expect(clearWorkingDaysBetween('2026-12-03', '2026-12-10')).toBe(4);
    expect(clearWorkingDaysBetween('2026-12-02', '2026-12-10')).toBe(5);
  });

  it('leaves out England’s bank holidays (25 and 28 December 2026, 1 January 2027)', () => {
    // 8 weekdays lie between; three of them are bank holidays.
    expect(clearWorkingDaysBetween('2026-12-23', '2027-01-05')).toBe(5);
  });

  it('flags a paper published 4 clear working days before, and not one published 5', () => {
    expect(checkPublication('2026-12-03', '2026-12-10')).toEqual({
      late: true,
      clearWorkingDays: 4,
      message: 'Published 4 clear working days before the meeting; common practice is 5.',
    });
    expect(checkPublication('2026-12-02', '2026-12-10')).toMatchObject({
      late: false,
      clearWorkingDays: 5,
    });
  });

  it('flags a paper published on the meeting day or after it', () => {
    expect(checkPublication('2026-12-10', '2026-12-10')).toMatchObject({
      late: true,
      clearWorkingDays: 0,
    });
    expect(checkPublication('2026-12-11', '2026-12-10').message).toContain(
      'on or after the meeting day',
    );
  });

  it('says when bank holidays are not known for the years involved', () => {
    expect(checkPublication('2031-01-01', '2031-03-01').message).toContain(
      'bank holidays for these years are not known',
    );
  });
});
