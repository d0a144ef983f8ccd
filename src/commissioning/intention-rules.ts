/**
 * Pure rules for London's commissioning intentions: who raised each intention, where PCTs and
 * sectors overlap, which priorities nothing consolidates yet, when the intentions may change, what
 * the London group's answer means for the round, and how each PCT's local plan fits London's.
 */
import { dateInWords } from './round-rules.ts';

export const clauses = {
  horizonScanning: {
    clause: '2006 §104',
    text: 'Undertake an annual ‘horizon scanning’ process to identify prospective commissioning priorities, with input from all London PCTs to form the basis of annual London wide Commissioning Intentions;',
  },
  fit: {
    clause: '2006 §104',
    text: 'Oversee the London wide commissioning process, and ensure that there is “fit” between local plans;',
  },
  prospectus: {
    clause: '2008 §Key responsibilities, Business development',
    text: 'Steer the London wide commissioning process – to include developing the London ‘prospectus’ which will set out the key commissioning and procurement priorities for London PCTs, ensuring delivery of a consistent commissioning business process and timetable and effective lead commissioning arrangements;',
  },
} as const;

export type RoundStatus = 'open' | 'consolidating' | 'put-to-group' | 'agreed' | 'published';

/** "2008/09" for the round whose year starts in April 2008. */
export function roundYearText(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** "2008-09", the round's year as URLs carry it. */
export function roundYearParameter(startYear: number): string {
  return roundYearText(startYear).replace('/', '-');
}

/** The start year a URL's "2008-09" names, or undefined when it names no financial year. */
export function startYearOf(parameter: string): number | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(parameter);
  if (!match) return undefined;
  const startYear = Number(match[1]);
  return (startYear + 1) % 100 === Number(match[2]) ? startYear : undefined;
}

export interface Submitter {
  /** A PCT's own return, or a local group's (a sector's body). */
  kind: 'pct' | 'group';
  name: string;
  sectorId: string | null;
  sectorName: string | null;
}

export interface PriorityFact {
  id: string;
  title: string;
  serviceArea: string;
  submitter: Submitter;
}

export interface IntentionFact {
  id: string;
  sourcePriorityIds: readonly string[];
}

export interface RaisedBy {
  primaryCareTrusts: string[];
  localGroups: string[];
  sectors: string[];
  /** Raised by more than one PCT or local group, or from more than one sector. */
  isOverlap: boolean;
}

const byName = (left: string, right: string) => left.localeCompare(right, 'en-GB');
const distinct = (values: (string | null)[]) =>
  [...new Set(values.filter((value): value is string => value !== null))].sort(byName);

/** Which PCTs, local groups and sectors raised an intention, from the priorities it consolidates. */
export function raisedBy(intention: IntentionFact, priorities: readonly PriorityFact[]): RaisedBy {
  const sources = priorities.filter((priority) =>
    intention.sourcePriorityIds.includes(priority.id),
  );
  const primaryCareTrusts = distinct(
    sources
      .filter((source) => source.submitter.kind === 'pct')
      .map((source) => source.submitter.name),
  );
  const localGroups = distinct(
    sources
      .filter((source) => source.submitter.kind === 'group')
      .map((source) => source.submitter.name),
  );
  const sectors = distinct(sources.map((source) => source.submitter.sectorName));
  return {
    primaryCareTrusts,
    localGroups,
    sectors,
    isOverlap: primaryCareTrusts.length + localGroups.length > 1 || sectors.length > 1,
  };
}

export interface Overlap {
  intentionId: string;
  submitters: number;
  sectors: string[];
}

/** The intentions raised by more than one PCT or sector, and the sectors that share each. */
export function overlapsOf(
  intentions: readonly IntentionFact[],
  priorities: readonly PriorityFact[],
): Overlap[] {
  return intentions.flatMap((intention) => {
    const raised = raisedBy(intention, priorities);
    return raised.isOverlap
      ? [
          {
            intentionId: intention.id,
            submitters: raised.primaryCareTrusts.length + raised.localGroups.length,
            sectors: raised.sectors,
          },
        ]
      : [];
  });
}

/** Priorities no intention consolidates yet: listed so nothing a PCT sent is lost. */
export function unconsolidatedPriorities<Priority extends PriorityFact>(
  priorities: readonly Priority[],
  intentions: readonly IntentionFact[],
): Priority[] {
  const consolidated = new Set(intentions.flatMap((intention) => intention.sourcePriorityIds));
  return priorities.filter((priority) => !consolidated.has(priority.id));
}

export interface Refusal {
  status: 409;
  field: string;
  message: string;
}

/** Who has not yet returned to the round, as consolidation is asked to start. */
export interface Outstanding {
  today: string;
  submissionsDueOn: string;
  pctsNotReturned: number;
  localGroupsNotReturned: number;
}

function countText(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Whether consolidation may start: only from an open round, and not before the returns are due
 * unless every PCT and local group of the round has returned — the intentions are formed "with
 * input from all London PCTs" (2006 §104), so none is cut off while it still has time.
 */
export function startConsolidationRefusal(
  status: RoundStatus,
  outstanding?: Outstanding,
): Refusal | undefined {
  if (status !== 'open') {
    return {
      status: 409,
      field: 'status',
      message: `Consolidation has already started: the round is ${statusText(status)}. The London group consolidates the returns once, into the annual London wide Commissioning Intentions (${clauses.horizonScanning.clause}).`,
    };
  }
  if (!outstanding || outstanding.today >= outstanding.submissionsDueOn) return undefined;
  const { pctsNotReturned, localGroupsNotReturned } = outstanding;
  if (pctsNotReturned === 0 && localGroupsNotReturned === 0) return undefined;
  return {
    status: 409,
    field: 'status',
    message: `Returns are due on ${dateInWords(outstanding.submissionsDueOn)}, and ${countText(pctsNotReturned, 'PCT', 'PCTs')} and ${countText(localGroupsNotReturned, 'local group', 'local groups')} of the round have not yet returned: consolidation starts once the returns are due, or sooner only when every one has returned (${clauses.horizonScanning.clause}: “${clauses.horizonScanning.text}”).`,
  };
}

/** Whether the intentions may be changed: only while the London group's secretariat consolidates. */
export function editRefusal(status: RoundStatus): Refusal | undefined {
  switch (status) {
    case 'consolidating':
      return undefined;
    case 'open':
      return {
        status: 409,
        field: 'status',
        message: `The round is still taking returns: start consolidation before writing the London intentions (${clauses.horizonScanning.clause}).`,
      };
    case 'put-to-group':
      return {
        status: 409,
        field: 'status',
        message:
          'The intentions are frozen: they have been put to the London group, and stay as put until its question is decided. If the group does not agree them, they come back for consolidation.',
      };
    case 'agreed':
    case 'published':
      return {
        status: 409,
        field: 'status',
        message: `The intentions are frozen: the London group agreed them as they stand${status === 'published' ? ', and they are published in the London prospectus' : ''} (${clauses.prospectus.clause}).`,
      };
  }
}

/** Whether the intentions may be put to the London group. */
export function putToGroupRefusal(
  status: RoundStatus,
  intentionCount: number,
): Refusal | undefined {
  const refusal = editRefusal(status);
  if (refusal) return refusal;
  if (intentionCount === 0) {
    return {
      status: 409,
      field: 'intentions',
      message: `There are no intentions to put: consolidate the returns into London wide Commissioning Intentions first (${clauses.horizonScanning.clause}).`,
    };
  }
  return undefined;
}

/**
 * Whether a reader sees the intentions themselves: signed-in accounts always; anonymous readers only
 * once the London group has agreed them. Before then they are a draft drawn from the returns, which
 * are for signed-in accounts only (decision 026), so the public sees the round's status and this
 * sentence instead.
 */
export function draftWithheldText(status: RoundStatus, signedIn: boolean): string | null {
  if (signedIn || status === 'agreed' || status === 'published') return null;
  return `The London intentions are being drawn up from the PCTs’ and local groups’ returns; the round is ${statusText(status)}. Once the London group agrees them they will be published in the London commissioning prospectus.`;
}

/** Whether the prospectus may be published: only once the London group has agreed the intentions. */
export function publishRefusal(status: RoundStatus): Refusal | undefined {
  if (status === 'agreed') return undefined;
  return {
    status: 409,
    field: 'status',
    message:
      status === 'published'
        ? 'The prospectus is already published; what was published does not change.'
        : `The prospectus publishes the intentions the London group agreed, and the round is ${statusText(status)}: record the group’s agreement first (${clauses.prospectus.clause}).`,
  };
}

export type AgreementReading =
  | { kind: 'undecided'; message: string }
  | { kind: 'agreed' }
  | { kind: 'not-agreed' };

/**
 * What the London group's question says about the intentions: carried or consensus agrees them;
 * advice, no consensus, not carried or inquorate sends them back to consolidation.
 */
export function readAgreement(question: {
  status: string;
  outcome: string | null;
}): AgreementReading {
  if (question.status !== 'closed' || question.outcome === null) {
    return {
      kind: 'undecided',
      message: `The London group has not decided the question yet (it is ${question.status}): the agreement can be recorded once it is closed.`,
    };
  }
  if (question.outcome === 'carried' || question.outcome === 'consensus') return { kind: 'agreed' };
  if (question.outcome === 'castingVoteRequired') {
    return {
      kind: 'undecided',
      message: 'The votes are tied: the casting vote is needed before the agreement is recorded.',
    };
  }
  return { kind: 'not-agreed' };
}

/** The refusal for a question put to any body but the round's London group. */
export function agreedByAnotherBody(bodyTitle: string, londonGroupTitle: string): Refusal {
  return {
    status: 409,
    field: 'proposalId',
    message: `Intentions agreed by anyone but the London group cannot be recorded: that question was decided by ${bodyTitle}, and the annual London wide Commissioning Intentions are ${londonGroupTitle}’s to agree (${clauses.horizonScanning.clause}; ${clauses.prospectus.clause}).`,
  };
}

export function statusText(status: RoundStatus): string {
  switch (status) {
    case 'open':
      return 'open for returns';
    case 'consolidating':
      return 'being consolidated';
    case 'put-to-group':
      return 'put to the London group';
    case 'agreed':
      return 'agreed by the London group';
    case 'published':
      return 'published';
  }
}

export interface PlanFact {
  organisationId: string;
  intentionIds: readonly string[];
  ownLines: readonly { title: string }[];
}

export interface PctFit<Pct> {
  pct: Pct;
  hasPlan: boolean;
  /** London intentions it has not planned for. */
  gaps: string[];
  /** Its own lines, against no London intention. */
  divergences: string[];
}

/**
 * 2006 §104 "fit" between local plans: per PCT, the London intentions it has not planned for (gaps)
 * and its own lines (divergences); for London, how many PCTs plan for each intention, and the PCTs
 * with no plan at all.
 */
export function fitOf<Pct extends { id: string }>(
  intentions: readonly { id: string }[],
  pcts: readonly Pct[],
  plans: readonly PlanFact[],
): {
  pcts: PctFit<Pct>[];
  perIntention: { intentionId: string; planning: number }[];
  withoutPlan: Pct[];
} {
  const planOf = new Map(plans.map((plan) => [plan.organisationId, plan]));
  const fits = pcts.map((pct) => {
    const plan = planOf.get(pct.id);
    if (!plan) return { pct, hasPlan: false, gaps: [], divergences: [] };
    return {
      pct,
      hasPlan: true,
      gaps: intentions
        .filter((intention) => !plan.intentionIds.includes(intention.id))
        .map((intention) => intention.id),
      divergences: plan.ownLines.map((line) => line.title),
    };
  });
  return {
    pcts: fits,
    perIntention: intentions.map((intention) => ({
      intentionId: intention.id,
      planning: plans.filter((plan) => plan.intentionIds.includes(intention.id)).length,
    })),
    withoutPlan: fits.filter((fit) => !fit.hasPlan).map((fit) => fit.pct),
  };
}

/** The demo's twelve London service areas, shared by the slices of the commissioning cycle. */
export const londonServiceAreas = [
  'Stroke',
  'Major trauma',
  'Urgent care',
  'Polyclinics and primary care',
  'Maternity and newborn',
  'Mental health',
  'End of life care',
  'Diabetes',
  'Chronic obstructive pulmonary disease',
  'Planned care',
  'Staying healthy',
  'Children and young people',
] as const;
