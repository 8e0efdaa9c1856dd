import { describe, expect, it } from 'vitest';
import type { CityProfile } from '@cw/contracts';
import { clusterState, deviceClusters, devicesOnline } from './deviceClusters.ts';

const name = { zh: 'x', en: 'x' };
const profile: Pick<CityProfile, 'divisions' | 'devices' | 'deviceFleets'> = {
  divisions: [
    { code: '430502', name, center: [0, 0] },
    { code: '430503', name, center: [1, 1] },
  ],
  devices: [
    { id: 'cam-a', type: 'camera', name, division: '430502', location: [0, 0] },
    { id: 'smoke-a', type: 'smoke', name, division: '430502', location: [0, 0] },
  ],
  deviceFleets: [
    { id: 'fleet-a-camera', type: 'camera', name, division: '430502', count: 199 },
    { id: 'fleet-a-smoke', type: 'smoke', name, division: '430502', count: 20 },
    { id: 'fleet-b-camera', type: 'camera', name, division: '430503', count: 400 },
  ],
};
const cameras = { 'cam-a': 0, 'fleet-a-camera': 95, 'fleet-b-camera': null };
const sensors = { 'smoke-a': 100, 'fleet-a-smoke': 90 };

describe('device clusters', () => {
  it('one per division at the wall’s zoom: all its cameras and sensors', () => {
    expect(deviceClusters(profile, cameras, sensors, false)).toEqual([
      // 199 × 0.95 = 189.05 cameras + 0 + 1 smoke + 20 × 0.9 = 18: 208.05 → 208 of 221, all reporting.
      { id: 'division-430502', division: '430502', total: 221, online: 208, reporting: 221 },
      // The fleet has not reported: 400 devices, state unknown.
      { id: 'division-430503', division: '430503', total: 400, online: 0, reporting: 0 },
    ]);
  });

  it('one per division and device type when zoomed in', () => {
    expect(deviceClusters(profile, cameras, sensors, true)).toEqual([
      // 0 + 189.05 → 189 of 200.
      { id: 'camera-430502', division: '430502', type: 'camera', total: 200, online: 189, reporting: 200 },
      // 1 + 18 = 19 of 21.
      { id: 'smoke-430502', division: '430502', type: 'smoke', total: 21, online: 19, reporting: 21 },
      { id: 'camera-430503', division: '430503', type: 'camera', total: 400, online: 0, reporting: 0 },
    ]);
  });

  it('counts the city’s cameras and sensors online as devices, not as places', () => {
    expect(devicesOnline(profile, cameras, true)).toEqual({ online: 189, total: 600 });
    expect(devicesOnline(profile, sensors, false)).toEqual({ online: 19, total: 21 });
  });

  it('colours a cluster by its share online: above 95 % normal, above 90 % a warning, else critical', () => {
    const c = (online: number, reporting: number) => clusterState({ id: 'x', division: 'd', total: 100, online, reporting });
    expect(c(96, 100)).toBe('normal');
    expect(c(95, 100)).toBe('warning');
    expect(c(91, 100)).toBe('warning');
    expect(c(90, 100)).toBe('critical');
    expect(c(0, 0)).toBe('nodata');
  });
});
