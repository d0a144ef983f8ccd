import { describe, expect, it } from 'vitest';
import { formatByteSize } from './backup-command.ts';

describe('backup sizes as people read them', () => {
  it('in decimal units with three significant figures', () => {
    expect(formatByteSize(1)).toBe('1 byte');
    expect(formatByteSize(999)).toBe('999 bytes');
    expect(formatByteSize(166_761)).toBe('167 kB');
    expect(formatByteSize(5_448_207)).toBe('5.45 MB');
    expect(formatByteSize(999_600)).toBe('1.00 MB');
    expect(formatByteSize(2_500_000_000)).toBe('2.50 GB');
  });
});
