/**
 * The public form's flood guard (decision 045): at most `responseQuota.max` responses an hour
 * from one address, counting only the responses accepted — a refused post (empty, closed,
 * invalid) uses no place, and "Save and finish later" is never limited. One bucket per address
 * is shared by the form, its resume link and the public API, so the API is no way round it.
 *
 * In memory per instance: a place is taken before the response is written (so two posts at the
 * same instant cannot both take the last place) and given back when the post is refused.
 */
import { ProblemError } from '../shared/problems.ts';
import { responseQuota } from './respond-rules.ts';

export type QuotaOutcome =
  | { allowed: true; release: () => void }
  | { allowed: false; retryAfterMs: number };

/** When the quota is spent, the wait in words ("1 minute", "42 minutes"). */
export function waitInWords(milliseconds: number): string {
  const minutes = Math.max(1, Math.ceil(milliseconds / 60_000));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export class ResponseQuota {
  readonly #accepted = new Map<string, number[]>();

  constructor(
    readonly max: number = responseQuota.max,
    readonly windowMs: number = responseQuota.windowMinutes * 60_000,
    /** Addresses kept before the expired ones are swept, so the map stays bounded. */
    readonly sweepAbove = 50_000,
  ) {}

  /** Takes a place for a response about to be written, or says how long until one frees. */
  take(address: string, now: Date): QuotaOutcome {
    const at = now.getTime();
    const times = this.#live(address, at);
    if (times.length >= this.max) {
      return { allowed: false, retryAfterMs: times[0]! + this.windowMs - at };
    }
    if (this.#accepted.size >= this.sweepAbove) this.#sweep(at);
    times.push(at);
    this.#accepted.set(address, times);
    let released = false;
    return {
      allowed: true,
      release: () => {
        if (released) return;
        released = true;
        const kept = this.#accepted.get(address);
        const index = kept?.indexOf(at) ?? -1;
        if (kept && index >= 0) kept.splice(index, 1);
        if (kept && kept.length === 0) this.#accepted.delete(address);
      },
    };
  }

  #live(address: string, at: number): number[] {
    const times = (this.#accepted.get(address) ?? []).filter((time) => time > at - this.windowMs);
    return times;
  }

  #sweep(at: number) {
    for (const [address, times] of this.#accepted) {
      const live = times.filter((time) => time > at - this.windowMs);
      if (live.length === 0) this.#accepted.delete(address);
      else this.#accepted.set(address, live);
    }
  }
}

// One quota per running app, shared by its pages and its API (both see the same database handle).
const quotas = new WeakMap<object, ResponseQuota>();

/** The quota shared by every public route that accepts a response in this app. */
export function responseQuotaOf(app: { database: object }): ResponseQuota {
  let quota = quotas.get(app.database);
  if (!quota) {
    quota = new ResponseQuota();
    quotas.set(app.database, quota);
  }
  return quota;
}

/** The quota's refusal: the page shows it above the form with everything typed kept. */
export class TooManyResponses extends ProblemError {
  constructor(readonly retryAfterSeconds: number) {
    super({
      status: 429,
      code: 'too-many-responses',
      title: 'Too many responses from this connection',
      detail: `This connection has sent ${responseQuota.max} responses in the last hour, the most taken from one address so that a flood cannot drown the others. Nothing you typed is lost: it is still in the form below. Try again in ${waitInWords(retryAfterSeconds * 1000)}, or save it and finish later: saving is never limited.`,
    });
  }
}

/**
 * Runs a public submission inside the quota: a "submit" takes a place first (refused with 429
 * when none is free), a refused post or a saved draft gives it back; a "save" takes none.
 */
export async function withinResponseQuota<T extends { state: string; replayed?: boolean }>(
  quota: ResponseQuota,
  request: { address: string; now: Date; intent: 'submit' | 'save' },
  run: () => Promise<T>,
): Promise<T> {
  if (request.intent === 'save') return run();
  const place = quota.take(request.address, request.now);
  if (!place.allowed) {
    throw new TooManyResponses(Math.ceil(place.retryAfterMs / 1000));
  }
  try {
    const outcome = await run();
    // A draft saved, or the same form sent again (nothing new made), takes no place.
    if (outcome.state === 'draft' || outcome.replayed) place.release();
    return outcome;
  } catch (error) {
    place.release();
    throw error;
  }
}
