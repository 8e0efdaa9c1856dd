import { describe, expect, it } from 'vitest';
import { ROLES } from '@cw/contracts';
import { SCREEN_ROLES, landingPath, withSearch } from './landing.ts';

describe('landingPath', () => {
  it('sends each person to the screen made for their role', () => {
    expect(landingPath('wall')).toBe('/wall');
    expect(landingPath('duty_officer')).toBe('/console');
    expect(landingPath('shift_leader')).toBe('/console');
    expect(landingPath('leader')).toBe('/leader');
    expect(landingPath('department')).toBe('/department');
    expect(landingPath('admin')).toBe('/admin');
    expect(landingPath('source')).toBeNull();
  });

  it('lands every role on a screen that role may open', () => {
    for (const role of ROLES) {
      const path = landingPath(role);
      if (path === '/console') expect(SCREEN_ROLES.console).toContain(role);
      if (path === '/leader') expect(SCREEN_ROLES.leader).toContain(role);
      if (path === '/department') expect(SCREEN_ROLES.department).toContain(role);
      if (path === '/admin') expect(SCREEN_ROLES.admin).toContain(role);
    }
  });
});

describe('withSearch', () => {
  it('keeps the query with or without its question mark', () => {
    expect(withSearch('/console', '?lang=en')).toBe('/console?lang=en');
    expect(withSearch('/console', 'lang=en')).toBe('/console?lang=en');
    expect(withSearch('/console', '')).toBe('/console');
    expect(withSearch('/console', '?')).toBe('/console');
  });
});
