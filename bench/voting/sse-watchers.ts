/**
 * Many Server-Sent Events subscribers in one process, cheap enough that 10,000 do not swamp the
 * machine: raw node:http streams with no decoding, frames counted by their `event: snapshot`
 * line, and the closed question's result spotted by a byte search for its outcome (`"outcome":"`,
 * which an open question's frame never holds: its outcome is null, and the HTML inside the frame
 * is a JSON string whose quotes are escaped).
 */
import http from 'node:http';
import { runWithConcurrency } from '../statistics.ts';

const frameMarker = Buffer.from('event: snapshot');
const resultMarker = Buffer.from('"outcome":"');
/** Enough of the previous chunk to find a marker split across two chunks. */
const overlap = Math.max(frameMarker.length, resultMarker.length) - 1;

interface Watcher {
  request: http.ClientRequest;
  frames: number;
  firstFrame: boolean;
  resultAt: number | undefined;
  tail: Buffer;
}

export interface Watchers {
  /** Resolves when every watcher has had its first snapshot. */
  allSubscribed: Promise<void>;
  /** Resolves with when the last watcher received the result frame (performance.now()). */
  resultEverywhere(timeoutMs: number): Promise<{ times: number[]; missing: number }>;
  frames(): number;
  /** Forgets the results seen so far (an earlier question's), before the timed close. */
  forgetResults(): void;
  close(): void;
}

/** A marker that starts in the previous chunk and ends in this one. */
function acrossSeam(watcher: Watcher, chunk: Buffer, marker: Buffer): boolean {
  if (watcher.tail.length === 0) return false;
  const seam = Buffer.concat([watcher.tail, chunk.subarray(0, overlap)]);
  const at = seam.indexOf(marker);
  return at !== -1 && at < watcher.tail.length;
}

function contains(watcher: Watcher, chunk: Buffer, marker: Buffer): boolean {
  return chunk.indexOf(marker) !== -1 || acrossSeam(watcher, chunk, marker);
}

function framesIn(watcher: Watcher, chunk: Buffer): number {
  let frames = acrossSeam(watcher, chunk, frameMarker) ? 1 : 0;
  for (let at = chunk.indexOf(frameMarker); at !== -1; at = chunk.indexOf(frameMarker, at + 1)) {
    frames += 1;
  }
  return frames;
}

/** Opens `count` event streams spread over `urls`, `openConcurrency` connection attempts at once. */
export async function openWatchers(options: {
  urls: string[];
  count: number;
  openConcurrency: number;
  progress: (message: string) => void;
}): Promise<Watchers> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const watchers: Watcher[] = [];
  let subscribed = 0;
  let resolveSubscribed: () => void = () => {};
  const allSubscribed = new Promise<void>((resolve) => {
    resolveSubscribed = resolve;
  });
  let resultCount = 0;
  let onAllResults: (() => void) | undefined;
  let failures = 0;

  await runWithConcurrency(options.count, options.openConcurrency, async (index) => {
    const url = options.urls[index % options.urls.length]!;
    await new Promise<void>((resolve, reject) => {
      const request = http.get(url, { agent, headers: { accept: 'text/event-stream' } });
      const watcher: Watcher = {
        request,
        frames: 0,
        firstFrame: false,
        resultAt: undefined,
        tail: Buffer.alloc(0),
      };
      watchers.push(watcher);
      request.once('error', (error) => {
        failures += 1;
        reject(error);
      });
      request.once('response', (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`event stream ${url} answered ${response.statusCode}`));
          return;
        }
        // A stream the server ended before its first snapshot would otherwise be waited on for ever.
        response.once('end', () => {
          if (!watcher.firstFrame) reject(new Error(`event stream ${url} ended before a snapshot`));
        });
        response.on('data', (chunk: Buffer) => {
          const frames = framesIn(watcher, chunk);
          if (frames > 0) {
            watcher.frames += frames;
            if (!watcher.firstFrame) {
              watcher.firstFrame = true;
              subscribed += 1;
              if (subscribed === options.count) resolveSubscribed();
              resolve();
            }
          }
          if (watcher.resultAt === undefined && contains(watcher, chunk, resultMarker)) {
            watcher.resultAt = performance.now();
            resultCount += 1;
            if (resultCount === options.count) onAllResults?.();
          }
          // A copy: a view would keep the whole chunk alive for every one of the subscribers.
          watcher.tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - overlap)));
        });
      });
    });
    if ((index + 1) % 1000 === 0) options.progress(`  ${index + 1} subscribers connected`);
  });
  if (failures > 0) throw new Error(`${failures} event streams failed to open`);

  return {
    allSubscribed,
    resultEverywhere: (timeoutMs) =>
      new Promise((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          const times = watchers.flatMap((watcher) =>
            watcher.resultAt === undefined ? [] : [watcher.resultAt],
          );
          resolve({ times, missing: watchers.length - times.length });
        };
        const timer = setTimeout(finish, timeoutMs);
        if (resultCount === options.count) finish();
        else onAllResults = finish;
      }),
    frames: () => watchers.reduce((total, watcher) => total + watcher.frames, 0),
    forgetResults: () => {
      for (const watcher of watchers) watcher.resultAt = undefined;
      resultCount = 0;
    },
    close: () => {
      for (const watcher of watchers) watcher.request.destroy();
      agent.destroy();
    },
  };
}
