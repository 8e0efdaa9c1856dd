import { useInfiniteQuery } from '@tanstack/react-query';
import { type AuditEntry } from '@cw/contracts';
import { ROLE_LABELS } from '@cw/vocabulary';
import { describeFailure } from '../console/failure.ts';
import { FailureMessage } from '../console/FailureMessage.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { AdminTable } from './AdminTable.tsx';
import { ADMIN_KEYS, api } from './api.ts';

const PAGE = 100;

/** Every write and sign-in, newest first, a page at a time (older pages by sequence number). */
export function AuditPanel() {
  const { t, l, day, time } = useI18n();
  const audit = useInfiniteQuery({
    queryKey: ADMIN_KEYS.audit,
    queryFn: ({ pageParam }) => api<AuditEntry[]>('GET', `/api/v1/audit?limit=${PAGE}${pageParam === null ? '' : `&before=${pageParam}`}`),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.length < PAGE ? undefined : last[last.length - 1]!.seq),
    retry: 1,
  });
  const entries = audit.data?.pages.flat() ?? [];
  return (
    <div className="admin-section">
      <div className="admin-section__bar">
        <button type="button" className="btn btn--small" onClick={() => void audit.refetch()} disabled={audit.isFetching}>
          {t('audit.refresh')}
        </button>
      </div>
      {audit.isError && <FailureMessage failure={describeFailure(audit.error)} />}
      <AdminTable
        testId="audit"
        head={[t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.target'), t('audit.outcome'), t('audit.ip')]}
        empty={entries.length === 0 && !audit.isPending}
        loading={audit.isPending}
      >
        {entries.map((e) => (
          <tr key={e.seq} data-testid="audit-row" className={e.outcome === 'refused' ? 'is-refused' : ''}>
            <td className="mono">{`${day(e.at)} ${time(e.at)}`}</td>
            <td>
              {e.actorName ?? t('audit.anonymous')}
              {e.role && <span className="table__sub">{l(ROLE_LABELS[e.role])}</span>}
            </td>
            <td className="mono">{e.action}</td>
            <td className="mono">{e.target ?? '—'}</td>
            <td>
              <span className={`status status--${e.outcome === 'ok' ? 'on' : 'off'}`}>{t(e.outcome === 'ok' ? 'audit.ok' : 'audit.refused')}</span>
            </td>
            <td className="mono">{e.ip ?? '—'}</td>
          </tr>
        ))}
      </AdminTable>
      {audit.hasNextPage && (
        <button type="button" className="btn" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
          {t('audit.older')}
        </button>
      )}
    </div>
  );
}
