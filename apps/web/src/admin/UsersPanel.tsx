import { useState, type FormEvent } from 'react';
import { newUserSchema, type Role, type UserRecord } from '@cw/contracts';
import { ROLE_LABELS } from '@cw/vocabulary';
import { useDepartments } from '../console/api.ts';
import { describeFailure } from '../console/failure.ts';
import { FailureMessage } from '../console/FailureMessage.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { AdminTable } from './AdminTable.tsx';
import { ADMIN_KEYS, api, useAdminChange, useAdminList } from './api.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { browserRandom, fieldsWithIssues, generatePassword } from './forms.ts';

/** People's roles an administrator can give (walls pair, data sources get keys). */
const PERSON_ROLES = ['duty_officer', 'shift_leader', 'leader', 'inspector', 'department', 'admin'] as const satisfies readonly Role[];

const NEW_USER = { username: '', displayName: '', role: 'duty_officer' as Role, department: '', password: '' };

function NewUserForm() {
  const { t, l } = useI18n();
  const departments = useDepartments();
  const [draft, setDraft] = useState(NEW_USER);
  const [wrong, setWrong] = useState<Set<string>>(new Set());
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);
  const create = useAdminChange((u: unknown) => api<UserRecord>('POST', '/api/v1/users', u), ADMIN_KEYS.users);
  const set = (patch: Partial<typeof NEW_USER>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const candidate = { ...draft, username: draft.username.trim(), department: draft.role === 'department' ? draft.department || null : null };
    const parsed = newUserSchema.safeParse(candidate);
    setWrong(parsed.success ? new Set() : fieldsWithIssues(parsed.error.issues));
    if (!parsed.success) return;
    create.mutate(parsed.data, {
      onSuccess: () => {
        setCreated({ username: parsed.data.username, password: parsed.data.password });
        setDraft(NEW_USER);
      },
    });
  };
  const error = (field: string, key: Parameters<typeof t>[0]) => wrong.has(field) && <span className="field__error">{t(key)}</span>;

  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="new-user-title" data-testid="new-user">
      <h3 id="new-user-title" className="admin-form__title">
        {t('users.new')}
      </h3>
      <div className="admin-form__grid">
        <label className="field">
          <span className="field__label">{t('auth.username')}</span>
          <input className="control" value={draft.username} onChange={(e) => set({ username: e.target.value })} autoComplete="off" data-testid="user-username" />
          {error('username', 'users.bad.username')}
        </label>
        <label className="field">
          <span className="field__label">{t('users.displayName')}</span>
          <input className="control" value={draft.displayName} onChange={(e) => set({ displayName: e.target.value })} data-testid="user-display-name" />
          {error('displayName', 'users.bad.displayName')}
        </label>
        <label className="field">
          <span className="field__label">{t('users.role')}</span>
          <select className="control" value={draft.role} onChange={(e) => set({ role: e.target.value as Role })} data-testid="user-role">
            {PERSON_ROLES.map((r) => (
              <option key={r} value={r}>
                {l(ROLE_LABELS[r])}
              </option>
            ))}
          </select>
        </label>
        {draft.role === 'department' && (
          <label className="field">
            <span className="field__label">{t('case.department')}</span>
            <select className="control" value={draft.department} onChange={(e) => set({ department: e.target.value })} data-testid="user-department">
              <option value="">{t('form.choose')}</option>
              {(departments.data ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {l(d.name)}
                </option>
              ))}
            </select>
            {error('department', 'users.bad.department')}
          </label>
        )}
        <label className="field">
          <span className="field__label">{t('users.firstPassword')}</span>
          <span className="control-group">
            <input className="control mono" value={draft.password} onChange={(e) => set({ password: e.target.value })} autoComplete="new-password" data-testid="user-password" />
            <button type="button" className="btn btn--small" onClick={() => set({ password: generatePassword(browserRandom) })}>
              {t('users.generate')}
            </button>
          </span>
          {error('password', 'users.bad.password')}
        </label>
      </div>
      {create.isError && <FailureMessage failure={describeFailure(create.error)} />}
      {created && (
        <p className="notice notice--ok" role="status" data-testid="user-created">
          {t('users.created', { username: created.username })} <span className="mono">{created.password}</span>
        </p>
      )}
      <button type="submit" className="btn btn--primary" disabled={create.isPending} data-testid="user-create">
        {t('users.create')}
      </button>
    </form>
  );
}

function ResetPassword({ user, onDone }: { user: UserRecord; onDone: (password: string) => void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState(() => generatePassword(browserRandom));
  const reset = useAdminChange((p: string) => api('PATCH', `/api/v1/users/${encodeURIComponent(user.id)}`, { password: p }), ADMIN_KEYS.users);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        reset.mutate(password, { onSuccess: () => onDone(password) });
      }}
    >
      <input className="control mono" value={password} minLength={10} onChange={(e) => setPassword(e.target.value)} aria-label={t('users.newPassword')} />
      <button type="submit" className="btn btn--small btn--primary" disabled={reset.isPending || password.length < 10}>
        {t('users.setPassword')}
      </button>
      {reset.isError && <FailureMessage failure={describeFailure(reset.error)} />}
    </form>
  );
}

function UserRow({ user }: { user: UserRecord }) {
  const { t, l, day } = useI18n();
  const departments = useDepartments();
  const [resetting, setResetting] = useState(false);
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const toggle = useAdminChange((disabled: boolean) => api('PATCH', `/api/v1/users/${encodeURIComponent(user.id)}`, { disabled }), ADMIN_KEYS.users);
  const dept = departments.data?.find((d) => d.id === user.department);
  return (
    <tr data-testid="user-row" data-username={user.username} className={user.disabled ? 'is-disabled' : ''}>
      <td className="mono">{user.username}</td>
      <td>{user.displayName}</td>
      <td>{l(ROLE_LABELS[user.role])}</td>
      <td>{dept ? l(dept.name) : (user.department ?? '—')}</td>
      <td>
        <span className={`status status--${user.disabled ? 'off' : 'on'}`} data-testid="user-status">
          {t(user.disabled ? 'users.disabled' : 'users.active')}
        </span>
      </td>
      <td className="mono">{day(user.createdAt)}</td>
      <td className="table__actions">
        {user.disabled ? (
          <button type="button" className="btn btn--small" disabled={toggle.isPending} onClick={() => toggle.mutate(false)} data-testid="user-enable">
            {t('users.enable')}
          </button>
        ) : (
          <ConfirmButton label={t('users.disable')} question={t('users.disableQuestion', { name: user.displayName })} busy={toggle.isPending} onConfirm={() => toggle.mutate(true)} testId="user-disable" />
        )}
        {!resetting && (
          <button type="button" className="btn btn--small btn--quiet" onClick={() => setResetting(true)}>
            {t('users.resetPassword')}
          </button>
        )}
        {resetting && (
          <ResetPassword
            user={user}
            onDone={(p) => {
              setResetting(false);
              setNewPassword(p);
            }}
          />
        )}
        {newPassword && (
          <span className="notice notice--ok notice--inline" role="status">
            {t('users.passwordReset')} <span className="mono">{newPassword}</span>
          </span>
        )}
        {toggle.isError && <FailureMessage failure={describeFailure(toggle.error)} />}
      </td>
    </tr>
  );
}

/** Accounts: who may sign in with which role (and department); disable, enable and reset passwords. */
export function UsersPanel() {
  const { t } = useI18n();
  const users = useAdminList<UserRecord>(ADMIN_KEYS.users, '/api/v1/users');
  return (
    <div className="admin-section">
      <NewUserForm />
      {users.isError && <FailureMessage failure={describeFailure(users.error)} />}
      <AdminTable
        testId="users"
        head={[t('auth.username'), t('users.displayName'), t('users.role'), t('case.department'), t('users.status'), t('admin.created'), '']}
        empty={users.data?.length === 0}
        loading={users.isPending}
      >
        {users.data?.map((u) => <UserRow key={u.id} user={u} />)}
      </AdminTable>
    </div>
  );
}
