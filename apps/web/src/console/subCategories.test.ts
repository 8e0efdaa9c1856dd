import { describe, expect, it } from 'vitest';
import type { CaseSubCategory } from '@cw/contracts';
import { keptSubCategory, subCategoriesOf } from './subCategories.ts';

const sub = (id: string, category: CaseSubCategory['category']): CaseSubCategory => ({
  id,
  category,
  name: { zh: id, en: id },
  handling: { amount: 1, unit: 'working_days' },
  closure: { zh: '已处理', en: 'Done' },
});
const tree = [sub('exposed_garbage', 'city_appearance'), sub('illegal_building', 'street_order'), sub('dirty_road', 'city_appearance')];

describe('the sub-category picker', () => {
  it('lists the sub-categories of one category in the profile order', () => {
    expect(subCategoriesOf(tree, 'city_appearance').map((s) => s.id)).toEqual(['exposed_garbage', 'dirty_road']);
    expect(subCategoriesOf(tree, 'public_facilities')).toEqual([]);
  });
  it('keeps a sub-category only while it belongs to the chosen category', () => {
    expect(keptSubCategory(tree, 'city_appearance', 'dirty_road')).toBe('dirty_road');
    expect(keptSubCategory(tree, 'street_order', 'dirty_road')).toBeUndefined();
    expect(keptSubCategory(tree, 'street_order', undefined)).toBeUndefined();
  });
});
