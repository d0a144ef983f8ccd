/**
 * The minute of one agenda item in words, from what was recorded on it: declarations of interest
 * with the part the member took, each question's result with the engine's explanation and clause,
 * the advice note when consensus was not reached, the actions with owners and due dates, and the
 * dispute steps taken on the item. Pure: the draft minutes open from it, and the secretary edits
 * the narrative before saving.
 */
import type {
  RecordedAction,
  RecordedDeclaration,
  RecordedQuestion,
  RecordOfItem,
} from './minutes-from-the-record.ts';
import { longDateText } from './minutes-rules.ts';

type DisputeStep = RecordOfItem['disputeSteps'][number];

function listInWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function withFullStop(text: string): string {
  const trimmed = text.trim();
  return /[.!?”"]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function declarationText(declaration: RecordedDeclaration): string {
  const { member } = declaration;
  const kind = lowerFirst(declaration.kind);
  const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
  const declared = `${member} declared ${article} ${kind}: ${withFullStop(declaration.interest)}`;
  const parts = declaration.tookNoPartIn.map(
    (entry) =>
      `took no part in the vote on “${entry.question}”${entry.clause ? ` (${entry.clause})` : ''}`,
  );
  if (declaration.leftOutOfQuorum) parts.push('was not counted toward the quorum for this item');
  if (parts.length === 0) return `${declared} The declaration was noted.`;
  return `${declared} ${member} ${listInWords(parts)}.`;
}

export function questionText(question: RecordedQuestion): string {
  const what = `The ${question.isAmendment ? 'amendment' : 'question'} “${question.title}”`;
  switch (question.status) {
    case 'draft':
      return `${what} was prepared but not put to the meeting.`;
    case 'open':
      return `${what} is still open: no result is recorded yet.`;
    case 'withdrawn':
      return `${what} was withdrawn before a result was reached.`;
    case 'closed': {
      const summary = question.summary ? withFullStop(question.summary) : '';
      const clause =
        question.clause && !summary.includes(question.clause) ? ` (${question.clause})` : '';
      const outcome = question.outcome ?? 'Closed';
      // The engine's explanation usually says the outcome: it is then said once.
      const result = !summary
        ? `${outcome}${clause}.`
        : summary.toLowerCase().includes(outcome.toLowerCase())
          ? `${summary.slice(0, -1)}${clause}.`
          : `${outcome}${clause}: ${summary}`;
      const sentences = [`${what} was put to the meeting (${question.method}).`, result];
      if (question.advice) {
        const decidedBy =
          question.advice.decidedBy.length > 0
            ? `, for decision by ${listInWords(question.advice.decidedBy)}`
            : '';
        const note = question.advice.consensusOnAdvice
          ? 'This is advice, not a decision: an advice note goes to'
          : 'Consensus was not reached: an advice note setting out the range of views goes to';
        sentences.push(`${note} ${listInWords(question.advice.to)}${decidedBy}.`);
      }
      if (question.castingVoteUsed) sentences.push('The result rests on the casting vote.');
      return sentences.join(' ');
    }
  }
}

export function actionText(action: RecordedAction): string {
  return `Action: ${withFullStop(action.description)} Owner: ${action.owner}. Due by ${longDateText(action.dueOn)}.`;
}

export function disputeStepText(step: DisputeStep): string {
  const clause = step.clause ? ` (${step.clause})` : '';
  const board = step.board ? `, for ${step.board}` : '';
  const note = step.note ? ` ${withFullStop(step.note)}` : '';
  return `Dispute “${step.dispute}”: ${lowerFirst(step.action)}${clause}, taken by ${step.takenBy}${board}. Outcome: ${lowerFirst(step.outcomeText)}.${note}`;
}

/**
 * The item's minute as the record gives it, one paragraph to a line, or an empty string when
 * nothing was recorded on the item (the secretary writes that minute from scratch).
 */
export function minuteFromTheRecord(item: RecordOfItem): string {
  const paragraphs = [
    ...item.declarations.map(declarationText),
    ...item.questions.map(questionText),
    ...item.disputeSteps.map(disputeStepText),
    ...item.actions.map(actionText),
  ];
  return paragraphs.join('\n\n');
}
