import { describe, expect, it } from 'vitest';
import { metricDefSchema, type Alert, type VitalReading } from '@cw/contracts';
import { createMemoryStorage } from '../storage/memory.ts';
import { AlertService } from './alerts.ts';
import { TopicRegistry } from './topics.ts';

// The AQI rule by hand (HJ 633 categories as levels), clearing below 90.
const AQI = metricDefSchema.parse({
  id: 'env.aqi',
  domain: 'environment',
  name: { zh: '空气质量指数', en: 'AQI' },
  unit: { zh: '', en: '' },
  decimals: 0,
  compute: { kind: 'aqi' },
  thresholds: { bad: 'high', levels: { blue: 101, yellow: 151, orange: 201, red: 301 }, clear: 90 },
  staleAfterSec: 1200,
});
const SCOPE = '430502';
const OTHER = '430503';

function setUp() {
  const storage = createMemoryStorage();
  const topics = new TopicRegistry('e1', [SCOPE, OTHER], 100);
  const service = new AlertService(storage, topics, () => [AQI]);
  const onWalls = () => Object.values(topics.get('alerts')!.snapshot().entries) as Alert[];
  const reading = (value: number, now: number): VitalReading => ({ value, status: 'normal', asOf: now });
  const tick = (value: number, now: number, scope = SCOPE) => service.onReadings(new Map([[scope, new Map([[AQI.id, reading(value, now)]])]]), now);
  return { storage, topics, service, onWalls, tick };
}

describe('AlertService', () => {
  it('keeps an alert on the walls until acknowledged, even after it clears', async () => {
    const { service, onWalls, tick } = setUp();
    await tick(250, 1000);
    const [raised] = onWalls();
    expect(raised).toMatchObject({ scope: SCOPE, level: 'orange', value: 250, threshold: 201, clearAt: 90, clearedAt: null });
    // 95 is below blue's 101 but not below the clear threshold of 90: still crossing.
    await tick(95, 1500);
    expect(onWalls()).toEqual([raised]);
    await tick(80, 2000);
    expect(onWalls()).toEqual([{ ...raised, clearedAt: 2000 }]);
    await service.acknowledge(raised!.id, 'officer', 3000, '已通知生态环境局');
    expect(onWalls()).toEqual([]);
  });

  it('escalates in place: one alert per crossing, back on the walls when it rises after an acknowledgement', async () => {
    const { service, storage, onWalls, tick } = setUp();
    await tick(120, 1000);
    const [blue] = onWalls();
    expect(blue).toMatchObject({ level: 'blue', threshold: 101 });
    await service.acknowledge(blue!.id, 'officer', 1100, 'watching');
    await tick(160, 2000);
    expect(onWalls()).toEqual([expect.objectContaining({ id: blue!.id, level: 'yellow', value: 160, threshold: 151, escalatedAt: 2000, acknowledgedAt: null, raisedAt: 1000 })]);
    await tick(320, 3000);
    expect(onWalls()).toEqual([expect.objectContaining({ id: blue!.id, level: 'red', threshold: 301, escalatedAt: 3000 })]);
    expect(await storage.listAlerts(0, 10_000, 10)).toHaveLength(1);
  });

  it('does not raise an acknowledged crossing again while it lasts, and raises the next one', async () => {
    const { service, storage, onWalls, tick } = setUp();
    await tick(250, 1000);
    const [first] = onWalls();
    await service.acknowledge(first!.id, 'officer', 1500);
    await tick(260, 2000);
    await tick(205, 3000);
    expect(onWalls()).toEqual([]);
    expect(await storage.listAlerts(0, 10_000, 10)).toHaveLength(1);

    // It clears, then crosses again: a new alert.
    await tick(80, 4000);
    expect((await storage.listAlerts(0, 10_000, 10))[0]).toMatchObject({ id: first!.id, clearedAt: 4000, acknowledgedBy: 'officer' });
    await tick(240, 5000);
    expect(onWalls()).toEqual([expect.objectContaining({ raisedAt: 5000, level: 'orange' })]);
  });

  it('acknowledges several alerts with one reason, recording who and why on each', async () => {
    const { service, storage, onWalls, tick } = setUp();
    await tick(250, 1000);
    await tick(130, 1000, OTHER);
    const ids = onWalls().map((a) => a.id);
    const acked = await service.acknowledgeAll(ids, '值班员 王', 2000, '沙尘过境，已通报');
    expect(acked.map((a) => [a.acknowledgedAt, a.acknowledgedBy, a.acknowledgeNote])).toEqual([
      [2000, '值班员 王', '沙尘过境，已通报'],
      [2000, '值班员 王', '沙尘过境，已通报'],
    ]);
    expect(onWalls()).toEqual([]);
    const stored = await storage.listAlerts(0, 10_000, 10);
    expect(stored.every((a) => a.acknowledgeNote === '沙尘过境，已通报')).toBe(true);
  });

  it('acknowledges nothing when any id is not on the walls', async () => {
    const { service, storage, onWalls, tick } = setUp();
    await tick(250, 1000);
    const [raised] = onWalls();
    await expect(service.acknowledgeAll([raised!.id, 'nope'], 'officer', 2000, 'x')).rejects.toThrow(/no open alert nope/);
    expect(onWalls()).toEqual([raised]);
    expect((await storage.listAlerts(0, 10_000, 10))[0]!.acknowledgedAt).toBeNull();
  });

  it('refuses to acknowledge twice, and remembers acknowledged crossings across a restart', async () => {
    const { service, storage, onWalls, tick } = setUp();
    await tick(250, 1000);
    const [raised] = onWalls();
    await service.acknowledge(raised!.id, 'officer', 1500);
    await expect(service.acknowledge(raised!.id, 'officer', 1600)).rejects.toThrow(/no open alert/);

    const topics = new TopicRegistry('e2', [SCOPE], 100);
    const restarted = new AlertService(storage, topics, () => [AQI]);
    await restarted.restore();
    await restarted.onReadings(new Map([[SCOPE, new Map([[AQI.id, { value: 255, status: 'critical', asOf: 2000 }]])]]), 2000);
    expect(topics.get('alerts')!.snapshot().entries).toEqual({});
  });

  it('reads alerts stored with the old two levels as yellow and red', async () => {
    const storage = createMemoryStorage();
    const old = { id: 'old', metric: 'env.aqi', scope: SCOPE, level: 'critical', value: 250, threshold: 201, raisedAt: 1, clearedAt: null, acknowledgedAt: null, acknowledgedBy: null };
    await storage.saveAlert(old as unknown as Alert);
    const topics = new TopicRegistry('e3', [SCOPE], 100);
    await new AlertService(storage, topics, () => [AQI]).restore();
    expect(topics.get('alerts')!.snapshot().entries['old']).toMatchObject({ level: 'red', clearAt: 201, escalatedAt: null, acknowledgeNote: null });
  });
});
