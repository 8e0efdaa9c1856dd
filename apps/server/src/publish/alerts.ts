import { randomUUID } from 'node:crypto';
import type { Alert, MetricDef, VitalReading } from '@cw/contracts';
import { alertChange } from '@cw/metrics';
import type { Storage } from '../storage/storage.ts';
import type { TopicRegistry } from './topics.ts';

export class UnknownAlert extends Error {}

/** The alert metric of a data source silent past its expected interval. */
export const SOURCE_SILENT = 'source.silent';

/**
 * Raises alerts on threshold crossings, stores them, and keeps the `alerts` topic equal to
 * the set of unacknowledged alerts: an alert leaves the wall only when acknowledged. An
 * acknowledged alert whose figure is still across its threshold stays known here (not on
 * the walls), so that the same crossing is not raised again the next tick.
 */
export class AlertService {
  /** Alerts unacknowledged or still crossing, by id. */
  private readonly live = new Map<string, Alert>();

  constructor(
    private readonly storage: Storage,
    private readonly topics: TopicRegistry,
    private readonly catalogue: () => readonly MetricDef[],
  ) {}

  async restore(): Promise<void> {
    for (const a of await this.storage.liveAlerts()) this.live.set(a.id, a);
    this.topics.publish('alerts', new Map([...this.live].filter(([, a]) => a.acknowledgedAt === null)));
  }

  /** Applies the alert rules to this tick's readings. */
  async onReadings(readings: ReadonlyMap<string, ReadonlyMap<string, VitalReading>>, now: number): Promise<void> {
    const changed = new Map<string, Alert>();
    for (const [scope, byMetric] of readings) {
      for (const def of this.catalogue()) {
        if (def.thresholds === undefined) continue;
        const reading = byMetric.get(def.id);
        if (reading === undefined) continue;
        const mine = [...this.live.values()].filter((a) => a.metric === def.id && a.scope === scope);
        const change = alertChange(def, def.thresholds, scope, reading, mine, now);
        for (const id of change.clear ?? []) {
          const cleared = { ...this.live.get(id)!, clearedAt: now };
          changed.set(id, cleared);
          if (cleared.acknowledgedAt === null) this.live.set(id, cleared);
          else this.live.delete(id);
        }
        if (change.raise) {
          const alert: Alert = { id: randomUUID(), ...change.raise };
          this.live.set(alert.id, alert);
          changed.set(alert.id, alert);
        }
      }
    }
    if (changed.size === 0) return;
    for (const a of changed.values()) await this.storage.saveAlert(a);
    const onWalls = new Map([...changed].filter(([, a]) => a.acknowledgedAt === null));
    if (onWalls.size > 0) this.topics.publish('alerts', onWalls);
  }

  /**
   * Raises one alert per registered source silent past its expected interval, and clears it
   * when the source reports again (or is no longer registered with an interval).
   */
  async onSilentSources(silent: ReadonlyMap<string, { name: string; intervalSec: number; silentSec: number }>, now: number): Promise<void> {
    const changed = new Map<string, Alert>();
    const open = new Map<string, Alert>();
    for (const a of this.live.values()) if (a.metric === SOURCE_SILENT && a.source !== undefined && a.clearedAt === null) open.set(a.source.id, a);
    for (const [id, s] of silent) {
      if (open.has(id)) continue;
      const alert: Alert = {
        id: randomUUID(),
        metric: SOURCE_SILENT,
        scope: 'city',
        level: 'warning',
        value: s.silentSec,
        threshold: s.intervalSec,
        raisedAt: now,
        clearedAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        source: { id, name: s.name },
      };
      this.live.set(alert.id, alert);
      changed.set(alert.id, alert);
    }
    for (const [id, a] of open) {
      if (silent.has(id)) continue;
      const cleared = { ...a, clearedAt: now };
      changed.set(a.id, cleared);
      if (cleared.acknowledgedAt === null) this.live.set(a.id, cleared);
      else this.live.delete(a.id);
    }
    if (changed.size === 0) return;
    for (const a of changed.values()) await this.storage.saveAlert(a);
    const onWalls = new Map([...changed].filter(([, a]) => a.acknowledgedAt === null));
    if (onWalls.size > 0) this.topics.publish('alerts', onWalls);
  }

  async acknowledge(id: string, by: string, now: number): Promise<Alert> {
    const alert = this.live.get(id);
    if (alert === undefined || alert.acknowledgedAt !== null) throw new UnknownAlert(`no open alert ${id}`);
    const acked: Alert = { ...alert, acknowledgedAt: now, acknowledgedBy: by };
    await this.storage.saveAlert(acked);
    if (acked.clearedAt === null) this.live.set(id, acked);
    else this.live.delete(id);
    this.topics.publish('alerts', new Map(), [id]);
    return acked;
  }
}
