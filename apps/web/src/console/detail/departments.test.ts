import { describe, expect, it } from 'vitest';
import type { Department } from '@cw/contracts';
import { suggestDepartments } from './departments.ts';

const dept = (id: string, kind: Department['kind'], categories: string[], division?: string): Department => ({
  id,
  name: { zh: id, en: id },
  kind,
  categories,
  ...(division ? { division } : {}),
});

const all = [
  dept('gov-1', 'government', ['city_appearance'], '1'),
  dept('gaj', 'bureau', ['street_order']),
  dept('cgj', 'bureau', ['city_appearance', 'street_order']),
  dept('gov-2', 'government', [], '2'),
  dept('wjw', 'bureau', []),
];

describe('suggestDepartments', () => {
  it('puts the usual handlers of the category first, bureaus before governments, then the local government', () => {
    const r = suggestDepartments(all, 'city_appearance', '2');
    expect(r.ordered.map((d) => d.id)).toEqual(['cgj', 'gov-1', 'gov-2', 'gaj', 'wjw']);
    expect(r.suggested).toBe(3);
  });

  it('keeps profile order among equals and suggests nothing when nobody fits', () => {
    expect(suggestDepartments(all, 'street_order', '9').ordered.map((d) => d.id)).toEqual(['gaj', 'cgj', 'gov-1', 'gov-2', 'wjw']);
    expect(suggestDepartments(all, 'other', '9').suggested).toBe(0);
  });

  it('leaves out the department a case is being taken from', () => {
    expect(suggestDepartments(all, 'city_appearance', '1', 'cgj').ordered.map((d) => d.id)).toEqual(['gov-1', 'gaj', 'gov-2', 'wjw']);
  });
});
