import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';

describe('BRIEFING_TIME', () => {
  it('is a local time of day, 07:00 unless set, held as minutes after midnight', () => {
    expect(loadConfig({}).BRIEFING_TIME).toBe(7 * 60);
    expect(loadConfig({ BRIEFING_TIME: '06:30' }).BRIEFING_TIME).toBe(6 * 60 + 30);
    expect(loadConfig({ BRIEFING_TIME: '00:00' }).BRIEFING_TIME).toBe(0);
    expect(loadConfig({ BRIEFING_TIME: '23:59' }).BRIEFING_TIME).toBe(23 * 60 + 59);
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['7:00', '24:00', '07:60', '0700', 'seven']) expect(() => loadConfig({ BRIEFING_TIME: bad }), bad).toThrow(/BRIEFING_TIME/);
  });
});
