/**
 * The SSE subscribers in a process of their own (watchers-child.ts), driven over IPC. Result
 * times come back as milliseconds since the epoch (`performance.timeOrigin + performance.now()`),
 * which both processes read from the same clock; `nowAbsolute()` gives the bench's side.
 */
import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

interface OpenOptions {
  urls: string[];
  count: number;
  openConcurrency: number;
}

export type ToChild =
  | { type: 'open'; options: OpenOptions }
  | { type: 'frames' }
  | { type: 'forget' }
  | { type: 'result'; timeoutMs: number }
  | { type: 'close' };

export type ToParent =
  | { type: 'progress'; message: string }
  | { type: 'opened' }
  | { type: 'subscribed' }
  | { type: 'frames'; frames: number }
  | { type: 'forgotten' }
  | { type: 'result'; times: number[]; missing: number }
  | { type: 'error'; message: string };

export interface WatchersProcess {
  /** Resolves when every watcher has had its first snapshot. */
  allSubscribed: Promise<void>;
  /** When each watcher received the closed question's result, as nowAbsolute() would say it. */
  resultEverywhere(timeoutMs: number): Promise<{ times: number[]; missing: number }>;
  frames(): Promise<number>;
  /** Forgets the results seen so far (an earlier question's), before the timed close. */
  forgetResults(): Promise<void>;
  close(): void;
}

/** The audience process's niceness (0 is the app's, 19 the least favoured). */
const audienceNiceness = 10;

export const nowAbsolute = () => performance.timeOrigin + performance.now();

export async function openWatchersProcess(
  options: OpenOptions & { progress: (message: string) => void },
): Promise<WatchersProcess> {
  // The bench's own flags (tsx's loader) come along, and so does its raised file limit.
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'watchers-child.ts'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // The audience's browsers are not on the server: on a machine that also runs the app and the
  // database, reading 10,000 streams yields the CPU to them rather than competing as an equal.
  // It can only make the result reach the audience later, never sooner.
  if (child.pid !== undefined) os.setPriority(child.pid, audienceNiceness);
  const waiting = new Map<ToParent['type'], (message: ToParent) => void>();
  let failed: ((error: Error) => void)[] = [];
  const next = <T extends ToParent['type']>(type: T) =>
    new Promise<Extract<ToParent, { type: T }>>((resolve, reject) => {
      waiting.set(type, resolve as (message: ToParent) => void);
      failed.push(reject);
    });
  const failAll = (error: Error) => {
    for (const reject of failed) reject(error);
    failed = [];
  };
  child.on('message', (message: ToParent) => {
    if (message.type === 'progress') options.progress(message.message);
    else if (message.type === 'error') failAll(new Error(`watchers: ${message.message}`));
    else {
      const resolve = waiting.get(message.type);
      waiting.delete(message.type);
      resolve?.(message);
    }
  });
  child.once('exit', (code) => failAll(new Error(`the watchers' process exited with ${code}`)));
  const send = (message: ToChild) => child.send(message);

  const opened = next('opened');
  const subscribed = next('subscribed');
  const { progress: _progress, ...open } = options;
  send({ type: 'open', options: open });
  await opened;
  return {
    allSubscribed: subscribed.then(() => undefined),
    resultEverywhere: async (timeoutMs) => {
      const answer = next('result');
      send({ type: 'result', timeoutMs });
      const { times, missing } = await answer;
      return { times, missing };
    },
    frames: async () => {
      const answer = next('frames');
      send({ type: 'frames' });
      return (await answer).frames;
    },
    forgetResults: async () => {
      const answer = next('forgotten');
      send({ type: 'forget' });
      await answer;
    },
    close: () => {
      if (child.connected) send({ type: 'close' });
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    },
  };
}
