import type { DisplayRecord } from '@cw/contracts';
import { describeFailure } from '../console/failure.ts';
import { FailureMessage } from '../console/FailureMessage.tsx';
import { formatAge } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useServerTime } from '../live/clock.ts';
import { AdminTable } from './AdminTable.tsx';
import { api, useAdminChange } from './api.ts';
import { ConfirmButton } from './ConfirmButton.tsx';

interface Props {
  kind: 'display' | 'source';
  list: { data?: DisplayRecord[]; isPending: boolean; isError: boolean; error: unknown };
  queryKey: readonly string[];
}

/** Paired walls and data-source keys alike: a name, when it was made and last used, and revoking it. */
export function CredentialList({ kind, list, queryKey }: Props) {
  const { t, lang, day, time } = useI18n();
  const url = kind === 'display' ? '/api/v1/displays' : '/api/v1/sources';
  const revoke = useAdminChange((id: string) => api('DELETE', `${url}/${encodeURIComponent(id)}`), queryKey);
  // Last use is stamped on the server's clock.
  const now = useServerTime(60_000);
  return (
    <>
      {list.isError && <FailureMessage failure={describeFailure(list.error)} />}
      {revoke.isError && <FailureMessage failure={describeFailure(revoke.error)} />}
      <AdminTable
        testId={`${kind}s`}
        head={[t('cred.name'), t('admin.created'), t('cred.lastSeen'), t('users.status'), '']}
        empty={list.data?.length === 0}
        loading={list.isPending}
      >
        {list.data?.map((c) => (
          <tr key={c.id} data-testid={`${kind}-row`} data-name={c.name} className={c.revoked ? 'is-disabled' : ''}>
            <td>{c.name}</td>
            <td className="mono">{`${day(c.createdAt)} ${time(c.createdAt)}`}</td>
            <td>{c.lastSeenAt === null ? t('cred.never') : t('case.ago', { age: formatAge(Math.max(0, now - c.lastSeenAt), lang) })}</td>
            <td>
              <span className={`status status--${c.revoked ? 'off' : 'on'}`}>{t(c.revoked ? 'cred.revoked' : 'cred.active')}</span>
            </td>
            <td className="table__actions">
              {!c.revoked && (
                <ConfirmButton
                  label={t('cred.revoke')}
                  question={t(kind === 'display' ? 'cred.revokeDisplay' : 'cred.revokeSource', { name: c.name })}
                  busy={revoke.isPending}
                  onConfirm={() => revoke.mutate(c.id)}
                  testId={`${kind}-revoke`}
                />
              )}
            </td>
          </tr>
        ))}
      </AdminTable>
    </>
  );
}
