import type { Device, DeviceType } from '@cw/contracts';
import { countEvents, type CountSource, type KindSource, type SimContext } from './context.ts';
import { keyOf, Stream } from './noise.ts';
import { bump, DayShape, HOUR, MINUTE, within } from './rhythm.ts';
import { reports } from './timing.ts';

/**
 * 视频监控 / 物联感知: device heartbeats (online or not) and the alarms devices raise.
 *
 * A device is offline while a slow noise curve of its own sits below a threshold, so an
 * outage lasts hours rather than flickering from one heartbeat to the next; thresholds are
 * set for the long-run online rates below.
 */

const HEARTBEAT_INTERVAL = 5 * MINUTE;
/** Period of the noise behind outages: dips below the threshold last about one to four hours. */
const OUTAGE_PERIOD = 6 * HOUR;

/**
 * Offline thresholds on the outage noise and the online rates they give (the noise is
 * cosine-interpolated uniform knots; quantiles measured over 2 million samples).
 */
const OFFLINE_BELOW: Record<DeviceType, number> = {
  camera: -0.8626, // 97 % online
  water_level: -0.8058, // 95 %
  smoke: -0.896, // 98 %
  manhole: -0.7557, // 93 % (batteries under cast iron)
  noise: -0.8331, // 96 %
  gas: -0.8626, // 97 %
};

/** Alarms per device per day, and when in the day they happen. */
const ALARMS: Record<DeviceType, { perDay: number; shape: DayShape }> = {
  // Cameras: intrusion analytics at night, crowding by day.
  camera: { perDay: 0.03, shape: new DayShape((h) => 0.4 + bump(h, 2, 2) + 0.7 * bump(h, 14, 2.5)) },
  water_level: { perDay: 0.05, shape: new DayShape(() => 1) },
  smoke: { perDay: 0.04, shape: new DayShape((h) => 0.4 + bump(h, 11.8, 1) + bump(h, 18.3, 1.2)) },
  manhole: { perDay: 0.05, shape: new DayShape((h) => 0.3 + within(h, 7, 22)) },
  // Square dancing in the evening, night-time construction later on.
  noise: { perDay: 0.08, shape: new DayShape((h) => 0.2 + bump(h, 20, 1.2) + 0.6 * bump(h, 23.5, 1.5)) },
  gas: { perDay: 0.03, shape: new DayShape((h) => 0.6 + 0.5 * bump(h, 11.5, 1.2) + 0.6 * bump(h, 18, 1.2)) },
};

interface DeviceModel {
  device: Device;
  outage: Stream;
  phase: number;
  alarms: CountSource;
}

export function deviceSources(ctx: SimContext): KindSource[] {
  const { city, clock, weather, seed } = ctx;
  const devices: DeviceModel[] = city.devices.map((device) => {
    const s = Stream.of(seed, keyOf('device'), keyOf(device.id));
    const alarm = ALARMS[device.type];
    return {
      device,
      outage: s.child(1),
      phase: Math.floor(s.u1(-1) * (HEARTBEAT_INTERVAL / 1000)) * 1000,
      alarms: {
        stream: s.child(2),
        slotMs: HOUR,
        perDay: () => alarm.perDay,
        shape: () => alarm.shape,
        dayNoise: 0.3,
        // Water-level alarms come with heavy rain.
        ...(device.type === 'water_level' ? { factor: (ts: number) => 0.2 + 3 * weather.rain(ts) } : {}),
      },
    };
  });
  const online = (d: DeviceModel, ts: number) => (d.outage.smooth(ts, OUTAGE_PERIOD) >= OFFLINE_BELOW[d.device.type] ? 1 : 0);

  return [
    {
      kind: 'device.status',
      emit(from, to, out) {
        for (const d of devices) {
          reports(from, to, HEARTBEAT_INTERVAL, d.phase, ctx.coarse ? HOUR : 0, (ts) => {
            out.push({ kind: 'device.status', id: `device.status:${d.device.id}:${ts}`, ts, division: d.device.division, site: d.device.id, values: { online: online(d, ts) } });
          });
        }
      },
    },
    {
      kind: 'device.alarm',
      emit(from, to, out) {
        for (const d of devices) {
          const s = d.alarms.stream;
          countEvents(ctx, d.alarms, from, to, (ts, k, i) => {
            // An offline device cannot raise an alarm.
            if (!online(d, ts)) return;
            const r = s.u3(k, i, 1);
            const hour = clock.hour(ts);
            let type: 'intrusion' | 'crowding' | 'smoke' | 'water_level' | 'manhole' | 'noise' | 'gas_leak';
            let level: number;
            // `level` is the reading that tripped the alarm, in the device's own unit.
            switch (d.device.type) {
              case 'camera':
                if (hour >= 7 && hour < 19) {
                  type = 'crowding';
                  level = Math.round((2.5 + 2.5 * r) * 10) / 10; // persons per m²
                } else {
                  type = 'intrusion';
                  level = 1 + Math.floor(r * 3); // persons in the zone
                }
                break;
              case 'water_level':
                type = 'water_level';
                level = Math.round((3 + 2 * r + 2 * weather.rain(ts)) * 100) / 100; // m on the gauge
                break;
              case 'smoke':
                type = 'smoke';
                level = Math.round((4 + 11 * r) * 10) / 10; // obscuration, %/m
                break;
              case 'manhole':
                type = 'manhole';
                level = Math.round(15 + 75 * r); // cover tilt, degrees
                break;
              case 'noise':
                type = 'noise';
                level = Math.round((72 + 23 * r) * 10) / 10; // dB(A)
                break;
              case 'gas':
                type = 'gas_leak';
                level = Math.round(10 + 40 * r); // % of the lower explosive limit
                break;
            }
            out.push({ kind: 'device.alarm', id: `device.alarm:${d.device.id}:${ts}:${i}`, ts, division: d.device.division, site: d.device.id, type, values: { level } });
          });
        }
      },
    },
  ];
}
