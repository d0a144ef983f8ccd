import { describe, expect, it } from 'vitest';
import { decisionRefusals } from './decision-rules.ts';

describe('Gunning 4: responses "conscientiously taken into account" before the decision is put', () => {
  it('refuses before close, without a report and while a theme lacks "we heard / we did"', () => {
    const refusals = decisionRefusals({
      hasClosed: false,
      closesOn: '7 March 2008',
      reportVersion: null,
      themesWithoutResponse: [{ code: 'TRAVEL', questionNumber: 4 }],
    });
    expect(refusals).toHaveLength(3);
    expect(refusals[0]).toContain('has not closed (it closes on 7 March 2008)');
    expect(refusals[1]).toContain('No analysis report has been produced');
    expect(refusals[2]).toContain('TRAVEL (question 4)');
    for (const refusal of refusals) {
      expect(refusal).toContain('Gunning principle 4');
      expect(refusal).toContain('“conscientiously taken into account”');
    }
  });

  it('puts nothing in the way once closed, reported and every theme answered', () => {
    expect(
      decisionRefusals({
        hasClosed: true,
        closesOn: '7 March 2008',
        reportVersion: 1,
        themesWithoutResponse: [],
      }),
    ).toEqual([]);
  });
});
