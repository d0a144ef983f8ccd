import type { FastifyInstance } from 'fastify';
import { type DeliveryReport, deliverPendingMail } from './outbox.ts';

/** How often queued mail that failed is retried while the server runs. */
const retryIntervalMs = 60_000;

export interface MailDispatcher {
  /**
   * Sends what is queued now. Use-cases call it after their transaction commits; calls made while
   * a pass is running wait for that pass and then run once more, so nothing queued is left behind.
   */
  deliverNow(): Promise<DeliveryReport>;
}

/**
 * One dispatcher per app: passes never overlap within an instance, and a timer retries failed
 * deliveries once the server is listening (not in tests that only inject requests).
 */
export function createMailDispatcher(app: FastifyInstance): MailDispatcher {
  let running: Promise<DeliveryReport> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const pass = async (): Promise<DeliveryReport> => {
    const total: DeliveryReport = { sent: 0, failed: 0, retrying: 0 };
    do {
      again = false;
      const report = await deliverPendingMail({
        db: app.database.db,
        mailer: app.mailer,
        now: app.now,
      });
      total.sent += report.sent;
      total.failed += report.failed;
      total.retrying = report.retrying;
    } while (again);
    if (total.sent + total.failed > 0) app.log.info({ mail: total }, 'mail delivered');
    return total;
  };

  const deliverNow = async (): Promise<DeliveryReport> => {
    if (running) {
      again = true;
      return running;
    }
    running = pass().finally(() => {
      running = undefined;
    });
    return running;
  };

  app.addHook('onListen', async () => {
    timer = setInterval(() => {
      deliverNow().catch((error: unknown) => app.log.error({ err: error }, 'mail delivery failed'));
    }, retryIntervalMs);
    timer.unref();
    // Mail queued before a restart (or a crash between commit and send) goes out now.
    deliverNow().catch((error: unknown) => app.log.error({ err: error }, 'mail delivery failed'));
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await running;
  });
  return { deliverNow };
}
