import type { Device, DeviceFleet, DeviceType } from '@cw/contracts';
import { countEvents, type CountSource, type KindSource, type SimContext } from './context.ts';
import { keyOf, Stream } from './noise.ts';
import { bump, DayShape, HOUR, MINUTE, within } from './rhythm.ts';
import { reports } from './timing.ts';

/**
 * 视频监控 / 物联感知: device status and the alarms devices raise.
 *
 * A device is offline while a slow noise curve of its own sits below a threshold, so an
 * outage lasts hours rather than flickering from one report to the next; thresholds are set
 * for the long-run online rates below and move with the weather (storms cut power and
 * links), the hour (faults wait for the day's repair crews) and rare division-wide outages
 * (a cut fibre or feeder takes out part of a division's network for hours).
 *
 * The devices the profile names report their own status when it changes, and an hourly
 * heartbeat. A device fleet (thousands of cameras, hundreds of sensors per division) reports
 * as a platform does: every 5 minutes, the share of its devices online. No event per device
 * per tick: the cost is one noise lookup per device per 5 minutes.
 */

const STATUS_INTERVAL = 5 * MINUTE;
/** Period of the noise behind outages: dips below the threshold last about one to four hours. */
const OUTAGE_PERIOD = 6 * HOUR;
/** Period of the noise behind division-wide outages. */
const NETWORK_PERIOD = 10 * HOUR;

/**
 * Offline thresholds on the outage noise and the online rates they give in dry daytime
 * weather (the noise is cosine-interpolated uniform knots; quantiles measured over 2 million
 * samples).
 */
const OFFLINE_BELOW: Record<DeviceType, number> = {
  camera: -0.896, // 98 % online: the 雪亮工程 goal for key public areas (profile README)
  water_level: -0.8626, // 97 %
  smoke: -0.896, // 98 %
  manhole: -0.8331, // 96 % (batteries under cast iron)
  noise: -0.8626, // 97 %
  gas: -0.896, // 98 %
};
/** Threshold shift in heavy rain, at night (before 08:00 and from 18:00), and in a division-wide outage. */
const RAIN_SHIFT = 0.06;
const NIGHT_SHIFT = 0.015;
const NETWORK_SHIFT = 0.3;
/** A division's network is down while its own slow noise is below this (a few hours a month). */
const NETWORK_DOWN_BELOW = -0.975;

/** The offline threshold of a device type at an instant, given the weather, the hour and its division's network noise. */
export function offlineThreshold(type: DeviceType, rain: number, hour: number, network: number): number {
  const night = hour < 8 || hour >= 18 ? 1 : 0;
  const down = network < NETWORK_DOWN_BELOW ? 1 : 0;
  return OFFLINE_BELOW[type] + RAIN_SHIFT * rain + NIGHT_SHIFT * night + NETWORK_SHIFT * down;
}

/**
 * Water-level (积水) gauges at flood-prone points alarm when the water on the road passes their
 * mark, which takes a downpour: the rate grows with the square of the rain (0 dry … 1 heavy),
 * plus a small dry-weather share of blocked drains and sensor faults. So flood alarms cluster
 * in the rainy season's storms rather than spreading over the year.
 */
export function waterLevelAlarmFactor(rain: number): number {
  return 0.02 + 5 * rain * rain;
}

/** Alarms per device per day, and when in the day they happen. */
const ALARMS: Record<DeviceType, { perDay: number; shape: DayShape }> = {
  // Cameras: intrusion analytics at night, crowding by day.
  camera: { perDay: 0.03, shape: new DayShape((h) => 0.4 + bump(h, 2, 2) + 0.7 * bump(h, 14, 2.5)) },
  // Scaled by waterLevelAlarmFactor: per gauge ≈0.03 a day in dry winter, over 1 a day in a downpour.
  water_level: { perDay: 0.25, shape: new DayShape(() => 1) },
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

interface FleetModel {
  fleet: DeviceFleet;
  /** One outage stream per device of the fleet, with its own time offset. */
  outages: Stream[];
  offsets: number[];
  phase: number;
}

export function deviceSources(ctx: SimContext): KindSource[] {
  const { city, clock, weather, seed } = ctx;
  const network = (division: string, type: DeviceType) => Stream.of(seed, keyOf('network'), keyOf(division), keyOf(type));
  const networks = new Map<string, Stream>();
  const networkOf = (division: string, type: DeviceType) => {
    const key = `${division}|${type}`;
    let n = networks.get(key);
    if (n === undefined) networks.set(key, (n = network(division, type)));
    return n;
  };
  const threshold = (type: DeviceType, division: string, ts: number) => offlineThreshold(type, weather.rain(ts), clock.hour(ts), networkOf(division, type).smooth(ts, NETWORK_PERIOD));
  const devices: DeviceModel[] = city.devices.map((device) => {
    const s = Stream.of(seed, keyOf('device'), keyOf(device.id));
    const alarm = ALARMS[device.type];
    return {
      device,
      outage: s.child(1),
      phase: Math.floor(s.u1(-1) * (STATUS_INTERVAL / 1000)) * 1000,
      alarms: {
        stream: s.child(2),
        slotMs: HOUR,
        perDay: () => alarm.perDay,
        shape: () => alarm.shape,
        dayNoise: 0.3,
        ...(device.type === 'water_level' ? { factor: (ts: number) => waterLevelAlarmFactor(weather.rain(ts)) } : {}),
      },
    };
  });
  const fleets: FleetModel[] = city.fleets.map((fleet) => {
    const s = Stream.of(seed, keyOf('fleet'), keyOf(fleet.id));
    // Offsets spread the devices' noise knots over the period: otherwise the whole fleet would
    // sit on its knots at the same instants and its share online would swing every 6 hours.
    return {
      fleet,
      outages: Array.from({ length: fleet.count }, (_, i) => s.child(i)),
      offsets: Array.from({ length: fleet.count }, (_, i) => Math.floor(s.u2(i, -2) * OUTAGE_PERIOD)),
      phase: Math.floor(s.u1(-1) * (STATUS_INTERVAL / 1000)) * 1000,
    };
  });
  const online = (d: DeviceModel, ts: number) => (d.outage.smooth(ts, OUTAGE_PERIOD) >= threshold(d.device.type, d.device.division, ts) ? 1 : 0);

  return [
    {
      kind: 'device.status',
      emit(from, to, out) {
        for (const d of devices) {
          const push = (ts: number, value: 0 | 1) => out.push({ kind: 'device.status', id: `device.status:${d.device.id}:${ts}`, ts, division: d.device.division, site: d.device.id, values: { online: value } });
          if (ctx.coarse) {
            reports(from, to, STATUS_INTERVAL, d.phase, HOUR, (ts) => push(ts, online(d, ts)));
            continue;
          }
          // A change as soon as it is seen, and the state at the last report of each hour
          // (the instant the coarse history reports, so both streams agree there).
          reports(from, to, STATUS_INTERVAL, d.phase, 0, (ts, prev) => {
            const now = online(d, ts);
            if (now !== online(d, prev) || Math.ceil(ts / HOUR) * HOUR < ts + STATUS_INTERVAL) push(ts, now);
          });
        }
        for (const f of fleets) {
          reports(from, to, STATUS_INTERVAL, f.phase, ctx.coarse ? HOUR : 0, (ts) => {
            const below = threshold(f.fleet.type, f.fleet.division, ts);
            let up = 0;
            for (let i = 0; i < f.outages.length; i++) if (f.outages[i]!.smooth(ts + f.offsets[i]!, OUTAGE_PERIOD) >= below) up++;
            out.push({ kind: 'device.status', id: `device.status:${f.fleet.id}:${ts}`, ts, division: f.fleet.division, site: f.fleet.id, values: { online: up / f.fleet.count } });
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
