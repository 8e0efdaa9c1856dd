import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, ROLES } from '@cw/contracts';
import { ACTIONS, PERMISSIONS, can } from './permissions.ts';
import { canSubscribe } from './topics.ts';
import { signInPairKey, signInReserve, throttleFailure, throttleForgetAt, throttleWait, type SignInEntries, type ThrottleEntry } from './throttle.ts';

const READS = new Set(['vitals.read', 'history.read', 'feed.read', 'alerts.read', 'system.read', 'profile.read', 'cases.read_all', 'emergencies.read']);

describe('permission table', () => {
  it('has a row for every case workflow action', () => {
    for (const a of CASE_ACTIONS) expect(ACTIONS).toContain(`case.${a}`);
  });

  it('keeps the wall display read-only and data sources to ingest and intake', () => {
    const wall = ACTIONS.filter((a) => can('wall', a));
    expect(wall.every((a) => READS.has(a))).toBe(true);
    expect(ACTIONS.filter((a) => can('source', a)).sort()).toEqual(['cases.report', 'events.ingest']);
  });

  it('gives administration only to administrators', () => {
    for (const a of ['users.manage', 'displays.manage', 'sources.manage', 'thresholds.manage', 'audit.read', 'ngsi.subscriptions'] as const) {
      expect(ROLES.filter((r) => can(r, a))).toEqual(['admin']);
    }
  });

  it('keeps personal case data from walls and departments', () => {
    expect(can('wall', 'cases.read_personal')).toBe(false);
    expect(can('department', 'cases.read_personal')).toBe(false);
    expect(can('duty_officer', 'cases.read_personal')).toBe(true);
  });

  it('refuses unknown or missing roles', () => {
    expect(can(null, 'vitals.read')).toBe(false);
    expect(can(undefined, 'vitals.read')).toBe(false);
    expect(Object.values(PERMISSIONS).every((roles) => roles.length > 0)).toBe(true);
  });
});

describe('canSubscribe', () => {
  it('lets a department handler read only its own department’s cases', () => {
    const handler = { role: 'department' as const, department: 'cgj' };
    expect(canSubscribe(handler, 'cases:cgj')).toBe(true);
    expect(canSubscribe(handler, 'cases:gaj')).toBe(false);
    expect(canSubscribe(handler, 'cases')).toBe(false);
    expect(canSubscribe(handler, 'vitals:city')).toBe(false);
  });

  it('lets watchers read the city and refuses unknown topics', () => {
    const wall = { role: 'wall' as const, department: null };
    expect(canSubscribe(wall, 'vitals:city')).toBe(true);
    expect(canSubscribe(wall, 'alerts')).toBe(true);
    expect(canSubscribe(wall, 'cases')).toBe(true);
    expect(canSubscribe(wall, 'cases:cgj')).toBe(false);
    expect(canSubscribe(wall, 'secrets')).toBe(false);
  });

  it('lets every screen, departments included, follow the emergencies', () => {
    for (const role of ['wall', 'leader', 'shift_leader', 'duty_officer', 'department', 'admin'] as const) {
      expect(canSubscribe({ role, department: role === 'department' ? 'cgj' : null }, 'emergencies')).toBe(true);
    }
    expect(canSubscribe({ role: 'source', department: null }, 'emergencies')).toBe(false);
  });
});

describe('emergency authority', () => {
  it('gives declare, level changes and stand down to shift leaders and leaders only', () => {
    for (const a of ['emergency.declare', 'emergency.change_level', 'emergency.stand_down'] as const) {
      expect(ROLES.filter((r) => can(r, a))).toEqual(['leader', 'shift_leader']);
    }
    expect(ROLES.filter((r) => can(r, 'emergency.instruct'))).toEqual(['leader']);
    expect(ROLES.filter((r) => can(r, 'emergency.acknowledge_instruction'))).toEqual(['department']);
  });
});

describe('sign-in throttle', () => {
  const policy = { maxFailures: 3, windowMs: 60_000, lockMs: 10_000, maxLockMs: 40_000 };
  const failAt = (entry: ThrottleEntry | null, ...times: number[]) => times.reduce<ThrottleEntry | null>((e, t) => throttleFailure(e, t, policy), entry)!;

  it('locks a key after repeated failures and doubles the lock on each further failure', () => {
    let alice = failAt(null, 0, 1000);
    expect(throttleWait(alice, 1000)).toBe(0);
    alice = failAt(alice, 2000);
    expect(throttleWait(alice, 2000)).toBe(10_000);
    expect(throttleWait(alice, 12_000)).toBe(0);
    alice = failAt(alice, 12_000);
    expect(throttleWait(alice, 12_000)).toBe(20_000);
    alice = failAt(alice, 32_000, 72_000);
    // At 72 000 only the failures at 32 000 and 72 000 are inside the window: no new lock.
    expect(alice.failures).toEqual([32_000, 72_000]);
    expect(throttleWait(alice, 72_000)).toBe(0);
    expect(throttleWait(null, 0)).toBe(0);
  });

  it('caps the lock and keeps no more failures than the limit needs', () => {
    const k = failAt(null, ...Array.from({ length: 10 }, (_, i) => i));
    // Eight locks: 10, 20, 40 (capped) … seconds; the last from the failure at 9.
    expect(k.strikes).toBe(8);
    expect(throttleWait(k, 9)).toBe(40_000);
    expect(k.failures).toEqual([7, 8, 9]);
  });

  it('is forgotten once its lock is over and its last failure left the window', () => {
    expect(throttleForgetAt(failAt(null, 5000), policy)).toBe(65_000);
    // Locked until 70 000 by the third failure; its last failure leaves the window at 120 000.
    expect(throttleForgetAt(failAt(null, 58_000, 59_000, 60_000), policy)).toBe(120_000);
    const long = { failures: [1000], lockedUntil: 500_000, strikes: 6 };
    expect(throttleForgetAt(long, policy)).toBe(500_000);
  });
});

describe('sign-in reservation per account and address, and per account', () => {
  const policy = {
    perAddress: { maxFailures: 3, windowMs: 30_000, lockMs: 10_000, maxLockMs: 40_000 },
    perAccount: { maxFailures: 5, windowMs: 60_000, lockMs: 40_000, maxLockMs: 80_000 },
  };
  /** Runs attempts at one account, each from an address at a time; answers the waits. */
  const attempts = (state: { account: ThrottleEntry | null; pairs: Map<string, ThrottleEntry | null> }, list: [string, number][]) =>
    list.map(([address, t]) => {
      const r = signInReserve({ account: state.account, pair: state.pairs.get(address) ?? null } satisfies SignInEntries, t, policy);
      state.account = r.account;
      state.pairs.set(address, r.pair);
      return r.waitMs;
    });

  it('locks one address out of the account after three failures, not the account from another address', () => {
    const state = { account: null as ThrottleEntry | null, pairs: new Map<string, ThrottleEntry | null>() };
    // The third attempt from a locks a until 2000 + 10 s; its fourth waits 9 s, uncounted.
    expect(attempts(state, [['a', 0], ['a', 1000], ['a', 2000], ['a', 3000]])).toEqual([0, 0, 0, 9000]);
    expect(state.pairs.get('a')).toEqual({ failures: [0, 1000, 2000], lockedUntil: 12_000, strikes: 1 });
    expect(state.account).toEqual({ failures: [0, 1000, 2000], lockedUntil: 0, strikes: 0 });
    // The owner at b is let through; its attempt counts toward the account's five.
    expect(attempts(state, [['b', 3000]])).toEqual([0]);
    expect(state.pairs.get('b')).toEqual({ failures: [3000], lockedUntil: 0, strikes: 0 });
    expect(state.account).toEqual({ failures: [0, 1000, 2000, 3000], lockedUntil: 0, strikes: 0 });
  });

  it('closes the account, after five failures from anywhere, only to addresses that failed at it', () => {
    const state = { account: null as ThrottleEntry | null, pairs: new Map<string, ThrottleEntry | null>() };
    // One guess each from five addresses: the fifth locks the account until 4000 + 40 s.
    expect(attempts(state, [['a', 0], ['b', 1000], ['c', 2000], ['d', 3000], ['e', 4000]])).toEqual([0, 0, 0, 0, 0]);
    expect(state.account).toEqual({ failures: [0, 1000, 2000, 3000, 4000], lockedUntil: 44_000, strikes: 1 });
    // a failed 5 s ago: it waits for the account's lock, 39 s.
    expect(attempts(state, [['a', 5000]])).toEqual([39_000]);
    // f never failed: its one attempt is let through and counted, over the limit: 80 s lock.
    expect(attempts(state, [['f', 5000]])).toEqual([0]);
    expect(state.account).toEqual({ failures: [1000, 2000, 3000, 4000, 5000], lockedUntil: 85_000, strikes: 2 });
    expect(state.pairs.get('f')).toEqual({ failures: [5000], lockedUntil: 0, strikes: 0 });
    // Now f has failed: it waits too.
    expect(attempts(state, [['f', 6000]])).toEqual([79_000]);
    // At 30 000 a's failure at 0 has left its 30 s window: a is clean again and let through once.
    expect(attempts(state, [['a', 29_999], ['a', 30_000]])).toEqual([55_001, 0]);
    expect(state.account).toEqual({ failures: [2000, 3000, 4000, 5000, 30_000], lockedUntil: 110_000, strikes: 3 });
    expect(state.pairs.get('a')).toEqual({ failures: [30_000], lockedUntil: 0, strikes: 0 });
  });

  it('keys a pair so that no name and address run together', () => {
    expect(signInPairKey('a b', 'c')).not.toBe(signInPairKey('a', 'b c'));
    expect(signInPairKey('admin', '10.0.0.1')).toBe('["admin","10.0.0.1"]');
  });
});
