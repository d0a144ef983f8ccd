import { describe, expect, it } from 'vitest';
import {
  figureText,
  overallStatus,
  parseFigure,
  periodText,
  quarterEndsOn,
  ragStatus,
} from './performance-rules.ts';

describe('2006 §106 "performance manage the Commissioning Business Service": the RAG rule', () => {
  it('higher is better: green at or above target, amber down to 90% of it, red below', () => {
    expect(ragStatus('higher-is-better', 9500, 9500)).toBe('green');
    expect(ragStatus('higher-is-better', 9500, 9900)).toBe('green');
    expect(ragStatus('higher-is-better', 9500, 8550)).toBe('amber');
    expect(ragStatus('higher-is-better', 9500, 8549)).toBe('red');
  });

  it('lower is better: green at or below target, amber up to 110% of it, red above', () => {
    expect(ragStatus('lower-is-better', 1000, 1000)).toBe('green');
    expect(ragStatus('lower-is-better', 1000, 500)).toBe('green');
    expect(ragStatus('lower-is-better', 1000, 1100)).toBe('amber');
    expect(ragStatus('lower-is-better', 1000, 1101)).toBe('red');
  });

  it('a lower-is-better target of zero has no amber band', () => {
    expect(ragStatus('lower-is-better', 0, 0)).toBe('green');
    expect(ragStatus('lower-is-better', 0, 1)).toBe('red');
  });

  it('the overall status is the worst figure’s, and none for an empty report', () => {
    expect(overallStatus(['green', 'amber', 'green'])).toBe('amber');
    expect(overallStatus(['green', 'red', 'amber'])).toBe('red');
    expect(overallStatus(['green'])).toBe('green');
    expect(overallStatus([])).toBeUndefined();
  });
});

describe('periods and figures in words', () => {
  it('names a quarter of a financial year and its last day', () => {
    expect(periodText(2007, 3)).toBe('Quarter 3, 2007/08');
    expect(periodText(2009, 1)).toBe('Quarter 1, 2009/10');
    expect(quarterEndsOn(2007, 3)).toBe('2007-12-31');
    expect(quarterEndsOn(2007, 4)).toBe('2008-03-31');
  });

  it('writes figures in their unit', () => {
    expect(figureText(9250, 'percent')).toBe('92.5%');
    expect(figureText(9500, 'percent')).toBe('95%');
    expect(figureText(1000, 'working-days')).toBe('10 working days');
    expect(figureText(100, 'working-days')).toBe('1 working day');
    expect(figureText(120000, 'count')).toBe('1,200');
    expect(figureText(1205, 'count')).toBe('12.05');
  });

  it('reads typed figures with at most two decimals', () => {
    expect(parseFigure('92.5')).toBe(9250);
    expect(parseFigure('95%')).toBe(9500);
    expect(parseFigure('1,200')).toBe(120000);
    expect(parseFigure('12.05')).toBe(1205);
    expect(parseFigure('12.345')).toBeUndefined();
    expect(parseFigure('-3')).toBeUndefined();
    expect(parseFigure('lots')).toBeUndefined();
  });
});
