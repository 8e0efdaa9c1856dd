import { useState } from 'react';
import { type EmergencyCommand, type EmergencyRecord } from '@cw/contracts';
import { DEPARTMENT_STATUS_LABELS } from '@cw/vocabulary';
import { useEmergencyCommand, useEmergencyDetail, useEmergencyRecords } from '../../emergency/api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { describeFailure, type Failure } from '../failure.ts';
import { concernsDepartment, nextStatuses, pendingInstructions, sortEmergencies } from './desk.ts';
import { DrillLabel, EmergencyFailure, LevelBadge } from './parts.tsx';

/**
 * On a department's desk: the emergencies it is linked to (or instructed on), where it
 * reports its status forward, acknowledges instructions, and is reminded when silent.
 */
export function DepartmentEmergencies({ department }: { department: string }) {
  const { t } = useI18n();
  const { records } = useEmergencyRecords();
  const mine = sortEmergencies((records ?? []).filter((e) => e.status === 'active' && concernsDepartment(e, department)));
  if (mine.length === 0) return null;
  return (
    <section className="emg-dept-panel" aria-label={t('emg.dept.title')} data-testid="department-emergencies">
      {mine.map((e) => (
        <DepartmentCard key={e.id} e={e} department={department} />
      ))}
    </section>
  );
}

function DepartmentCard({ e: live, department }: { e: EmergencyRecord; department: string }) {
  const { t, l, time } = useI18n();
  const detail = useEmergencyDetail(live.id, live.version);
  const command = useEmergencyCommand(live.id);
  const [failure, setFailure] = useState<Failure | null>(null);
  const e = detail.data?.emergency ?? live;
  const allowed = detail.data?.allowed ?? [];
  const busy = command.isPending || e.version !== live.version;
  const send = (cmd: EmergencyCommand) => {
    setFailure(null);
    command.mutate(cmd, { onError: (err) => setFailure(describeFailure(err)) });
  };
  const linked = e.departments.find((d) => d.department === department);
  const pending = pendingInstructions(e, department);
  return (
    <article className="emg-dept-card" data-testid="emergency-desk" data-emergency-id={e.id} data-version={e.version}>
      <header className="detail__badges">
        <LevelBadge level={e.level} />
        {e.drill && <DrillLabel />}
        <strong className="emg-dept-card__title">{e.title}</strong>
        <span className="mono muted">{e.id}</span>
      </header>
      {linked?.silentSince != null && (
        <p className="notice notice--error" role="alert" data-testid="silence-reminder">
          {t('emg.dept.silent', { time: time(linked.silentSince) })}
        </p>
      )}
      {linked && (
        <div className="emg-dept-card__status" data-testid="own-status" data-status={linked.status}>
          <span>
            {t('emg.dept.status')}：<strong>{l(DEPARTMENT_STATUS_LABELS[linked.status])}</strong>
          </span>
          {allowed.includes('set_department_status') &&
            nextStatuses(linked.status).map((s, i) => (
              <button key={s} type="button" className={`btn btn--small${i === 0 ? ' btn--primary' : ''}`} disabled={busy} onClick={() => send({ action: 'set_department_status', version: e.version, department, status: s })}>
                {t('emg.dept.report', { status: l(DEPARTMENT_STATUS_LABELS[s]) })}
              </button>
            ))}
        </div>
      )}
      {pending.length > 0 && (
        <ul className="emg-list" aria-label={t('emg.dept.instructions')}>
          {pending.map((i) => (
            <li key={i.id} className="emg-item" data-testid="pending-instruction" data-instruction-id={i.id}>
              <span className="emg-item__text">
                {i.text} <span className="muted">— {i.by} {time(i.at)}</span>
              </span>
              {allowed.includes('acknowledge_instruction') && (
                <button type="button" className="btn btn--small btn--primary" disabled={busy} onClick={() => send({ action: 'acknowledge_instruction', version: e.version, instructionId: i.id, department })}>
                  {t('emg.dept.ack')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {failure && <EmergencyFailure failure={failure} />}
    </article>
  );
}
