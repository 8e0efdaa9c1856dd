import { describe, expect, it } from 'vitest';
import { WINDOW_FAMILIES } from '@cw/metrics';
import { IN_MEMORY_WINDOWS, STORED_WINDOWS_MS } from './retention.ts';

describe('retention', () => {
  it('keeps 3 hours of minutes, 40 days of hours and 800 days of days in storage (as docs/architecture.md states)', () => {
    expect(STORED_WINDOWS_MS).toEqual({ '1m': 10_800_000, '1h': 3_456_000_000, '1d': 69_120_000_000 });
  });

  it('stores at least what a restart reloads into memory, for every window family', () => {
    // The restore reads one window more than the engine holds (the one being rebuilt).
    for (const f of WINDOW_FAMILIES) expect((IN_MEMORY_WINDOWS[f.id]! + 1) * f.sizeMs).toBeLessThanOrEqual(STORED_WINDOWS_MS[f.id]!);
  });
});
