/**
 * Whether records agree with their audit events: the rule `concordat audit verify` applies after
 * the hash chain. The chain proves the events were not changed; this proves the records they speak
 * for were not changed beside them (an `update votes set choice = …` in SQL leaves the chain
 * whole). Pure: events and rows come in, problems go out.
 *
 * Each audited kind names the actions that state its fields and how an event names its record.
 * A record's audited state is its events' `after` folded in order over the kind's defaults; each
 * field that state gives is compared with the row. A secret vote's event carries a keyed hash of
 * the choice (ballot-seal.ts), so it is compared through the same hash.
 */
import { sealOfBallot } from './ballot-seal.ts';

export type AuditedKindName = 'vote' | 'proposal' | 'attendance' | 'membership';

export interface AuditedEvent {
  id: string;
  action: string;
  entityId: string;
  after: unknown;
}

export interface AuditedKind {
  name: AuditedKindName;
  /** How a person calls one record of the kind. */
  noun: string;
  actions: readonly string[];
  /** The record an event speaks for; undefined when the event does not name one. */
  recordOf(event: AuditedEvent): string | undefined;
  /** Event fields compared, each with the row field it states when the names differ. */
  fields: Readonly<Record<string, string>>;
  /** What a record is before any event says otherwise (a proposal has no outcome until closed). */
  defaults: Readonly<Record<string, unknown>>;
  /** Actions that happen to a record once at most: a second is written outside Concordat. */
  once: readonly string[];
  /** The field the event's own entity id states, when it names the record's parent. */
  entityIdIs?: string;
  /** Actions after which the record is no longer stored (a withdrawal deletes it). */
  removedBy?: readonly string[];
}

type After = Record<string, unknown>;
const afterOf = (event: AuditedEvent): After =>
  typeof event.after === 'object' && event.after !== null ? (event.after as After) : {};
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

const questionActions = [
  'proposal.created',
  'proposal.opened',
  'proposal.voting-ended',
  'proposal.withdrawn',
  'proposal.closed',
];

export const auditedKinds: readonly AuditedKind[] = [
  {
    name: 'vote',
    noun: 'vote',
    // A change of vote while the question is open (decision 021) states the seat's new choice.
    actions: ['vote.cast', 'vote.changed'],
    // Events written before votes were checked carry no vote id: see votesBeforeChecks.
    recordOf: (event) => text(afterOf(event).voteId),
    fields: {
      proposalId: 'proposalId',
      voterId: 'voterId',
      choice: 'choice',
      reason: 'reason',
      ballotSeal: 'ballotSeal',
    },
    defaults: {},
    once: ['vote.cast'],
  },
  {
    name: 'proposal',
    noun: 'question',
    actions: questionActions,
    recordOf: (event) => text(afterOf(event).proposalId),
    fields: {
      meetingId: 'meetingId',
      agendaItemId: 'agendaItemId',
      amendsProposalId: 'amendsProposalId',
      decisionKind: 'decisionKind',
      title: 'title',
      text: 'text',
      methodId: 'methodId',
      ballot: 'ballot',
      status: 'status',
      outcome: 'outcome',
      summary: 'outcomeSummary',
      castingVote: 'castingVote',
      votingEnded: 'votingEnded',
    },
    defaults: { outcome: null, summary: null, castingVote: null, votingEnded: false },
    once: questionActions,
  },
  {
    name: 'attendance',
    noun: 'attendance record',
    actions: ['meeting.attendance-recorded', 'meeting.apologies-withdrawn'],
    removedBy: ['meeting.apologies-withdrawn'],
    recordOf: (event) => {
      const seatHoldingId = text(afterOf(event).seatHoldingId);
      return seatHoldingId ? `${event.entityId}/${seatHoldingId}` : undefined;
    },
    fields: { status: 'status', deputyName: 'deputyName' },
    defaults: {},
    once: [],
  },
  {
    name: 'membership',
    noun: 'membership',
    actions: ['membership.appointed', 'membership.ended'],
    recordOf: (event) => text(afterOf(event).holdingId),
    entityIdIs: 'bodyId',
    fields: {
      bodyId: 'bodyId',
      seatRole: 'seatRole',
      personId: 'personId',
      organisationId: 'organisationId',
      fillMethod: 'fillMethod',
      filledBy: 'filledBy',
      office: 'office',
      startsOn: 'startsOn',
      endsOn: 'endsOn',
    },
    defaults: {},
    once: ['membership.appointed'],
  },
];

/** What a record's events say it is now, and the last event that said so. */
export interface AuditedState {
  fields: Record<string, unknown>;
  lastEventId: string;
  /** Events of an action that happens once, after the first: forged beside the record. */
  repeated: AuditedEvent[];
  /** The once-only actions seen. */
  seen: Set<string>;
  /** Set when the last event removed the record. */
  removed: boolean;
}

/** Folds the events (in the order they happened) into each record's audited state. */
export function auditedStates(
  kind: AuditedKind,
  events: Iterable<AuditedEvent>,
): Map<string, AuditedState> {
  const states = new Map<string, AuditedState>();
  for (const event of events) {
    const record = kind.recordOf(event);
    if (record === undefined) continue;
    const state = states.get(record) ?? {
      fields: { ...kind.defaults },
      lastEventId: event.id,
      repeated: [],
      seen: new Set<string>(),
      removed: false,
    };
    if (kind.once.includes(event.action)) {
      if (state.seen.has(event.action)) state.repeated.push(event);
      state.seen.add(event.action);
    }
    const after = afterOf(event);
    for (const field of Object.keys(kind.fields)) {
      if (field in after) state.fields[field] = after[field];
    }
    if (kind.entityIdIs) state.fields[kind.entityIdIs] = event.entityId;
    state.removed = kind.removedBy?.includes(event.action) ?? false;
    state.lastEventId = event.id;
    states.set(record, state);
  }
  return states;
}

/** A record as stored now, by the key its events use, with the fields `fields` names. */
export interface StoredRecord {
  key: string;
  fields: Record<string, unknown>;
  /** Set for a vote in a secret ballot: its event carries the seal, not the choice. */
  secretBallot?: boolean;
}

export type RecordProblemKind = 'changed' | 'unaudited' | 'missing' | 'repeated';

export interface RecordProblem {
  kind: RecordProblemKind;
  record: AuditedKindName;
  recordId: string;
  /** The field that differs, for a changed record. */
  field?: string;
  /** The audit event the record was compared with. */
  eventId?: string;
  message: string;
}

export interface RecordComparison {
  checked: number;
  problems: RecordProblem[];
}

/**
 * Compares stored records with their audited states. A record no event names is reported as
 * unaudited unless `unmatchable` says events of an older format may cover it; an audited record
 * no longer stored is reported as missing.
 */
export function compareRecords(options: {
  kind: AuditedKind;
  states: Map<string, AuditedState>;
  records: Iterable<StoredRecord>;
  ballotSealKey: string;
  unmatchable?: (record: StoredRecord) => boolean;
}): RecordComparison {
  const { kind, states } = options;
  const problems: RecordProblem[] = [];
  const seen = new Set<string>();
  let checked = 0;
  for (const record of options.records) {
    checked += 1;
    seen.add(record.key);
    const state = states.get(record.key);
    if (!state) {
      if (options.unmatchable?.(record)) continue;
      problems.push({
        kind: 'unaudited',
        record: kind.name,
        recordId: record.key,
        message: `The ${kind.noun} ${record.key} is stored but no audit event records it: it was written outside Concordat.`,
      });
      continue;
    }
    for (const event of state.repeated) {
      problems.push({
        kind: 'repeated',
        record: kind.name,
        recordId: record.key,
        eventId: event.id,
        message: `The ${kind.noun} ${record.key} has a second ${event.action} event (${event.id}); Concordat writes one: the later one was written outside it.`,
      });
    }
    if (state.removed) {
      problems.push({
        kind: 'unaudited',
        record: kind.name,
        recordId: record.key,
        eventId: state.lastEventId,
        message: `The ${kind.noun} ${record.key} is stored, but its last audit event (${state.lastEventId}) removed it: it was put back outside Concordat.`,
      });
      continue;
    }
    const stored = storedFieldsOf(kind, record, options.ballotSealKey);
    for (const [eventField, rowField] of Object.entries(kind.fields)) {
      if (!(eventField in state.fields)) continue;
      const audited = normalised(state.fields[eventField]);
      const now = normalised(stored[eventField]);
      if (audited === now) continue;
      // A secret vote's choice is named by neither side: the message must not tell it.
      const shown =
        record.secretBallot || eventField === 'ballotSeal'
          ? 'differs from what its audit event sealed'
          : `is ${describe(now)} but its audit event recorded ${describe(audited)}`;
      problems.push({
        kind: 'changed',
        record: kind.name,
        recordId: record.key,
        field: rowField,
        eventId: state.lastEventId,
        message: `The ${kind.noun} ${record.key}: ${rowField} ${shown} (event ${state.lastEventId}).`,
      });
    }
  }
  for (const [key, state] of states) {
    if (seen.has(key) || state.removed) continue;
    problems.push({
      kind: 'missing',
      record: kind.name,
      recordId: key,
      eventId: state.lastEventId,
      message: `The ${kind.noun} ${key} is recorded by audit event ${state.lastEventId} but is no longer stored.`,
    });
  }
  return { checked, problems };
}

/** The stored fields under the names events use; a secret vote's choice becomes its seal. */
function storedFieldsOf(
  kind: AuditedKind,
  record: StoredRecord,
  ballotSealKey: string,
): Record<string, unknown> {
  const byEventName: Record<string, unknown> = {};
  for (const [eventField, rowField] of Object.entries(kind.fields)) {
    byEventName[eventField] = record.fields[rowField];
  }
  if (kind.name === 'vote' && record.secretBallot) {
    byEventName.ballotSeal = sealOfBallot(ballotSealKey, {
      voteId: record.key,
      voterId: String(record.fields.voterId),
      choice: String(record.fields.choice),
      reason: (record.fields.reason as string | null) ?? null,
    });
    delete byEventName.voterId;
    delete byEventName.choice;
    delete byEventName.reason;
  }
  return byEventName;
}

/** Missing and null agree, and JSON dates agree with stored dates. */
function normalised(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  return JSON.stringify(value);
}

function describe(normalisedValue: string): string {
  return normalisedValue === 'null' ? 'empty' : normalisedValue;
}
