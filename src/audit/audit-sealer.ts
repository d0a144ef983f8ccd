import type { Database } from '../db/connection.ts';
import { sealAllAuditEvents } from './seal-audit-events.ts';

export interface AuditSealer {
  /** Stops scheduling and waits for a sealing run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Seals unsealed audit events in the background: a run at once, then one every interval after
 * the previous run ends, so runs never overlap. A failed run is logged and retried next time;
 * the events stay unsealed meanwhile, which verification reports as a count, not as tampering.
 */
export function startAuditSealer(options: {
  db: Database;
  intervalMilliseconds: number;
  now: () => Date;
  logger: { error(obj: object, msg: string): void };
}): AuditSealer {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const sealOnce = async () => {
    try {
      await sealAllAuditEvents({ db: options.db, now: options.now() });
    } catch (error) {
      options.logger.error({ err: error }, 'Sealing audit events failed; will try again');
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sealOnce().finally(() => {
        running = undefined;
        schedule(options.intervalMilliseconds);
      });
    }, delay);
    // The sealer alone should not keep the process alive once the server has closed.
    timer.unref();
  };
  schedule(0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
