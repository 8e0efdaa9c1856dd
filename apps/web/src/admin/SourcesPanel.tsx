import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { newSourceSchema, type SourceRecord } from '@cw/contracts';
import { useCatalogue } from '../api/queries.ts';
import { useDepartments } from '../console/api.ts';
import { describeFailure } from '../console/failure.ts';
import { FailureMessage } from '../console/FailureMessage.tsx';
import { formatAge } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useServerTime } from '../live/clock.ts';
import { AdminTable } from './AdminTable.tsx';
import { ADMIN_KEYS, api, useAdminChange } from './api.ts';
import { CredentialList } from './CredentialList.tsx';

interface CreatedKey {
  id: string;
  name: string;
  key: string;
}

/** An optional whole number typed into a field: empty is null, anything else must be a number. */
const optionalInt = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/**
 * Data sources (12345 systems, sensor gateways): the registry. Each has an API key, shown once
 * when made, scoped to the kinds it may send; revoke to cut one off. Below the keys, each
 * source's health as the ingest path sees it.
 */
export function SourcesPanel() {
  const { t, l } = useI18n();
  // Health changes by the minute: read the registry again every 15 s while the panel is open.
  const list = useQuery({ queryKey: ADMIN_KEYS.sources, queryFn: () => api<SourceRecord[]>('GET', '/api/v1/sources'), retry: 1, refetchInterval: 15_000 });
  const departments = useDepartments();
  const create = useAdminChange((body: unknown) => api<CreatedKey>('POST', '/api/v1/sources', body), ADMIN_KEYS.sources);
  const [name, setName] = useState('');
  const [department, setDepartment] = useState('');
  const [kinds, setKinds] = useState('');
  const [intervalText, setIntervalText] = useState('');
  const [budget, setBudget] = useState('');
  const [bad, setBad] = useState<'name' | 'registration' | null>(null);
  const [created, setCreated] = useState<CreatedKey | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const kindList = kinds.split(/[\s,，]+/).filter(Boolean);
    const parsed = newSourceSchema.safeParse({
      name,
      department: department === '' ? null : department,
      kinds: kindList.length === 0 ? null : kindList,
      intervalSec: optionalInt(intervalText),
      maxEventsPerSec: optionalInt(budget),
    });
    setBad(parsed.success ? null : parsed.error.issues.some((i) => i.path[0] === 'name') ? 'name' : 'registration');
    if (!parsed.success) return;
    create.mutate(parsed.data, {
      onSuccess: (k) => {
        setCreated(k);
        setName('');
        setKinds('');
        setIntervalText('');
        setBudget('');
      },
    });
  };

  return (
    <div className="admin-section">
      <form className="admin-form" onSubmit={submit} aria-labelledby="source-title" data-testid="new-source">
        <h3 id="source-title" className="admin-form__title">
          {t('sources.new')}
        </h3>
        <p className="field__hint">{t('sources.hint')}</p>
        <div className="admin-form__grid">
          <label className="field">
            <span className="field__label">{t('cred.name')}</span>
            <input className="control" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('sources.namePlaceholder')} data-testid="source-name" />
            {bad === 'name' && <span className="field__error">{t('cred.badName')}</span>}
          </label>
          <label className="field">
            <span className="field__label">{t('sources.department')}</span>
            <select className="control" value={department} onChange={(e) => setDepartment(e.target.value)} data-testid="source-department">
              <option value="">{t('sources.anyDepartment')}</option>
              {(departments.data ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {l(d.name)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('sources.kinds')}</span>
            <input className="control" value={kinds} onChange={(e) => setKinds(e.target.value)} placeholder={t('sources.kindsPlaceholder')} data-testid="source-kinds" />
          </label>
          <label className="field">
            <span className="field__label">{t('sources.interval')}</span>
            <input className="control" inputMode="numeric" value={intervalText} onChange={(e) => setIntervalText(e.target.value)} placeholder={t('sources.optional')} data-testid="source-interval" />
          </label>
          <label className="field">
            <span className="field__label">{t('sources.budget')}</span>
            <input className="control" inputMode="numeric" value={budget} onChange={(e) => setBudget(e.target.value)} placeholder={t('sources.optional')} data-testid="source-budget" />
          </label>
        </div>
        {bad === 'registration' && <span className="field__error">{t('sources.badRegistration')}</span>}
        {create.isError && <FailureMessage failure={describeFailure(create.error)} />}
        <button type="submit" className="btn btn--primary" disabled={create.isPending} data-testid="source-create">
          {t('sources.create')}
        </button>
      </form>
      {created && (
        <div className="key-once" role="status" data-testid="source-key-box">
          <strong>{t('sources.keyFor', { name: created.name })}</strong>
          <code className="key-once__key" data-testid="source-key">
            {created.key}
          </code>
          <span className="key-once__warn">{t('sources.keyOnce')}</span>
          <span className="key-once__buttons">
            <button type="button" className="btn btn--small" onClick={() => void navigator.clipboard?.writeText(created.key)}>
              {t('sources.copy')}
            </button>
            <button type="button" className="btn btn--small btn--quiet" onClick={() => setCreated(null)}>
              {t('sources.stored')}
            </button>
          </span>
        </div>
      )}
      <CredentialList kind="source" list={list} queryKey={ADMIN_KEYS.sources} />
      <SourceHealthTable sources={(list.data ?? []).filter((s) => !s.revoked)} loading={list.isPending} />
    </div>
  );
}

/** Each live source's registration and health: what it may send, when it last did, how much, how much was refused. */
function SourceHealthTable({ sources, loading }: { sources: SourceRecord[]; loading: boolean }) {
  const { t, l, lang } = useI18n();
  const departments = useDepartments();
  const catalogue = useCatalogue();
  const metricName = (id: string) => {
    const m = catalogue.data?.find((x) => x.id === id);
    return m ? l(m.name) : id;
  };
  // Last events are stamped on the server's clock.
  const now = useServerTime(10_000);
  const departmentName = (id: string | null | undefined) => {
    const d = departments.data?.find((x) => x.id === id);
    return d ? l(d.name) : '—';
  };
  return (
    <>
      <h3 className="admin-form__title">{t('sources.health')}</h3>
      <AdminTable
        testId="source-health"
        head={[t('cred.name'), t('sources.department'), t('sources.kinds'), t('sources.lastEvent'), t('sources.perMinute'), t('sources.refusals'), t('sources.state'), t('provenance.feeds')]}
        empty={sources.length === 0}
        loading={loading}
      >
        {sources.map((s) => {
          const h = s.health;
          const r = s.registration;
          return (
            <tr key={s.id} data-testid="source-health-row" data-name={s.name} data-stale={h?.stale === true}>
              <td>{s.name}</td>
              <td>{departmentName(r?.department)}</td>
              <td className="mono">{r?.kinds?.join(' ') ?? t('sources.anyKind')}</td>
              <td>{h?.lastEventAt == null ? t('cred.never') : t('case.ago', { age: formatAge(Math.max(0, now - h.lastEventAt), lang) })}</td>
              <td className="num">{h?.eventsPerMinute ?? 0}</td>
              <td className="num">{`${Math.round((h?.refusalRate ?? 0) * 1000) / 10}%`}</td>
              <td>
                {r?.intervalSec == null ? (
                  <span className="status">{t('sources.noExpectation')}</span>
                ) : (
                  <span className={`status status--${h?.stale ? 'off' : 'on'}`} data-testid="source-state">
                    {t(h?.stale ? 'sources.stale' : 'sources.fresh')}
                  </span>
                )}
              </td>
              <td data-testid="source-feeds">{s.feeds.length === 0 ? '—' : s.feeds.map(metricName).join('、')}</td>
            </tr>
          );
        })}
      </AdminTable>
    </>
  );
}
