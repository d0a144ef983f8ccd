import { describe, expect, it } from 'vitest';
import { progressBar } from './consultation-command.ts';

describe('the import progress bar', () => {
  it('shows the share of bytes read, rows and rows per second', () => {
    expect(
      progressBar(
        { linesRead: 600_000, bytesRead: 60, responsesChecked: 600_000, badLines: 0 },
        100,
        10,
      ),
    ).toBe(`[${'█'.repeat(18)}${'░'.repeat(12)}]  60%  600,000 rows  60,000 rows/s`);
  });
});
