import { can } from '@cw/access';
import {
  emergencyProfileSchema,
  type AlertOrigin,
  type CityProfile,
  type DeclareEmergency,
  type Department,
  type EmergencyActor,
  type EmergencyCommand,
  type EmergencyDetail,
  type EmergencyError,
  type EmergencyRecord,
  type NearbyResource,
} from '@cw/contracts';
import {
  SYSTEM_ACTOR,
  allowedActions,
  appendSystemEntries,
  applyEmergencyCommand,
  checkTimers,
  declareEmergency,
  findPlan,
  nearestResources,
  suggestLevel,
  type EmergencyContext,
  type Notification,
} from '@cw/emergency';
import type { Logger } from 'pino';
import type { Principal } from '../auth/auth-service.ts';
import type { Clock } from '../clock.ts';
import type { TopicRegistry } from '../publish/topics.ts';
import { localDayAndYear } from '../clock.ts';
import { Serial } from '../serial.ts';
import { AlertLinkConflict, EmergencyConflict, type Storage } from '../storage/storage.ts';
import { renderPdf } from '../documents/pdf.ts';
import { emergencyDocument } from './emergency-document.ts';
import type { Notifier } from './notifier.ts';

const DAY_MS = 86_400_000;
/** Stood-down emergencies stay on the live topic this long. */
const RECENT_MS = DAY_MS;
/** Cases in these states cannot start an emergency. */
const FINISHED_CASE_STATES = new Set(['closed', 'evaluated', 'voided', 'merged']);

export type EmergencyOutcome = { ok: true; detail: EmergencyDetail } | { ok: false; error: EmergencyError; version?: number };

/** The operating mode, held at war while an emergency is active. */
export interface ModeControl {
  holdWar(held: () => boolean): void;
  currentMode(): 'peace' | 'war';
  setMode(mode: 'peace' | 'war'): Promise<boolean>;
}

export interface EmergencyServiceOptions {
  profile: CityProfile;
  departments: () => readonly Department[];
  notifier: Notifier;
  mode: ModeControl;
  utcOffsetMs: number;
}

export function emergencyActorOf(p: Principal): EmergencyActor {
  return { userId: p.id, role: p.role, name: p.name, department: p.department };
}

/**
 * The command post on the server: declares emergencies, applies commands through
 * @cw/emergency's table, persists each change before anyone hears of it, keeps the
 * `emergencies` topic equal to the store, holds the mode at war while any is active, sends
 * notifications and records their delivery, and runs the silence and reporting timers.
 * Changes run one at a time; the store's version check is the second line of defence.
 */
export class EmergencyService {
  private readonly recent = new Map<string, EmergencyRecord>();
  private readonly serial = new Serial();
  private readonly ctx: () => EmergencyContext;
  /** Deliveries in flight, so stop() can wait for them. */
  private readonly deliveries = new Set<Promise<void>>();

  constructor(
    private readonly storage: Storage,
    private readonly topics: TopicRegistry,
    private readonly clock: Clock,
    private readonly options: EmergencyServiceOptions,
    private readonly log: Logger,
  ) {
    // A profile without an emergency section still runs: no plans, the four classes only.
    const section =
      options.profile.emergency ??
      emergencyProfileSchema.parse({ subtypes: [{ id: 'general', category: 'accident', name: { zh: '一般突发事件', en: 'General emergency' } }] });
    const divisions = new Map(options.profile.divisions.map((d) => [d.code, d.name.zh]));
    this.ctx = () => {
      const departments = new Map(options.departments().map((d) => [d.id, d.name.zh]));
      return {
        profile: section,
        departmentName: (id) => departments.get(id),
        divisionName: (code) => divisions.get(code),
        cityName: options.profile.name.zh,
        utcOffsetMinutes: options.profile.utcOffsetMinutes,
      };
    };
    options.mode.holdWar(() => this.anyActive());
  }

  private anyActive(): boolean {
    return [...this.recent.values()].some((e) => e.status === 'active');
  }

  async restore(): Promise<void> {
    for (const e of await this.storage.recentEmergencies(this.clock.now() - RECENT_MS)) this.recent.set(e.id, e);
    this.publish([...this.recent.values()]);
    if (this.anyActive() && this.options.mode.currentMode() !== 'war') await this.options.mode.setMode('war');
  }

  /** Every emergency, newest first (the register), optionally only the active ones. */
  async list(activeOnly: boolean): Promise<EmergencyRecord[]> {
    const all = await this.storage.listEmergencies(500);
    return activeOnly ? all.filter((e) => e.status === 'active') : all;
  }

  async detail(id: string, who: Principal): Promise<EmergencyDetail | null> {
    const e = this.recent.get(id) ?? (await this.storage.emergencyById(id));
    return e === null ? null : this.detailOf(e, who);
  }

  private detailOf(e: EmergencyRecord, who: Principal): EmergencyDetail {
    return { emergency: e, allowed: allowedActions(e, emergencyActorOf(who)), suggestedLevel: suggestLevel(e) };
  }

  /** The plan's resource kinds nearest the incident (all kinds without a plan), five of each. */
  async resources(id: string): Promise<NearbyResource[] | null> {
    const e = this.recent.get(id) ?? (await this.storage.emergencyById(id));
    if (e === null) return null;
    const ctx = this.ctx();
    const plan = findPlan(ctx.profile, e.category, e.subtype);
    return nearestResources(ctx.profile.resources, e.location, { ...(plan === null ? {} : { kinds: plan.resourceKinds }), speedKmh: ctx.profile.etaSpeedKmh, perKind: 5 });
  }

  /** The record as a PDF (summary, departments, checklist, instructions, reports, timeline); null when there is no such emergency. */
  async document(id: string, who: Principal): Promise<Buffer | null> {
    const e = this.recent.get(id) ?? (await this.storage.emergencyById(id));
    return e === null ? null : renderPdf(emergencyDocument(e, this.ctx(), who.name, this.clock.now()));
  }

  /** With `fromAlert`, the record keeps the alert it came from and the alert's link is stored with it (409 if it already has one). */
  declare(input: DeclareEmergency, who: Principal, fromAlert?: AlertOrigin): Promise<EmergencyOutcome> {
    return this.serial.run(async () => {
      if (!can(who.role, 'emergency.declare')) return { ok: false, error: { code: 'forbidden_role', message: `role ${who.role} may not declare an emergency` } };
      const cases = [];
      for (const id of new Set(input.caseIds)) {
        const c = await this.storage.caseById(id);
        if (c === null) return { ok: false, error: { code: 'invalid_command', message: `no case ${id}` } };
        if (FINISHED_CASE_STATES.has(c.state)) return { ok: false, error: { code: 'invalid_command', message: `case ${id} is ${c.state}, not open` } };
        cases.push(c);
      }
      const first = cases[0];
      const location = input.location ?? first?.location;
      const division = input.division ?? first?.division;
      if (location === undefined || division === undefined) {
        return { ok: false, error: { code: 'invalid_command', message: 'location and division are required (the first case has none, or none was given)' } };
      }
      const now = this.clock.now();
      const { today } = localDayAndYear(now, this.options.utcOffsetMs);
      const local = new Date(today + this.options.utcOffsetMs).toISOString().slice(0, 10).replaceAll('-', '');
      const n = await this.storage.nextInSequence(`emergency:${local}`);
      const id = `E${local}-${String(n).padStart(3, '0')}`;
      const address = input.address ?? first?.address;
      const out = declareEmergency({ ...input, caseIds: cases.map((c) => c.id), location, division, ...(address === undefined ? {} : { address }) }, id, emergencyActorOf(who), now, this.ctx());
      if (!out.ok) return out;
      if (fromAlert) out.record = { ...out.record, fromAlert };
      try {
        await this.storage.insertEmergency(out.record, fromAlert && { alertId: fromAlert.id, kind: 'emergency', id, at: now, by: who.name });
      } catch (err) {
        if (err instanceof AlertLinkConflict) return { ok: false, error: { code: 'version_conflict', message: err.message } };
        throw err;
      }
      this.recent.set(id, out.record);
      this.publish([out.record]);
      if (this.options.mode.currentMode() !== 'war') await this.options.mode.setMode('war');
      this.deliver(id, out.notifications);
      this.log.info({ emergency: id, level: out.record.level, drill: out.record.drill }, 'emergency declared');
      return { ok: true, detail: this.detailOf(out.record, who) };
    });
  }

  command(id: string, cmd: EmergencyCommand, who: Principal): Promise<EmergencyOutcome> {
    return this.serial.run(async () => {
      const current = this.recent.get(id) ?? (await this.storage.emergencyById(id));
      if (current === null) return { ok: false, error: { code: 'not_found', message: `no emergency ${id}` } };
      const out = applyEmergencyCommand(current, cmd, emergencyActorOf(who), this.clock.now(), this.ctx());
      if (!out.ok) return out.error.code === 'version_conflict' ? { ok: false, error: out.error, version: current.version } : out;
      try {
        await this.storage.updateEmergency(out.record, { version: current.version, timelineLength: current.timeline.length });
      } catch (err) {
        if (!(err instanceof EmergencyConflict)) throw err;
        const stored = await this.storage.emergencyById(id);
        if (stored !== null) this.recent.set(id, stored);
        return { ok: false, error: { code: 'version_conflict', message: 'the emergency changed meanwhile: reload and retry' }, ...(stored === null ? {} : { version: stored.version }) };
      }
      this.recent.set(id, out.record);
      this.publish([out.record]);
      if (cmd.action === 'stand_down') {
        this.log.info({ emergency: id }, 'emergency stood down');
        // The last one standing down returns the city to peace.
        if (!this.anyActive() && this.options.mode.currentMode() !== 'peace') await this.options.mode.setMode('peace');
      }
      this.deliver(id, out.notifications);
      return { ok: true, detail: this.detailOf(out.record, who) };
    });
  }

  /** The periodic check: silent departments, overdue reporting limits; old records leave the topic. */
  tick(): Promise<void> {
    return this.serial.run(async () => {
      const now = this.clock.now();
      for (const e of [...this.recent.values()]) {
        const due = checkTimers(e, now, this.ctx());
        if (due === null) continue;
        if (await this.save(e, due.record)) this.deliver(e.id, due.notifications);
      }
      const gone = [...this.recent.values()].filter((e) => e.standDownAt !== null && e.standDownAt < now - RECENT_MS);
      for (const e of gone) this.recent.delete(e.id);
      if (gone.length > 0) this.topics.publish('emergencies', new Map(), gone.map((e) => e.id));
    });
  }

  /** Waits for notifications in flight (for a clean stop). */
  async stop(): Promise<void> {
    await Promise.all([...this.deliveries]);
    await this.serial.run(async () => undefined);
  }

  /** Persists a server-side change (same version, longer timeline); false if the record moved on. */
  private async save(before: EmergencyRecord, after: EmergencyRecord): Promise<boolean> {
    try {
      await this.storage.updateEmergency(after, { version: before.version, timelineLength: before.timeline.length });
    } catch (err) {
      if (!(err instanceof EmergencyConflict)) throw err;
      this.log.warn({ emergency: before.id }, 'emergency changed during a server update; retried next tick');
      return false;
    }
    this.recent.set(after.id, after);
    this.publish([after]);
    return true;
  }

  /** Sends notifications outside the command's turn, then records each result on the timeline. */
  private deliver(id: string, notifications: readonly Notification[]): void {
    if (notifications.length === 0) return;
    const ctx = this.ctx();
    const task = (async () => {
      const results = await Promise.all(
        notifications.map(async (n) => {
          const name = ctx.departmentName(n.department) ?? n.department;
          const r = await this.options.notifier.send({ emergencyId: id, department: n.department, departmentName: name, text: n.text }).catch(() => ({ ok: false, detail: 'notifier failed' }));
          return { n, name, r };
        }),
      );
      await this.serial.run(async () => {
        const e = this.recent.get(id) ?? (await this.storage.emergencyById(id));
        if (e === null) return;
        const at = Math.max(this.clock.now(), e.updatedAt);
        const entries = results.map(({ n, name, r }) => ({
          at,
          actor: SYSTEM_ACTOR,
          kind: 'notification_result' as const,
          text: `${this.options.notifier.channel}通知${name}${r.ok ? '已送达' : '未送达'}（${r.detail}）`,
          department: n.department,
          ok: r.ok,
          facts: { notifier: this.options.notifier.channel, detail: r.detail.slice(0, 500) },
        }));
        if (!(await this.save(e, appendSystemEntries(e, entries)))) this.log.warn({ emergency: id }, 'delivery results not recorded');
      });
    })().catch((err: unknown) => this.log.error({ err, emergency: id }, 'notification delivery failed'));
    this.deliveries.add(task);
    void task.finally(() => this.deliveries.delete(task));
  }

  private publish(records: readonly EmergencyRecord[]): void {
    this.topics.publish('emergencies', new Map(records.map((e) => [e.id, e])));
  }
}
