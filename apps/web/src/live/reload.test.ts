import { describe, expect, it } from 'vitest';
import { shouldReload } from './reload.ts';

const refused = (incompatibility: 'client_too_old' | 'server_too_old') =>
  ({ state: 'incompatible', clockOffsetMs: 0, reason: 'protocol_mismatch', refusal: { code: 'protocol_mismatch', message: '', serverProtocol: 2, incompatibility } }) as const;

describe('shouldReload', () => {
  it('reloads a screen whose app is older than the server, at most once in five minutes', () => {
    expect(shouldReload(refused('client_too_old'), null, 1_000_000)).toBe(true);
    expect(shouldReload(refused('client_too_old'), 1_000_000, 1_000_000 + 299_999)).toBe(false);
    expect(shouldReload(refused('client_too_old'), 1_000_000, 1_000_000 + 300_000)).toBe(true);
  });

  it('never reloads for a server that is behind, or for any other state', () => {
    expect(shouldReload(refused('server_too_old'), null, 1_000_000)).toBe(false);
    expect(shouldReload({ state: 'offline', clockOffsetMs: 0, reason: 'network' }, null, 1_000_000)).toBe(false);
    expect(shouldReload({ state: 'live', clockOffsetMs: 0 }, null, 1_000_000)).toBe(false);
  });
});
