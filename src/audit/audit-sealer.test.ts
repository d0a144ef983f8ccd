import { describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/connection.ts';
import { startAuditSealer } from './audit-sealer.ts';

/** A database whose every transaction is handed to the test, which decides how it ends. */
function databaseWithTransactions(onTransaction: () => Promise<never>): Database {
  return { transaction: onTransaction } as unknown as Database;
}

describe('the background audit sealer', () => {
  it('logs a failed run and tries again, instead of throwing', async () => {
    const failure = new Error('the database is unreachable');
    const db = databaseWithTransactions(() => Promise.reject(failure));
    const logger = { error: vi.fn() };
    const sealer = startAuditSealer({ db, intervalMilliseconds: 1, now: () => new Date(), logger });
    await vi.waitFor(() => expect(logger.error.mock.calls.length).toBeGreaterThanOrEqual(2));
    await sealer.stop();
    expect(logger.error).toHaveBeenCalledWith(
      { err: failure },
      'Sealing audit events failed; will try again',
    );
  });

  it('stop() waits for the run in progress and starts no more', async () => {
    let running = 0;
    let mostAtOnce = 0;
    let finishRun: ((error: Error) => void) | undefined;
    const db = databaseWithTransactions(() => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      return new Promise<never>((_, reject) => {
        finishRun = (error) => {
          running -= 1;
          reject(error);
        };
      });
    });
    const logger = { error: vi.fn() };
    const sealer = startAuditSealer({ db, intervalMilliseconds: 1, now: () => new Date(), logger });
    await vi.waitFor(() => expect(finishRun).toBeDefined());

    let stopped = false;
    const stopping = sealer.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    finishRun!(new Error('run ended'));
    await stopping;
    expect(mostAtOnce).toBe(1);
    expect(running).toBe(0);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });
});
