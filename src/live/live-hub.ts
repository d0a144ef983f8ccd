/**
 * One app instance's fan-out of meeting changes to its Server-Sent Events subscribers.
 *
 * Every instance LISTENs on one PostgreSQL channel (one connection per instance, opened when the
 * first viewer subscribes); a change committed through any instance NOTIFYs it with the meeting's
 * id (meeting-changes.ts). Each instance then recomputes that meeting's snapshot once — not once
 * per viewer — renders it once per audience (public, or the body's own people), and writes the
 * same frame to all its subscribers of that audience. Notifications arriving within
 * `coalesceMs` of each other make one snapshot, and one arriving while a snapshot is being
 * computed makes exactly one more after it.
 *
 * Snapshots for votes are paced by a budget of frames: writing one frame to thousands of streams
 * takes the instance's CPU from the votes themselves (a third of it in the benchmark, about 20 µs
 * a frame), so a meeting's vote snapshots are spaced to write at most `voteFramesPerSecond`
 * frames a second: with 5,000 viewers on an instance, one every two seconds. Any other change (a
 * question closed, the meeting moved on, attendance) is shown after `coalesceMs`, cutting short
 * a vote's wait.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle } from '../db/connection.ts';
import {
  type MeetingChange,
  meetingChangesChannel,
  parseMeetingChange,
} from '../db/meeting-changes.ts';
import type { LiveAudience, LiveSnapshot } from './live-rules.ts';
import { snapshotFor } from './live-rules.ts';

export interface LiveHubOptions {
  database: DatabaseHandle;
  /** The whole snapshot (Part II included), narrowed per audience by the hub. */
  snapshotOf(meetingId: string): Promise<LiveSnapshot>;
  /** The live panels as HTML for one audience's snapshot, so script and reload show the same. */
  render(snapshot: LiveSnapshot): Promise<string>;
  log: FastifyBaseLogger;
  coalesceMs?: number;
  /** The frames a second one meeting's vote snapshots may write on this instance. */
  voteFramesPerSecond?: number;
  heartbeatMs?: number;
  /** What EventSource waits before reconnecting when a stream ends. */
  retryMs?: number;
  /**
   * A stream is ended after this long and the browser reconnects, so the viewer's entitlement
   * (signed out, a role ended) is checked again rather than kept for as long as a tab stays open.
   */
  maximumStreamMs?: number;
}

interface Frame {
  version: number;
  /** Encoded once: written as text, each of thousands of streams would encode it again. */
  bytes: Buffer;
  /** What the audience is shown, to tell a frame that changes nothing for it. */
  data: string;
}

interface Subscriber {
  audience: LiveAudience;
  response: ServerResponse;
  openedAt: number;
  /** The newest snapshot written, so an older one computed concurrently is never sent after it. */
  lastVersion: number;
  /** The latest frame held back while a slow client drains: older ones are simply replaced. */
  pending: Buffer | string | undefined;
}

interface MeetingChannel {
  subscribers: Set<Subscriber>;
  version: number;
  full: Promise<LiveSnapshot> | undefined;
  frames: Map<LiveAudience, Promise<Frame>>;
  /** The data last sent to each audience's subscribers by a change. */
  lastSent: Map<LiveAudience, string>;
  timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires, on performance.now(). */
  timerDue: number;
  computing: boolean;
  /** A change heard while computing: the kind decides how soon the next snapshot follows. */
  dirty: MeetingChange | undefined;
}

export interface LiveHub {
  /**
   * Streams a meeting's snapshots to an open event-stream response, starting with the current
   * one. Resolves once the first snapshot is written; the returned function unsubscribes.
   */
  subscribe(
    meetingId: string,
    audience: LiveAudience,
    response: ServerResponse,
  ): Promise<() => void>;
  /** How many streams this instance is serving, per meeting: for tests and health. */
  subscriberCount(meetingId?: string): number;
  /** Ends every stream and stops listening: called before the app closes. */
  stop(): Promise<void>;
}

/** How long writing to streams may hold the event loop before letting other work through. */
const sliceMs = 2;

/**
 * Calls `each` for every subscriber, yielding to the event loop every `sliceMs`: thousands of
 * writes in one go would hold up the votes queued behind them, and a vote makes several round
 * trips to the database, each waiting its turn, so a long slice is paid several times over.
 */
async function inSlices<T>(items: readonly T[], each: (item: T) => void): Promise<void> {
  let sliceStarted = performance.now();
  for (const item of items) {
    each(item);
    if (performance.now() - sliceStarted > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
  }
}

export function createLiveHub(options: LiveHubOptions): LiveHub {
  const coalesceMs = options.coalesceMs ?? 100;
  const voteFramesPerSecond = options.voteFramesPerSecond ?? 2_500;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const retryMs = options.retryMs ?? 3_000;
  const maximumStreamMs = options.maximumStreamMs ?? 30 * 60_000;
  const channels = new Map<string, MeetingChannel>();
  let listening: Promise<() => Promise<void>> | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let stopped = false;

  const delayFor = (channel: MeetingChannel, change: MeetingChange) =>
    change === 'vote'
      ? Math.max(coalesceMs, (1000 * channel.subscribers.size) / voteFramesPerSecond)
      : coalesceMs;

  const schedule = (meetingId: string, channel: MeetingChannel, change: MeetingChange) => {
    const delay = delayFor(channel, change);
    const due = performance.now() + delay;
    // A snapshot already due sooner covers this change too.
    if (channel.timer && channel.timerDue <= due) return;
    clearTimeout(channel.timer);
    channel.timerDue = due;
    channel.timer = setTimeout(() => void flush(meetingId, channel), delay);
  };

  const changed = (payload: string) => {
    const { meetingId, change } = parseMeetingChange(payload);
    const channel = channels.get(meetingId);
    if (!channel) return;
    // The snapshot cached for newcomers is stale from now on.
    channel.full = undefined;
    channel.frames.clear();
    if (channel.computing) {
      channel.dirty = channel.dirty === 'other' || change === 'other' ? 'other' : 'vote';
    } else schedule(meetingId, channel, change);
  };

  const startListening = () => {
    listening ??= options.database
      .listen(meetingChangesChannel, {
        onNotification: changed,
        // Changes made while the connection was down were not heard: refresh every meeting.
        onReconnected: () => {
          for (const meetingId of channels.keys()) changed(meetingId);
        },
        onError: (error) =>
          options.log.warn({ err: error }, 'live meeting listener lost its connection; retrying'),
      })
      .catch((error) => {
        listening = undefined;
        throw error;
      });
    heartbeat ??= setInterval(() => void sweep(), heartbeatMs).unref();
    return listening;
  };

  const frameFor = (meetingId: string, channel: MeetingChannel, audience: LiveAudience) => {
    const cached = channel.frames.get(audience);
    if (cached) return cached;
    const version = channel.version;
    channel.full ??= options.snapshotOf(meetingId);
    const full = channel.full;
    const frame = full.then(async (snapshot) => {
      const visible = snapshotFor(snapshot, audience);
      const html = await options.render(visible);
      const data = JSON.stringify({ snapshot: visible, html });
      return { version, bytes: Buffer.from(`event: snapshot\ndata: ${data}\n\n`), data };
    });
    channel.frames.set(audience, frame);
    // A failed computation is not kept: the next change or newcomer tries again.
    frame.catch(() => {
      if (channel.frames.get(audience) === frame) channel.frames.delete(audience);
      if (channel.full === full) channel.full = undefined;
    });
    return frame;
  };

  const write = (subscriber: Subscriber, text: Buffer | string) => {
    if (subscriber.response.writableEnded) return;
    if (subscriber.response.writableNeedDrain) {
      subscriber.pending = text;
      return;
    }
    subscriber.response.write(text);
  };

  const send = (subscriber: Subscriber, frame: Frame) => {
    if (frame.version <= subscriber.lastVersion) return;
    subscriber.lastVersion = frame.version;
    write(subscriber, frame.bytes);
  };

  const flush = async (meetingId: string, channel: MeetingChannel) => {
    channel.timer = undefined;
    channel.computing = true;
    channel.dirty = undefined;
    channel.version += 1;
    channel.full = undefined;
    channel.frames.clear();
    try {
      const audiences = new Set([...channel.subscribers].map((subscriber) => subscriber.audience));
      await Promise.all(
        [...audiences].map(async (audience) => {
          const frame = await frameFor(meetingId, channel, audience);
          // A frame that changes nothing this audience sees is not sent: the public watching a
          // Part II item would otherwise count the votes by counting identical frames.
          if (channel.lastSent.get(audience) === frame.data) return;
          channel.lastSent.set(audience, frame.data);
          await inSlices([...channel.subscribers], (subscriber) => {
            if (subscriber.audience === audience) send(subscriber, frame);
          });
        }),
      );
    } catch (error) {
      options.log.error({ err: error, meetingId }, 'could not compute the live meeting snapshot');
    } finally {
      channel.computing = false;
      const change = channel.dirty;
      if (change && channels.get(meetingId) === channel && !stopped) {
        channel.dirty = undefined;
        schedule(meetingId, channel, change);
      }
    }
  };

  const end = (subscriber: Subscriber) => {
    if (!subscriber.response.writableEnded) subscriber.response.end();
  };

  // One timer for every stream: a comment line keeps proxies from closing an idle connection.
  const sweep = async () => {
    const now = performance.now();
    for (const channel of channels.values()) {
      await inSlices([...channel.subscribers], (subscriber) => {
        if (now - subscriber.openedAt > maximumStreamMs) end(subscriber);
        else if (!subscriber.response.writableNeedDrain) write(subscriber, ': keep-alive\n\n');
      });
    }
  };

  return {
    async subscribe(meetingId, audience, response) {
      if (stopped) throw new Error('The live meeting hub has stopped.');
      // Listening first: a change committed after this point reaches the stream, one before it is
      // in the first snapshot, computed below.
      await startListening();
      let channel = channels.get(meetingId);
      if (!channel) {
        channel = {
          subscribers: new Set(),
          version: 0,
          full: undefined,
          frames: new Map(),
          lastSent: new Map(),
          timer: undefined,
          timerDue: 0,
          computing: false,
          dirty: undefined,
        };
        channels.set(meetingId, channel);
      }
      const subscriber: Subscriber = {
        audience,
        response,
        openedAt: performance.now(),
        lastVersion: -1,
        pending: undefined,
      };
      const meetingChannel = channel;
      meetingChannel.subscribers.add(subscriber);
      const onDrain = () => {
        const pending = subscriber.pending;
        subscriber.pending = undefined;
        if (pending) write(subscriber, pending);
      };
      response.on('drain', onDrain);
      const unsubscribe = () => {
        response.off('drain', onDrain);
        meetingChannel.subscribers.delete(subscriber);
        if (meetingChannel.subscribers.size === 0 && channels.get(meetingId) === meetingChannel) {
          clearTimeout(meetingChannel.timer);
          channels.delete(meetingId);
        }
      };
      write(subscriber, `retry: ${retryMs}\n\n`);
      const firstOfAudience = ![...meetingChannel.subscribers].some(
        (other) => other !== subscriber && other.audience === audience,
      );
      try {
        const frame = await frameFor(meetingId, meetingChannel, audience);
        // Others of this audience may hold an older frame: only the first sets what all were sent.
        if (firstOfAudience) meetingChannel.lastSent.set(audience, frame.data);
        send(subscriber, frame);
      } catch (error) {
        unsubscribe();
        throw error;
      }
      return unsubscribe;
    },
    subscriberCount(meetingId) {
      if (meetingId) return channels.get(meetingId)?.subscribers.size ?? 0;
      return [...channels.values()].reduce((total, channel) => total + channel.subscribers.size, 0);
    },
    async stop() {
      stopped = true;
      clearInterval(heartbeat);
      for (const channel of channels.values()) {
        clearTimeout(channel.timer);
        for (const subscriber of channel.subscribers) end(subscriber);
      }
      channels.clear();
      const stopListening = await listening?.catch(() => undefined);
      await stopListening?.().catch((error: unknown) =>
        options.log.warn({ err: error }, 'could not stop the live meeting listener'),
      );
    },
  };
}
