import { useState, type FormEvent, type ReactNode } from 'react';
import { EMERGENCY_CATEGORIES, EMERGENCY_LEVELS, type CityProfile, type EmergencyCategory, type EmergencyLevel } from '@cw/contracts';
import { EMERGENCY_CATEGORY_LABELS, EMERGENCY_LEVEL_LABELS } from '@cw/vocabulary';
import { suggestLevel } from '@cw/emergency';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useDeclareEmergency } from '../../emergency/api.ts';
import { describeFailure } from '../failure.ts';
import { draftFigures, draftToDeclaration, type DeclareDraft, type DeclareField, type DeclareOrigin } from './desk.ts';
import { EmergencyFailure } from './parts.tsx';

/**
 * Declared from an open case (its place is the case's), directly at a division, or from an
 * alert (its division preset; the server links the alert to the emergency).
 */
export type DeclareFrom = { kind: 'case'; caseId: string; title: string } | { kind: 'direct' } | { kind: 'alert'; alertId: string; title: string; division: string };

interface Props {
  from: DeclareFrom;
  profile: CityProfile;
  onDeclared: (id: string) => void;
  onClose: () => void;
}

function Field({ label, field, wrong, children, wide }: { label: string; field?: DeclareField; wrong: readonly DeclareField[]; children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  return (
    <label className={`field${wide ? ' field--wide' : ''}`}>
      <span className="field__label">{label}</span>
      {children}
      {field !== undefined && wrong.includes(field) && <span className="field__error">{t(`emg.bad.${field}` as MessageKey)}</span>}
    </label>
  );
}

/**
 * 宣布突发事件: category and the profile's sub-types of it, casualties and losses with the
 * level they suggest (for accidents), the level the officer decides, a drill flag and the
 * reason. Only shift leaders and leaders see it; the server decides again.
 */
export function DeclareDialog({ from, profile, onDeclared, onClose }: Props) {
  const { t, l } = useI18n();
  const declare = useDeclareEmergency(from.kind === 'alert' ? from.alertId : undefined);
  const subtypes = profile.emergency?.subtypes ?? [];
  const [draft, setDraft] = useState<DeclareDraft>(() => ({
    title: from.kind === 'direct' ? '' : from.title,
    category: 'accident',
    subtype: subtypes.find((s) => s.category === 'accident')?.id ?? '',
    level: null,
    drill: false,
    reason: '',
    deaths: '',
    injured: '',
    missing: '',
    lossesWan: '',
    division: from.kind === 'alert' ? from.division : '',
    address: '',
  }));
  const [wrong, setWrong] = useState<DeclareField[]>([]);
  const set = (patch: Partial<DeclareDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const figures = draftFigures(draft);
  const suggested =
    figures.deaths === null || figures.injured === null || figures.missing === null || figures.lossesWan === null
      ? null
      : suggestLevel({ category: draft.category, casualties: { deaths: figures.deaths, injured: figures.injured, missing: figures.missing }, lossesWan: figures.lossesWan });

  const origin = (): DeclareOrigin => {
    if (from.kind === 'case') return { caseIds: [from.caseId] };
    const division = profile.divisions.find((d) => d.code === draft.division);
    return { location: division?.center ?? [0, 0], division: division?.code ?? '' };
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = draftToDeclaration(draft, subtypes, origin());
    setWrong(r.ok ? [] : r.fields);
    if (r.ok) declare.mutate(r.declaration, { onSuccess: (d) => onDeclared(d.emergency.id) });
  };

  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form className="dialog emg-declare" role="dialog" aria-modal="true" aria-labelledby="emg-declare-title" onSubmit={submit} data-testid="declare-dialog">
        <h2 id="emg-declare-title" className="dialog__title">
          {t('emg.form.titleDeclare')}
        </h2>
        {from.kind === 'case' && <p className="muted">{t('emg.form.fromCase', { id: from.caseId })}</p>}
        {from.kind === 'alert' && <p className="muted">{t('alertLink.from')}</p>}
        <div className="intake__grid">
          <Field label={t('emg.form.title')} field="title" wrong={wrong} wide>
            <input className="control" value={draft.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} autoFocus />
          </Field>
          <Field label={t('emg.form.category')} wrong={wrong}>
            <select
              className="control"
              value={draft.category}
              onChange={(e) => {
                const category = e.target.value as EmergencyCategory;
                set({ category, subtype: subtypes.find((s) => s.category === category)?.id ?? '' });
              }}
            >
              {EMERGENCY_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {l(EMERGENCY_CATEGORY_LABELS[c])}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('emg.form.subtype')} field="subtype" wrong={wrong}>
            <select className="control" value={draft.subtype} onChange={(e) => set({ subtype: e.target.value })}>
              {subtypes
                .filter((s) => s.category === draft.category)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {l(s.name)}
                  </option>
                ))}
            </select>
          </Field>
          <Field label={t('emg.form.level')} field="level" wrong={wrong}>
            <select className="control" value={draft.level ?? ''} onChange={(e) => set({ level: e.target.value === '' ? null : (Number(e.target.value) as EmergencyLevel) })}>
              <option value="">{t('emg.form.pickLevel')}</option>
              {EMERGENCY_LEVELS.map((v) => (
                <option key={v} value={v}>
                  {l(EMERGENCY_LEVEL_LABELS[v])}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('emg.deaths')} field="deaths" wrong={wrong}>
            <input className="control" inputMode="numeric" value={draft.deaths} onChange={(e) => set({ deaths: e.target.value })} />
          </Field>
          <Field label={t('emg.injured')} field="injured" wrong={wrong}>
            <input className="control" inputMode="numeric" value={draft.injured} onChange={(e) => set({ injured: e.target.value })} />
          </Field>
          <Field label={t('emg.missing')} field="missing" wrong={wrong}>
            <input className="control" inputMode="numeric" value={draft.missing} onChange={(e) => set({ missing: e.target.value })} />
          </Field>
          <Field label={t('emg.losses')} field="lossesWan" wrong={wrong}>
            <input className="control" inputMode="decimal" value={draft.lossesWan} onChange={(e) => set({ lossesWan: e.target.value })} />
          </Field>
          {suggested !== null && (
            <p className="emg-suggest field--wide" data-testid="declare-suggested" data-level={suggested}>
              {t('emg.suggested', { level: l(EMERGENCY_LEVEL_LABELS[suggested]) })} <span className="muted">{t('emg.form.levelHint')}</span>
            </p>
          )}
          {from.kind !== 'case' && (
            <>
              <Field label={t('emg.form.division')} field="division" wrong={wrong}>
                <select className="control" value={draft.division} onChange={(e) => set({ division: e.target.value })}>
                  <option value="">{t('emg.form.pickDivision')}</option>
                  {profile.divisions.map((d) => (
                    <option key={d.code} value={d.code}>
                      {l(d.name)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('emg.form.address')} field="address" wrong={wrong}>
                <input className="control" value={draft.address} maxLength={300} onChange={(e) => set({ address: e.target.value })} />
              </Field>
            </>
          )}
          <label className="field emg-check">
            <input type="checkbox" checked={draft.drill} onChange={(e) => set({ drill: e.target.checked })} />
            <span>{t('emg.form.drill')}</span>
          </label>
          <Field label={t('emg.form.reason')} field="reason" wrong={wrong} wide>
            <textarea className="control" rows={2} maxLength={2000} value={draft.reason} onChange={(e) => set({ reason: e.target.value })} />
          </Field>
        </div>
        {declare.isError && <EmergencyFailure failure={describeFailure(declare.error)} />}
        <div className="dialog__buttons">
          <button type="submit" className="btn btn--danger" disabled={declare.isPending}>
            {t('emg.form.submit')}
          </button>
          <button type="button" className="btn btn--quiet" onClick={onClose}>
            {t('emg.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
