import type { Database } from '../db/connection.ts';
import {
  type AuditSealRecord,
  countSeals,
  countUnsealedEvents,
  type SealedAuditEventRecord,
  selectFirstSealEndingAfter,
  selectHighestSealedSequence,
  selectSealedEventsPage,
  selectSealsByIds,
  selectSealWithoutEvents,
} from './audit-chain-queries.ts';
import {
  auditLeafHash,
  chainHash,
  genesisChainHash,
  isSha256Hex,
  MerkleTreeBuilder,
  type Sha256Hex,
} from './audit-hashing.ts';

export type AuditProblemKind = 'altered' | 'deleted' | 'inserted' | 'seal-mismatch';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** Where in the chain the problem starts. */
  sequence: number;
  /** The event at fault, when there is one to name. */
  eventId?: string;
  /** The seal at fault or involved, when there is one. */
  sealId?: string;
  /** A sentence a person can act on. */
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  eventsChecked: number;
  sealsChecked: number;
  /** Events written but not yet sealed: not covered by the chain, so never reported as tampering. */
  unsealedEvents: number;
  /**
   * The end of the verified chain. Record it somewhere the database's administrators cannot
   * write: a later chain that does not pass through it has been rewritten (see docs/audit.md).
   */
  chainHead?: { sequence: number; chainHash: Sha256Hex };
  /** The first problem in sequence order, when the chain is broken. */
  problem?: AuditProblem;
}

export const defaultVerifyPageSize = 1000;

/**
 * Recomputes the sealed chain from the start, a page at a time: every event's leaf hash from its
 * contents, every chain link, and every seal's range, count, Merkle root and chain head. Stops at
 * the first problem and names it. Events sealed while it runs are left for the next run.
 */
export async function verifyAuditChain(options: {
  db: Database;
  pageSize?: number;
  onProgress?: (checked: number) => void;
}): Promise<AuditVerification> {
  const { db } = options;
  const pageSize = options.pageSize ?? defaultVerifyPageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`The page size must be a whole number of at least 1, not ${pageSize}.`);
  }
  const upToSequence = await selectHighestSealedSequence(db);
  const unsealedEvents = await countUnsealedEvents(db);
  const walker = new ChainWalker();
  const result = (problem?: AuditProblem): AuditVerification => ({
    ok: problem === undefined,
    eventsChecked: walker.eventsChecked,
    sealsChecked: walker.sealsChecked,
    unsealedEvents,
    ...(problem === undefined && walker.head && { chainHead: walker.head }),
    ...(problem && { problem }),
  });

  const events = new Lookahead(readSealedEvents(db, { upToSequence, pageSize }));
  for (let item = await events.next(); item; item = await events.next()) {
    const problem = walker.check(item, await events.peek());
    if (problem) return result(problem);
    if (walker.eventsChecked % pageSize === 0) options.onProgress?.(walker.eventsChecked);
  }
  const endProblem =
    walker.finishLastSeal() ?? (await findSealsBeyondChain(db, walker, upToSequence));
  if (!endProblem && walker.eventsChecked % pageSize !== 0) {
    options.onProgress?.(walker.eventsChecked);
  }
  return result(endProblem);
}

interface SealedEventItem {
  event: SealedAuditEventRecord;
  /** The seal the event says sealed it, when that seal exists. */
  seal: AuditSealRecord | undefined;
}

/** Sealed events in sequence order, each with its seal, one page (and one seal query) at a time. */
async function* readSealedEvents(
  db: Database,
  options: { upToSequence: number; pageSize: number },
): AsyncGenerator<SealedEventItem> {
  // Start below zero so a forged row given a sequence of 0 or less is still read (and reported).
  let afterSequence = Number.MIN_SAFE_INTEGER;
  let sealsById = new Map<string, AuditSealRecord>();
  for (;;) {
    const page = await selectSealedEventsPage(db, {
      afterSequence,
      upToSequence: options.upToSequence,
      limit: options.pageSize,
    });
    if (page.length === 0) return;
    const sealIds = new Set(page.flatMap((event) => (event.sealId ? [event.sealId] : [])));
    const known = new Map([...sealsById].filter(([id]) => sealIds.has(id)));
    const missing = [...sealIds].filter((id) => !known.has(id));
    for (const seal of await selectSealsByIds(db, missing)) known.set(seal.id, seal);
    sealsById = known;
    for (const event of page) {
      yield { event, seal: event.sealId ? sealsById.get(event.sealId) : undefined };
    }
    afterSequence = page.at(-1)!.sequence;
    if (page.length < options.pageSize) return;
  }
}

/** Lets the checker see the event after the current one, which tells an insertion from an edit. */
class Lookahead<T> {
  #pending: Promise<IteratorResult<T>> | undefined;

  constructor(private readonly source: AsyncIterator<T>) {}

  async next(): Promise<T | undefined> {
    const result = await (this.#pending ?? this.source.next());
    this.#pending = undefined;
    return result.done ? undefined : result.value;
  }

  async peek(): Promise<T | undefined> {
    this.#pending ??= this.source.next();
    const result = await this.#pending;
    return result.done ? undefined : result.value;
  }
}

interface OpenSeal {
  seal: AuditSealRecord;
  merkleTree: MerkleTreeBuilder;
  lastSequenceSeen: number;
}

/** The state of one pass along the chain; every check is pure given the rows it is shown. */
class ChainWalker {
  eventsChecked = 0;
  sealsChecked = 0;
  /** The chain hash after the last verified event. */
  #chainHash: Sha256Hex = genesisChainHash;
  #expectedSequence = 1;
  #previous: { event: SealedAuditEventRecord; chainHashBefore: Sha256Hex } | undefined;
  #openSeal: OpenSeal | undefined;

  get head(): { sequence: number; chainHash: Sha256Hex } | undefined {
    return this.#previous
      ? { sequence: this.#previous.event.sequence, chainHash: this.#chainHash }
      : undefined;
  }

  get lastSequence(): number {
    return this.#expectedSequence - 1;
  }

  check(item: SealedEventItem, next: SealedEventItem | undefined): AuditProblem | undefined {
    const { event } = item;
    if (event.sequence !== this.#expectedSequence) return this.#outOfSequence(event);
    if (this.#openSeal && event.sealId !== this.#openSeal.seal.id) {
      const sealProblem = this.#finishSeal(event);
      if (sealProblem) return sealProblem;
    }
    const contentLeafHash = auditLeafHash(event);
    const linkProblem = this.#checkLink(item, contentLeafHash, next);
    if (linkProblem) return linkProblem;
    const membershipProblem = this.#joinSeal(item);
    if (membershipProblem) return membershipProblem;

    this.#openSeal!.merkleTree.append(contentLeafHash);
    this.#openSeal!.lastSequenceSeen = event.sequence;
    this.#previous = { event, chainHashBefore: this.#chainHash };
    this.#chainHash = event.chainHash!;
    this.#expectedSequence += 1;
    this.eventsChecked += 1;
    return undefined;
  }

  /** Closes the seal still open after the last event; a seal recording more events lost them. */
  finishLastSeal(): AuditProblem | undefined {
    return this.#openSeal ? this.#finishSeal(undefined) : undefined;
  }

  #outOfSequence(event: SealedAuditEventRecord): AuditProblem {
    const expected = this.#expectedSequence;
    if (event.sequence < expected) {
      return {
        kind: 'inserted',
        sequence: event.sequence,
        eventId: event.id,
        message: `${describeEvent(event)} was inserted: sealed sequences start at 1 and run on without repeats, so no event can have sequence ${event.sequence} here.`,
      };
    }
    const missing =
      event.sequence - expected === 1
        ? `Sequence ${expected} is missing: an event was deleted after sealing`
        : `Sequences ${expected} to ${event.sequence - 1} are missing: ${event.sequence - expected} events were deleted after sealing`;
    return {
      kind: 'deleted',
      sequence: expected,
      message: `${missing}; the next event present is ${event.id} at sequence ${event.sequence}.`,
    };
  }

  /**
   * Checks the event's leaf hash against its contents and its chain hash against the chain so far.
   * When they disagree, the neighbours say what happened: if the chain runs from the previous
   * event straight to the next one, this event was slipped in; if the next event still follows
   * this one's stored chain hash, this event's place is original and its contents were changed.
   */
  #checkLink(
    item: SealedEventItem,
    contentLeafHash: Sha256Hex,
    next: SealedEventItem | undefined,
  ): AuditProblem | undefined {
    const { event } = item;
    const leafMatches = event.leafHash === contentLeafHash;
    const expectedChainHash = chainHash(this.#chainHash, contentLeafHash);
    if (leafMatches && event.chainHash === expectedChainHash) return undefined;

    const altered = (reason: string): AuditProblem => ({
      kind: 'altered',
      sequence: event.sequence,
      eventId: event.id,
      message: `${describeEvent(event)} was altered after sealing: ${reason}`,
    });
    const inserted = (insertedEvent: SealedAuditEventRecord, reason: string): AuditProblem => ({
      kind: 'inserted',
      sequence: insertedEvent.sequence,
      eventId: insertedEvent.id,
      message: `${describeEvent(insertedEvent)} was inserted after sealing: ${reason}`,
    });
    const follows = (previousChainHash: string | null | undefined, link: SealedAuditEventRecord) =>
      isSha256Hex(previousChainHash) &&
      isSha256Hex(link.leafHash) &&
      link.chainHash === chainHash(previousChainHash, link.leafHash);
    const rewritten = (): AuditProblem =>
      leafMatches
        ? {
            kind: 'altered',
            sequence: event.sequence,
            eventId: event.id,
            message: `${describeEvent(event)} breaks the hash chain: its leaf hash matches its contents, but its chain hash does not follow from ${describePrevious(event.sequence)}. It was altered after sealing and its leaf hash recomputed; or the event before it was rewritten together with both its hashes; or an event before it was deleted and the rest renumbered.`,
          }
        : altered(
            'neither its contents nor its leaf hash match the hash chain, which still records the original.',
          );

    if (!leafMatches && follows(this.#chainHash, event)) {
      return altered('its contents no longer match its leaf hash.');
    }
    if (this.#previous && follows(this.#previous.chainHashBefore, event)) {
      return inserted(
        this.#previous.event,
        `the hash chain runs from ${describePrevious(this.#previous.event.sequence)} straight to the next event (${event.id}, at sequence ${event.sequence}), skipping it.`,
      );
    }
    if (next && next.event.sequence === event.sequence + 1) {
      if (follows(this.#chainHash, next.event) && follows(next.event.chainHash, event)) {
        return {
          kind: 'altered',
          sequence: event.sequence,
          eventId: event.id,
          message: `${describeEvent(event)} was moved after sealing: it and the next event (${next.event.id}) have swapped places, as each one's chain hash follows the other's position.`,
        };
      }
      if (follows(this.#chainHash, next.event)) {
        return inserted(
          event,
          `the hash chain runs from ${describePrevious(event.sequence)} straight to the next event (${next.event.id}, at sequence ${next.event.sequence}), skipping it.`,
        );
      }
      if (follows(event.chainHash, next.event)) return rewritten();
    }
    if (!next) {
      const seal = item.seal;
      const covered =
        seal !== undefined &&
        seal.firstSequence <= event.sequence &&
        event.sequence <= seal.lastSequence;
      if (!covered) {
        return inserted(
          event,
          `its chain hash does not follow from ${describePrevious(event.sequence)}, and no seal records it.`,
        );
      }
      if (seal.lastSequence === event.sequence && seal.chainHead === event.chainHash) {
        return rewritten();
      }
    }
    return altered(
      `it does not fit the hash chain after ${describePrevious(event.sequence)}; its contents, its hashes or the events beside it were changed.`,
    );
  }

  /** Checks the event belongs to the seal it names, opening that seal if it is the first event. */
  #joinSeal(item: SealedEventItem): AuditProblem | undefined {
    const { event, seal } = item;
    if (this.#openSeal) {
      if (event.sequence <= this.#openSeal.seal.lastSequence) return undefined;
      return sealMismatch(
        this.#openSeal.seal,
        event.sequence,
        `${describeEvent(event)} names seal ${this.#openSeal.seal.id}, which records only sequences ${describeRange(this.#openSeal.seal)}: the event's seal reference or the seal was changed.`,
        event.id,
      );
    }
    if (!seal) {
      return {
        kind: 'seal-mismatch',
        sequence: event.sequence,
        eventId: event.id,
        message: event.sealId
          ? `${describeEvent(event)} names seal ${event.sealId}, which does not exist: the seal was deleted, or the event's seal reference was changed.`
          : `${describeEvent(event)} has a sequence number but names no seal: its seal reference was removed, or it was inserted.`,
      };
    }
    if (seal.firstSequence !== event.sequence) {
      return sealMismatch(
        seal,
        event.sequence,
        `${describeEvent(event)} starts a new seal, ${seal.id}, but that seal records sequences ${describeRange(seal)}: the seal or the event's seal reference was changed.`,
        event.id,
      );
    }
    if (
      seal.lastSequence < seal.firstSequence ||
      seal.eventCount !== seal.lastSequence - seal.firstSequence + 1
    ) {
      return sealMismatch(
        seal,
        seal.firstSequence,
        `Seal ${seal.id} records ${seal.eventCount} events over sequences ${describeRange(seal)}, which cannot both be true: the seal was altered.`,
      );
    }
    this.#openSeal = { seal, merkleTree: new MerkleTreeBuilder(), lastSequenceSeen: 0 };
    return undefined;
  }

  /** Checks a seal once its last event has passed: all its events seen, its root and its head. */
  #finishSeal(nextEvent: SealedAuditEventRecord | undefined): AuditProblem | undefined {
    const { seal, merkleTree, lastSequenceSeen } = this.#openSeal!;
    if (lastSequenceSeen < seal.lastSequence) {
      if (!nextEvent) {
        return {
          kind: 'deleted',
          sequence: lastSequenceSeen + 1,
          sealId: seal.id,
          message: `${describeMissing(lastSequenceSeen + 1, seal.lastSequence)} deleted after sealing; seal ${seal.id} records events up to sequence ${seal.lastSequence}, but the chain ends at sequence ${lastSequenceSeen}.`,
        };
      }
      return sealMismatch(
        seal,
        nextEvent.sequence,
        `${describeEvent(nextEvent)} falls within seal ${seal.id} (sequences ${describeRange(seal)}) but names ${nextEvent.sealId ? `seal ${nextEvent.sealId}` : 'no seal'}: the event's seal reference or the seal was changed.`,
        nextEvent.id,
      );
    }
    const merkleRoot = merkleTree.root();
    if (merkleRoot !== seal.merkleRoot) {
      return sealMismatch(
        seal,
        seal.firstSequence,
        `Seal ${seal.id} (sequences ${describeRange(seal)}) records Merkle root ${seal.merkleRoot}, but its events hash to ${merkleRoot}: the seal was altered.`,
      );
    }
    if (this.#chainHash !== seal.chainHead) {
      return sealMismatch(
        seal,
        seal.firstSequence,
        `Seal ${seal.id} (sequences ${describeRange(seal)}) records chain head ${seal.chainHead}, but the chain reaches ${this.#chainHash} at sequence ${seal.lastSequence}: the seal was altered.`,
      );
    }
    this.sealsChecked += 1;
    this.#openSeal = undefined;
    return undefined;
  }
}

/** After the last event: a seal recording later events means they were deleted; a stray seal is forged. */
async function findSealsBeyondChain(
  db: Database,
  walker: ChainWalker,
  upToSequence: number,
): Promise<AuditProblem | undefined> {
  const lastSequence = walker.lastSequence;
  const beyond = await selectFirstSealEndingAfter(db, { sequence: lastSequence, upToSequence });
  if (beyond) {
    const chainEnd =
      lastSequence === 0 ? 'no sealed event is left' : `the chain ends at sequence ${lastSequence}`;
    const sealsAlsoDeleted =
      beyond.firstSequence > lastSequence + 1
        ? ` The seals recording sequences ${lastSequence + 1} to ${beyond.firstSequence - 1} were deleted too.`
        : '';
    return {
      kind: 'deleted',
      sequence: lastSequence + 1,
      sealId: beyond.id,
      message: `${describeMissing(lastSequence + 1, beyond.lastSequence)} deleted after sealing; seal ${beyond.id} records sequences ${describeRange(beyond)}, but ${chainEnd}.${sealsAlsoDeleted}`,
    };
  }
  if ((await countSeals(db, upToSequence)) > walker.sealsChecked) {
    const stray = await selectSealWithoutEvents(db, upToSequence);
    return {
      kind: 'seal-mismatch',
      sequence: stray?.firstSequence ?? lastSequence,
      ...(stray && { sealId: stray.id }),
      message: stray
        ? `Seal ${stray.id} (sequences ${describeRange(stray)}) is not named by any event: it was inserted, or its events were moved to other seals.`
        : 'There are more seals than the chain uses: a seal was inserted.',
    };
  }
  return undefined;
}

function sealMismatch(
  seal: AuditSealRecord,
  sequence: number,
  message: string,
  eventId?: string,
): AuditProblem {
  return { kind: 'seal-mismatch', sequence, sealId: seal.id, ...(eventId && { eventId }), message };
}

function describeEvent(event: SealedAuditEventRecord): string {
  return `Event ${event.id} (sequence ${event.sequence}, ${event.action} on ${event.entityType} ${event.entityId})`;
}

/** What comes before a sequence in the chain, for messages. */
function describePrevious(sequence: number): string {
  return sequence > 1 ? `sequence ${sequence - 1}` : 'the start of the chain';
}

function describeRange(seal: AuditSealRecord): string {
  return `${seal.firstSequence} to ${seal.lastSequence}`;
}

function describeMissing(first: number, last: number): string {
  return first === last
    ? `Sequence ${first} is missing: an event was`
    : `Sequences ${first} to ${last} are missing: ${last - first + 1} events were`;
}
