/**
 * The legal checks of a consultation before the Joint Committee approves it, pure: the Gunning
 * principles (R v Brent LBC ex p Gunning, 1985), the Cabinet Office Code of Practice 2008 on the
 * period, NHS London's scrutiny of the documents (2008 "Accountabilities") and at least one
 * question. Each check names its clause and reports the facts it read, so the prepare page and
 * the refusals say the same thing. The rules also say what may change at which stage.
 */
import type { FieldProblem } from '../shared/problems.ts';
import { type QuestionKind, questionKinds } from './response-rules.ts';

export const clauses = {
  manageConsultation: {
    clause: '2008 "Healthcare for London" bullet 1',
    text: 'Manage the consultation process – developing the consultation documentation and setting out the detailed process for consultation (eg the range, nature and extent of public meetings) which ensures that it meets legal requirements and good practice guidelines',
  },
  scrutiny: {
    clause: '2008 "Accountabilities"',
    text: 'NHS London retains its responsibilities for normal planning processes, including scrutinising and agreeing business cases and consultation documents',
  },
  approval: {
    clause: '2008 "Accountabilities"',
    text: 'London PCT Boards will discharge their formal responsibilities in respect of approving consultation and taking decisions following consultation by means of a Joint Committee',
  },
  involvement: {
    clause: '2008 "Business development" bullet 2',
    text: 'Develop a framework for effective public and patient involvement in the London commissioning model, ensuring that the statutory responsibilities for engagement, involvement and consultation are met',
  },
  gunning1: {
    clause: 'Gunning principle 1',
    text: 'consult while the proposals are at a formative stage',
  },
  gunning2: {
    clause: 'Gunning principle 2',
    text: 'give sufficient reasons for any proposal to permit intelligent consideration and response',
  },
  gunning3: {
    clause: 'Gunning principle 3 and the Cabinet Office Code of Practice on Consultation (2008)',
    text: 'allow adequate time for consideration and response: normally at least 12 weeks',
  },
  gunning4: {
    clause: 'Gunning principle 4',
    text: 'the product of consultation must be conscientiously taken into account in finalising the proposals',
  },
} as const;

/** The Code of Practice's "normally at least 12 weeks", in whole days. */
export const normalPeriodDays = 12 * 7;

const dayMs = 24 * 60 * 60 * 1000;

export type CheckId =
  | 'formative-stage'
  | 'sufficient-reasons'
  | 'adequate-time'
  | 'conscientious-consideration'
  | 'nhs-london-scrutiny'
  | 'questions';

export interface CheckResult {
  id: CheckId;
  title: string;
  clause: string;
  quote: string;
  /** 'to-be-met-at-decision' only for Gunning 4: the analysis slice enforces it at the decision. */
  status: 'met' | 'not-met' | 'to-be-met-at-decision';
  /** The facts read, in plain words. */
  facts: string;
}

/** What the checks read of a consultation. */
export interface PreparationFacts {
  opensAt: Date | null;
  closesAt: Date | null;
  shortPeriodReason: string | null;
  formativeStatement: string | null;
  reasonsStatement: string | null;
  scrutinyRecordedAt: Date | null;
  scrutinyByName: string | null;
  /** Documents with at least one section in their latest version. */
  documentsWithSections: number;
  questionCount: number;
}

const filled = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim().length > 0;

/** The period in whole days from opening to closing, or null while either is unset. */
export function periodDays(opensAt: Date | null, closesAt: Date | null): number | null {
  if (!opensAt || !closesAt) return null;
  return Math.floor((closesAt.getTime() - opensAt.getTime()) / dayMs);
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** Every check, in the order the prepare page shows them. */
export function preparationChecks(facts: PreparationFacts): CheckResult[] {
  const days = periodDays(facts.opensAt, facts.closesAt);
  const weeks = days === null ? null : Math.floor(days / 7);
  return [
    {
      id: 'formative-stage',
      title: 'Proposals at a formative stage',
      clause: clauses.gunning1.clause,
      quote: clauses.gunning1.text,
      status: filled(facts.formativeStatement) ? 'met' : 'not-met',
      facts: filled(facts.formativeStatement)
        ? `Statement recorded: “${facts.formativeStatement.trim()}”`
        : 'No statement that the proposals are still formative has been recorded.',
    },
    {
      id: 'sufficient-reasons',
      title: 'Sufficient reasons given',
      clause: clauses.gunning2.clause,
      quote: clauses.gunning2.text,
      status: filled(facts.reasonsStatement) && facts.documentsWithSections > 0 ? 'met' : 'not-met',
      facts: [
        filled(facts.reasonsStatement)
          ? 'A statement of the reasons is recorded.'
          : 'No statement of the reasons is recorded.',
        facts.documentsWithSections > 0
          ? `${plural(facts.documentsWithSections, 'document has', 'documents have')} sections.`
          : 'No document with sections has been added.',
      ].join(' '),
    },
    {
      id: 'adequate-time',
      title: 'Adequate time to respond',
      clause: clauses.gunning3.clause,
      quote: clauses.gunning3.text,
      status:
        days === null
          ? 'not-met'
          : days >= normalPeriodDays || filled(facts.shortPeriodReason)
            ? 'met'
            : 'not-met',
      facts:
        days === null
          ? 'The opening and closing times are not both set.'
          : days >= normalPeriodDays
            ? `The period is ${plural(days, 'day', 'days')} (${plural(weeks ?? 0, 'whole week', 'whole weeks')}), at least 12 weeks.`
            : filled(facts.shortPeriodReason)
              ? `The period is ${plural(days, 'day', 'days')}, under 12 weeks; the reason recorded: “${facts.shortPeriodReason.trim()}”`
              : `The period is ${plural(days, 'day', 'days')}, under 12 weeks (${normalPeriodDays} days), and no reason for a shorter period is recorded.`,
    },
    {
      id: 'conscientious-consideration',
      title: 'Responses conscientiously taken into account',
      clause: clauses.gunning4.clause,
      quote: clauses.gunning4.text,
      status: 'to-be-met-at-decision',
      facts:
        'To be met at decision: the analysis report and each theme’s response (“we heard, we did”) before the Joint Committee decides.',
    },
    {
      id: 'nhs-london-scrutiny',
      title: 'NHS London’s scrutiny of the documents',
      clause: clauses.scrutiny.clause,
      quote: clauses.scrutiny.text,
      status: facts.scrutinyRecordedAt ? 'met' : 'not-met',
      facts: facts.scrutinyRecordedAt
        ? `Recorded${facts.scrutinyByName ? ` by ${facts.scrutinyByName}` : ''}.`
        : 'NHS London’s scrutiny of the documents as they stand has not been recorded.',
    },
    {
      id: 'questions',
      title: 'At least one question',
      clause: clauses.manageConsultation.clause,
      quote: clauses.manageConsultation.text,
      status: facts.questionCount > 0 ? 'met' : 'not-met',
      facts:
        facts.questionCount > 0
          ? `${plural(facts.questionCount, 'question', 'questions')}.`
          : 'No question has been added.',
    },
  ];
}

/** The checks not met that stop the approval being put (every check but Gunning 4). */
export function approvalRefusals(facts: PreparationFacts): CheckResult[] {
  return preparationChecks(facts).filter((check) => check.status === 'not-met');
}

/** Refusal words for a check not met, naming its clause and facts. */
export function refusalText(check: CheckResult): string {
  return `${check.title} is not met (${check.clause}: “${check.quote}”): ${check.facts}`;
}

/**
 * The period as a whole: closing after opening, and under 12 weeks only with a reason.
 * Returns field problems (empty when fine).
 */
export function periodProblems(
  opensAt: Date | null,
  closesAt: Date | null,
  shortPeriodReason: string | null,
): FieldProblem[] {
  if (!opensAt || !closesAt) return [];
  if (closesAt <= opensAt) {
    return [{ field: 'closesAt', message: 'The closing time must be after the opening time.' }];
  }
  const days = periodDays(opensAt, closesAt) ?? 0;
  if (days < normalPeriodDays && !filled(shortPeriodReason)) {
    return [
      {
        field: 'shortPeriodReason',
        message: `The period is ${plural(days, 'day', 'days')}, under 12 weeks: record the reason for a shorter period (${clauses.gunning3.clause}: “${clauses.gunning3.text}”).`,
      },
    ];
  }
  return [];
}

/**
 * The time people really have is from the approval to the close when the approval is recorded
 * after the stated opening (a consultation takes no response before it is approved): under 12
 * weeks without a recorded reason, the approval cannot stand on the period the Joint Committee
 * saw (review M9). Undefined when the time left is adequate.
 */
export function periodLeftAtApprovalRefusal(
  consultation: { opensAt: Date | null; closesAt: Date | null; shortPeriodReason: string | null },
  approvedAt: Date,
): string | undefined {
  const { opensAt, closesAt } = consultation;
  if (!opensAt || !closesAt || approvedAt <= opensAt) return undefined;
  if (filled(consultation.shortPeriodReason)) return undefined;
  const daysLeft = periodDays(approvedAt, closesAt) ?? 0;
  if (daysLeft >= normalPeriodDays) return undefined;
  const stated = periodDays(opensAt, closesAt) ?? 0;
  return `The opening time passed before the approval was recorded, so people would have ${plural(Math.max(daysLeft, 0), 'day', 'days')} from the approval to the close, not the ${plural(stated, 'day', 'days')} put to the Joint Committee: under 12 weeks, with no reason recorded for a shorter period (${clauses.gunning3.clause}: “${clauses.gunning3.text}”). The consultation is being prepared again: change its period, or record the reason, and put the approval again.`;
}

/** Papers and questions change only while preparing. */
export function papersChangeRefusal(stage: string, what: string): string | undefined {
  if (stage === 'preparing') return undefined;
  return `The ${what} cannot change once the consultation has been put to the Joint Committee for approval (${clauses.approval.clause}: the Joint Committee approves the consultation as it was put): it is ${stageText(stage)}.`;
}

/** Events may be planned until the consultation closes. */
export function eventPlanRefusal(
  stage: string,
  closesAt: Date | null,
  now: Date,
): string | undefined {
  if (stage === 'decision-put' || stage === 'decided' || (closesAt !== null && closesAt <= now)) {
    return `Events cannot be added after the consultation has closed (${clauses.manageConsultation.clause}: the public meetings are part of the consultation process).`;
  }
  return undefined;
}

export function stageText(stage: string): string {
  switch (stage) {
    case 'preparing':
      return 'being prepared';
    case 'approval-put':
      return 'waiting on the Joint Committee’s approval';
    case 'approved':
      return 'approved';
    case 'decision-put':
      return 'waiting on the Joint Committee’s decision';
    case 'decided':
      return 'decided';
    default:
      return stage;
  }
}

/** A question as given: the kind known, choices for a closed question, none for free text. */
export function questionProblems(question: {
  text: string;
  kind: string;
  options: readonly string[];
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!question.text.trim()) problems.push({ field: 'text', message: 'Enter the question.' });
  if (!(questionKinds as readonly string[]).includes(question.kind)) {
    problems.push({
      field: 'kind',
      message: 'Choose the kind of question: choose one, choose any, a scale or free text.',
    });
    return problems;
  }
  const kind = question.kind as QuestionKind;
  const options = question.options.map((option) => option.trim()).filter(Boolean);
  if (kind === 'free-text' && options.length > 0) {
    problems.push({ field: 'options', message: 'A free-text question has no choices.' });
  }
  if (kind !== 'free-text' && options.length < 2) {
    problems.push({
      field: 'options',
      message:
        kind === 'scale'
          ? 'A scale needs at least two labels, lowest first.'
          : 'A choice question needs at least two choices.',
    });
  }
  if (new Set(options.map((option) => option.toLowerCase())).size !== options.length) {
    problems.push({ field: 'options', message: 'Each choice must be different.' });
  }
  return problems;
}

/** Section numbers are like "4" or "4.2": whole numbers separated by full stops. */
export function isSectionNumber(value: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){0,3}$/.test(value);
}

/** The anchor of a section on its document's page: "4.2" → "section-4-2". */
export function sectionAnchor(number: string): string {
  return `section-${number.replaceAll('.', '-')}`;
}

/** The address made from the title: "Consulting the capital" → "consulting-the-capital". */
export function slugOf(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/g, '') || 'consultation'
  );
}

/** What the Joint Committee's question said, for the stage after it. */
export type ApprovalReading =
  | { kind: 'approved' }
  | { kind: 'not-approved'; outcome: string }
  | { kind: 'undecided'; message: string };

export function readApproval(question: {
  status: string;
  outcome: string | null;
  title: string;
}): ApprovalReading {
  if (question.status !== 'closed' || !question.outcome) {
    return {
      kind: 'undecided',
      message: `“${question.title}” has not been decided yet: record the approval once the Joint Committee’s question is closed.`,
    };
  }
  if (question.outcome === 'carried' || question.outcome === 'consensus') {
    return { kind: 'approved' };
  }
  if (question.outcome === 'castingVoteRequired') {
    return {
      kind: 'undecided',
      message: 'The votes are tied: the casting vote is needed before the approval is recorded.',
    };
  }
  return { kind: 'not-approved', outcome: question.outcome };
}
