import { randomUUID } from 'node:crypto';
import type { Alert, MetricDef, VitalReading } from '@cw/contracts';
import { alertChange } from '@cw/metrics';
import type { Storage } from '../storage/storage.ts';
import type { TopicRegistry } from './topics.ts';

export class UnknownAlert extends Error {}

/**
 * Raises alerts on threshold crossings, stores them, and keeps the `alerts` topic equal to
 * the set of unacknowledged alerts: an alert leaves the wall only when acknowledged.
 */
export class AlertService {
  private readonly open = new Map<string, Alert>();

  constructor(
    private readonly storage: Storage,
    private readonly topics: TopicRegistry,
    private readonly catalogue: () => readonly MetricDef[],
  ) {}

  async restore(): Promise<void> {
    for (const a of await this.storage.openAlerts()) this.open.set(a.id, a);
    this.topics.publish('alerts', new Map(this.open));
  }

  /** Applies the alert rules to this tick's readings. */
  async onReadings(readings: ReadonlyMap<string, ReadonlyMap<string, VitalReading>>, now: number): Promise<void> {
    const changed = new Map<string, Alert>();
    for (const [scope, byMetric] of readings) {
      for (const def of this.catalogue()) {
        if (def.thresholds === undefined) continue;
        const reading = byMetric.get(def.id);
        if (reading === undefined) continue;
        const mine = [...this.open.values()].filter((a) => a.metric === def.id && a.scope === scope);
        const change = alertChange(def, def.thresholds, scope, reading, mine, now);
        for (const id of change.clear ?? []) {
          const cleared = { ...this.open.get(id)!, clearedAt: now };
          this.open.set(id, cleared);
          changed.set(id, cleared);
        }
        if (change.raise) {
          const alert: Alert = { id: randomUUID(), ...change.raise };
          this.open.set(alert.id, alert);
          changed.set(alert.id, alert);
        }
      }
    }
    if (changed.size === 0) return;
    for (const a of changed.values()) await this.storage.saveAlert(a);
    this.topics.publish('alerts', changed);
  }

  async acknowledge(id: string, by: string, now: number): Promise<Alert> {
    const alert = this.open.get(id);
    if (alert === undefined) throw new UnknownAlert(`no open alert ${id}`);
    const acked: Alert = { ...alert, acknowledgedAt: now, acknowledgedBy: by };
    await this.storage.saveAlert(acked);
    this.open.delete(id);
    this.topics.publish('alerts', new Map(), [id]);
    return acked;
  }
}
