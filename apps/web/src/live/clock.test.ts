import { afterEach, describe, expect, it, vi } from 'vitest';
import { serverNow } from './clock.ts';
import { useLive } from './store.ts';

describe('serverNow', () => {
  afterEach(() => {
    vi.useRealTimers();
    useLive.setState({ clock: [] });
  });

  it('is whole ms when the model falls between two (the API refuses a fractional time)', () => {
    // Samples 2 s apart in which the server moved 3,001 ms: rate 1.5005. At local 12,001:
    // 20,001 + 1,001 × 1.5005 = 21,503.0005 → 21,503.
    useLive.setState({ clock: [{ local: 9000, server: 17_000 }, { local: 11_000, server: 20_001 }] });
    vi.useFakeTimers({ now: 12_001 });
    expect(serverNow()).toBe(21_503);
  });
});
