import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, ROLES } from '@cw/contracts';
import { ACTIONS, PERMISSIONS, can } from './permissions.ts';
import { canSubscribe } from './topics.ts';
import { Throttle } from './throttle.ts';

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

describe('Throttle', () => {
  const policy = { maxFailures: 3, windowMs: 60_000, lockMs: 10_000, maxLockMs: 40_000 };

  it('locks a key after repeated failures and doubles the lock on each further failure', () => {
    const t = new Throttle(policy);
    t.fail('alice', 0);
    t.fail('alice', 1000);
    expect(t.retryAfter('alice', 1000)).toBe(0);
    t.fail('alice', 2000);
    expect(t.retryAfter('alice', 2000)).toBe(10_000);
    expect(t.retryAfter('alice', 12_000)).toBe(0);
    t.fail('alice', 12_000);
    expect(t.retryAfter('alice', 12_000)).toBe(20_000);
    t.fail('alice', 32_000);
    t.fail('alice', 72_000);
    expect(t.retryAfter('alice', 72_000)).toBe(0); // failures older than the window no longer count
    expect(t.retryAfter('bob', 0)).toBe(0);
  });

  it('caps the lock and forgets a key after a success', () => {
    const t = new Throttle(policy);
    for (let i = 0; i < 10; i++) t.fail('k', i);
    expect(t.retryAfter('k', 9)).toBe(40_000);
    t.succeed('k');
    expect(t.retryAfter('k', 10)).toBe(0);
  });

  it('carries its locks, strikes and recent failures over a save and load, and drops what has expired', () => {
    const t = new Throttle(policy);
    for (let i = 0; i < 3; i++) t.fail('locked', 50_000 + i); // locked until 60 002, one strike
    t.fail('recent', 55_000);
    t.fail('expired', 0);
    const reload = (now: number) => {
      const u = new Throttle(policy);
      u.load(JSON.parse(JSON.stringify(t.state(now))) as unknown);
      return u;
    };
    expect(reload(60_000).retryAfter('locked', 60_000)).toBe(2);
    const u = reload(61_000);
    expect(u.retryAfter('locked', 61_000)).toBe(0);
    // Its strike survived: the next failure locks for twice the first lock.
    u.fail('locked', 61_000);
    expect(u.retryAfter('locked', 61_000)).toBe(20_000);
    u.fail('recent', 61_000);
    u.fail('recent', 62_000);
    expect(u.retryAfter('recent', 62_000)).toBe(10_000);
    // The failure at 0 left the 60 s window before the save: two more do not lock.
    u.fail('expired', 61_000);
    u.fail('expired', 61_001);
    expect(u.retryAfter('expired', 61_001)).toBe(0);
  });

  it('keeps at most the given number of keys, the locked ones first, and ignores a malformed state', () => {
    const t = new Throttle(policy);
    t.fail('a', 0);
    for (let i = 0; i < 3; i++) t.fail('b', i);
    expect(t.state(10, 1).map(([k]) => k)).toEqual(['b']);
    const u = new Throttle(policy);
    u.load([['x', null], ['y', { failures: 'no' }], 'z', null]);
    u.load({ not: 'an array' });
    expect(u.state(0)).toEqual([]);
  });
});
