import { describe, expect, it } from 'vitest';
import { ResponseQuota, waitInWords, withinResponseQuota } from './response-quota.ts';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 10, minutes));

describe('the response quota (decision 045): a flood is slowed "without losing a genuine response"', () => {
  it('takes places up to the maximum per address, then says when the oldest frees', () => {
    const quota = new ResponseQuota(2, 60 * 60_000);
    expect(quota.take('a', at(0)).allowed).toBe(true);
    expect(quota.take('a', at(10)).allowed).toBe(true);
    expect(quota.take('b', at(10)).allowed).toBe(true);
    const refused = quota.take('a', at(20));
    expect(refused).toEqual({ allowed: false, retryAfterMs: 40 * 60_000 });
    expect(quota.take('a', at(60)).allowed).toBe(true);
  });

  it('gives a place back when the post is refused or only saved', async () => {
    const quota = new ResponseQuota(1, 60 * 60_000);
    const request = { address: 'a', now: at(0), intent: 'submit' as const };
    await expect(
      withinResponseQuota(quota, request, async () => {
        throw new Error('The response is empty');
      }),
    ).rejects.toThrow('empty');
    await withinResponseQuota(quota, request, async () => ({ state: 'draft' }));
    await withinResponseQuota(quota, request, async () => ({ state: 'submitted' }));
    await expect(
      withinResponseQuota(quota, request, async () => ({ state: 'submitted' })),
    ).rejects.toMatchObject({ problem: { status: 429 } });
    // Saving is never limited.
    await expect(
      withinResponseQuota(quota, { ...request, intent: 'save' }, async () => ({ state: 'draft' })),
    ).resolves.toEqual({ state: 'draft' });
  });

  it('keeps the map bounded by sweeping expired addresses', () => {
    const quota = new ResponseQuota(1, 60_000, 3);
    for (const address of ['a', 'b', 'c']) quota.take(address, at(0));
    expect(quota.take('d', at(5)).allowed).toBe(true);
    expect(quota.take('a', at(5)).allowed).toBe(true);
  });

  it('says the wait in minutes', () => {
    expect(waitInWords(1_000)).toBe('1 minute');
    expect(waitInWords(42 * 60_000)).toBe('42 minutes');
  });
});
