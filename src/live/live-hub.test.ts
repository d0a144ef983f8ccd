import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle, NotificationHandlers } from '../db/connection.ts';
import { meetingChangesChannel } from '../db/meeting-changes.ts';
import { createLiveHub, type LiveHub } from './live-hub.ts';
import { announcementOf, type LiveSnapshot } from './live-rules.ts';

const meetingId = '01900000-0000-7000-8000-0000000000b1';

/** A response that records what was written, and can play a slow client. */
class FakeResponse extends EventEmitter {
  frames: string[] = [];
  writableEnded = false;
  writableNeedDrain = false;
  write(chunk: Buffer | string) {
    this.frames.push(chunk.toString());
    return true;
  }
  end() {
    this.writableEnded = true;
    this.emit('close');
  }
  snapshots() {
    return this.frames
      .filter((frame) => frame.startsWith('event: snapshot'))
      .map((frame) => JSON.parse(frame.slice(frame.indexOf('data: ') + 6)).snapshot);
  }
}

function snapshot(version: number, confidentialTitle = 'Part II matter'): LiveSnapshot {
  const base = {
    meetingId,
    title: `Meeting (computation ${version})`,
    body: { slug: 'london-commissioning-group', title: 'London Commissioning Group' },
    startsAt: '2026-12-10T14:00:00.000Z',
    location: 'Southside',
    status: 'scheduled',
    cancelledReason: null,
    current: null,
    items: [
      {
        id: '01900000-0000-7000-8000-0000000000a2',
        position: 1,
        title: confidentialTitle,
        purpose: 'decision',
        isConfidential: true,
      },
    ],
    quorum: null,
    itemQuorum: null,
    question: null,
    privateSession: false,
    problems: [],
  };
  return { ...base, announcement: announcementOf(base) };
}

function snapshotWith(overrides: Partial<LiveSnapshot>): LiveSnapshot {
  const { announcement: _announcement, ...base } = { ...snapshot(1), ...overrides };
  return { ...base, announcement: announcementOf(base) };
}

let handlers: NotificationHandlers | undefined;
let unlistened = 0;
let computations = 0;
let renders = 0;
let hub: LiveHub;
/** While set, snapshot computations wait on it: a test holds one open to see what arrives meanwhile. */
let gate: Promise<void> | undefined;

const database = {
  listen: async (channel: string, given: NotificationHandlers) => {
    expect(channel).toBe(meetingChangesChannel);
    handlers = given;
    return async () => {
      unlistened += 1;
    };
  },
} as unknown as DatabaseHandle;

beforeEach(() => {
  vi.useFakeTimers();
  handlers = undefined;
  unlistened = 0;
  computations = 0;
  renders = 0;
  gate = undefined;
  hub = createLiveHub({
    database,
    snapshotOf: async () => {
      computations += 1;
      const version = computations;
      await gate;
      return snapshot(version);
    },
    render: async (visible) => {
      renders += 1;
      return `<p>${visible.title}</p>`;
    },
    log: pino({ level: 'silent' }),
    coalesceMs: 100,
    heartbeatMs: 15_000,
    voteFramesPerSecond: 100,
  });
});

afterEach(async () => {
  await hub.stop();
  vi.useRealTimers();
});

async function subscribe(audience: 'public' | 'body' = 'public') {
  const response = new FakeResponse();
  const unsubscribe = await hub.subscribe(
    meetingId,
    audience,
    response as unknown as ServerResponse,
  );
  return { response, unsubscribe };
}

describe('the live hub of one app instance', () => {
  it('sends the retry interval and the current snapshot when a viewer subscribes', async () => {
    const { response } = await subscribe();
    expect(response.frames[0]).toBe('retry: 3000\n\n');
    expect(response.snapshots()).toHaveLength(1);
    expect(handlers).toBeDefined();
  });

  it('makes one snapshot of a burst of 2,000 notifications, shared by every subscriber', async () => {
    const viewers = await Promise.all(Array.from({ length: 50 }, () => subscribe()));
    expect(computations).toBe(1);
    for (let vote = 0; vote < 2000; vote += 1) handlers!.onNotification(meetingId);
    await vi.advanceTimersByTimeAsync(100);
    expect(computations).toBe(2);
    // Rendered once for the newcomers' first snapshot and once for the change: not per viewer.
    expect(renders).toBe(2);
    for (const { response } of viewers) {
      expect(response.snapshots().map((shown: LiveSnapshot) => shown.title)).toEqual([
        'Meeting (computation 1)',
        'Meeting (computation 2)',
      ]);
    }
  });

  it('paces snapshots for votes to the budget of frames a second', async () => {
    const viewers = await Promise.all(Array.from({ length: 50 }, () => subscribe()));
    // 50 viewers and a budget of 100 frames a second: a snapshot for votes every 500 ms.
    handlers!.onNotification(`${meetingId} vote`);
    await vi.advanceTimersByTimeAsync(499);
    expect(computations).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(computations).toBe(2);
    for (let vote = 0; vote < 100; vote += 1) handlers!.onNotification(`${meetingId} vote`);
    await vi.advanceTimersByTimeAsync(500);
    expect(computations).toBe(3);
    expect(viewers[0]!.response.snapshots()).toHaveLength(3);
  });

  it('paces no one when few watch: the coalescing interval is the least wait', async () => {
    await subscribe();
    handlers!.onNotification(`${meetingId} vote`);
    await vi.advanceTimersByTimeAsync(100);
    expect(computations).toBe(2);
  });

  it('shows any change but a vote after the coalescing interval, cutting short a vote’s wait', async () => {
    await Promise.all(Array.from({ length: 50 }, () => subscribe()));
    handlers!.onNotification(`${meetingId} vote`);
    await vi.advanceTimersByTimeAsync(50);
    // The question is closed: its result is not held back behind the votes' pace.
    handlers!.onNotification(meetingId);
    await vi.advanceTimersByTimeAsync(100);
    expect(computations).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(computations).toBe(2);
  });

  it('ignores changes to meetings nobody on this instance is watching', async () => {
    await subscribe();
    handlers!.onNotification('01900000-0000-7000-8000-0000000000ff');
    await vi.advanceTimersByTimeAsync(500);
    expect(computations).toBe(1);
  });

  it('a change heard while a snapshot is computed makes exactly one more afterwards', async () => {
    const { response } = await subscribe();
    let open = () => {};
    gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    handlers!.onNotification(meetingId);
    await vi.advanceTimersByTimeAsync(100);
    expect(computations).toBe(2);
    handlers!.onNotification(meetingId);
    handlers!.onNotification(meetingId);
    gate = undefined;
    open();
    await vi.advanceTimersByTimeAsync(100);
    expect(computations).toBe(3);
    expect(response.snapshots().at(-1).title).toBe('Meeting (computation 3)');
  });

  it('computes once for two audiences, and only the body sees the Part II title', async () => {
    const publicViewer = await subscribe('public');
    const bodyViewer = await subscribe('body');
    handlers!.onNotification(meetingId);
    await vi.advanceTimersByTimeAsync(100);
    expect(computations).toBe(2);
    expect(publicViewer.response.frames.join('')).not.toContain('Part II matter');
    expect(bodyViewer.response.snapshots().at(-1).items[0].title).toBe('Part II matter');
  });

  it('sends the public nothing for a vote on a Part II item: a frame that changes nothing they see is not sent (review finding 7)', async () => {
    await hub.stop();
    let votes = 0;
    hub = createLiveHub({
      database,
      snapshotOf: async () => {
        const base = snapshot(1);
        const privateItem = base.items[0]!;
        return snapshotWith({
          current: privateItem,
          question: {
            id: '01900000-0000-7000-8000-0000000000c1',
            title: 'Settle with Acme',
            text: 'That the group settles.',
            isAmendment: false,
            ballot: 'named',
            status: 'open',
            method: { id: 'consensus-with-advice', title: 'Consensus', isConsensus: true },
            tally: { for: votes, against: 0, abstain: 0, notVoted: 9 - votes, note: null },
            votesCast: null,
            outcome: null,
            outcomeSummary: null,
          },
        });
      },
      render: async (visible) => `<p>${visible.question?.tally?.for ?? 'private'}</p>`,
      log: pino({ level: 'silent' }),
      coalesceMs: 100,
      voteFramesPerSecond: 100,
    });
    const publicViewer = await subscribe('public');
    const bodyViewer = await subscribe('body');
    for (let vote = 1; vote <= 3; vote += 1) {
      votes = vote;
      handlers!.onNotification(`${meetingId} vote`);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(bodyViewer.response.snapshots()).toHaveLength(4);
    expect(publicViewer.response.snapshots()).toHaveLength(1);
  });

  it('refreshes every watched meeting when the listening connection comes back', async () => {
    await subscribe();
    handlers!.onReconnected?.();
    await vi.advanceTimersByTimeAsync(100);
    expect(computations).toBe(2);
  });

  it('keeps only the latest snapshot for a slow client and sends it when it drains', async () => {
    const { response } = await subscribe();
    response.writableNeedDrain = true;
    handlers!.onNotification(meetingId);
    await vi.advanceTimersByTimeAsync(100);
    handlers!.onNotification(meetingId);
    await vi.advanceTimersByTimeAsync(100);
    expect(response.snapshots()).toHaveLength(1);
    response.writableNeedDrain = false;
    response.emit('drain');
    expect(response.snapshots().map((shown: LiveSnapshot) => shown.title)).toEqual([
      'Meeting (computation 1)',
      'Meeting (computation 3)',
    ]);
  });

  it('sends heartbeats as comments and forgets a viewer who unsubscribes', async () => {
    const { response, unsubscribe } = await subscribe();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(response.frames).toContain(': keep-alive\n\n');
    expect(hub.subscriberCount(meetingId)).toBe(1);
    unsubscribe();
    expect(hub.subscriberCount(meetingId)).toBe(0);
    handlers!.onNotification(meetingId);
    await vi.advanceTimersByTimeAsync(100);
    expect(computations).toBe(1);
  });

  it('ends every stream and stops listening when the app closes', async () => {
    const { response } = await subscribe();
    await hub.stop();
    expect(response.writableEnded).toBe(true);
    expect(unlistened).toBe(1);
    expect(hub.subscriberCount()).toBe(0);
    await expect(subscribe()).rejects.toThrow('stopped');
  });
});
