import type { CaseSubCategory, Category } from '@cw/contracts';

/** The sub-categories (小类) of the city's tree under one top-level category (大类), in the profile's order. */
export function subCategoriesOf(tree: readonly CaseSubCategory[], category: Category): CaseSubCategory[] {
  return tree.filter((s) => s.category === category);
}

/**
 * The sub-category to keep when the category changes: the same one if it belongs to the new
 * category, else none (the server drops a sub-category of another category the same way).
 */
export function keptSubCategory(tree: readonly CaseSubCategory[], category: Category, subCategory: string | undefined): string | undefined {
  return subCategory !== undefined && tree.some((s) => s.id === subCategory && s.category === category) ? subCategory : undefined;
}
