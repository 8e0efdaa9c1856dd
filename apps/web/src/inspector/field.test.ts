import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '@cw/contracts';
import { evidenceOf, fieldTask, fieldTasks, manualLocation, photoProblem } from './field.ts';

const summary = (id: string, state: CaseSummary['state'], deadline: number | null, reportedAt = 0): CaseSummary =>
  ({ id, state, reportedAt, sla: deadline === null ? null : { step: 'verify', deadline, light: 'green', fractionUsed: 0, overdue: false, paused: false } }) as CaseSummary;

describe('the inspector desk', () => {
  it('lists what waits on site, the nearest deadline first', () => {
    const list = fieldTasks([summary('a', 'checking', 300), summary('b', 'registered', 100), summary('c', 'verifying', 200), summary('d', 'verifying', null, 5), summary('e', 'checking', null, 1)]);
    expect(list.map((c) => c.id)).toEqual(['c', 'a', 'e', 'd']);
    expect(fieldTask({ state: 'verifying' })).toBe('verify');
    expect(fieldTask({ state: 'checking' })).toBe('check');
    expect(fieldTask({ state: 'dispatched' })).toBeNull();
  });

  it('takes a typed-in place only when it is one', () => {
    expect(manualLocation(' 111.4677', '27.2389 ')).toEqual([111.4677, 27.2389]);
    expect(manualLocation('', '')).toBeNull();
    expect(manualLocation('111.4', '')).toBe('bad');
    expect(manualLocation('east', '27')).toBe('bad');
    expect(manualLocation('111', '95')).toBe('bad');
  });

  it('builds the evidence from the photo and the place', () => {
    expect(evidenceOf('f'.repeat(32), { source: 'device', lon: 111.5, lat: 27.2, accuracyM: 12.6 })).toEqual({ photoId: 'f'.repeat(32), location: [111.5, 27.2], locationSource: 'device', accuracyM: 13 });
    expect(evidenceOf(null, { source: 'manual', lon: '111.5', lat: '27.2' })).toEqual({ location: [111.5, 27.2], locationSource: 'manual' });
    expect(evidenceOf(null, { source: 'manual', lon: '111.5', lat: '' })).toBe('bad_location');
    expect(evidenceOf(null, null)).toEqual({});
  });

  it('refuses a file the server would refuse', () => {
    expect(photoProblem({ type: 'image/jpeg', size: 3_000_000 })).toBeNull();
    expect(photoProblem({ type: 'image/heic', size: 1000 })).toBe('type');
    expect(photoProblem({ type: 'image/png', size: 8 * 1024 * 1024 + 1 })).toBe('size');
  });
});
