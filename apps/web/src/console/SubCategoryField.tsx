import type { Category } from '@cw/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDesk } from './deskContext.ts';
import { subCategoriesOf } from './subCategories.ts';

/**
 * The sub-category (小类) under the chosen category (大类), from the city's tree, with the
 * handling limit and the closure condition (结案条件) of the one chosen. Nothing when the
 * city lists no sub-category under that category.
 */
export function SubCategoryField({ category, value, onChange, testId }: { category: Category; value: string | undefined; onChange: (id: string | undefined) => void; testId: string }) {
  const { t, l } = useI18n();
  const { profile } = useDesk();
  const options = subCategoriesOf(profile.caseCategories, category);
  if (options.length === 0) return null;
  const chosen = options.find((s) => s.id === value);
  return (
    <label className="field">
      <span className="field__label">{t('case.subCategory')}</span>
      <select className="control" value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId}>
        <option value="">{t('subCategory.none')}</option>
        {options.map((s) => (
          <option key={s.id} value={s.id}>
            {s.code ? `${s.code} ` : ''}
            {l(s.name)}
          </option>
        ))}
      </select>
      {chosen && (
        <span className="field__hint" data-testid={`${testId}-hint`}>
          {t('subCategory.limit', { limit: t(`limit.${chosen.handling.unit}`, { n: chosen.handling.amount }) })} · {t('case.closure')}: {l(chosen.closure)}
        </span>
      )}
    </label>
  );
}
