import type { Logger } from 'pino';
import type { Briefing, CityProfile, Department, MetricDef } from '@cw/contracts';
import { addDays, briefingReads, compileBriefing, dayOf, dayStartOf, DAY_MS, type CaseWithHistory } from '@cw/briefing';
import type { PlaceIndex } from '@cw/metrics';
import type { ClosedWindow } from '@cw/rollup';
import type { Clock } from '../clock.ts';
import type { Storage } from '../storage/storage.ts';

export class DayNotClosed extends Error {}

export interface BriefingDeps {
  profile: CityProfile;
  places: PlaceIndex;
  catalogue: () => readonly MetricDef[];
  departments: () => readonly Department[];
  clock: Clock;
  /** BRIEFING_TIME as minutes after local midnight. */
  compileAtMinute: number;
}

/**
 * Compiles the daily briefing from stored data (the pure work is @cw/briefing), stores it,
 * and every morning at BRIEFING_TIME compiles the day before. A day is compiled only once
 * its day windows are closed and stored, so the briefing never reads a half-open day.
 */
export class BriefingService {
  private queue: Promise<unknown> = Promise.resolve();
  private lastCompiled: string | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly deps: BriefingDeps,
    private readonly log: Logger,
  ) {}

  private get offset(): number {
    return this.deps.profile.utcOffsetMinutes;
  }

  /** The local day before today. */
  yesterday(): string {
    return addDays(dayOf(this.deps.clock.now(), this.offset), -1);
  }

  /**
   * Compiles `day` from what is stored and saves it, replacing an earlier compilation.
   * Throws DayNotClosed while the day's windows are not all closed.
   */
  compile(day: string): Promise<Briefing> {
    // One compilation at a time: the timer and a shift leader's request may meet.
    const run = this.queue.then(() => this.compileNow(day));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when no compilation is running (before the store closes). */
  async idle(): Promise<void> {
    await this.queue;
  }

  private async compileNow(day: string): Promise<Briefing> {
    const { profile, places } = this.deps;
    const catalogue = this.deps.catalogue();
    const reads = briefingReads(catalogue, places, profile.divisions, day, this.offset);
    const closedUpTo = await this.storage.closedUpTo();
    if (closedUpTo === null || closedUpTo < reads.dayEnd) throw new DayNotClosed(`${day} is not over yet: its windows close after local midnight`);
    const started = Date.now();

    const dayWindows: ClosedWindow[] = [];
    for (const p of reads.windows) dayWindows.push(...(await this.storage.history('1d', p.series, p.scope, reads.windowsFrom, reads.windowsTo)));
    const dailyAqi = (await this.storage.loadDailyAqi(reads.dailyAqiSince)).filter((r) => r.day < reads.dayEnd);
    const alerts = await this.storage.listAlerts(reads.dayStart, reads.dayEnd, 1_000_000);
    const records = (await this.storage.activeCases(reads.dayStart)).filter((c) => c.reportedAt < reads.dayEnd);
    const histories = await this.storage.caseHistories(records.map((c) => c.id));
    const cases: CaseWithHistory[] = records.map((record) => ({ record, history: histories.get(record.id) ?? [] }));
    const emergencies = await this.storage.recentEmergencies(reads.dayStart);

    const briefing = compileBriefing({
      day,
      utcOffsetMinutes: this.offset,
      timeZone: profile.timeZone,
      city: profile.name,
      catalogue,
      places,
      divisions: profile.divisions,
      departments: this.deps.departments(),
      dayWindows,
      dailyAqi,
      alerts,
      cases,
      emergencies,
      compiledAt: this.deps.clock.now(),
    });
    await this.storage.saveBriefing(briefing);
    this.log.info({ day, ms: Date.now() - started, windows: dayWindows.length, cases: cases.length }, 'daily briefing compiled');
    return briefing;
  }

  /** Called on a timer: past BRIEFING_TIME, compiles yesterday if it is not stored yet. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    const today = dayOf(now, this.offset);
    if (now - dayStartOf(today, this.offset) < this.deps.compileAtMinute * 60_000) return;
    const day = addDays(today, -1);
    if (this.lastCompiled === day) return;
    if ((await this.storage.briefing(day)) === null) {
      const closedUpTo = await this.storage.closedUpTo();
      // Windows close a little after midnight; try again on the next tick.
      if (closedUpTo === null || closedUpTo < dayStartOf(day, this.offset) + DAY_MS) return;
      await this.compile(day);
    }
    this.lastCompiled = day;
  }
}
