/**
 * A constitution over time: which version is in force on a date, whether its review is due, which
 * boards have adopted it, and whether a meeting's notice was long enough. Dates are arguments; the
 * engine never reads the clock.
 */
import { addDays, dayNumber, daysBetween, type IsoDate, isIsoDate } from './calendar.ts';
import { bodyName } from './constitution-model.ts';
import type { Constitution } from './constitution-schema.ts';
import { citationOf, type Explanation, listInWords, plural } from './explanation.ts';
import { type AdoptionFacts, adoptionFactsSchema } from './facts.ts';
import { parseFacts } from './membership.ts';
import { type EngineResult, engineError, failure, success } from './result.ts';

function invalidDate(value: string, field: string): EngineResult<never> {
  return failure([
    engineError('invalid-date', `${field} "${value}" is not a date written YYYY-MM-DD`, {
      path: [field],
    }),
  ]);
}

function explanation(
  rule: { clause: string; text: string; assumption?: { reason: string } },
  summary: string,
  lines: string[],
  missing: string[] = [],
): Explanation {
  return {
    clause: rule.clause,
    text: rule.text,
    summary,
    counted: [],
    missing,
    excluded: [],
    citations: [citationOf(rule)],
    lines,
  };
}

export interface ReviewStatus {
  readonly status: 'current' | 'dueSoon' | 'overdue';
  readonly reviewDate: IsoDate;
  /** Days from `asOf` to the review date; negative once it has passed. */
  readonly daysRemaining: number;
  readonly explanation: Explanation;
}

/**
 * Whether a constitution's review is due: `dueSoon` within its warning period (default 90 days)
 * before the review date, `overdue` after it.
 */
export function reviewStatus(
  constitution: Constitution,
  asOf: IsoDate,
): EngineResult<ReviewStatus> {
  if (!isIsoDate(asOf)) return invalidDate(asOf, 'asOf');
  const review = constitution.review;
  const daysRemaining = daysBetween(asOf, review.date);
  const warnDays = review.warnDaysBefore ?? 90;
  const status = daysRemaining < 0 ? 'overdue' : daysRemaining <= warnDays ? 'dueSoon' : 'current';
  const summary =
    status === 'overdue'
      ? `Review overdue: ${constitution.identity.title} was due for review on ${review.date} (${review.clause}).`
      : status === 'dueSoon'
        ? `Review due in ${daysRemaining} days, on ${review.date} (${review.clause}).`
        : `Review not yet due: ${review.date} (${review.clause}).`;
  const lines = [
    `Version ${constitution.identity.version}, effective ${constitution.effective.date}; review due ${review.date}.`,
    `Warnings start ${warnDays} days before the review date (${addDays(review.date, -warnDays)}).`,
  ];
  if (review.earlierReview) {
    lines.push(
      `An earlier review may be called by ${listInWords(review.earlierReview.by.map((id) => bodyName(constitution, id)))} (${review.earlierReview.clause}).`,
    );
  }
  return success({
    status,
    reviewDate: review.date,
    daysRemaining,
    explanation: explanation(
      review,
      summary,
      lines,
      status === 'current' ? [] : ['a review of the arrangements'],
    ),
  });
}

export interface NoticeCheck {
  readonly sufficient: boolean;
  readonly clearDays: number;
  readonly required: number;
  /** The last day notice can be given for a meeting on that date. */
  readonly latestNoticeDate: IsoDate;
  readonly explanation: Explanation;
}

/**
 * Whether notice given on `noticeGivenOn` is enough for a meeting on `meetingOn`. Clear days
 * exclude both the day notice is given and the day of the meeting.
 */
export function checkNotice(
  constitution: Constitution,
  dates: { readonly noticeGivenOn: IsoDate; readonly meetingOn: IsoDate },
): EngineResult<NoticeCheck> {
  if (!isIsoDate(dates.noticeGivenOn)) return invalidDate(dates.noticeGivenOn, 'noticeGivenOn');
  if (!isIsoDate(dates.meetingOn)) return invalidDate(dates.meetingOn, 'meetingOn');
  const rule = constitution.meetings.notice;
  const clearDays = Math.max(0, daysBetween(dates.noticeGivenOn, dates.meetingOn) - 1);
  const latestNoticeDate = addDays(dates.meetingOn, -(rule.clearDays + 1));
  const sufficient =
    dayNumber(dates.noticeGivenOn) <= dayNumber(latestNoticeDate) &&
    dayNumber(dates.noticeGivenOn) < dayNumber(dates.meetingOn);
  const summary = sufficient
    ? `Notice sufficient: ${clearDays} clear days given, ${rule.clearDays} required (${rule.clause}).`
    : `Notice too short: ${clearDays} clear days given, ${rule.clearDays} required (${rule.clause}); notice was due by ${latestNoticeDate}.`;
  return success({
    sufficient,
    clearDays,
    required: rule.clearDays,
    latestNoticeDate,
    explanation: explanation(
      rule,
      summary,
      [
        `Notice given ${dates.noticeGivenOn} for a meeting on ${dates.meetingOn}: ${clearDays} clear days (neither day counts).`,
        `For a meeting on ${dates.meetingOn}, notice must be given by ${latestNoticeDate}.`,
      ],
      sufficient ? [] : [`${plural(rule.clearDays - clearDays, 'more clear day')} of notice`],
    ),
  });
}

/**
 * The version in force on a date: the one with the latest effective date on or before it. All
 * versions must be of one body.
 */
export function constitutionInForce(
  versions: readonly Constitution[],
  asOf: IsoDate,
): EngineResult<Constitution> {
  if (!isIsoDate(asOf)) return invalidDate(asOf, 'asOf');
  const ids = new Set(versions.map((version) => version.identity.id));
  if (ids.size > 1) {
    return failure([
      engineError(
        'different-bodies',
        `versions of more than one body were given: ${[...ids].join(', ')}`,
      ),
    ]);
  }
  const inForce = versions
    .filter((version) => dayNumber(version.effective.date) <= dayNumber(asOf))
    .sort((left, right) => dayNumber(right.effective.date) - dayNumber(left.effective.date))[0];
  return inForce
    ? success(inForce)
    : failure([engineError('no-version-in-force', `no version is in force on ${asOf}`)]);
}

export interface AdoptionStatus {
  readonly version: number;
  readonly adopted: readonly {
    readonly boardId: string;
    readonly name: string;
    readonly adoptedOn: IsoDate;
    readonly minuteReference: string;
  }[];
  readonly notAdopted: readonly { readonly boardId: string; readonly name: string }[];
  readonly explanation: Explanation;
}

/**
 * Which boards have formally adopted this version (2006 §103: each PCT Board approves the remit
 * and confirms its intent to act in partnership), and which have not, as of a date.
 */
export function adoptionStatus(
  constitution: Constitution,
  facts: AdoptionFacts,
  asOf: IsoDate,
): EngineResult<AdoptionStatus> {
  if (!isIsoDate(asOf)) return invalidDate(asOf, 'asOf');
  const parsed = parseFacts(adoptionFactsSchema, facts);
  if (!parsed.ok) return parsed;
  const rule = constitution.adoption;
  if (!rule) {
    return failure([
      engineError(
        'invalid-facts',
        `${constitution.identity.title} does not call for adoption by boards`,
      ),
    ]);
  }
  const boardIds = new Set(parsed.value.boards.map((board) => board.id));
  const unknown = parsed.value.adoptions.findIndex((adoption) => !boardIds.has(adoption.boardId));
  if (unknown >= 0) {
    return failure([
      engineError(
        'unknown-organisation',
        `an adoption is recorded for "${parsed.value.adoptions[unknown]?.boardId}", which is not among the boards`,
        {
          path: ['adoptions', unknown, 'boardId'],
        },
      ),
    ]);
  }
  const version = constitution.identity.version;
  const adopted = parsed.value.boards.flatMap((board) => {
    const record = parsed.value.adoptions.find(
      (adoption) =>
        adoption.boardId === board.id &&
        adoption.version === version &&
        dayNumber(adoption.adoptedOn) <= dayNumber(asOf),
    );
    return record
      ? [
          {
            boardId: board.id,
            name: board.name,
            adoptedOn: record.adoptedOn,
            minuteReference: record.minuteReference,
          },
        ]
      : [];
  });
  const adoptedIds = new Set(adopted.map((entry) => entry.boardId));
  const notAdopted = parsed.value.boards
    .filter((board) => !adoptedIds.has(board.id))
    .map((board) => ({ boardId: board.id, name: board.name }));
  const summary =
    notAdopted.length === 0
      ? `Version ${version} adopted by all ${adopted.length} boards (${rule.clause}).`
      : `Version ${version} adopted by ${adopted.length} of ${parsed.value.boards.length} boards; not yet by ${listInWords(notAdopted.map((board) => board.name))} (${rule.clause}).`;
  return success({
    version,
    adopted,
    notAdopted,
    explanation: explanation(
      rule,
      summary,
      adopted.map(
        (entry) =>
          `${entry.name} adopted version ${version} on ${entry.adoptedOn} (minute ${entry.minuteReference}).`,
      ),
      notAdopted.map((board) => `adoption by ${board.name}`),
    ),
  });
}
