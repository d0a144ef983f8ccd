import { beforeAll, describe, expect, it } from 'vitest';
import { preset } from '../constitutions/testing/london.ts';
import type { Constitution } from '../governance/index.ts';
import { mayRunBody } from '../identity/policy.ts';
import {
  agreementRule,
  checkAgreement,
  checkEnd,
  checkProcessChange,
  checkStart,
  jointWorkCategories,
  stageOf,
} from './joint-review-rules.ts';

let london2008: Constitution;
const rule = {
  clause: '2006 §112',
  text: 'Groups will decide in advance of considering a specific piece of joint work around service development or service reconfiguration a process for decision making and how they intend to deal with a failure to agree.',
};
const proposed = {
  decisionProcess: null,
  failureToAgree: null,
  agreedOn: null,
  startedOn: null,
  endedOn: null,
};
const recorded = { ...proposed, decisionProcess: 'Consensus', failureToAgree: 'Mediation' };
const agreed = { ...recorded, agreedOn: '2026-09-01' };
const today = '2026-11-23';

beforeAll(async () => {
  london2008 = await preset('london-commissioning-group-2008');
});

describe('2006 §112: "Groups will decide in advance of considering a specific piece of joint work around service development or service reconfiguration a process for decision making and how they intend to deal with a failure to agree."', () => {
  it('covers service development and major service reconfiguration, quoting the clause from the terms', () => {
    expect(jointWorkCategories(london2008).map((category) => category.id)).toEqual([
      'service-development',
      'major-service-reconfiguration',
    ]);
    expect(agreementRule(london2008, 'service-development')).toMatchObject(rule);
    expect(agreementRule(london2008, 'collective-procurement')).toBeUndefined();
  });

  it('refuses to start a review before its process is recorded and agreed, quoting the rule', () => {
    for (const review of [proposed, recorded]) {
      const check = checkStart(review, '2026-09-02', rule, today);
      expect(check.ok).toBe(false);
      if (check.ok) continue;
      expect(check.status).toBe(409);
      expect(check.errors[0]?.message).toContain(`2006 §112: "${rule.text}"`);
    }
    expect(checkStart(agreed, '2026-08-31', rule, today)).toMatchObject({ ok: false, status: 400 });
    expect(checkStart(agreed, '2026-12-01', rule, today)).toMatchObject({ ok: false, status: 400 });
    expect(checkStart(agreed, '2026-09-01', rule, today)).toEqual({ ok: true });
  });

  it('agrees only a process with both halves recorded, and fixes it once agreed', () => {
    const missing = checkAgreement(
      { ...proposed, decisionProcess: 'Consensus' },
      { agreedOn: '2026-09-01' },
      rule,
      today,
    );
    expect(missing).toMatchObject({ ok: false, errors: [{ field: 'failureToAgree' }] });
    expect(checkAgreement(recorded, { agreedOn: '2026-09-01' }, rule, today)).toEqual({ ok: true });
    expect(checkAgreement(agreed, { agreedOn: '2026-09-02' }, rule, today)).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(checkProcessChange(recorded, rule)).toEqual({ ok: true });
    expect(checkProcessChange(agreed, rule)).toMatchObject({ ok: false, status: 409 });
  });

  it('ends a started review, not before it started nor after today', () => {
    const started = { ...agreed, startedOn: '2026-09-02' };
    expect(checkEnd(agreed, '2026-11-01', today)).toMatchObject({ ok: false, status: 409 });
    expect(checkEnd(started, '2026-09-01', today)).toMatchObject({ ok: false, status: 400 });
    expect(checkEnd(started, '2026-11-24', today)).toMatchObject({ ok: false, status: 400 });
    expect(checkEnd(started, '2026-11-01', today)).toEqual({ ok: true });
    expect([proposed, agreed, started, { ...started, endedOn: '2026-11-01' }].map(stageOf)).toEqual(
      ['proposed', 'agreed', 'started', 'ended'],
    );
  });

  it('is recorded by the body’s secretariat or an administrator only', () => {
    const base = {
      kind: 'account' as const,
      accountId: 'a',
      email: 'x@example.invalid',
      displayName: 'X',
      personId: null,
      isAdministrator: false,
      authenticatedBy: 'session' as const,
    };
    const slug = 'london-commissioning-group';
    expect(mayRunBody({ ...base, bodyRoles: [{ bodyId: slug, role: 'secretariat' }] }, slug)).toBe(
      true,
    );
    expect(
      mayRunBody({ ...base, bodyRoles: [{ bodyId: 'other', role: 'secretariat' }] }, slug),
    ).toBe(false);
    expect(mayRunBody({ ...base, bodyRoles: [{ bodyId: slug, role: 'chair' }] }, slug)).toBe(false);
    expect(mayRunBody({ ...base, isAdministrator: true, bodyRoles: [] }, slug)).toBe(true);
  });
});
