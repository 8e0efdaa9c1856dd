import { departmentSchema, thresholdsSchema, type Department, type MetricDef, type OperatingMode, type SystemState, type Thresholds } from '@cw/contracts';
import type { Storage } from '../storage/storage.ts';
import type { TopicRegistry } from '../publish/topics.ts';

/**
 * Overrides saved before the four alert levels had a warning and a critical threshold: they
 * become 黄 and 红, clearing where the warning began (no hysteresis, as before).
 */
function fromTwoLevels(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || !('warning' in v) || !('critical' in v) || 'levels' in v) return v;
  const old = v as { warning: unknown; critical: unknown; bad: unknown };
  return { bad: old.bad, levels: { yellow: old.warning, red: old.critical }, clear: old.warning };
}

/**
 * What administrators and leaders change at run time, persisted as settings: metric
 * thresholds, departments, and the operating mode (平时/战时). Readers call the getters on
 * every use, so a change takes effect on the next tick without a restart.
 */
export class SettingsService {
  private thresholdOverrides: Record<string, Thresholds> = {};
  private departmentOverrides: Department[] = [];
  private mode: OperatingMode = 'peace';
  private readonly changeListeners: (() => void)[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly topics: TopicRegistry,
    private readonly base: { catalogue: readonly MetricDef[]; departments: readonly Department[]; city: SystemState['city'] },
  ) {}

  async restore(): Promise<void> {
    const t = await this.storage.getSetting<Record<string, unknown>>('thresholds');
    for (const [id, v] of Object.entries(t ?? {})) {
      const parsed = thresholdsSchema.safeParse(fromTwoLevels(v));
      if (parsed.success) this.thresholdOverrides[id] = parsed.data;
    }
    const d = await this.storage.getSetting<unknown[]>('departments');
    this.departmentOverrides = (d ?? []).flatMap((x) => {
      const parsed = departmentSchema.safeParse(x);
      return parsed.success ? [parsed.data] : [];
    });
    this.mode = (await this.storage.getSetting<OperatingMode>('mode')) ?? 'peace';
    for (const dept of this.departments()) this.topics.ensure(`cases:${dept.id}`);
    this.publishSystem();
  }

  /** Called after every saved change (a cluster tells the other nodes to reload). */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  private changed(): void {
    for (const l of this.changeListeners) l();
  }

  catalogue(): readonly MetricDef[] {
    return this.base.catalogue.map((m) => (this.thresholdOverrides[m.id] ? { ...m, thresholds: this.thresholdOverrides[m.id] } : m));
  }

  async setThresholds(metricId: string, t: Thresholds): Promise<MetricDef | null> {
    if (!this.base.catalogue.some((m) => m.id === metricId)) return null;
    this.thresholdOverrides = { ...this.thresholdOverrides, [metricId]: t };
    await this.storage.putSetting('thresholds', this.thresholdOverrides);
    this.changed();
    return this.catalogue().find((m) => m.id === metricId)!;
  }

  departments(): readonly Department[] {
    const byId = new Map(this.base.departments.map((d) => [d.id, d]));
    for (const d of this.departmentOverrides) byId.set(d.id, d);
    return [...byId.values()];
  }

  async putDepartment(d: Department): Promise<void> {
    this.departmentOverrides = [...this.departmentOverrides.filter((x) => x.id !== d.id), d];
    await this.storage.putSetting('departments', this.departmentOverrides);
    this.topics.ensure(`cases:${d.id}`);
    this.changed();
  }

  private warHeld: () => boolean = () => false;

  /** While `held()` is true the mode cannot go back to peace: active emergencies hold it (docs/emergency.md). */
  holdWar(held: () => boolean): void {
    this.warHeld = held;
  }

  currentMode(): OperatingMode {
    return this.mode;
  }

  /** False, changing nothing, when asked for peace while war is held. */
  async setMode(mode: OperatingMode): Promise<boolean> {
    if (mode === 'peace' && this.warHeld()) return false;
    this.mode = mode;
    await this.storage.putSetting('mode', mode);
    this.publishSystem();
    this.changed();
    return true;
  }

  private publishSystem(): void {
    this.topics.publish('system', new Map([['state', { mode: this.mode, city: this.base.city }]]));
  }
}
