import type { Database } from '../db/connection.ts';
import { setApiTokensLastUsed } from './identity-queries.ts';

export interface TokenUseRecorder {
  /** Notes that a token was used at `now`; written with the next batch. */
  note(tokenId: string, now: Date): void;
  /** Writes the batch noted so far. */
  flush(): Promise<void>;
  /** Stops the timer and writes what is pending: on the server's close. */
  stop(): Promise<void>;
}

/**
 * Keeps API tokens' "last used" time, shown in the list of tokens, without a write on the
 * request that used them: the uses noted on this instance are written in one UPDATE a few
 * seconds later. Why: at a 2,000-member meeting each member's token is used for every vote, and
 * one more round trip and row update per vote was a fifth of its cost (decision 012). A crash
 * loses at most `flushMs` of "last used" times — a convenience for the token's owner, not a
 * record: nothing acknowledged depends on it, and it was already kept to the minute.
 */
export function startTokenUseRecorder(options: {
  db: Database;
  flushMs: number;
  logger: { error(obj: object, msg: string): void };
}): TokenUseRecorder {
  let pending = new Map<string, Date>();
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    if (batch.size === 0) return writing;
    // The latest use stands for the batch: "last used" is shown to the minute.
    const usedAt = new Date(Math.max(...[...batch.values()].map((date) => date.getTime())));
    writing = writing
      .then(() => setApiTokensLastUsed(options.db, [...batch.keys()], usedAt))
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'Recording when API tokens were last used failed');
      });
    return writing;
  };

  return {
    note(tokenId, now) {
      pending.set(tokenId, now);
      timer ??= setTimeout(() => void flush(), options.flushMs).unref();
    },
    flush,
    stop: flush,
  };
}
