import { useState, type CSSProperties, type FormEvent } from 'react';
import { ALERT_LEVELS, thresholdsSchema, type AlertLevel, type Domain, type MetricDef, type Thresholds } from '@cw/contracts';
import { ALERT_LEVEL_COLORS, ALERT_LEVEL_NUMERALS } from '@cw/vocabulary';
import { describeFailure } from '../console/failure.ts';
import { FailureMessage } from '../console/FailureMessage.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { AdminTable } from './AdminTable.tsx';
import { ADMIN_KEYS, api, useAdminChange, useAdminList } from './api.ts';

/** One width per column, the same in every domain's table so that they line up. */
const COLUMNS = ['25%', '6%', '11%', '9%', '9%', '9%', '9%', '9%', '13%'];
const DOMAINS: readonly Domain[] = ['government', 'environment', 'safety', 'livelihood', 'tourism'];
/** Most severe first, as everywhere alerts are listed. */
const LEVELS_DOWN = [...ALERT_LEVELS].reverse();

const num = (text: string) => (text.trim() === '' ? undefined : Number(text));

function ThresholdEditor({ metric, onDone }: { metric: MetricDef; onDone: () => void }) {
  const { t } = useI18n();
  const current = metric.thresholds;
  const [levels, setLevels] = useState<Record<AlertLevel, string>>(() => {
    const text = (l: AlertLevel) => (current?.levels[l] === undefined ? '' : String(current.levels[l]));
    return { blue: text('blue'), yellow: text('yellow'), orange: text('orange'), red: text('red') };
  });
  const [clear, setClear] = useState(current ? String(current.clear) : '');
  const [bad, setBad] = useState<Thresholds['bad']>(current?.bad ?? 'high');
  const [invalid, setInvalid] = useState(false);
  const save = useAdminChange((body: Thresholds) => api<MetricDef>('PUT', `/api/v1/thresholds/${encodeURIComponent(metric.id)}`, body), ADMIN_KEYS.catalogue);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const set = Object.fromEntries(ALERT_LEVELS.flatMap((l) => (num(levels[l]) === undefined ? [] : [[l, num(levels[l])]])));
    const parsed = thresholdsSchema.safeParse({ bad, levels: set, clear: num(clear) ?? NaN });
    setInvalid(!parsed.success);
    if (parsed.success) save.mutate(parsed.data, { onSuccess: onDone });
  };
  return (
    <form className="inline-form" onSubmit={submit} data-testid="threshold-editor">
      <select className="control" value={bad} onChange={(e) => setBad(e.target.value as Thresholds['bad'])} aria-label={t('thresholds.bad')}>
        <option value="high">{t('thresholds.high')}</option>
        <option value="low">{t('thresholds.low')}</option>
      </select>
      {LEVELS_DOWN.map((l) => (
        <input
          key={l}
          className={`control control--number threshold-input threshold-input--${l}`}
          style={{ '--level': ALERT_LEVEL_COLORS[l] } as CSSProperties}
          inputMode="decimal"
          value={levels[l]}
          onChange={(e) => setLevels((v) => ({ ...v, [l]: e.target.value }))}
          aria-label={t(`alertLevel.${l}`)}
          placeholder={t(`alertLevel.${l}`)}
          data-testid={`threshold-${l}`}
        />
      ))}
      <input
        className="control control--number threshold-input"
        inputMode="decimal"
        value={clear}
        onChange={(e) => setClear(e.target.value)}
        aria-label={t('thresholds.clear')}
        placeholder={t('thresholds.clear')}
        title={t('thresholds.clearHint')}
        data-testid="threshold-clear"
      />
      <button type="submit" className="btn btn--small btn--primary" disabled={save.isPending} data-testid="threshold-save">
        {t('admin.save')}
      </button>
      <button type="button" className="btn btn--small btn--quiet" onClick={onDone}>
        {t('form.cancel')}
      </button>
      {invalid && <span className="field__error">{t('thresholds.invalidLevels')}</span>}
      {save.isError && <FailureMessage failure={describeFailure(save.error)} />}
    </form>
  );
}

function MetricRow({ metric }: { metric: MetricDef }) {
  const { t, l } = useI18n();
  const [editing, setEditing] = useState(false);
  const th = metric.thresholds;
  const unit = l(metric.unit);
  const notes = [
    metric.raisesAlerts === false ? t('thresholds.alertsOff') : null,
    metric.judgedIn === 'city' || metric.judgedIn === 'divisions' ? t(`thresholds.judgedIn.${metric.judgedIn}`) : null,
    metric.minSample === undefined ? null : t('thresholds.minSample', { count: metric.minSample }),
  ].filter((n) => n !== null);
  return (
    <tr data-testid="threshold-row" data-metric={metric.id}>
      <td>
        {l(metric.name)}
        <span className="table__sub mono">{metric.id}</span>
        {th && notes.length > 0 && <span className="table__sub">{notes.join(' · ')}</span>}
      </td>
      <td>{unit || '—'}</td>
      {editing ? (
        <td colSpan={6}>
          <ThresholdEditor metric={metric} onDone={() => setEditing(false)} />
        </td>
      ) : (
        <>
          <td>{th ? t(th.bad === 'high' ? 'thresholds.high' : 'thresholds.low') : '—'}</td>
          {LEVELS_DOWN.map((level) => (
            <td key={level} className="num" data-testid={`threshold-level-${level}`}>
              {th?.levels[level] === undefined ? (
                '—'
              ) : (
                <span className={`alert-level alert-level--${level}`} style={{ '--level': ALERT_LEVEL_COLORS[level] } as CSSProperties}>
                  {ALERT_LEVEL_NUMERALS[level]} {th.levels[level]}
                </span>
              )}
            </td>
          ))}
          <td className="num" data-testid="threshold-clear-value">
            {th ? th.clear : '—'}
          </td>
        </>
      )}
      <td className="table__actions">
        {!editing && (
          <button type="button" className="btn btn--small" onClick={() => setEditing(true)} data-testid="threshold-edit">
            {t(th ? 'admin.edit' : 'thresholds.set')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** Alert thresholds of the vital signs, per domain; a change applies from the next tick on every screen. */
export function ThresholdsPanel() {
  const { t } = useI18n();
  const catalogue = useAdminList<MetricDef>(ADMIN_KEYS.catalogue, '/api/v1/catalogue');
  return (
    <div className="admin-section">
      <p className="field__hint">{t('thresholds.hint')}</p>
      {catalogue.isError && <FailureMessage failure={describeFailure(catalogue.error)} />}
      {DOMAINS.map((domain) => {
        const metrics = catalogue.data?.filter((m) => m.domain === domain) ?? [];
        if (!catalogue.isPending && metrics.length === 0) return null;
        return (
          <section key={domain} className="admin-group" aria-labelledby={`domain-${domain}`}>
            <h3 id={`domain-${domain}`} className="admin-group__title">
              {t(`domain.${domain}` as MessageKey)}
            </h3>
            <AdminTable
              head={[t('thresholds.metric'), t('thresholds.unit'), t('thresholds.bad'), ...LEVELS_DOWN.map((l) => t(`alertLevel.${l}`)), t('thresholds.clear'), '']}
              empty={false}
              loading={catalogue.isPending}
              widths={COLUMNS}
            >
              {metrics.map((m) => (
                <MetricRow key={m.id} metric={m} />
              ))}
            </AdminTable>
          </section>
        );
      })}
    </div>
  );
}
