import { useState, type FormEvent } from 'react';
import { CATEGORIES, departmentSchema, type Category, type Department } from '@cw/contracts';
import { CATEGORY_LABELS } from '@cw/vocabulary';
import { useProfile } from '../api/queries.ts';
import { DEPARTMENTS_KEY, useDepartments } from '../console/api.ts';
import { describeFailure } from '../console/failure.ts';
import { FailureMessage } from '../console/FailureMessage.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { AdminTable } from './AdminTable.tsx';
import { api, useAdminChange } from './api.ts';
import { fieldsWithIssues } from './forms.ts';

const KINDS: readonly Department['kind'][] = ['bureau', 'government', 'rescue'];
const BLANK: Department = { id: '', name: { zh: '', en: '' }, kind: 'bureau', categories: [] };

/** One department's form: a new one (with its id) or an existing one (id fixed). */
function DepartmentForm({ initial, isNew, onDone }: { initial: Department; isNew: boolean; onDone: () => void }) {
  const { t, l } = useI18n();
  const profile = useProfile();
  const [d, setD] = useState<Department>(initial);
  const [wrong, setWrong] = useState<Set<string>>(new Set());
  const save = useAdminChange((dept: Department) => api('PUT', `/api/v1/departments/${encodeURIComponent(dept.id)}`, { name: dept.name, kind: dept.kind, categories: dept.categories, ...(dept.division ? { division: dept.division } : {}) }), DEPARTMENTS_KEY);
  const toggle = (c: Category) => setD((x) => ({ ...x, categories: x.categories.includes(c) ? x.categories.filter((y) => y !== c) : [...x.categories, c] }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const candidate = { ...d, id: d.id.trim(), name: { zh: d.name.zh.trim(), en: d.name.en.trim() }, ...(d.kind === 'government' ? {} : { division: undefined }) };
    const parsed = departmentSchema.safeParse(candidate);
    setWrong(parsed.success ? new Set() : fieldsWithIssues(parsed.error.issues));
    if (parsed.success) save.mutate(parsed.data, { onSuccess: onDone });
  };

  return (
    <form className="admin-form admin-form--boxed" onSubmit={submit} data-testid="department-form">
      <h3 className="admin-form__title">{isNew ? t('depts.new') : t('depts.edit', { name: l(initial.name) })}</h3>
      <div className="admin-form__grid">
        {isNew && (
          <label className="field">
            <span className="field__label">{t('depts.id')}</span>
            <input className="control mono" value={d.id} onChange={(e) => setD({ ...d, id: e.target.value })} data-testid="department-id" />
            {wrong.has('id') && <span className="field__error">{t('depts.badId')}</span>}
          </label>
        )}
        <label className="field">
          <span className="field__label">{t('depts.nameZh')}</span>
          <input className="control" value={d.name.zh} onChange={(e) => setD({ ...d, name: { ...d.name, zh: e.target.value } })} data-testid="department-name-zh" />
        </label>
        <label className="field">
          <span className="field__label">{t('depts.nameEn')}</span>
          <input className="control" value={d.name.en} onChange={(e) => setD({ ...d, name: { ...d.name, en: e.target.value } })} />
        </label>
        <label className="field">
          <span className="field__label">{t('depts.kind')}</span>
          <select className="control" value={d.kind} onChange={(e) => setD({ ...d, kind: e.target.value as Department['kind'] })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`depts.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {d.kind === 'government' && (
          <label className="field">
            <span className="field__label">{t('case.division')}</span>
            <select className="control" value={d.division ?? ''} onChange={(e) => setD({ ...d, division: e.target.value || undefined })}>
              <option value="">{t('form.choose')}</option>
              {(profile.data?.divisions ?? []).map((x) => (
                <option key={x.code} value={x.code}>
                  {l(x.name)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {wrong.has('name') && <span className="field__error">{t('depts.badName')}</span>}
      <fieldset className="field">
        <legend className="field__label">{t('depts.categories')}</legend>
        <div className="choice-row choice-row--wrap">
          {CATEGORIES.map((c) => (
            <label key={c} className="choice">
              <input type="checkbox" checked={d.categories.includes(c)} onChange={() => toggle(c)} />
              {l(CATEGORY_LABELS[c])}
            </label>
          ))}
        </div>
      </fieldset>
      {save.isError && <FailureMessage failure={describeFailure(save.error)} />}
      <div className="admin-form__buttons">
        <button type="submit" className="btn btn--primary" disabled={save.isPending} data-testid="department-save">
          {t('admin.save')}
        </button>
        <button type="button" className="btn btn--quiet" onClick={onDone}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The departments cases are dispatched to (承办单位) and what each usually handles (for suggestions). */
export function DepartmentsPanel() {
  const { t, l } = useI18n();
  const departments = useDepartments();
  const profile = useProfile();
  const [editing, setEditing] = useState<{ dept: Department; isNew: boolean } | null>(null);
  const divisionName = (code: string | undefined) => {
    const d = code === undefined ? undefined : profile.data?.divisions.find((x) => x.code === code);
    return d ? l(d.name) : (code ?? '—');
  };
  return (
    <div className="admin-section">
      {editing ? (
        <DepartmentForm key={editing.dept.id || 'new'} initial={editing.dept} isNew={editing.isNew} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="btn btn--primary admin-section__add" onClick={() => setEditing({ dept: BLANK, isNew: true })} data-testid="department-add">
          {t('depts.add')}
        </button>
      )}
      {departments.isError && <FailureMessage failure={describeFailure(departments.error)} />}
      <AdminTable
        testId="departments"
        head={[t('depts.id'), t('depts.name'), t('depts.kind'), t('case.division'), t('depts.categories'), '']}
        empty={departments.data?.length === 0}
        loading={departments.isPending}
      >
        {departments.data?.map((d) => (
          <tr key={d.id} data-testid="department-row" data-id={d.id}>
            <td className="mono">{d.id}</td>
            <td>
              {l(d.name)}
              <span className="table__sub">{d.name.en}</span>
            </td>
            <td>{t(`depts.kind.${d.kind}` as MessageKey)}</td>
            <td>{d.kind === 'government' ? divisionName(d.division) : '—'}</td>
            <td className="table__tags">{d.categories.length === 0 ? '—' : d.categories.map((c) => l(CATEGORY_LABELS[c as Category] ?? { zh: c, en: c })).join('、')}</td>
            <td className="table__actions">
              <button type="button" className="btn btn--small" onClick={() => setEditing({ dept: d, isNew: false })}>
                {t('admin.edit')}
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
    </div>
  );
}
