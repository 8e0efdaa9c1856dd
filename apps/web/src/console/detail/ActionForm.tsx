import { useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  CATEGORIES,
  RATINGS,
  REQUEST_TYPES,
  URGENCIES,
  type CaseAction,
  type CaseDetail,
  type CaseRecord,
  type Category,
  type Rating,
  type RequestType,
  type Urgency,
} from '@cw/contracts';
import {
  CATEGORY_LABELS,
  RATING_LABELS,
  REQUEST_TYPE_LABELS,
  TRANSITION_ACTION_LABELS,
  URGENCY_LABELS,
} from '@cw/vocabulary';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDesk } from '../deskContext.ts';
import { actionFields, formProblems, type ActionValues, type FormProblem } from './actions.ts';
import { suggestDepartments } from './departments.ts';
import { SubCategoryField } from '../SubCategoryField.tsx';
import { keptSubCategory } from '../subCategories.ts';

interface Props {
  action: CaseAction;
  record: CaseRecord;
  /** The case version the form was opened at: what the user decided on. */
  version: number;
  /** The version the live topic shows now; newer means someone else changed the case. */
  liveVersion: number | undefined;
  duplicates: CaseDetail['duplicates'];
  /** Live versions of other cases, for merges. */
  versionOf: (id: string) => number | undefined;
  busy: boolean;
  onSubmit: (values: ActionValues) => void;
  onCancel: () => void;
}

function initialValues(action: CaseAction, record: CaseRecord, firstDepartment: string | undefined): ActionValues {
  if (action === 'register') {
    return {
      category: record.category,
      urgency: record.urgency,
      ...(record.subCategory ? { subCategory: record.subCategory } : {}),
      ...(record.requestType ? { requestType: record.requestType } : {}),
    };
  }
  if (action === 'dispatch' || action === 're_dispatch') return firstDepartment ? { department: firstDepartment } : {};
  if (action === 'request_extension') return { workingDays: 3 };
  return {};
}

/** The fields one action asks for; Enter (Ctrl+Enter in the remark) sends it, Escape closes it. */
export function ActionForm({ action, record, version, liveVersion, duplicates, versionOf, busy, onSubmit, onCancel }: Props) {
  const { t, l } = useI18n();
  const { departments, division, profile } = useDesk();
  const fields = actionFields(action);
  const { ordered, suggested } = suggestDepartments(departments, record.category, record.division, action === 're_dispatch' ? record.department : null);
  const [values, setValues] = useState<ActionValues>(() => initialValues(action, record, suggested > 0 ? ordered[0]?.id : undefined));
  const [otherId, setOtherId] = useState('');
  const [tried, setTried] = useState(false);
  const set = (patch: Partial<ActionValues>) => setValues((v) => ({ ...v, ...patch }));

  const otherVersion = otherId === '' ? undefined : versionOf(otherId);
  const complete: ActionValues = { ...values, ...(otherId !== '' && otherVersion !== undefined ? { other: { id: otherId, version: otherVersion } } : {}) };
  const problems = formProblems(action, complete);
  const shows = (p: FormProblem) => tried && problems.includes(p);
  const stale = liveVersion !== undefined && liveVersion > version;
  const actionLabel = l(TRANSITION_ACTION_LABELS[action]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    setTried(true);
    if (problems.length === 0 && !busy) onSubmit(complete);
  };
  // Enter sends from any field but the remark, where Ctrl+Enter does (Enter is a new line there).
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const target = e.target as HTMLElement;
    if (e.key !== 'Enter' || target.tagName === 'BUTTON') return;
    if (target.tagName === 'TEXTAREA' && !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    submit();
  };
  const firstField = fields.department ? 'department' : fields.classification ? 'category' : fields.workingDays ? 'days' : fields.rating ? 'rating' : fields.answer ? 'answer' : fields.other ? 'other' : 'comment';

  return (
    <form className="action-form" onSubmit={submit} onKeyDown={onKeyDown} aria-label={actionLabel} data-testid="action-form" data-action={action}>
      <h3 className="action-form__title">{actionLabel}</h3>
      {stale && (
        <p className="notice notice--warn" data-testid="form-stale">
          {t('form.stale')}
        </p>
      )}
      {fields.department && (
        <label className="field">
          <span className="field__label">{t('form.department')}</span>
          <select className="control" value={values.department ?? ''} onChange={(e) => set({ department: e.target.value || undefined })} autoFocus={firstField === 'department'} data-testid="form-department">
            <option value="">{t('form.choose')}</option>
            {suggested > 0 && (
              <optgroup label={t('form.suggested')}>
                {ordered.slice(0, suggested).map((d) => (
                  <option key={d.id} value={d.id}>
                    {l(d.name)}
                  </option>
                ))}
              </optgroup>
            )}
            <optgroup label={t('form.otherDepartments')}>
              {ordered.slice(suggested).map((d) => (
                <option key={d.id} value={d.id}>
                  {l(d.name)}
                </option>
              ))}
            </optgroup>
          </select>
          {shows('department') && <span className="field__error">{t('form.needDepartment')}</span>}
        </label>
      )}
      {fields.classification && (
        <div className="field-row">
          <label className="field">
            <span className="field__label">{t('case.category')}</span>
            <select
              className="control"
              value={values.category}
              onChange={(e) => {
                const category = e.target.value as Category;
                set({ category, subCategory: keptSubCategory(profile.caseCategories, category, values.subCategory) });
              }}
              autoFocus={firstField === 'category'}
              data-testid="form-category"
            >
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {l(CATEGORY_LABELS[c])}
                </option>
              ))}
            </select>
          </label>
          {values.category && <SubCategoryField category={values.category} value={values.subCategory} onChange={(subCategory) => set({ subCategory })} testId="form-subcategory" />}
          <label className="field">
            <span className="field__label">{t('case.urgency')}</span>
            <select className="control" value={values.urgency} onChange={(e) => set({ urgency: e.target.value as Urgency })} data-testid="form-urgency">
              {URGENCIES.map((u) => (
                <option key={u} value={u}>
                  {l(URGENCY_LABELS[u])}
                </option>
              ))}
            </select>
          </label>
          {record.channel === 'hotline_12345' && (
            <label className="field">
              <span className="field__label">{t('case.requestType')}</span>
              <select className="control" value={values.requestType} onChange={(e) => set({ requestType: e.target.value as RequestType })}>
                {REQUEST_TYPES.map((r) => (
                  <option key={r} value={r}>
                    {l(REQUEST_TYPE_LABELS[r])}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}
      {fields.workingDays && (
        <label className="field field--narrow">
          <span className="field__label">{t('form.workingDays')}</span>
          <input
            className="control"
            type="number"
            min={1}
            max={30}
            step={1}
            value={values.workingDays ?? ''}
            onChange={(e) => set({ workingDays: e.target.value === '' ? undefined : Number(e.target.value) })}
            autoFocus={firstField === 'days'}
            data-testid="form-days"
          />
          {shows('workingDays') && <span className="field__error">{t('form.needDays')}</span>}
        </label>
      )}
      {fields.rating && (
        <fieldset className="field">
          <legend className="field__label">{t('form.rating')}</legend>
          <div className="choice-row">
            {RATINGS.map((r, i) => (
              <label key={r} className="choice">
                <input type="radio" name="rating" value={r} checked={values.rating === r} onChange={() => set({ rating: r as Rating })} autoFocus={firstField === 'rating' && i === 0} />
                {l(RATING_LABELS[r])}
              </label>
            ))}
          </div>
          {shows('rating') && <span className="field__error">{t('form.needRating')}</span>}
        </fieldset>
      )}
      {fields.answer && (
        <label className="field">
          <span className="field__label">{t('form.answer')}</span>
          <textarea
            className="control"
            rows={3}
            maxLength={2000}
            value={values.answer ?? ''}
            onChange={(e) => set({ answer: e.target.value })}
            autoFocus={firstField === 'answer'}
            data-testid="form-answer"
          />
          {shows('answer') && <span className="field__error">{t('form.needAnswer')}</span>}
        </label>
      )}
      {fields.other !== null && (
        <fieldset className="field">
          <legend className="field__label">{t(fields.other === 'duplicate' ? 'form.duplicate' : 'form.primary')}</legend>
          {duplicates.length === 0 && <span className="field__hint">{t('form.noDuplicates')}</span>}
          {duplicates.map((d, i) => (
            <label key={d.id} className="choice choice--block">
              <input type="radio" name="other" value={d.id} checked={otherId === d.id} onChange={() => setOtherId(d.id)} autoFocus={firstField === 'other' && i === 0} />
              <span className="mono">{d.id}</span> {d.title}
            </label>
          ))}
          <input className="control" placeholder={t('form.caseId')} value={otherId} onChange={(e) => setOtherId(e.target.value.trim())} aria-label={t('form.caseId')} autoFocus={firstField === 'other' && duplicates.length === 0} />
          {shows('other') && <span className="field__error">{t('form.needOther')}</span>}
        </fieldset>
      )}
      {fields.comment !== 'none' && (
        <label className="field">
          <span className="field__label">
            {t(fields.comment === 'required' ? 'form.reason' : 'form.remark')}
            {fields.comment === 'optional' && <span className="field__hint"> {t('form.optional')}</span>}
          </span>
          <textarea
            className="control"
            rows={3}
            maxLength={2000}
            value={values.comment ?? ''}
            onChange={(e) => set({ comment: e.target.value })}
            autoFocus={firstField === 'comment'}
            data-testid="form-comment"
          />
          {shows('comment') && <span className="field__error">{t('form.needReason')}</span>}
        </label>
      )}
      <p className="action-form__where">
        {t('form.target', { id: record.id, version, division: division(record.division) ? l(division(record.division)!.name) : record.division })}
      </p>
      <div className="action-form__buttons">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="action-submit">
          {t('form.confirm', { action: actionLabel })} <kbd>Enter</kbd>
        </button>
        <button type="button" className="btn btn--quiet" onClick={onCancel}>
          {t('form.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
