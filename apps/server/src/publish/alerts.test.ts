import { describe, expect, it } from 'vitest';
import type { Alert, VitalReading } from '@cw/contracts';
import { metricById } from '@cw/metrics';
import { createMemoryStorage } from '../storage/memory.ts';
import { AlertService } from './alerts.ts';
import { TopicRegistry } from './topics.ts';

const AQI = metricById('env.aqi')!;
const SCOPE = '430502';

function setUp() {
  const storage = createMemoryStorage();
  const topics = new TopicRegistry('e1', [SCOPE], 100);
  const service = new AlertService(storage, topics, () => [AQI]);
  const onWalls = () => Object.values(topics.get('alerts')!.snapshot().entries) as Alert[];
  const tick = (value: number, status: VitalReading['status'], now: number) =>
    service.onReadings(new Map([[SCOPE, new Map([[AQI.id, { value, status, asOf: now }]])]]), now);
  return { storage, topics, service, onWalls, tick };
}

describe('AlertService', () => {
  it('keeps an alert on the walls until acknowledged, even after it clears', async () => {
    const { service, onWalls, tick } = setUp();
    await tick(250, 'critical', 1000);
    const [raised] = onWalls();
    expect(raised).toMatchObject({ scope: SCOPE, level: 'critical', value: 250, clearedAt: null });
    await tick(80, 'normal', 2000);
    expect(onWalls()).toEqual([{ ...raised, clearedAt: 2000 }]);
    await service.acknowledge(raised!.id, 'officer', 3000);
    expect(onWalls()).toEqual([]);
  });

  it('does not raise an acknowledged crossing again while it lasts, and raises the next one', async () => {
    const { service, storage, onWalls, tick } = setUp();
    await tick(250, 'critical', 1000);
    const [first] = onWalls();
    await service.acknowledge(first!.id, 'officer', 1500);
    await tick(260, 'critical', 2000);
    await tick(270, 'critical', 3000);
    expect(onWalls()).toEqual([]);
    expect(await storage.listAlerts(0, 10_000, 10)).toHaveLength(1);

    // It clears, then crosses again: a new alert.
    await tick(80, 'normal', 4000);
    expect((await storage.listAlerts(0, 10_000, 10))[0]).toMatchObject({ id: first!.id, clearedAt: 4000, acknowledgedBy: 'officer' });
    await tick(240, 'critical', 5000);
    expect(onWalls()).toEqual([expect.objectContaining({ raisedAt: 5000, level: 'critical' })]);
  });

  it('refuses to acknowledge twice, and remembers acknowledged crossings across a restart', async () => {
    const { service, storage, onWalls, tick } = setUp();
    await tick(250, 'critical', 1000);
    const [raised] = onWalls();
    await service.acknowledge(raised!.id, 'officer', 1500);
    await expect(service.acknowledge(raised!.id, 'officer', 1600)).rejects.toThrow(/no open alert/);

    const topics = new TopicRegistry('e2', [SCOPE], 100);
    const restarted = new AlertService(storage, topics, () => [AQI]);
    await restarted.restore();
    await restarted.onReadings(new Map([[SCOPE, new Map([[AQI.id, { value: 255, status: 'critical', asOf: 2000 }]])]]), 2000);
    expect(topics.get('alerts')!.snapshot().entries).toEqual({});
  });
});
