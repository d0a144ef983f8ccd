/**
 * What a meeting paper may be, and whether it was published in time. Pure, so each rule is tested
 * on its own: the upload's name says what kind of file it claims to be, and its first bytes must
 * agree before anything is stored.
 */
import { addDays, daysBetween, isIsoDate } from '../governance/index.ts';

export const maximumPaperBytes = 10 * 1024 * 1024;

/** Common practice (DOMAIN): papers are published 5 clear working days before the meeting. */
export const expectedClearWorkingDays = 5;

interface PaperKind {
  extension: string;
  mediaType: string;
  name: string;
  /** What the content of a genuine file of this kind looks like, for the refusal's words. */
  signature: string;
  matches(content: Buffer): boolean;
}

const zipSignature = Buffer.from('PK\u0003\u0004', 'latin1');

/** Office Open XML and OpenDocument files are zip archives; the part names say which kind. */
function zipContaining(content: Buffer, ...entryNames: string[]): boolean {
  return (
    content.subarray(0, 4).equals(zipSignature) &&
    entryNames.every((entryName) => content.includes(Buffer.from(entryName, 'latin1')))
  );
}

function isPlainText(content: Buffer): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

export const paperKinds: readonly PaperKind[] = [
  {
    extension: '.pdf',
    mediaType: 'application/pdf',
    name: 'PDF',
    signature: 'a PDF starts with %PDF-',
    matches: (content) => content.subarray(0, 5).toString('latin1') === '%PDF-',
  },
  {
    extension: '.docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    name: 'Word document',
    signature: 'a Word document is a zip archive holding word/document.xml',
    matches: (content) => zipContaining(content, '[Content_Types].xml', 'word/'),
  },
  {
    extension: '.xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    name: 'Excel workbook',
    signature: 'an Excel workbook is a zip archive holding xl/workbook.xml',
    matches: (content) => zipContaining(content, '[Content_Types].xml', 'xl/'),
  },
  {
    extension: '.odt',
    mediaType: 'application/vnd.oasis.opendocument.text',
    name: 'OpenDocument text',
    signature: 'an OpenDocument text file is a zip archive whose first entry names its type',
    // The OpenDocument standard puts an uncompressed "mimetype" entry first in the archive.
    matches: (content) =>
      content.subarray(0, 4).equals(zipSignature) &&
      content.subarray(30, 30 + 8 + 39).toString('latin1') ===
        'mimetypeapplication/vnd.oasis.opendocument.text',
  },
  {
    extension: '.txt',
    mediaType: 'text/plain; charset=utf-8',
    name: 'plain text',
    signature: 'plain text is UTF-8 with no binary bytes',
    matches: isPlainText,
  },
];

const allowedList =
  'a PDF (.pdf), Word (.docx), Excel (.xlsx), OpenDocument text (.odt) or plain text (.txt) file';

/**
 * The name a file is stored and offered under: the last path segment (browsers on Windows once
 * sent whole paths), without control characters, at most 200 characters.
 */
export function cleanFileName(fileName: string): string {
  const lastSegment = fileName.split(/[/\\]/).pop() ?? '';
  return [...lastSegment]
    .filter((character) => character.charCodeAt(0) >= 0x20 && character.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(-200);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export type UploadCheck =
  | { ok: true; fileName: string; mediaType: string; kind: string }
  | { ok: false; message: string };

/**
 * Whether an upload may become a paper: present, not empty, at most 10 MB, of an allowed kind by
 * its name, and with content that is really of that kind.
 */
export function checkUpload(file: {
  fileName: string;
  byteLength: number;
  /** True when the upload was cut off at the size limit, so it is bigger than allowed. */
  truncated: boolean;
  content: Buffer;
}): UploadCheck {
  const fileName = cleanFileName(file.fileName);
  if (fileName === '' && file.byteLength === 0) {
    return { ok: false, message: 'Choose a file to upload.' };
  }
  if (file.truncated || file.byteLength > maximumPaperBytes) {
    return {
      ok: false,
      message: `${fileName} is larger than ${megabytes(maximumPaperBytes)}; a paper can be at most ${megabytes(maximumPaperBytes)}.`,
    };
  }
  if (file.byteLength === 0) {
    return {
      ok: false,
      message: `${fileName || 'The selected file'} is empty; upload the paper itself.`,
    };
  }
  const lowerName = fileName.toLowerCase();
  const kind = paperKinds.find((candidate) => lowerName.endsWith(candidate.extension));
  if (!kind) {
    return {
      ok: false,
      message: `${fileName} is not an allowed kind of paper: upload ${allowedList}.`,
    };
  }
  if (!kind.matches(file.content)) {
    return {
      ok: false,
      message: `${fileName} is named as a ${kind.name} but its content is not one (${kind.signature}).`,
    };
  }
  return { ok: true, fileName, mediaType: kind.mediaType, kind: kind.name };
}

/**
 * Bank holidays in England (gov.uk/bank-holidays) for the years Concordat's meetings are held in;
 * outside these years only weekends are left out, and the explanation says so.
 */
export const englandBankHolidays: ReadonlySet<string> = new Set([
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
  '2028-01-03',
  '2028-04-14',
  '2028-04-17',
  '2028-05-01',
  '2028-05-29',
  '2028-08-28',
  '2028-12-25',
  '2028-12-26',
]);
const bankHolidayYears = new Set([...englandBankHolidays].map((date) => date.slice(0, 4)));

function isWorkingDay(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !englandBankHolidays.has(date);
}

/** Working days strictly between two dates: neither the day of publication nor the meeting's. */
export function clearWorkingDaysBetween(from: string, to: string): number {
  if (!isIsoDate(from) || !isIsoDate(to)) throw new RangeError(`not ISO dates: ${from}, ${to}`);
  let count = 0;
  for (let offset = 1; offset < daysBetween(from, to); offset += 1) {
    if (isWorkingDay(addDays(from, offset))) count += 1;
  }
  return count;
}

export interface PublicationCheck {
  late: boolean;
  clearWorkingDays: number;
  message: string;
}

/**
 * Whether a paper published on `publishedOn` reached members 5 clear working days before the
 * meeting on `meetingOn`. A warning, not a refusal: late papers are sometimes unavoidable, and the
 * record should show it rather than lose the paper.
 */
export function checkPublication(publishedOn: string, meetingOn: string): PublicationCheck {
  const clearWorkingDays = Math.max(0, clearWorkingDaysBetween(publishedOn, meetingOn));
  const late = publishedOn >= meetingOn || clearWorkingDays < expectedClearWorkingDays;
  const holidaysKnown =
    bankHolidayYears.has(publishedOn.slice(0, 4)) && bankHolidayYears.has(meetingOn.slice(0, 4));
  const counted = holidaysKnown
    ? ''
    : ' (weekends left out; bank holidays for these years are not known)';
  const message =
    publishedOn >= meetingOn
      ? `Published on or after the meeting day; common practice is ${expectedClearWorkingDays} clear working days before.`
      : late
        ? `Published ${clearWorkingDays} clear working day${clearWorkingDays === 1 ? '' : 's'} before the meeting${counted}; common practice is ${expectedClearWorkingDays}.`
        : `Published ${clearWorkingDays} clear working days before the meeting${counted}.`;
  return { late, clearWorkingDays, message };
}

/**
 * A Content-Disposition header that offers the paper under its own name: an ASCII fallback for
 * old clients and the exact UTF-8 name for the rest (RFC 6266, RFC 8187).
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*!]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
