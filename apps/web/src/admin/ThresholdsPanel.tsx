import { useState, type FormEvent } from 'react';
import { thresholdsSchema, type Domain, type MetricDef, type Thresholds } from '@cw/contracts';
import { describeFailure } from '../console/failure.ts';
import { FailureMessage } from '../console/FailureMessage.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { AdminTable } from './AdminTable.tsx';
import { ADMIN_KEYS, api, useAdminChange, useAdminList } from './api.ts';

/** One width per column, the same in every domain's table so that they line up. */
const COLUMNS = ['34%', '10%', '14%', '13%', '13%', '16%'];
const DOMAINS: readonly Domain[] = ['government', 'environment', 'safety', 'livelihood', 'tourism'];

function ThresholdEditor({ metric, onDone }: { metric: MetricDef; onDone: () => void }) {
  const { t } = useI18n();
  const current = metric.thresholds;
  const [warning, setWarning] = useState(current ? String(current.warning) : '');
  const [critical, setCritical] = useState(current ? String(current.critical) : '');
  const [bad, setBad] = useState<Thresholds['bad']>(current?.bad ?? 'high');
  const [invalid, setInvalid] = useState(false);
  const save = useAdminChange((body: Thresholds) => api<MetricDef>('PUT', `/api/v1/thresholds/${encodeURIComponent(metric.id)}`, body), ADMIN_KEYS.catalogue);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = thresholdsSchema.safeParse({ warning: warning.trim() === '' ? NaN : Number(warning), critical: critical.trim() === '' ? NaN : Number(critical), bad });
    setInvalid(!parsed.success);
    if (parsed.success) save.mutate(parsed.data, { onSuccess: onDone });
  };
  return (
    <form className="inline-form" onSubmit={submit} data-testid="threshold-editor">
      <select className="control" value={bad} onChange={(e) => setBad(e.target.value as Thresholds['bad'])} aria-label={t('thresholds.bad')}>
        <option value="high">{t('thresholds.high')}</option>
        <option value="low">{t('thresholds.low')}</option>
      </select>
      <input className="control control--number" inputMode="decimal" value={warning} onChange={(e) => setWarning(e.target.value)} aria-label={t('thresholds.warning')} placeholder={t('thresholds.warning')} data-testid="threshold-warning" />
      <input className="control control--number" inputMode="decimal" value={critical} onChange={(e) => setCritical(e.target.value)} aria-label={t('thresholds.critical')} placeholder={t('thresholds.critical')} data-testid="threshold-critical" />
      <button type="submit" className="btn btn--small btn--primary" disabled={save.isPending} data-testid="threshold-save">
        {t('admin.save')}
      </button>
      <button type="button" className="btn btn--small btn--quiet" onClick={onDone}>
        {t('form.cancel')}
      </button>
      {invalid && <span className="field__error">{t('thresholds.invalid')}</span>}
      {save.isError && <FailureMessage failure={describeFailure(save.error)} />}
    </form>
  );
}

function MetricRow({ metric }: { metric: MetricDef }) {
  const { t, l } = useI18n();
  const [editing, setEditing] = useState(false);
  const th = metric.thresholds;
  const unit = l(metric.unit);
  return (
    <tr data-testid="threshold-row" data-metric={metric.id}>
      <td>
        {l(metric.name)}
        <span className="table__sub mono">{metric.id}</span>
      </td>
      <td>{unit || '—'}</td>
      {editing ? (
        <td colSpan={3}>
          <ThresholdEditor metric={metric} onDone={() => setEditing(false)} />
        </td>
      ) : (
        <>
          <td>{th ? t(th.bad === 'high' ? 'thresholds.high' : 'thresholds.low') : '—'}</td>
          <td className="num">
            {th ? (
              <span className="level level--warning">
                <span aria-hidden>▲</span> {th.warning}
              </span>
            ) : (
              '—'
            )}
          </td>
          <td className="num">
            {th ? (
              <span className="level level--critical">
                <span aria-hidden>✖</span> {th.critical}
              </span>
            ) : (
              '—'
            )}
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
              head={[t('thresholds.metric'), t('thresholds.unit'), t('thresholds.bad'), t('thresholds.warning'), t('thresholds.critical'), '']}
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
