import { describe, expect, it } from 'vitest';
import { signInPairKey } from '@cw/access';
import type { Alert, Briefing, CaseRecord, CaseTransition, EmergencyRecord, FeedItem, NewCase, StoredSubscription, TimelineEntry } from '@cw/contracts';
import { DEFAULT_SLA_POLICY, createWorkingCalendar, openCase } from '@cw/dispatch';
import type { ClosedWindow } from '@cw/rollup';
import { airReading } from '../testing/harness.ts';
import { AlertLinkConflict, CaseConflict, DuplicateSubscription, DuplicateUser, EmergencyConflict, MAX_STORED_PHOTO_BYTES, type CredentialRow, type PairingRow, type Storage, type StoredPhoto, type StoredUser } from './storage.ts';

/**
 * The storage contract: what every implementation (memory, SQLite, PostgreSQL) must do, as
 * one suite run against each. `open` gives a fresh, empty store.
 */
export function storageContract(name: string, open: () => Promise<Storage>): void {
  const onWall = (id: string, raisedAt: number): Alert => ({
    id,
    metric: 'tour.capacity_use',
    scope: '430528',
    level: 'orange',
    value: 93,
    threshold: 90,
    clearAt: 65,
    raisedAt,
    escalatedAt: null,
    clearedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    acknowledgeNote: null,
  });

  describe(`${name} storage: events and rollups`, () => {
    const win = (window: string, start: number, sum: number, scope = 'city'): ClosedWindow => ({
      window,
      series: 'air.reading.pm25',
      scope,
      start,
      agg: { count: 2, sum, min: 1, max: sum - 1, last: 3, lastTs: start + 5 },
    });

    it('journals events once per id and returns them by time', async () => {
      const s = await open();
      const a = airReading('430502', 2000, 10, 'a');
      const b = airReading('430502', 1000, 20, 'b');
      const anon = airReading('430502', 1500, 30);
      expect(await s.appendEvents([a, b, anon])).toEqual([a, b, anon]);
      expect(await s.appendEvents([a, airReading('430502', 3000, 40, 'c'), anon])).toEqual([airReading('430502', 3000, 40, 'c'), anon]);
      expect((await s.eventsSince(1500)).map((e) => e.ts)).toEqual([1500, 1500, 2000, 3000]);
      await s.close();
    });

    it('keeps event ids apart per source, and journals a body as received', async () => {
      const s = await open();
      const a = airReading('430502', 2000, 10, 'a');
      const asReceived = '{"kind":"air.reading","id":"a","ts":2000,"division":"430502","station":"sq-1","values":{"pm25":10,"pm10":15,"so2":8,"no2":30,"co":0.8,"o3":60}}';
      expect(await s.appendEvents([a], 'source-1', [asReceived])).toEqual([a]);
      // The same id from another source is another event; from the same source a duplicate.
      expect(await s.appendEvents([a], 'source-2')).toEqual([a]);
      expect(await s.appendEvents([a, a], 'source-1')).toEqual([]);
      // Twice in one batch from a new source: the first goes in, the second is a duplicate.
      expect(await s.appendEvents([a, a], 'source-3')).toEqual([a]);
      expect(await s.knownIds(['a', 'b'], 'source-1')).toEqual(new Set(['a']));
      expect(await s.knownIds(['a'], 'source-4')).toEqual(new Set());
      expect(await s.eventsSince(0)).toEqual([a, a, a]);
      await s.close();
    });

    it('finds repeats in a large batch and across batches', async () => {
      const s = await open();
      // 300 events, the last 100 repeating the ids of the first 100.
      const first = Array.from({ length: 300 }, (_, i) => airReading('430502', 1000 + i, i, `n${i % 200}`));
      expect((await s.appendEvents(first, 'src')).map((e) => e.id)).toEqual(first.slice(0, 200).map((e) => e.id));
      // n150…n349: the first 50 already delivered.
      const second = Array.from({ length: 200 }, (_, i) => airReading('430502', 2000 + i, i, `n${150 + i}`));
      expect((await s.appendEvents(second, 'src')).map((e) => e.id)).toEqual(second.slice(50).map((e) => e.id));
      expect((await s.eventsSince(0)).length).toBe(350);
      await s.close();
    });

    it('journals several sources’ batches in one call, each with its own duplicates', async () => {
      const s = await open();
      const a = airReading('430502', 1000, 10, 'a');
      const b = airReading('430502', 2000, 20, 'b');
      const anon = airReading('430502', 1500, 30);
      expect(await s.appendEvents([a], 'src-1')).toEqual([a]);
      // src-1's a is a retry; src-2's a is another event; b twice in src-2's batch, and again from src-2 in a later batch of the call.
      expect(await s.appendEventBatches([
        { events: [a, b], source: 'src-1' },
        { events: [a, b, b], source: 'src-2' },
        { events: [anon] },
        { events: [b], source: 'src-2' },
        { events: [] },
      ])).toEqual([[b], [a, b], [anon], [], []]);
      expect(await s.knownIds(['a', 'b'], 'src-2')).toEqual(new Set(['a', 'b']));
      expect((await s.eventsSince(0)).map((e) => e.ts)).toEqual([1000, 1000, 1500, 2000, 2000]);
      await s.close();
    });

    it('stores closed windows with the watermark and reads them back', async () => {
      const s = await open();
      expect(await s.closedUpTo()).toBeNull();
      await s.saveClosedWindows([win('1m', 0, 10), win('1m', 60_000, 20), win('1h', 0, 30)], 120_000);
      expect(await s.closedUpTo()).toBe(120_000);
      expect((await s.loadWindows('1m', 60_000)).map((w) => w.agg.sum)).toEqual([20]);
      expect(await s.history('1m', 'air.reading.pm25', 'city', 0, 120_000)).toEqual([win('1m', 0, 10), win('1m', 60_000, 20)]);
      expect(await s.history('1m', 'air.reading.pm25', '430502', 0, 120_000)).toEqual([]);
      // A window saved again (a late correction) replaces the stored one; the watermark moves.
      await s.saveClosedWindows([win('1m', 60_000, 25.5)], 180_000);
      expect((await s.history('1m', 'air.reading.pm25', 'city', 60_000, 120_000)).map((w) => w.agg.sum)).toEqual([25.5]);
      expect(await s.closedUpTo()).toBe(180_000);
      await s.close();
    });

    it('prunes old events and windows per family', async () => {
      const s = await open();
      await s.appendEvents([airReading('430502', 1000, 1, 'x'), airReading('430502', 5000, 2, 'y')]);
      await s.saveClosedWindows([win('1m', 0, 10), win('1m', 60_000, 20), win('1h', 0, 30)], 120_000);
      await s.prune(2000, { '1m': 60_000 });
      expect((await s.eventsSince(0)).map((e) => e.id)).toEqual(['y']);
      expect((await s.loadWindows('1m', 0)).map((w) => w.start)).toEqual([60_000]);
      expect(await s.loadWindows('1h', 0)).toHaveLength(1);
      await s.close();
    });

    it('keeps daily AQI per scope and day, replaced when a day is computed again', async () => {
      const s = await open();
      await s.saveDailyAqi([
        { scope: 'city', day: 0, aqi: 80, level: 2 },
        { scope: '430502', day: 86_400_000, aqi: 40, level: 1 },
      ]);
      await s.saveDailyAqi([{ scope: 'city', day: 0, aqi: 120, level: 3 }]);
      expect(await s.loadDailyAqi(0)).toEqual([
        { scope: 'city', day: 0, aqi: 120, level: 3 },
        { scope: '430502', day: 86_400_000, aqi: 40, level: 1 },
      ]);
      expect(await s.loadDailyAqi(1)).toEqual([{ scope: '430502', day: 86_400_000, aqi: 40, level: 1 }]);
      await s.close();
    });

    const alert = (id: string, raisedAt: number, clearedAt: number | null, acknowledgedAt: number | null): Alert => ({
      id,
      metric: 'env.aqi',
      scope: '430502',
      level: 'orange',
      value: 250,
      threshold: 201,
      clearAt: 90,
      raisedAt,
      escalatedAt: null,
      clearedAt,
      acknowledgedAt,
      acknowledgedBy: acknowledgedAt === null ? null : 'officer',
      acknowledgeNote: null,
    });

    it('gives back the live alerts: unacknowledged, or acknowledged and still crossing', async () => {
      const s = await open();
      await s.saveAlert(alert('on-wall', 3, null, null));
      await s.saveAlert(alert('cleared-on-wall', 1, 5, null));
      await s.saveAlert(alert('acked-crossing', 2, null, 6));
      await s.saveAlert(alert('done', 0, 4, 7));
      expect((await s.liveAlerts()).map((a) => a.id)).toEqual(['cleared-on-wall', 'acked-crossing', 'on-wall']);
      // Acknowledging the cleared one (an update of the same alert) takes it off.
      await s.saveAlert(alert('cleared-on-wall', 1, 5, 8));
      expect((await s.liveAlerts()).map((a) => a.id)).toEqual(['acked-crossing', 'on-wall']);
      expect((await s.listAlerts(1, 3, 10)).map((a) => a.id)).toEqual(['acked-crossing', 'cleared-on-wall']);
      expect((await s.listAlerts(0, 10, 2)).map((a) => a.id)).toEqual(['on-wall', 'acked-crossing']);
      await s.close();
    });

    it('keeps the newest ticker items, once each', async () => {
      const s = await open();
      const item = (id: string, ts: number): FeedItem => ({ id, ts, kind: 'alert', division: '430502', severity: 'info', detail: `条目 ${id}` });
      await s.appendFeed([item('a', 1), item('b', 2), item('c', 3)], 3);
      await s.appendFeed([item('c', 3), item('d', 4)], 3);
      expect((await s.latestFeed(10)).map((i) => i.id)).toEqual(['d', 'c', 'b']);
      expect((await s.latestFeed(2)).map((i) => i.id)).toEqual(['d', 'c']);
      await s.close();
    });
  });

  describe(`${name} storage: auth and audit`, () => {
    const user = (id: string, username: string, createdAt: number): StoredUser => ({
      id,
      username,
      displayName: `用户${id}`,
      role: 'duty_officer',
      department: null,
      passwordHash: `hash-${id}`,
      disabled: false,
      mustChangePassword: true,
      createdAt,
    });

    it('keeps wall pairings: one per code, at most so many pending, approved once, expired ones dropped', async () => {
      const s = await open();
      const pairing = (id: string, code: string, expiresAt: number): PairingRow => ({ id, code, secretHash: `secret-${id}`, expiresAt, name: null, credentialId: null });
      expect(await s.insertPairing(pairing('p1', 'K7M4QX', 1000), 0, 2)).toBe('ok');
      expect(await s.insertPairing(pairing('p2', 'K7M4QX', 1000), 0, 2)).toBe('code_taken');
      expect(await s.insertPairing(pairing('p2', 'ABC234', 500), 0, 2)).toBe('ok');
      expect(await s.insertPairing(pairing('p3', 'XYZ789', 1000), 0, 2)).toBe('full');
      expect(await s.pairingById('p3')).toBeNull();
      // At 500 the second has expired: it is dropped, which makes room.
      expect(await s.insertPairing(pairing('p3', 'XYZ789', 1500), 500, 2)).toBe('ok');
      expect(await s.pairingById('p2')).toBeNull();

      const cred = { id: 'd1', name: '指挥大厅左屏', createdAt: 600, lastSeenAt: null, revoked: false, registration: null };
      expect(await s.approvePairing('NOPE00', 600, cred)).toBeNull();
      // Its code expired at 1000: too late to approve.
      expect(await s.approvePairing('K7M4QX', 1000, cred)).toBeNull();
      const made = await s.approvePairing('XYZ789', 600, cred);
      expect(made).toEqual({ ...cred, kind: 'display', tokenHash: 'secret-p3' });
      // The display's credential is the one its secret opens.
      expect(await s.credentialByHash('secret-p3')).toEqual(made);
      expect(await s.pairingById('p3')).toEqual({ ...pairing('p3', 'XYZ789', 1500), name: '指挥大厅左屏', credentialId: 'd1' });
      // A second administrator entering the same code approves nothing.
      expect(await s.approvePairing('XYZ789', 601, { ...cred, id: 'd2' })).toBeNull();
      expect((await s.listCredentials('display')).map((c) => c.id)).toEqual(['d1']);
      await s.deletePairing('p3');
      expect(await s.pairingById('p3')).toBeNull();
      await s.close();
    });

    it('keeps users with unique names and patches them', async () => {
      const s = await open();
      expect(await s.countUsers()).toBe(0);
      await s.insertUser(user('u2', 'wang', 20));
      await s.insertUser({ ...user('u1', 'li', 10), department: 'cgj', role: 'department' });
      await expect(s.insertUser(user('u3', 'wang', 30))).rejects.toBeInstanceOf(DuplicateUser);
      expect(await s.countUsers()).toBe(2);
      expect(await s.updateUser('u2', { disabled: true, mustChangePassword: false })).toEqual({ ...user('u2', 'wang', 20), disabled: true, mustChangePassword: false });
      // A second patch of another field keeps the first.
      await s.updateUser('u2', { passwordHash: 'new-hash' });
      expect(await s.userByName('wang')).toEqual({ ...user('u2', 'wang', 20), disabled: true, mustChangePassword: false, passwordHash: 'new-hash' });
      expect(await s.updateUser('nobody', { disabled: true })).toBeNull();
      expect(await s.userById('u1')).toEqual({ ...user('u1', 'li', 10), department: 'cgj', role: 'department' });
      expect(await s.userByName('zhao')).toBeNull();
      expect((await s.listUsers()).map((u) => u.id)).toEqual(['u1', 'u2']);
      await s.close();
    });

    it('keeps sessions until deleted, per user or once expired', async () => {
      const s = await open();
      await s.insertUser(user('u1', 'li', 10));
      await s.insertUser(user('u2', 'wang', 20));
      await s.insertSession({ tokenHash: 'h1', userId: 'u1', createdAt: 100, expiresAt: 1000 });
      await s.insertSession({ tokenHash: 'h2', userId: 'u1', createdAt: 100, expiresAt: 5000 });
      await s.insertSession({ tokenHash: 'h3', userId: 'u2', createdAt: 100, expiresAt: 500 });
      await s.insertSession({ tokenHash: 'h4', userId: 'u2', createdAt: 100, expiresAt: 5000 });
      expect(await s.sessionByHash('h1')).toEqual({ tokenHash: 'h1', userId: 'u1', createdAt: 100, expiresAt: 1000 });
      await s.deleteExpiredSessions(1000);
      expect(await s.sessionByHash('h1')).toBeNull();
      expect(await s.sessionByHash('h3')).toBeNull();
      await s.deleteUserSessions('u1');
      expect(await s.sessionByHash('h2')).toBeNull();
      expect(await s.sessionByHash('h4')).not.toBeNull();
      await s.deleteSession('h4');
      expect(await s.sessionByHash('h4')).toBeNull();
      await s.close();
    });

    it('keeps machine credentials with their registration, revoked and touched', async () => {
      const s = await open();
      const display: CredentialRow = { id: 'd1', kind: 'display', name: '大厅主屏', tokenHash: 't1', createdAt: 10, lastSeenAt: null, revoked: false, registration: null };
      const source: CredentialRow = {
        id: 's1',
        kind: 'source',
        name: '环保局空气站',
        tokenHash: 't2',
        createdAt: 20,
        lastSeenAt: null,
        revoked: false,
        registration: { department: 'env', kinds: ['air.reading'], intervalSec: 60, maxEventsPerSec: null },
      };
      await s.insertCredential(display);
      await s.insertCredential(source);
      expect(await s.credentialByHash('t2')).toEqual(source);
      expect((await s.listCredentials('display')).map((c) => c.id)).toEqual(['d1']);
      await s.touchCredential('d1', 500);
      expect(await s.revokeCredential('d1')).toEqual({ ...display, lastSeenAt: 500, revoked: true });
      expect(await s.revokeCredential('nope')).toBeNull();
      expect(await s.credentialByHash('t9')).toBeNull();
      await s.close();
    });

    it('appends audit entries with rising sequence numbers and pages back newest first', async () => {
      const s = await open();
      for (let i = 1; i <= 5; i++) {
        await s.appendAudit({ at: i * 10, actor: 'u1', actorName: '李', role: 'admin', action: `act-${i}`, target: null, outcome: i === 3 ? 'refused' : 'ok', ip: '127.0.0.1', detail: i === 2 ? { n: 2, why: '测试' } : null });
      }
      const page = await s.listAudit(2);
      expect(page.map((e) => e.action)).toEqual(['act-5', 'act-4']);
      const older = await s.listAudit(10, page[1]!.seq);
      expect(older.map((e) => e.action)).toEqual(['act-3', 'act-2', 'act-1']);
      expect(older[1]).toEqual({ seq: older[1]!.seq, at: 20, actor: 'u1', actorName: '李', role: 'admin', action: 'act-2', target: null, outcome: 'ok', ip: '127.0.0.1', detail: { n: 2, why: '测试' } });
      expect(older[0]!.outcome).toBe('refused');
      const seqs = [...page, ...older].map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      await s.close();
    });
  });

  describe(`${name} storage: audit entries made at once`, () => {
    it('keeps every one of many entries appended at once, in the order appended', async () => {
      const s = await open();
      await Promise.all(Array.from({ length: 25 }, (_, i) => s.appendAudit({ at: 1000 + i, actor: 'u1', actorName: '李', role: 'admin', action: `at-once-${i}`, target: null, outcome: 'ok', ip: '127.0.0.1', detail: null })));
      const page = await s.listAudit(100);
      expect(page.map((e) => e.action)).toEqual(Array.from({ length: 25 }, (_, i) => `at-once-${24 - i}`));
      expect(new Set(page.map((e) => e.seq)).size).toBe(25);
      await s.close();
    });
  });

  describe(`${name} storage: sign-in throttles`, () => {
    const policy = { maxFailures: 3, windowMs: 60_000, lockMs: 10_000, maxLockMs: 40_000 };

    it('counts failures per scope and key into a lock, and forgets a key when cleared', async () => {
      const s = await open();
      expect(await s.throttleEntry('account', 'admin')).toBeNull();
      await s.recordThrottleFailure('account', 'admin', 0, policy);
      expect(await s.recordThrottleFailure('account', 'admin', 1000, policy)).toEqual({ failures: [0, 1000], lockedUntil: 0, strikes: 0 });
      // The third failure within a minute locks for 10 s.
      expect(await s.recordThrottleFailure('account', 'admin', 2000, policy)).toEqual({ failures: [0, 1000, 2000], lockedUntil: 12_000, strikes: 1 });
      expect(await s.throttleEntry('account', 'admin')).toEqual({ failures: [0, 1000, 2000], lockedUntil: 12_000, strikes: 1 });
      // The same key in another scope is another record.
      expect(await s.throttleEntry('address', 'admin')).toBeNull();
      await s.clearThrottle('account', 'admin');
      expect(await s.throttleEntry('account', 'admin')).toBeNull();
      await s.close();
    });

    it('counts every one of many failures made at once', async () => {
      const s = await open();
      await Promise.all(Array.from({ length: 20 }, () => s.recordThrottleFailure('address', '10.0.0.9', 5000, policy)));
      // Failures 3 to 20 each locked: 18 strikes, the last lock capped at 40 s.
      expect(await s.throttleEntry('address', '10.0.0.9')).toEqual({ failures: [5000, 5000, 5000], lockedUntil: 45_000, strikes: 18 });
      await s.close();
    });

    const signIn = {
      perAddress: policy,
      perAccount: { maxFailures: 5, windowMs: 60_000, lockMs: 10_000, maxLockMs: 40_000 },
    };
    const pair = (s: Storage, address: string) => s.throttleEntry('account-address', signInPairKey('admin', address));

    it('lets no more attempts from one address made at once past its lock-out than its limit allows', async () => {
      const s = await open();
      const waits = await Promise.all(Array.from({ length: 20 }, () => s.reserveSignIn('admin', '10.0.0.1', 5000, signIn)));
      // Three reservations fill the address's limit and lock it until 15 000; the other 17 wait 10 s, uncounted.
      expect(waits.filter((w) => w === 0)).toHaveLength(3);
      expect(waits.filter((w) => w === 10_000)).toHaveLength(17);
      expect(await pair(s, '10.0.0.1')).toEqual({ failures: [5000, 5000, 5000], lockedUntil: 15_000, strikes: 1 });
      expect(await s.throttleEntry('account', 'admin')).toEqual({ failures: [5000, 5000, 5000], lockedUntil: 0, strikes: 0 });
      expect(await s.reserveSignIn('admin', '10.0.0.1', 14_000, signIn)).toBe(1000);
      // Another address is not held by that lock.
      expect(await s.reserveSignIn('admin', '10.0.0.2', 14_000, signIn)).toBe(0);
      // After the lock one more attempt is reserved, and being over its limit locks the address for 20 s.
      expect(await s.reserveSignIn('admin', '10.0.0.1', 15_000, signIn)).toBe(0);
      expect(await pair(s, '10.0.0.1')).toEqual({ failures: [5000, 5000, 15_000], lockedUntil: 35_000, strikes: 2 });
      // That was the account's fifth failure: locked until 25 000, for the addresses that failed at it.
      expect(await s.throttleEntry('account', 'admin')).toEqual({ failures: [5000, 5000, 5000, 14_000, 15_000], lockedUntil: 25_000, strikes: 1 });
      expect(await s.reserveSignIn('admin', '10.0.0.1', 20_000, signIn)).toBe(15_000);
      expect(await s.reserveSignIn('admin', '10.0.0.2', 20_000, signIn)).toBe(5000);
      await s.close();
    });

    it('counts every attempt made at once from many addresses into the account, and lets each clean address try once', async () => {
      const s = await open();
      const waits = await Promise.all(Array.from({ length: 12 }, (_, i) => s.reserveSignIn('admin', `10.1.0.${i}`, 5000, signIn)));
      // No address had failed: all twelve go through. Failures 5 to 12 each lock the account: 8 strikes, capped at 40 s.
      expect(waits).toEqual(Array.from({ length: 12 }, () => 0));
      expect(await s.throttleEntry('account', 'admin')).toEqual({ failures: [5000, 5000, 5000, 5000, 5000], lockedUntil: 45_000, strikes: 8 });
      expect(await pair(s, '10.1.0.7')).toEqual({ failures: [5000], lockedUntil: 0, strikes: 0 });
      // Having failed, each now waits for the account's lock; a new address still gets its one try.
      expect(await s.reserveSignIn('admin', '10.1.0.7', 6000, signIn)).toBe(39_000);
      expect(await s.reserveSignIn('admin', '10.2.0.1', 6000, signIn)).toBe(0);
      await s.close();
    });

    it('reserves below the limits without locking, and a success clears the reservations', async () => {
      const s = await open();
      expect(await s.reserveSignIn('admin', 'desk', 0, signIn)).toBe(0);
      expect(await s.reserveSignIn('admin', 'desk', 1000, signIn)).toBe(0);
      expect(await pair(s, 'desk')).toEqual({ failures: [0, 1000], lockedUntil: 0, strikes: 0 });
      // A correct password clears both records: the next run of failures starts from none.
      await s.clearThrottle('account-address', signInPairKey('admin', 'desk'));
      await s.clearThrottle('account', 'admin');
      expect(await s.reserveSignIn('admin', 'desk', 2000, signIn)).toBe(0);
      expect(await pair(s, 'desk')).toEqual({ failures: [2000], lockedUntil: 0, strikes: 0 });
      expect(await s.throttleEntry('account', 'admin')).toEqual({ failures: [2000], lockedUntil: 0, strikes: 0 });
      await s.close();
    });

    it('prunes a key once its lock is over and its last failure left the window', async () => {
      const s = await open();
      await s.recordThrottleFailure('address', 'once', 0, policy);
      for (const t of [58_000, 59_000, 60_000]) await s.recordThrottleFailure('account', 'locked', t, policy);
      await s.pruneThrottles(59_999);
      expect(await s.throttleEntry('address', 'once')).not.toBeNull();
      // At 60 000 the failure at 0 is a minute old; the locked key's last failure is not.
      await s.pruneThrottles(60_000);
      expect(await s.throttleEntry('address', 'once')).toBeNull();
      expect(await s.throttleEntry('account', 'locked')).toEqual({ failures: [58_000, 59_000, 60_000], lockedUntil: 70_000, strikes: 1 });
      await s.pruneThrottles(120_000);
      expect(await s.throttleEntry('account', 'locked')).toBeNull();
      await s.close();
    });
  });

  describe(`${name} storage: settings and sequences`, () => {
    it('keeps settings as JSON, replaced on write', async () => {
      const s = await open();
      expect(await s.getSetting('mode')).toBeNull();
      await s.putSetting('mode', 'war');
      await s.putSetting('thresholds', { 'env.aqi': [50, 100], note: '阈值' });
      await s.putSetting('mode', 'peace');
      expect(await s.getSetting('mode')).toBe('peace');
      expect(await s.getSetting('thresholds')).toEqual({ 'env.aqi': [50, 100], note: '阈值' });
      await s.close();
    });

    it('hands out 1, 2, 3… per named sequence, never twice even when asked at once', async () => {
      const s = await open();
      expect(await s.nextInSequence('case:20261127')).toBe(1);
      expect(await s.nextInSequence('case:20261127')).toBe(2);
      expect(await s.nextInSequence('case:20261128')).toBe(1);
      const many = await Promise.all(Array.from({ length: 20 }, () => s.nextInSequence('emergency:20261127')));
      expect([...many].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await s.nextInSequence('case:20261127')).toBe(3);
      await s.close();
    });
  });

  describe(`${name} storage: field photos`, () => {
    const photo = (caseId: string, id: string, bytes: number[]): StoredPhoto => ({ caseId, id, type: 'image/png', bytes: new Uint8Array(bytes), createdAt: 1000 });

    it('keeps photos per case, byte for byte, at most so many per case and none too large', async () => {
      const s = await open();
      const a = 'a'.repeat(32);
      const b = 'b'.repeat(32);
      expect(await s.insertPhoto(photo('C20261127-0001', a, [0x89, 0x50, 0, 255]), 2)).toBe(true);
      expect(await s.insertPhoto(photo('C20261127-0001', b, [1, 2, 3]), 2)).toBe(true);
      // A third for the same case is refused; another case has its own allowance.
      expect(await s.insertPhoto(photo('C20261127-0001', 'c'.repeat(32), [4]), 2)).toBe(false);
      expect(await s.hasPhoto('C20261127-0001', 'c'.repeat(32))).toBe(false);
      expect(await s.insertPhoto(photo('C20261127-0002', a, [9]), 2)).toBe(true);
      const back = await s.photo('C20261127-0001', a);
      expect(back).toMatchObject({ caseId: 'C20261127-0001', id: a, type: 'image/png', createdAt: 1000 });
      expect([...back!.bytes]).toEqual([0x89, 0x50, 0, 255]);
      expect([...(await s.photo('C20261127-0002', a))!.bytes]).toEqual([9]);
      // A photo is found only under its own case.
      expect(await s.photo('C20261127-0003', a)).toBeNull();
      expect(await s.hasPhoto('C20261127-0001', b)).toBe(true);
      await expect(s.insertPhoto({ ...photo('C20261127-0003', a, []), bytes: new Uint8Array(MAX_STORED_PHOTO_BYTES + 1) }, 2)).rejects.toThrow();
      expect(await s.hasPhoto('C20261127-0003', a)).toBe(false);
      await s.close();
    });
  });

  describe(`${name} storage: writer fence`, () => {
    it('keeps the largest fence claimed, refuses an older claim, and lets the claimant write', async () => {
      const s = await open();
      expect(await s.claimWriter(3)).toEqual({ claimed: true, current: 3 });
      // The same writer again (a retried take-over) keeps its claim.
      expect(await s.claimWriter(3)).toEqual({ claimed: true, current: 3 });
      expect(await s.claimWriter(2)).toEqual({ claimed: false, current: 3 });
      expect(await s.claimWriter(7)).toEqual({ claimed: true, current: 7 });
      await s.saveClosedWindows([{ window: '1m', series: 'air.reading.pm25', scope: 'city', start: 0, agg: { count: 1, sum: 4, min: 4, max: 4, last: 4, lastTs: 1 } }], 60_000);
      expect(await s.nextInSequence('case:20261127')).toBe(1);
      expect(await s.closedUpTo()).toBe(60_000);
      await s.close();
    });
  });

  describe(`${name} storage: cases`, () => {
    const rules = { calendar: createWorkingCalendar({ utcOffsetMinutes: 480, holidays: [] }), sla: DEFAULT_SLA_POLICY };
    const report: NewCase = {
      title: '宝庆中路垃圾未清运',
      description: '市民来电反映垃圾桶已满三天未清运。',
      channel: 'hotline_12345',
      category: 'city_appearance',
      requestType: 'complaint',
      urgency: 'normal',
      division: '430502',
      location: [111.4812, 27.2381],
    };
    const actor = { userId: 'u1', role: 'duty_officer' as const };
    const opened = (id: string, at: number) => openCase(report, id, actor, at, rules);
    /** The case moved to `state` at `at`, one version on, with the transition that says so. */
    const moved = (c: CaseRecord, state: CaseRecord['state'], at: number, over: Partial<CaseRecord> = {}): { case: CaseRecord; t: CaseTransition } => ({
      case: { ...c, ...over, state, version: c.version + 1, updatedAt: at },
      t: { seq: c.version + 1, caseId: c.id, action: 'register', from: c.state, to: state, actor, at, department: c.department, sla: null },
    });

    it('stores a case with its first transition and updates it only from the expected version', async () => {
      const s = await open();
      const a = opened('C20261127-0001', 1000);
      await s.insertCase(a.case, a.transition);
      expect(await s.caseById(a.case.id)).toEqual(a.case);
      const next = moved(a.case, 'registered', 2000);
      await s.updateCases([{ case: next.case, expectedVersion: 1, transitions: [next.t] }]);
      expect(await s.caseById(a.case.id)).toEqual(next.case);
      // A writer that still saw version 1 is refused.
      const stale = moved(a.case, 'voided', 2500);
      await expect(s.updateCases([{ case: stale.case, expectedVersion: 1, transitions: [stale.t] }])).rejects.toBeInstanceOf(CaseConflict);
      expect(await s.caseById(a.case.id)).toEqual(next.case);
      expect((await s.caseHistory(a.case.id)).map((t) => t.to)).toEqual(['reported', 'registered']);
      expect(await s.caseById('C20261127-9999')).toBeNull();
      await s.close();
    });

    it('refuses a whole batch, changing nothing, when one case in it moved on', async () => {
      const s = await open();
      const a = opened('C20261127-0001', 1000);
      const b = opened('C20261127-0002', 1100);
      await s.insertCase(a.case, a.transition);
      await s.insertCase(b.case, b.transition);
      const a2 = moved(a.case, 'registered', 2000);
      const b2 = moved(b.case, 'registered', 2000);
      await expect(
        s.updateCases([
          { case: a2.case, expectedVersion: 1, transitions: [a2.t] },
          { case: b2.case, expectedVersion: 7, transitions: [b2.t] },
        ]),
      ).rejects.toBeInstanceOf(CaseConflict);
      expect(await s.caseById(a.case.id)).toEqual(a.case);
      expect(await s.caseHistory(a.case.id)).toEqual([a.transition]);
      await s.close();
    });

    it('imports whole cases with their histories and raises the day counters in one write, or nothing when an id is taken', async () => {
      const s = await open();
      const a = opened('C20261127-0001', 1000);
      const a2 = moved(a.case, 'registered', 2000);
      const b = opened('C20261127-0002', 1500);
      // A counter already past the import stays; an unknown one starts at the import's value.
      for (let i = 0; i < 5; i++) await s.nextInSequence('case:20261126');
      await s.importCases(
        [
          { case: a2.case, transitions: [a.transition, a2.t] },
          { case: b.case, transitions: [b.transition] },
        ],
        new Map([
          ['case:20261127', 2],
          ['case:20261126', 3],
        ]),
      );
      expect(await s.caseById(a.case.id)).toEqual(a2.case);
      expect((await s.caseHistory(a.case.id)).map((t) => t.to)).toEqual(['reported', 'registered']);
      expect(await s.caseHistory(b.case.id)).toEqual([b.transition]);
      expect(await s.nextInSequence('case:20261127')).toBe(3);
      expect(await s.nextInSequence('case:20261126')).toBe(6);
      // C20261127-0002 is taken: the new C20261127-0004 is not stored either, nor its counter.
      const c = opened('C20261127-0004', 3000);
      await expect(
        s.importCases(
          [
            { case: c.case, transitions: [c.transition] },
            { case: b.case, transitions: [b.transition] },
          ],
          new Map([['case:20261128', 9]]),
        ),
      ).rejects.toBeInstanceOf(CaseConflict);
      expect(await s.caseById(c.case.id)).toBeNull();
      expect(await s.nextInSequence('case:20261128')).toBe(1);
      await s.close();
    });

    it('lists the live cases: open, or ended (closed, voided, merged) since the given time', async () => {
      const s = await open();
      const ids = ['C20261127-0001', 'C20261127-0002', 'C20261127-0003', 'C20261127-0004', 'C20261127-0005'];
      const cs = ids.map((id, i) => opened(id, 1000 + i));
      for (const c of cs) await s.insertCase(c.case, c.transition);
      const closedLongAgo = moved(cs[1]!.case, 'closed', 2000, { closedAt: 2000 });
      const closedLately = moved(cs[2]!.case, 'closed', 9000, { closedAt: 9000 });
      const voidedLongAgo = moved(cs[3]!.case, 'voided', 3000);
      const mergedLately = moved(cs[4]!.case, 'merged', 8000);
      await s.updateCases([closedLongAgo, closedLately, voidedLongAgo, mergedLately].map((m) => ({ case: m.case, expectedVersion: 1, transitions: [m.t] })));
      expect((await s.activeCases(5000)).map((c) => c.id)).toEqual(['C20261127-0001', 'C20261127-0003', 'C20261127-0005']);
      expect((await s.activeCases(0)).map((c) => c.id)).toEqual(ids);
      // Histories of cases reported since 1002, in time order.
      expect((await s.transitionsOfCasesSince(1002)).map((t) => `${t.caseId}:${t.to}`)).toEqual([
        'C20261127-0003:reported',
        'C20261127-0004:reported',
        'C20261127-0005:reported',
        'C20261127-0004:voided',
        'C20261127-0005:merged',
        'C20261127-0003:closed',
      ]);
      const histories = await s.caseHistories(['C20261127-0002', 'C20261127-0001', 'none']);
      expect(histories.get('C20261127-0002')!.map((t) => t.to)).toEqual(['reported', 'closed']);
      expect(histories.get('C20261127-0001')!.map((t) => t.to)).toEqual(['reported']);
      expect(histories.get('none')).toEqual([]);
      await s.close();
    });

    it('keeps leaders’ instructions in order and counts them per case', async () => {
      const s = await open();
      const a = opened('C20261127-0001', 1000);
      const b = opened('C20261127-0002', 1000);
      await s.insertCase(a.case, a.transition);
      await s.insertCase(b.case, b.transition);
      await s.addInstruction({ caseId: a.case.id, at: 2000, by: 'leader', byName: '刘市长', text: '请尽快处理' });
      await s.addInstruction({ caseId: a.case.id, at: 1500, by: 'leader', byName: '刘市长', text: '先核实' });
      await s.addInstruction({ caseId: b.case.id, at: 1600, by: 'leader2', byName: '陈副市长', text: '关注' });
      expect((await s.instructions(a.case.id)).map((i) => i.text)).toEqual(['请尽快处理', '先核实']);
      expect(await s.instructions(b.case.id)).toEqual([{ caseId: b.case.id, at: 1600, by: 'leader2', byName: '陈副市长', text: '关注' }]);
      expect(await s.instructionCounts([a.case.id, b.case.id, 'none'])).toEqual(
        new Map([
          [a.case.id, 2],
          [b.case.id, 1],
        ]),
      );
      await s.close();
    });

    it('records which idempotency key opened a case, and refuses the key or the id twice', async () => {
      const s = await open();
      const a = opened('C20261127-0001', 1000);
      await s.insertCase(a.case, a.transition, { scope: 'source:s1', key: 'k1', bodyHash: 'h1' });
      expect(await s.idempotentCase('source:s1', 'k1')).toEqual({ caseId: a.case.id, bodyHash: 'h1' });
      expect(await s.idempotentCase('source:s2', 'k1')).toBeNull();
      // Another writer opening a case under the same key loses, and stores nothing.
      const b = opened('C20261127-0002', 1100);
      await expect(s.insertCase(b.case, b.transition, { scope: 'source:s1', key: 'k1', bodyHash: 'h2' })).rejects.toBeInstanceOf(CaseConflict);
      expect(await s.caseById(b.case.id)).toBeNull();
      expect(await s.idempotentCase('source:s1', 'k1')).toEqual({ caseId: a.case.id, bodyHash: 'h1' });
      await expect(s.insertCase(a.case, a.transition)).rejects.toBeInstanceOf(CaseConflict);
      expect(await s.caseHistory(a.case.id)).toEqual([a.transition]);
      await s.close();
    });

    it('links an alert to the case opened from it in the same write, once: a second case from it stores nothing', async () => {
      const s = await open();
      await s.saveAlert(onWall('al-1', 500));
      expect((await s.alertById('al-1'))?.link).toBeNull();
      expect(await s.alertById('al-none')).toBeNull();
      const a = opened('C20261127-0001', 1000);
      await s.insertCase(a.case, a.transition, undefined, { alertId: 'al-1', kind: 'case', id: a.case.id, at: 1000, by: '李值班员' });
      const link = { kind: 'case', id: 'C20261127-0001', at: 1000, by: '李值班员' };
      expect((await s.alertById('al-1'))?.link).toEqual(link);
      expect((await s.liveAlerts()).map((x) => x.link)).toEqual([link]);
      expect((await s.listAlerts(0, 2000, 10)).map((x) => x.link)).toEqual([link]);
      // The alert saved again (acknowledged, say) keeps its link: the link is not in its body.
      await s.saveAlert({ ...onWall('al-1', 500), acknowledgedAt: 1500, acknowledgedBy: '李值班员', link: null });
      expect((await s.alertById('al-1'))?.link).toEqual(link);
      // A second case from the same alert is refused and not stored; the link is unchanged.
      const b = opened('C20261127-0002', 1100);
      await expect(s.insertCase(b.case, b.transition, undefined, { alertId: 'al-1', kind: 'case', id: b.case.id, at: 1100, by: '王值班员' })).rejects.toBeInstanceOf(AlertLinkConflict);
      expect(await s.caseById(b.case.id)).toBeNull();
      expect(await s.caseHistory(b.case.id)).toEqual([]);
      expect((await s.alertById('al-1'))?.link).toEqual(link);
      await s.close();
    });
  });

  describe(`${name} storage: emergencies`, () => {
    const who = { userId: 'u1', role: 'shift_leader' as const, name: '王值班长', department: null };
    const entry = (seq: number, text: string): TimelineEntry => ({ seq, at: 1000 + seq, actor: who, kind: 'note', text });
    const record = (id: string, declaredAt: number, over: Partial<EmergencyRecord> = {}): EmergencyRecord => ({
      id,
      title: '测试事故',
      category: 'accident',
      subtype: 'road_traffic',
      level: 3,
      drill: false,
      status: 'active',
      declaredAt,
      declaredBy: '王值班长',
      standDownAt: null,
      standDownReason: null,
      location: [111.44, 27.22],
      address: null,
      division: '430503',
      area: { kind: 'radius', radiusM: 500 },
      caseIds: [],
      casualties: { deaths: 0, injured: 0, missing: 0 },
      lossesWan: 0,
      planId: null,
      commander: null,
      departments: [],
      checklist: [],
      instructions: [],
      reports: [],
      reportDeadlines: [],
      timeline: [entry(1, '宣布')],
      version: 1,
      updatedAt: declaredAt,
      ...over,
    });

    it('links an alert to the emergency declared from it, once, shared with cases', async () => {
      const s = await open();
      await s.saveAlert(onWall('al-2', 500));
      await s.saveAlert(onWall('al-3', 600));
      await s.insertEmergency(record('E20261127-001', 1000), { alertId: 'al-2', kind: 'emergency', id: 'E20261127-001', at: 1000, by: '王值班长' });
      expect((await s.alertById('al-2'))?.link).toEqual({ kind: 'emergency', id: 'E20261127-001', at: 1000, by: '王值班长' });
      expect((await s.alertById('al-3'))?.link).toBeNull();
      await expect(s.insertEmergency(record('E20261127-002', 1100), { alertId: 'al-2', kind: 'emergency', id: 'E20261127-002', at: 1100, by: '王值班长' })).rejects.toBeInstanceOf(
        AlertLinkConflict,
      );
      expect(await s.emergencyById('E20261127-002')).toBeNull();
      await s.close();
    });

    it('updates only from the expected version and timeline length, appending the new entries', async () => {
      const s = await open();
      const e = record('E1', 100);
      await s.insertEmergency(e);
      await expect(s.insertEmergency(e)).rejects.toBeInstanceOf(EmergencyConflict);
      const next = { ...e, version: 2, lossesWan: 5, timeline: [...e.timeline, entry(2, '更新')] };
      await s.updateEmergency(next, { version: 1, timelineLength: 1 });
      expect(await s.emergencyById('E1')).toEqual(next);
      // A writer that saw version 1 is refused and changes nothing.
      const stale = { ...e, version: 2, lossesWan: 99, timeline: [...e.timeline, entry(2, '冲突')] };
      await expect(s.updateEmergency(stale, { version: 1, timelineLength: 1 })).rejects.toBeInstanceOf(EmergencyConflict);
      // Same version but a longer stored timeline (a server entry landed meanwhile) is refused too.
      const server = { ...next, timeline: [...next.timeline, entry(3, '系统')] };
      await s.updateEmergency(server, { version: 2, timelineLength: 2 });
      await expect(s.updateEmergency({ ...next, timeline: [...next.timeline, entry(3, '覆盖')] }, { version: 2, timelineLength: 2 })).rejects.toBeInstanceOf(EmergencyConflict);
      expect((await s.emergencyById('E1'))!.timeline.map((t) => t.text)).toEqual(['宣布', '更新', '系统']);
      await s.close();
    });

    it('keeps the timeline append-only: a rewritten old entry is not stored', async () => {
      const s = await open();
      const e = record('E1', 100);
      await s.insertEmergency(e);
      await s.updateEmergency({ ...e, version: 2, timeline: [entry(1, '篡改'), entry(2, '新增')] }, { version: 1, timelineLength: 1 });
      expect((await s.emergencyById('E1'))!.timeline.map((t) => t.text)).toEqual(['宣布', '新增']);
      await s.close();
    });

    it('lists recent ones (active, or stood down since), all newest first', async () => {
      const s = await open();
      await s.insertEmergency(record('E1', 100));
      await s.insertEmergency(record('E2', 200, { status: 'stood_down', standDownAt: 300 }));
      await s.insertEmergency(record('E3', 400, { status: 'stood_down', standDownAt: 500, timeline: [entry(1, '宣布'), entry(2, '解除')] }));
      expect((await s.recentEmergencies(400)).map((e) => e.id)).toEqual(['E1', 'E3']);
      expect((await s.recentEmergencies(400))[1]!.timeline.map((t) => t.text)).toEqual(['宣布', '解除']);
      expect((await s.listEmergencies(2)).map((e) => e.id)).toEqual(['E3', 'E2']);
      expect(await s.emergencyById('nope')).toBeNull();
      await s.close();
    });
  });

  describe(`${name} storage: briefings`, () => {
    const briefing = (day: string, compiledAt: number, received: number): Briefing => ({
      day,
      dayStart: Date.parse(`${day}T00:00:00+08:00`),
      dayEnd: Date.parse(`${day}T00:00:00+08:00`) + 86_400_000,
      timeZone: 'Asia/Shanghai',
      city: { zh: '邵阳市', en: 'Shaoyang' },
      compiledAt,
      figures: [],
      alerts: { raised: 2, byLevel: { red: 1, orange: 0, yellow: 1, blue: 0 }, ongoing: 0, medianClearedMs: 60_000, longestMs: 90_000, byDomain: [], byHour: Array.from({ length: 24 }, () => 0), items: [] },
      cases: { received, closed: 1, overdue: 0, byDepartment: [], byChannel: [] },
      emergencies: { declared: 1, stoodDown: 0, activeAtEnd: 1, drills: 3, items: [] },
      trends: [],
    });

    it('keeps one briefing per day, replaced when compiled again, listed newest day first', async () => {
      const s = await open();
      expect(await s.briefing('2026-11-27')).toBeNull();
      await s.saveBriefing(briefing('2026-11-27', 1000, 5));
      await s.saveBriefing(briefing('2026-11-26', 900, 4));
      await s.saveBriefing(briefing('2026-11-27', 2000, 5));
      expect(await s.briefing('2026-11-27')).toEqual(briefing('2026-11-27', 2000, 5));
      expect(await s.listBriefings(10)).toEqual([
        { day: '2026-11-27', compiledAt: 2000, alerts: 2, casesReceived: 5, emergencies: 1 },
        { day: '2026-11-26', compiledAt: 900, alerts: 2, casesReceived: 4, emergencies: 1 },
      ]);
      expect((await s.listBriefings(1)).map((b) => b.day)).toEqual(['2026-11-27']);
      await s.close();
    });
  });
  describe(`${name} storage: NGSI-LD subscriptions`, () => {
    const sub = (id: string, createdAt: number, uri = 'http://broker.example/notify'): StoredSubscription => ({
      id,
      spec: {
        type: 'Subscription',
        entities: [{ type: 'CityVitalSign' }],
        watchedAttributes: ['value'],
        isActive: true,
        throttling: 5,
        notification: { format: 'keyValues', endpoint: { uri, accept: 'application/json', receiverInfo: [{ key: 'Authorization', value: 'Bearer k' }] } },
      },
      createdAt,
      createdBy: 'u-admin',
      contextUrl: 'http://127.0.0.1:8080/ngsi-ld/v1/context.jsonld',
    });

    it('keeps subscriptions by id, lists them oldest first, refuses a taken id unchanged, deletes once', async () => {
      const s = await open();
      expect(await s.listSubscriptions()).toEqual([]);
      await s.insertSubscription(sub('urn:ngsi-ld:Subscription:b', 2000));
      await s.insertSubscription(sub('urn:ngsi-ld:Subscription:a', 2000));
      await s.insertSubscription(sub('urn:ngsi-ld:Subscription:c', 1000));
      await expect(s.insertSubscription(sub('urn:ngsi-ld:Subscription:a', 3000, 'http://other.example/'))).rejects.toBeInstanceOf(DuplicateSubscription);
      expect(await s.subscriptionById('urn:ngsi-ld:Subscription:a')).toEqual(sub('urn:ngsi-ld:Subscription:a', 2000));
      expect(await s.subscriptionById('urn:ngsi-ld:Subscription:x')).toBeNull();
      expect((await s.listSubscriptions()).map((x) => x.id)).toEqual(['urn:ngsi-ld:Subscription:c', 'urn:ngsi-ld:Subscription:a', 'urn:ngsi-ld:Subscription:b']);
      expect(await s.deleteSubscription('urn:ngsi-ld:Subscription:a')).toBe(true);
      expect(await s.deleteSubscription('urn:ngsi-ld:Subscription:a')).toBe(false);
      expect((await s.listSubscriptions()).map((x) => x.id)).toEqual(['urn:ngsi-ld:Subscription:c', 'urn:ngsi-ld:Subscription:b']);
      await s.close();
    });
  });
}
