import { describe, expect, it } from 'vitest';
import { can } from '@cw/access';
import { ROLES, type CityProfile } from '@cw/contracts';
import { mayShowPage, wallTopics } from './pages.ts';

const profile = { divisions: [{ code: '430502' }, { code: '430503' }] } as unknown as CityProfile;

describe('wall pages', () => {
  it('shows the dispatch board exactly to the roles that may read every case', () => {
    for (const role of ROLES) {
      expect(mayShowPage({ role, department: role === 'department' ? 'cgj' : null }, 'dispatch')).toBe(can(role, 'cases.read_all'));
      expect(mayShowPage({ role, department: null }, 'environment')).toBe(true);
    }
  });

  it('opens every page’s topics at once, and the case topics only where allowed', () => {
    expect(wallTopics(profile, { role: 'wall', department: null })).toEqual([
      'system',
      'alerts',
      'feed',
      'emergencies',
      'vitals:city',
      'vitals:430502',
      'vitals:430503',
      'cases',
      'dispatch',
    ]);
    expect(wallTopics(profile, { role: 'department', department: 'cgj' })).not.toContain('cases');
  });
});
