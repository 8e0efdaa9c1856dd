import { describe, expect, it } from 'vitest';
import { cityProfileSchema, type RawEvent, type RawEventKind } from '@cw/contracts';
import profileJson from '../../../profiles/shaoyang/profile.json' with { type: 'json' };
import { ALL_KINDS, COARSE_KINDS, COARSE_PERIOD_MS, createSimulator } from './simulator.ts';

const profile = cityProfileSchema.parse(profileJson);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SAT = Date.UTC(2026, 10, 27, 16); // local midnight starting Saturday 2026-11-28
const WED = Date.UTC(2026, 10, 24, 16);

const sum = (events: RawEvent[], kind: RawEventKind, field: string) =>
  events.filter((e) => e.kind === kind).reduce((a, e) => a + (e.values as Record<string, number>)[field]!, 0);
const key = (e: RawEvent) => ('site' in e ? e.site : '') + ('type' in e ? `|${e.type}` : '');
const totals = (events: RawEvent[], kind: RawEventKind, field: string) => {
  const m = new Map<string, number>();
  for (const e of events) if (e.kind === kind) m.set(key(e), (m.get(key(e)) ?? 0) + (e.values as Record<string, number>)[field]!);
  return m;
};

describe('coarse detail (history backfill)', () => {
  for (const day of [WED, SAT]) {
    const fine = createSimulator(profile, { seed: 9 }).eventsBetween(day, day + DAY);
    const coarse = createSimulator(profile, { seed: 9, detail: 'coarse' }).eventsBetween(day, day + DAY);
    const label = day === SAT ? 'Saturday' : 'Wednesday';

    it(`keeps each site's daily batch totals exactly (${label})`, () => {
      for (const [kind, field] of [
        ['tourism.gate', 'entries'],
        ['tourism.gate', 'exits'],
        ['health.outpatient', 'visits'],
      ] as const) {
        expect(totals(coarse, kind, field), `${kind}.${field}`).toEqual(totals(fine, kind, field));
        expect(sum(coarse, kind, field)).toBeGreaterThan(0);
      }
      expect(coarse.filter((e) => e.kind === 'tourism.gate').length).toBe(fine.filter((e) => e.kind === 'tourism.gate').length / 12);
    });

    it(`reports gauges less often, with readings the fine stream also has (${label})`, () => {
      const fineById = new Map(fine.map((e) => [e.id, e]));
      for (const kind of ['air.reading', 'device.status', 'gov.queue'] as const) {
        const c = coarse.filter((e) => e.kind === kind);
        const f = fine.filter((e) => e.kind === kind);
        if (kind === 'gov.queue' && day === SAT) {
          expect(c).toEqual([]);
          continue;
        }
        expect(c.length, kind).toBeGreaterThan(0);
        expect(c.length, kind).toBeLessThan(f.length / 4);
        for (const e of c) expect(fineById.get(e.id), kind).toEqual(e);
      }
    });

    it(`leaves the other kinds untouched (${label})`, () => {
      for (const kind of ALL_KINDS.filter((k) => !(COARSE_KINDS as readonly string[]).includes(k))) {
        expect(coarse.filter((e) => e.kind === kind), kind).toEqual(fine.filter((e) => e.kind === kind));
      }
    });
  }

  it('joins a fine stream at a coarse period boundary without gap or double count', () => {
    const from = SAT;
    const seam = SAT + 13 * HOUR; // a multiple of COARSE_PERIOD_MS
    expect(seam % COARSE_PERIOD_MS).toBe(0);
    const to = SAT + DAY;
    const kinds = ['tourism.gate', 'health.outpatient'] as const;
    const history = createSimulator(profile, { seed: 4, detail: 'coarse', kinds }).eventsBetween(from, seam);
    const live = createSimulator(profile, { seed: 4, kinds }).eventsBetween(seam, to);
    const fine = createSimulator(profile, { seed: 4, kinds }).eventsBetween(from, to);
    for (const [kind, field] of [
      ['tourism.gate', 'entries'],
      ['tourism.gate', 'exits'],
      ['health.outpatient', 'visits'],
    ] as const) {
      expect(totals([...history, ...live], kind, field)).toEqual(totals(fine, kind, field));
    }
  });

  it('is much lighter than fine detail', () => {
    const fine = createSimulator(profile, { seed: 1 }).eventsBetween(WED, WED + DAY).length;
    const coarse = createSimulator(profile, { seed: 1, detail: 'coarse' }).eventsBetween(WED, WED + DAY).length;
    expect(coarse).toBeLessThan(fine / 5);
  });
});
