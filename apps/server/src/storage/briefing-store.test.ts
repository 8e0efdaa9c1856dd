import { describe, expect, it } from 'vitest';
import type { Briefing } from '@cw/contracts';
import { tempDataDir } from '../testing/harness.ts';
import { createMemoryStorage } from './memory.ts';
import { openSqliteStorage } from './sqlite.ts';
import type { Storage } from './storage.ts';

const briefing = (day: string, compiledAt: number, received: number): Briefing => ({
  day,
  dayStart: Date.parse(`${day}T00:00:00+08:00`),
  dayEnd: Date.parse(`${day}T00:00:00+08:00`) + 86_400_000,
  timeZone: 'Asia/Shanghai',
  city: { zh: '邵阳市', en: 'Shaoyang' },
  compiledAt,
  figures: [],
  alerts: { raised: 2, byLevel: { red: 1, orange: 0, yellow: 1, blue: 0 }, ongoing: 0, medianClearedMs: 60_000, longestMs: 90_000, byDomain: [], byHour: Array.from({ length: 24 }, () => 0), items: [] },
  cases: { received, closed: 1, overdue: 0, byDepartment: [], byChannel: [] },
  emergencies: { declared: 1, stoodDown: 0, activeAtEnd: 1, drills: 3, items: [] },
  trends: [],
});

// One contract, every implementation.
const implementations: [string, () => Storage][] = [
  ['memory', () => createMemoryStorage()],
  ['sqlite', () => openSqliteStorage(tempDataDir())],
];

describe.each(implementations)('%s briefing store', (_name, open) => {
  it('keeps one briefing per day, replaced when compiled again, listed newest day first', async () => {
    const s = open();
    expect(await s.briefing('2026-11-27')).toBeNull();
    await s.saveBriefing(briefing('2026-11-27', 1000, 5));
    await s.saveBriefing(briefing('2026-11-26', 900, 4));
    await s.saveBriefing(briefing('2026-11-27', 2000, 5));
    expect(await s.briefing('2026-11-27')).toEqual(briefing('2026-11-27', 2000, 5));
    expect(await s.listBriefings(10)).toEqual([
      { day: '2026-11-27', compiledAt: 2000, alerts: 2, casesReceived: 5, emergencies: 1 },
      { day: '2026-11-26', compiledAt: 900, alerts: 2, casesReceived: 4, emergencies: 1 },
    ]);
    expect((await s.listBriefings(1)).map((b) => b.day)).toEqual(['2026-11-27']);
    await s.close();
  });
});
