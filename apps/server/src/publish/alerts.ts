import { randomUUID } from 'node:crypto';
import { alertLevelSchema, type Alert, type AlertLink, type MetricDef, type VitalReading } from '@cw/contracts';
import { alertChange, metricsFedBy } from '@cw/metrics';
import type { Storage } from '../storage/storage.ts';
import type { TopicRegistry } from './topics.ts';

export class UnknownAlert extends Error {}

/** The alert metric of a data source silent past its expected interval. */
export const SOURCE_SILENT = 'source.silent';

/** Alerts stored before the four levels had two: warning and critical. */
const LEGACY_LEVEL: Record<string, Alert['level']> = { warning: 'yellow', critical: 'red' };

function upgrade(stored: Alert): Alert {
  const a = stored as Alert & { level: string };
  return {
    ...a,
    level: alertLevelSchema.safeParse(a.level).success ? a.level : (LEGACY_LEVEL[a.level] ?? 'yellow'),
    clearAt: a.clearAt ?? a.threshold,
    escalatedAt: a.escalatedAt ?? null,
    acknowledgeNote: a.acknowledgeNote ?? null,
  };
}

/**
 * Raises alerts on threshold crossings, stores them, and keeps the `alerts` topic equal to
 * the set of unacknowledged alerts: an alert leaves the wall only when acknowledged. An
 * acknowledged alert whose figure is still across its clear threshold stays known here (not
 * on the walls), so that the same crossing is not raised again the next tick; if it rises
 * to a higher level it comes back to the walls.
 */
export class AlertService {
  /** Alerts unacknowledged or not yet cleared, by id. */
  private readonly live = new Map<string, Alert>();

  constructor(
    private readonly storage: Storage,
    private readonly topics: TopicRegistry,
    private readonly catalogue: () => readonly MetricDef[],
  ) {}

  async restore(): Promise<void> {
    for (const a of await this.storage.liveAlerts()) this.live.set(a.id, upgrade(a));
    this.topics.publish('alerts', new Map([...this.live].filter(([, a]) => a.acknowledgedAt === null)));
  }

  /** Applies the alert rules to this tick's readings. */
  async onReadings(readings: ReadonlyMap<string, ReadonlyMap<string, VitalReading>>, now: number): Promise<void> {
    const changed = new Map<string, Alert>();
    const live = [...this.live.values()];
    for (const [scope, byMetric] of readings) {
      for (const def of this.catalogue()) {
        if (def.thresholds === undefined || def.raisesAlerts === false) continue;
        const reading = byMetric.get(def.id);
        if (reading === undefined) continue;
        const mine = live.filter((a) => a.metric === def.id && a.scope === scope);
        const change = alertChange(def, def.thresholds, scope, reading, mine, now);
        for (const id of change.clear ?? []) {
          const cleared = { ...this.live.get(id)!, clearedAt: now };
          changed.set(id, cleared);
          if (cleared.acknowledgedAt === null) this.live.set(id, cleared);
          else this.live.delete(id);
        }
        if (change.escalate) {
          this.live.set(change.escalate.id, change.escalate);
          changed.set(change.escalate.id, change.escalate);
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
    // An alert acknowledged and cleared in the same change has already left the walls.
    if (onWalls.size > 0) this.topics.publish('alerts', onWalls);
  }

  /**
   * Raises one alert per registered source silent past its expected interval, and clears it
   * when the source reports again (or is no longer registered with an interval).
   */
  async onSilentSources(silent: ReadonlyMap<string, { name: string; intervalSec: number; silentSec: number; kinds?: readonly string[] | null }>, now: number): Promise<void> {
    const changed = new Map<string, Alert>();
    const open = new Map<string, Alert>();
    for (const a of this.live.values()) if (a.metric === SOURCE_SILENT && a.source !== undefined && a.clearedAt === null) open.set(a.source.id, a);
    for (const [id, s] of silent) {
      if (open.has(id)) continue;
      const alert: Alert = {
        id: randomUUID(),
        metric: SOURCE_SILENT,
        scope: 'city',
        level: 'yellow',
        value: s.silentSec,
        threshold: s.intervalSec,
        clearAt: s.intervalSec,
        escalatedAt: null,
        raisedAt: now,
        clearedAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        acknowledgeNote: null,
        source: { id, name: s.name, metrics: metricsFedBy(s.kinds ?? null, this.catalogue()) },
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

  /** A stored alert with its link (on the walls or not), or null. */
  async find(id: string): Promise<Alert | null> {
    const stored = await this.storage.alertById(id);
    return stored === null ? null : upgrade(stored);
  }

  /**
   * A case or an emergency was opened from the alert (the store already holds the link): the
   * walls show it on the alert while it is on them.
   */
  linked(id: string, link: AlertLink): void {
    const a = this.live.get(id);
    if (a === undefined) return;
    const withLink = { ...a, link };
    this.live.set(id, withLink);
    if (withLink.acknowledgedAt === null) this.topics.publish('alerts', new Map([[id, withLink]]));
  }

  /** An alert on the walls, or undefined. */
  get(id: string): Alert | undefined {
    const a = this.live.get(id);
    return a?.acknowledgedAt === null ? a : undefined;
  }

  async acknowledge(id: string, by: string, now: number, note: string | null = null): Promise<Alert> {
    const [acked] = await this.acknowledgeAll([id], by, now, note);
    return acked!;
  }

  /**
   * Acknowledges alerts together, with one reason recorded on each. All or nothing: if any
   * id is not an alert on the walls, none is acknowledged.
   */
  async acknowledgeAll(ids: readonly string[], by: string, now: number, note: string | null): Promise<Alert[]> {
    const unique = [...new Set(ids)];
    const missing = unique.filter((id) => this.get(id) === undefined);
    if (missing.length > 0) throw new UnknownAlert(`no open alert ${missing.join(', ')}`);
    const acked = unique.map((id): Alert => ({ ...this.live.get(id)!, acknowledgedAt: now, acknowledgedBy: by, acknowledgeNote: note }));
    for (const a of acked) await this.storage.saveAlert(a);
    for (const a of acked) {
      if (a.clearedAt === null) this.live.set(a.id, a);
      else this.live.delete(a.id);
    }
    this.topics.publish('alerts', new Map(), unique);
    return acked;
  }
}
