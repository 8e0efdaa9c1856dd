import type { Category, Department } from '@cw/contracts';

/**
 * Departments in the order a dispatcher looks for them: those that usually handle the
 * case's category (bureaus before governments), then the government of the case's own
 * division, then everyone else in profile order. `suggested` counts the first two groups.
 */
export function suggestDepartments(
  departments: readonly Department[],
  category: Category,
  division: string,
  exclude: string | null = null,
): { ordered: Department[]; suggested: number } {
  const pool = departments.filter((d) => d.id !== exclude);
  const byCategory = pool.filter((d) => d.categories.includes(category)).sort((a, b) => Number(a.kind === 'government') - Number(b.kind === 'government'));
  const local = pool.filter((d) => d.kind === 'government' && d.division === division && !byCategory.includes(d));
  const first = [...byCategory, ...local];
  return { ordered: [...first, ...pool.filter((d) => !first.includes(d))], suggested: first.length };
}
