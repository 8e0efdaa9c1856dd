import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, ROLES } from '@cw/contracts';
import { ACTIONS, PERMISSIONS, can } from './permissions.ts';
import { canSubscribe } from './topics.ts';
import { throttleFailure, throttleForgetAt, throttleReserve, throttleWait, type ThrottleEntry } from './throttle.ts';

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

  it('reserves attempts as failures until the lock, then refuses them uncounted', () => {
    let e: ThrottleEntry | null = null;
    const waits: number[] = [];
    for (const t of [0, 1000, 2000, 3000, 4000]) {
      const r = throttleReserve(e, t, policy);
      waits.push(r.waitMs);
      e = r.entry;
    }
    // The third reservation is the third failure: it locks until 12 000; the next two wait.
    expect(waits).toEqual([0, 0, 0, 9000, 8000]);
    expect(e).toEqual({ failures: [0, 1000, 2000], lockedUntil: 12_000, strikes: 1 });
    // Once the lock is over a reservation counts again and, over the limit, locks for 20 s.
    expect(throttleReserve(e, 12_000, policy)).toEqual({ waitMs: 0, entry: { failures: [1000, 2000, 12_000], lockedUntil: 32_000, strikes: 2 } });
    expect(throttleReserve(null, 0, policy)).toEqual({ waitMs: 0, entry: { failures: [0], lockedUntil: 0, strikes: 0 } });
  });

  it('is forgotten once its lock is over and its last failure left the window', () => {
    expect(throttleForgetAt(failAt(null, 5000), policy)).toBe(65_000);
    // Locked until 70 000 by the third failure; its last failure leaves the window at 120 000.
    expect(throttleForgetAt(failAt(null, 58_000, 59_000, 60_000), policy)).toBe(120_000);
    const long = { failures: [1000], lockedUntil: 500_000, strikes: 6 };
    expect(throttleForgetAt(long, policy)).toBe(500_000);
  });
});
