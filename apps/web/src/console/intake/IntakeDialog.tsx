import { useState, type FormEvent, type ReactNode } from 'react';
import {
  CATEGORIES,
  CHANNELS,
  REQUEST_TYPES,
  URGENCIES,
  type Category,
  type Channel,
  type RequestType,
  type Urgency,
  type Alert,
} from '@cw/contracts';
import {
  ALERT_LEVEL_NUMERALS,
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  REQUEST_TYPE_LABELS,
  URGENCY_LABELS,
} from '@cw/vocabulary';
import { caseDraftFromAlert } from '@cw/dispatch';
import { useCatalogue } from '../../api/queries.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useReportCase } from '../api.ts';
import { useDesk } from '../deskContext.ts';
import { describeFailure } from '../failure.ts';
import { FailureMessage } from '../FailureMessage.tsx';
import { SubCategoryField } from '../SubCategoryField.tsx';
import { keptSubCategory } from '../subCategories.ts';
import { EMPTY_DRAFT, draftToReport, type IntakeDraft, type IntakeField } from './intakeForm.ts';

interface Props {
  /** Open the case from this alert (prefilled from it, linked to it). */
  fromAlert?: Alert;
  onCreated: (id: string) => void;
  onClose: () => void;
}

function Field({ label, field, wrong, children, wide }: { label: string; field: IntakeField; wrong: readonly IntakeField[]; children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  return (
    <label className={`field${wide ? ' field--wide' : ''}`}>
      <span className="field__label">{label}</span>
      {children}
      {wrong.includes(field) && <span className="field__error">{t(`intake.bad.${field}` as MessageKey)}</span>}
    </label>
  );
}

/** Registering a report received by phone (or in person): the fields of a new case, checked by the contract's schema. */
export function IntakeDialog({ fromAlert, onCreated, onClose }: Props) {
  const { t, l } = useI18n();
  const { profile } = useDesk();
  const report = useReportCase(fromAlert?.id);
  const alertDraft = useAlertDraft(fromAlert);
  const [draft, setDraft] = useState<IntakeDraft>(() => ({ ...EMPTY_DRAFT, ...alertDraft }));
  const [wrong, setWrong] = useState<IntakeField[]>([]);
  const set = (patch: Partial<IntakeDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = draftToReport(draft);
    setWrong(r.ok ? [] : r.fields);
    if (r.ok) report.mutate(r.report, { onSuccess: (c) => onCreated(c.id) });
  };

  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <form className="dialog intake" role="dialog" aria-modal="true" aria-labelledby="intake-title" onSubmit={submit} data-testid="intake">
        <h2 id="intake-title" className="dialog__title">
          {fromAlert ? t('alertLink.openCaseTitle') : t('intake.title')}
        </h2>
        <div className="intake__grid">
          <Field label={t('intake.caseTitle')} field="title" wrong={wrong} wide>
            <input className="control" value={draft.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} autoFocus data-testid="intake-title" />
          </Field>
          <Field label={t('intake.description')} field="description" wrong={wrong} wide>
            <textarea className="control" rows={4} maxLength={4000} value={draft.description} onChange={(e) => set({ description: e.target.value })} data-testid="intake-description" />
          </Field>
          <Field label={t('case.channel')} field="channel" wrong={wrong}>
            <select className="control" value={draft.channel} onChange={(e) => set({ channel: e.target.value as Channel })} data-testid="intake-channel">
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {l(CHANNEL_LABELS[c])}
                </option>
              ))}
            </select>
          </Field>
          {draft.channel === 'hotline_12345' && (
            <Field label={t('case.requestType')} field="requestType" wrong={wrong}>
              <select className="control" value={draft.requestType} onChange={(e) => set({ requestType: e.target.value as RequestType })}>
                {REQUEST_TYPES.map((r) => (
                  <option key={r} value={r}>
                    {l(REQUEST_TYPE_LABELS[r])}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field label={t('case.category')} field="category" wrong={wrong}>
            <select
              className="control"
              value={draft.category}
              onChange={(e) => {
                const category = e.target.value as Category;
                set({ category, subCategory: keptSubCategory(profile.caseCategories, category, draft.subCategory) ?? '' });
              }}
              data-testid="intake-category"
            >
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {l(CATEGORY_LABELS[c])}
                </option>
              ))}
            </select>
          </Field>
          <SubCategoryField category={draft.category} value={draft.subCategory || undefined} onChange={(id) => set({ subCategory: id ?? '' })} testId="intake-subcategory" />
          <Field label={t('case.urgency')} field="urgency" wrong={wrong}>
            <select className="control" value={draft.urgency} onChange={(e) => set({ urgency: e.target.value as Urgency })} data-testid="intake-urgency">
              {URGENCIES.map((u) => (
                <option key={u} value={u}>
                  {l(URGENCY_LABELS[u])}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('case.division')} field="division" wrong={wrong}>
            <select className="control" value={draft.division} onChange={(e) => set({ division: e.target.value })} data-testid="intake-division">
              <option value="">{t('form.choose')}</option>
              {profile.divisions.map((d) => (
                <option key={d.code} value={d.code}>
                  {l(d.name)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('case.address')} field="address" wrong={wrong} wide>
            <input className="control" value={draft.address} maxLength={300} onChange={(e) => set({ address: e.target.value })} data-testid="intake-address" />
          </Field>
          <Field label={t('intake.lon')} field="lon" wrong={wrong}>
            <input className="control" inputMode="decimal" value={draft.lon} onChange={(e) => set({ lon: e.target.value })} placeholder="111.47" />
          </Field>
          <Field label={t('intake.lat')} field="lat" wrong={wrong}>
            <input className="control" inputMode="decimal" value={draft.lat} onChange={(e) => set({ lat: e.target.value })} placeholder="27.24" />
          </Field>
          <Field label={t('intake.reporterName')} field="reporterName" wrong={wrong}>
            <input className="control" value={draft.reporterName} maxLength={64} onChange={(e) => set({ reporterName: e.target.value })} />
          </Field>
          <Field label={t('intake.reporterPhone')} field="reporterPhone" wrong={wrong}>
            <input className="control" inputMode="tel" value={draft.reporterPhone} onChange={(e) => set({ reporterPhone: e.target.value })} />
          </Field>
        </div>
        <p className="field__hint">{t('intake.personalData')}</p>
        {report.isError && <FailureMessage failure={describeFailure(report.error)} />}
        <div className="dialog__buttons">
          <button type="submit" className="btn btn--primary" disabled={report.isPending} data-testid="intake-submit">
            {t('intake.submit')}
          </button>
          <button type="button" className="btn btn--quiet" onClick={onClose}>
            {t('form.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}

/** The form prefilled from an alert: what it is about, where, how urgent (the officer may change any of it). */
function useAlertDraft(alert: Alert | undefined): Partial<IntakeDraft> {
  const { t, l, value, time } = useI18n();
  const { profile } = useDesk();
  const def = useCatalogue().data?.find((m) => m.id === alert?.metric);
  if (alert === undefined) return {};
  const d = caseDraftFromAlert(alert, profile.divisions.map((x) => x.code));
  const division = profile.divisions.find((x) => x.code === alert.scope);
  const metric = def ? l(def.name) : alert.metric;
  const level = `${ALERT_LEVEL_NUMERALS[alert.level]} ${t(`alertLevel.${alert.level}`)}`;
  const fmt = (v: number) => (def ? `${value(v, def)}${l(def.unit)}` : String(v));
  return {
    ...d,
    title: t('alertLink.caseTitle', { level, division: division ? l(division.name) : t('alerts.cityScope'), metric }),
    description: t('alertLink.caseDescription', { metric, value: fmt(alert.value), level, threshold: fmt(alert.threshold), time: time(alert.raisedAt).slice(0, 5) }),
  };
}
