import { describe, expect, it } from 'vitest';
import type { Alert } from '@cw/contracts';
import type { ClosedWindow } from '@cw/rollup';
import { airReading, tempDataDir } from '../testing/harness.ts';
import { createMemoryStorage } from './memory.ts';
import { openSqliteStorage } from './sqlite.ts';
import type { Storage } from './storage.ts';

const win = (window: string, start: number, sum: number, scope = 'city'): ClosedWindow => ({
  window,
  series: 'air.reading.pm25',
  scope,
  start,
  agg: { count: 2, sum, min: 1, max: sum - 1, last: 3, lastTs: start + 5 },
});

// One contract, every implementation.
const implementations: [string, () => Storage][] = [
  ['memory', () => createMemoryStorage()],
  ['sqlite', () => openSqliteStorage(tempDataDir())],
];

describe.each(implementations)('%s storage', (_name, open) => {
  it('journals events once per id and returns them by time', async () => {
    const s = open();
    const a = airReading('430502', 2000, 10, 'a');
    const b = airReading('430502', 1000, 20, 'b');
    const anon = airReading('430502', 1500, 30);
    expect(await s.appendEvents([a, b, anon])).toEqual([a, b, anon]);
    expect(await s.appendEvents([a, airReading('430502', 3000, 40, 'c')])).toEqual([airReading('430502', 3000, 40, 'c')]);
    expect((await s.eventsSince(1500)).map((e) => e.ts)).toEqual([1500, 2000, 3000]);
    await s.close();
  });

  it('keeps event ids apart per source, and journals a body as received', async () => {
    const s = open();
    const a = airReading('430502', 2000, 10, 'a');
    expect(await s.appendEvents([a], 'source-1', ['{"kind":"air.reading","id":"a","ts":2000,"division":"430502","station":"test-430502","values":{"pm25":10,"pm10":15,"so2":8,"no2":30,"co":0.8,"o3":60}}'])).toEqual([a]);
    // The same id from another source is another event; from the same source a duplicate.
    expect(await s.appendEvents([a], 'source-2')).toEqual([a]);
    expect(await s.appendEvents([a, a], 'source-1')).toEqual([]);
    expect(await s.knownIds(['a', 'b'], 'source-1')).toEqual(new Set(['a']));
    expect(await s.knownIds(['a'], 'source-3')).toEqual(new Set());
    expect(await s.eventsSince(0)).toEqual([a, a]);
    await s.close();
  });

  it('stores closed windows with the watermark and reads them back', async () => {
    const s = open();
    expect(await s.closedUpTo()).toBeNull();
    await s.saveClosedWindows([win('1m', 0, 10), win('1m', 60_000, 20), win('1h', 0, 30)], 120_000);
    expect(await s.closedUpTo()).toBe(120_000);
    expect((await s.loadWindows('1m', 60_000)).map((w) => w.agg.sum)).toEqual([20]);
    expect(await s.history('1m', 'air.reading.pm25', 'city', 0, 120_000)).toEqual([win('1m', 0, 10), win('1m', 60_000, 20)]);
    expect(await s.history('1m', 'air.reading.pm25', '430502', 0, 120_000)).toEqual([]);
    await s.close();
  });

  it('prunes old events and windows per family', async () => {
    const s = open();
    await s.appendEvents([airReading('430502', 1000, 1, 'x'), airReading('430502', 5000, 2, 'y')]);
    await s.saveClosedWindows([win('1m', 0, 10), win('1m', 60_000, 20), win('1h', 0, 30)], 120_000);
    await s.prune(2000, { '1m': 60_000 });
    expect((await s.eventsSince(0)).map((e) => e.id)).toEqual(['y']);
    expect((await s.loadWindows('1m', 0)).map((w) => w.start)).toEqual([60_000]);
    expect(await s.loadWindows('1h', 0)).toHaveLength(1);
    await s.close();
  });

  it('gives back the live alerts: unacknowledged, or acknowledged and still crossing', async () => {
    const s = open();
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
    await s.saveAlert(alert('on-wall', 3, null, null));
    await s.saveAlert(alert('cleared-on-wall', 1, 5, null));
    await s.saveAlert(alert('acked-crossing', 2, null, 6));
    await s.saveAlert(alert('done', 0, 4, 7));
    expect((await s.liveAlerts()).map((a) => a.id)).toEqual(['cleared-on-wall', 'acked-crossing', 'on-wall']);
    await s.close();
  });
});

describe('sqlite storage', () => {
  it('keeps everything across close and reopen', async () => {
    const dir = tempDataDir();
    const s = openSqliteStorage(dir);
    await s.appendEvents([airReading('430502', 1000, 1, 'x')]);
    await s.saveClosedWindows([win('1h', 0, 30)], 3_600_000);
    await s.close();
    const again = openSqliteStorage(dir);
    expect(await again.closedUpTo()).toBe(3_600_000);
    expect(await again.eventsSince(0)).toHaveLength(1);
    expect(await again.appendEvents([airReading('430502', 1000, 1, 'x')])).toEqual([]);
    expect(await again.loadWindows('1h', 0)).toEqual([win('1h', 0, 30)]);
    await again.close();
  });
});
