/**
 * The dispute ladder: given a dispute's category and its dated, attributed history, what happens
 * next. Steps run in the ladder's order: a decision process agreed before any joint work starts
 * (2006 §112: no joint review may start without it), then the steps that can resolve the dispute
 * (a vote; mediation by the chair, which may be repeated; facilitation by the SHA, at the end of
 * the review where the rules say so), then sign-off by every sponsoring board. A history that
 * breaks that order is an error naming the clause, never silently reordered.
 */

import { dayNumber, type IsoDate, isIsoDate } from './calendar.ts';
import { bodyName, methodById } from './constitution-model.ts';
import type { Constitution, DisputeCategory, DisputeStep } from './constitution-schema.ts';
import {
  type Citation,
  citationOf,
  type Explanation,
  listInWords,
  uniqueCitations,
} from './explanation.ts';
import {
  type DisputeFacts,
  type DisputeHistoryEntry,
  type DisputeOutcome,
  disputeFactsSchema,
} from './facts.ts';
import { describeFraction } from './fraction.ts';
import { parseFacts } from './membership.ts';
import { type EngineError, type EngineResult, engineError, failure, success } from './result.ts';
import { voteBaseWords } from './tally.ts';

export type DisputeStatus = 'next' | 'waiting' | 'resolved' | 'unresolved' | 'signOffRefused';

export interface DisputeStepDescription {
  readonly id: string;
  readonly step: DisputeStep['step'];
  /** What the step is, in words. */
  readonly action: string;
  /** Who conducts or decides it: a body's name, or "the chair". */
  readonly by?: string;
  readonly clause: string;
  readonly text: string;
}

export interface DisputeStepResult {
  readonly status: DisputeStatus;
  readonly category: { readonly id: string; readonly title: string; readonly clause: string };
  /** The step due next (for `next`) or awaited (for `waiting`). */
  readonly step?: DisputeStepDescription;
  /** The step and entry that resolved the dispute, once one has. */
  readonly resolvedBy?: DisputeHistoryEntry;
  /** Sponsoring boards that have not yet signed off, while sign-off is due. */
  readonly awaitingSignOff?: readonly string[];
  readonly explanation: Explanation;
}

/**
 * Each kind of ladder step in words: the one place a page, the API's explanations and the engine's
 * errors take its name from, so `agreeProcess` or `signOff` never reaches a reader.
 */
export const disputeStepKindLabels: Record<DisputeStep['step'], string> = {
  agreeProcess: 'Agreeing the decision process',
  vote: 'Vote',
  mediation: 'Mediation by the chair',
  facilitation: 'Facilitation',
  signOff: 'Sign-off by the sponsoring boards',
};

/** Each outcome a ladder step can end in, in words. */
export const disputeOutcomeLabels: Record<DisputeOutcome, string> = {
  agreed: 'Agreed',
  notAgreed: 'Not agreed',
  carried: 'Carried',
  notCarried: 'Not carried',
  signedOff: 'Signed off',
  notSignedOff: 'Refused sign-off',
};

function outcomeInWords(outcome: DisputeOutcome): string {
  return disputeOutcomeLabels[outcome].toLowerCase();
}

const allowedOutcomes: Record<DisputeStep['step'], readonly DisputeOutcome[]> = {
  agreeProcess: ['agreed', 'notAgreed'],
  vote: ['carried', 'notCarried'],
  mediation: ['agreed', 'notAgreed'],
  facilitation: ['agreed', 'notAgreed'],
  signOff: ['signedOff', 'notSignedOff'],
};

function isResolving(step: DisputeStep): boolean {
  return step.step === 'vote' || step.step === 'mediation' || step.step === 'facilitation';
}

/** A ladder step in words, for explanations and documentation. */
export function describeDisputeStep(
  constitution: Constitution,
  step: DisputeStep,
): DisputeStepDescription {
  const common = { id: step.id, step: step.step, clause: step.clause, text: step.text };
  switch (step.step) {
    case 'agreeProcess':
      return {
        ...common,
        action:
          'agree, before the joint work starts, a process for decision making and how a failure to agree will be handled',
        ...(step.agreedBy ? { by: bodyName(constitution, step.agreedBy) } : {}),
      };
    case 'vote': {
      const method = methodById(constitution, step.method);
      const threshold =
        method?.kind === 'supermajority'
          ? ` (${describeFraction(method.threshold)} of ${voteBaseWords[method.base]})`
          : method?.kind === 'simpleMajority'
            ? ' (simple majority)'
            : '';
      return { ...common, action: `vote under "${method?.title ?? step.method}"${threshold}` };
    }
    case 'mediation':
      return {
        ...common,
        action: 'mediation within the group, conducted by the chair',
        by: 'the chair',
      };
    case 'facilitation':
      return {
        ...common,
        action: `ask ${bodyName(constitution, step.by)} to facilitate reaching a decision${step.when === 'endOfReview' ? ' (at the end of the review)' : ''}`,
        by: bodyName(constitution, step.by),
      };
    case 'signOff':
      return {
        ...common,
        action: `sign-off by ${bodyName(constitution, step.by)}`,
        by: bodyName(constitution, step.by),
      };
  }
}

function validateHistory(
  category: DisputeCategory,
  facts: DisputeFacts,
  asOf: IsoDate,
): EngineError[] {
  const errors: EngineError[] = [];
  let previous: string | undefined;
  facts.history.forEach((entry, index) => {
    const path = ['history', index];
    const step = category.ladder.find((candidate) => candidate.id === entry.step);
    if (!step) {
      errors.push(
        engineError(
          'unknown-dispute-step',
          `step "${entry.step}" is not on the ${category.title} ladder (${category.ladder.map((candidate) => candidate.id).join(', ')})`,
          { path: [...path, 'step'], clause: category.clause },
        ),
      );
      return;
    }
    if (!allowedOutcomes[step.step].includes(entry.outcome)) {
      errors.push(
        engineError(
          'dispute-history-invalid',
          `${disputeStepKindLabels[step.step].toLowerCase()} ends ${allowedOutcomes[step.step].map(outcomeInWords).join(' or ')}, not ${outcomeInWords(entry.outcome)}`,
          { path: [...path, 'outcome'], clause: step.clause },
        ),
      );
    }
    if (step.step === 'signOff') {
      if (entry.board === undefined) {
        errors.push(
          engineError('dispute-history-invalid', 'a sign-off must name the board that signed off', {
            path: [...path, 'board'],
            clause: step.clause,
          }),
        );
      } else if (
        facts.sponsoringBoards &&
        !facts.sponsoringBoards.some((board) => board.id === entry.board)
      ) {
        errors.push(
          engineError(
            'dispute-history-invalid',
            `"${entry.board}" is not one of the sponsoring boards`,
            { path: [...path, 'board'], clause: step.clause },
          ),
        );
      }
    }
    if (dayNumber(entry.date) > dayNumber(asOf)) {
      errors.push(
        engineError('dispute-history-invalid', `step dated ${entry.date} is after ${asOf}`, {
          path: [...path, 'date'],
        }),
      );
    }
    if (previous !== undefined && dayNumber(entry.date) < dayNumber(previous)) {
      errors.push(
        engineError(
          'dispute-history-invalid',
          `steps are kept in order: ${entry.date} comes before the previous step's ${previous}`,
          { path: [...path, 'date'] },
        ),
      );
    }
    previous = entry.date;
  });
  if (facts.reviewEndedOn !== undefined && dayNumber(facts.reviewEndedOn) > dayNumber(asOf)) {
    errors.push(
      engineError(
        'dispute-history-invalid',
        `the review is recorded as ending on ${facts.reviewEndedOn}, after ${asOf}`,
        { path: ['reviewEndedOn'] },
      ),
    );
  }
  return errors;
}

/**
 * Decide the next step of a dispute on its category's ladder.
 *
 * @param constitution A validated constitution with a disputes section.
 * @param facts The category, the sponsoring boards (when the ladder ends in sign-off), the date
 *   the review ended (if it has), and the history: every step taken, dated and attributed.
 * @param asOf Today's date ('YYYY-MM-DD'); history dated after it is refused.
 * @returns The next step (or that the dispute is resolved, unresolved, or waiting for the end of
 *   the review), with an explanation citing each clause; or errors for a history that does not
 *   fit the ladder (e.g. joint work begun before the decision process was agreed).
 */
export function nextDisputeStep(
  constitution: Constitution,
  facts: DisputeFacts,
  asOf: IsoDate,
): EngineResult<DisputeStepResult> {
  if (!isIsoDate(asOf)) {
    return failure([engineError('invalid-date', `"${asOf}" is not a date written YYYY-MM-DD`)]);
  }
  const parsed = parseFacts(disputeFactsSchema, facts);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const disputes = constitution.disputes;
  const category = disputes?.categories.find((candidate) => candidate.id === input.category);
  if (!disputes || !category) {
    return failure([
      engineError(
        'unknown-dispute-category',
        disputes
          ? `unknown dispute category "${input.category}": the categories are ${disputes.categories.map((candidate) => candidate.id).join(', ')}`
          : `${constitution.identity.title} has no dispute procedure`,
        { path: ['category'] },
      ),
    ]);
  }
  const historyErrors = validateHistory(category, input, asOf);
  if (historyErrors.length > 0) return failure(historyErrors);

  const ladder = category.ladder;
  const stepOf = (id: string): DisputeStep => ladder.find((step) => step.id === id) as DisputeStep;
  const labelOfStep = (id: string): string => disputeStepKindLabels[stepOf(id).step];
  const citations: Citation[] = [citationOf(category)];
  if (disputes.alongside) citations.push(citationOf(disputes.alongside));
  const boardNameOf = (id: string): string =>
    input.sponsoringBoards?.find((board) => board.id === id)?.name ?? id;
  const lines: string[] = [`Category: ${category.title} (${category.clause}).`];
  for (const entry of input.history) {
    const step = stepOf(entry.step);
    lines.push(
      `${entry.date}: ${describeDisputeStep(constitution, step).action}: ${outcomeInWords(entry.outcome)}${entry.board ? ` (${boardNameOf(entry.board)})` : ''}, recorded by ${entry.by}${entry.note ? `: ${entry.note}` : ''}.`,
    );
  }
  const alongsideLine = disputes.alongside
    ? [
        `${bodyName(constitution, disputes.alongside.performanceManagementBy)}'s performance management continues alongside (${disputes.alongside.clause}).`,
      ]
    : [];
  const finish = (
    status: DisputeStatus,
    summary: string,
    rule: { clause: string; text: string },
    extra: Partial<DisputeStepResult> = {},
    missing: string[] = [],
  ): EngineResult<DisputeStepResult> => {
    return success({
      status,
      category: { id: category.id, title: category.title, clause: category.clause },
      ...extra,
      explanation: {
        clause: rule.clause,
        text: rule.text,
        summary,
        counted: [],
        missing,
        excluded: [],
        citations: uniqueCitations([{ clause: rule.clause, text: rule.text }, ...citations]),
        lines: [...lines, ...alongsideLine],
      },
    });
  };
  const history = input.history;
  let position = 0;

  // 1. The decision process, agreed before any joint work.
  const first = ladder[0];
  if (first?.step === 'agreeProcess') {
    while (position < history.length && history[position]?.step === first.id) {
      if (history[position]?.outcome === 'agreed') break;
      position += 1;
    }
    const agreed = history[position]?.step === first.id && history[position]?.outcome === 'agreed';
    if (!agreed) {
      const premature = history[position];
      if (premature) {
        return failure([
          engineError(
            'dispute-history-invalid',
            `${labelOfStep(premature.step)} is recorded before the decision process was agreed; joint work may not start without it (${first.clause}: "${first.text}")`,
            { path: ['history', position, 'step'], clause: first.clause },
          ),
        ]);
      }
      const step = describeDisputeStep(constitution, first);
      return finish(
        'next',
        `Next (${first.clause}): ${step.action}; no joint work may start until it is agreed.`,
        first,
        { step },
        ['an agreed decision process'],
      );
    }
    position += 1;
  }

  // 2. The steps that can resolve the dispute, in order; mediation may be repeated.
  const resolving = ladder.filter(isResolving);
  let rung = 0;
  let resolution: DisputeHistoryEntry | undefined;
  for (; position < history.length; position += 1) {
    const entry = history[position] as DisputeHistoryEntry;
    const step = stepOf(entry.step);
    if (!isResolving(step)) {
      if (step.step === 'signOff') break;
      return failure([
        engineError(
          'dispute-history-invalid',
          `the decision process is recorded again after it was agreed`,
          {
            path: ['history', position, 'step'],
            clause: step.clause,
          },
        ),
      ]);
    }
    const expected = resolving[rung];
    const index = resolving.indexOf(step);
    const repeat = step.step === 'mediation' && rung > 0 && resolving[rung - 1] === step;
    if (index !== rung && !repeat) {
      return failure([
        engineError(
          'dispute-history-invalid',
          `${labelOfStep(step.id)} is out of order: the next step on the ladder is ${expected ? labelOfStep(expected.id).toLowerCase() : 'none'} (${category.clause})`,
          { path: ['history', position, 'step'], clause: step.clause },
        ),
      ]);
    }
    if (step.step === 'facilitation' && step.when === 'endOfReview') {
      if (
        input.reviewEndedOn === undefined ||
        dayNumber(entry.date) < dayNumber(input.reviewEndedOn)
      ) {
        return failure([
          engineError(
            'dispute-history-invalid',
            `facilitation is recorded before the end of the review; ${step.clause} asks for it only "at the end of the review"`,
            { path: ['history', position, 'date'], clause: step.clause },
          ),
        ]);
      }
    }
    citations.push(citationOf(step));
    if (entry.outcome === 'notAgreed') {
      if (!repeat) rung += 1;
      continue;
    }
    resolution = entry;
    position += 1;
    break;
  }

  if (!resolution) {
    const signOffEntry = history[position];
    if (signOffEntry) {
      return failure([
        engineError(
          'dispute-history-invalid',
          'sign-off is recorded before the dispute was resolved',
          {
            path: ['history', position, 'step'],
            clause: stepOf(signOffEntry.step).clause,
          },
        ),
      ]);
    }
    const next = resolving[rung];
    const lastTried = rung > 0 ? resolving[rung - 1] : undefined;
    if (!next) {
      const last = lastTried ?? category;
      return finish(
        'unresolved',
        `Unresolved: every step of the ${category.title} ladder has been tried without agreement.`,
        last,
        {},
        ['agreement'],
      );
    }
    const step = describeDisputeStep(constitution, next);
    if (
      next.step === 'facilitation' &&
      next.when === 'endOfReview' &&
      input.reviewEndedOn === undefined
    ) {
      const mediation = resolving.find((candidate) => candidate.step === 'mediation');
      lines.push(
        `The review has not ended: disagreements continue to go to mediation by the chair${mediation ? ` (${mediation.clause})` : ''}; if the PCTs still cannot agree at the end of the review, ${step.by} is asked to facilitate.`,
      );
      return finish(
        'waiting',
        `Waiting for the end of the review: then, if there is still no agreement, ${step.action} (${next.clause}).`,
        next,
        { step },
        ['the end of the review'],
      );
    }
    return finish('next', `Next (${next.clause}): ${step.action}.`, next, { step });
  }

  lines.push(
    `Resolved on ${resolution.date} by ${describeDisputeStep(constitution, stepOf(resolution.step)).action}: ${outcomeInWords(resolution.outcome)}.`,
  );

  // 3. Sign-off by every sponsoring board.
  const signOff = ladder[ladder.length - 1];
  if (signOff?.step !== 'signOff') {
    if (position < history.length) {
      return failure([
        engineError(
          'dispute-history-invalid',
          'steps are recorded after the dispute was resolved',
          {
            path: ['history', position, 'step'],
          },
        ),
      ]);
    }
    return finish(
      'resolved',
      `Resolved on ${resolution.date}: ${outcomeInWords(resolution.outcome)} (${stepOf(resolution.step).clause}).`,
      stepOf(resolution.step),
      { resolvedBy: resolution },
    );
  }
  citations.push(citationOf(signOff));
  const boards = input.sponsoringBoards;
  if (!boards || boards.length === 0) {
    return failure([
      engineError(
        'invalid-facts',
        `the ladder ends in sign-off by ${bodyName(constitution, signOff.by)}: give the sponsoring boards`,
        {
          path: ['sponsoringBoards'],
          clause: signOff.clause,
        },
      ),
    ]);
  }
  const signed = new Set<string>();
  for (; position < history.length; position += 1) {
    const entry = history[position] as DisputeHistoryEntry;
    if (entry.step !== signOff.id) {
      return failure([
        engineError(
          'dispute-history-invalid',
          `${labelOfStep(entry.step)} is recorded after the dispute was resolved; only sign-off remains`,
          {
            path: ['history', position, 'step'],
            clause: signOff.clause,
          },
        ),
      ]);
    }
    if (entry.outcome === 'notSignedOff') {
      const board = boards.find((candidate) => candidate.id === entry.board);
      return finish(
        'signOffRefused',
        `Sign-off refused by ${board?.name ?? entry.board} on ${entry.date}: the sponsoring boards must all sign off (${signOff.clause}).`,
        signOff,
        { resolvedBy: resolution, step: describeDisputeStep(constitution, signOff) },
        [`sign-off by ${board?.name ?? entry.board}`],
      );
    }
    if (entry.board) signed.add(entry.board);
  }
  const awaiting = boards.filter((board) => !signed.has(board.id));
  if (awaiting.length > 0) {
    const step = describeDisputeStep(constitution, signOff);
    return finish(
      'next',
      `Next (${signOff.clause}): ${step.action}: awaiting ${listInWords(awaiting.map((board) => board.name))}.`,
      signOff,
      { step, resolvedBy: resolution, awaitingSignOff: awaiting.map((board) => board.id) },
      awaiting.map((board) => `sign-off by ${board.name}`),
    );
  }
  return finish(
    'resolved',
    `Resolved and signed off by every sponsoring board (${signOff.clause}).`,
    signOff,
    { resolvedBy: resolution },
  );
}
