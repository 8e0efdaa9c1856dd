import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { type EmergencyRecord } from '@cw/contracts';
import {
  DEPARTMENT_STATUS_LABELS,
  EMERGENCY_CATEGORY_LABELS,
  EMERGENCY_LEVEL_LABELS,
  EMERGENCY_STATUS_LABELS,
} from '@cw/vocabulary';
import { HttpError } from '../auth/session.ts';
import { useEmergencyCommand } from '../emergency/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useLive } from '../live/store.ts';
import { useHref, useLeaderData } from './leaderData.ts';
import { InstructionText } from './InstructionText.tsx';

const useEmergencies = () => useLive((s) => s.topics.emergencies) as Record<string, EmergencyRecord> | undefined;

/** Active emergencies first (highest level first), then those stood down in the last day. */
export function EmergenciesView() {
  const { t, l, day, time } = useI18n();
  const href = useHref();
  const { scopeName } = useLeaderData();
  const records = useEmergencies();
  const list = Object.values(records ?? {}).sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active') || a.level - b.level || b.declaredAt - a.declaredAt);
  return (
    <div className="leader-page" data-testid="leader-emergencies">
      <h2 className="leader-h2">{t('leader.section.emergencies')}</h2>
      {records === undefined ? (
        <p className="leader-muted">{t('loading')}</p>
      ) : list.length === 0 ? (
        <p className="leader-muted">{t('leader.emergencies.none')}</p>
      ) : (
        <ul className="leader-cases">
          {list.map((e) => {
            const where = scopeName(e.division);
            return (
              <li key={e.id}>
                <Link href={href(`/leader/emergency/${e.id}`)} className={`leader-case leader-emergency is-level-${e.level}`} data-testid="emergency-row" data-emergency={e.id}>
                  <span className="leader-case__title">{e.title}</span>
                  <span className="leader-case__meta">
                    {l(EMERGENCY_LEVEL_LABELS[e.level])} · {l(EMERGENCY_STATUS_LABELS[e.status])} · {where ? l(where) : e.division} · {day(e.declaredAt)} {time(e.declaredAt)}
                  </span>
                  {e.drill && <span className="leader-tag">{t('emg.drill')}</span>}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** One emergency: its state, the departments on it, instructions with who acknowledged them, the timeline, and the box to instruct. */
export function EmergencyView({ id }: { id: string }) {
  const { t, l, day, time } = useI18n();
  const href = useHref();
  const { scopeName, departmentName } = useLeaderData();
  const e = useEmergencies()?.[id];
  const at = (ms: number) => `${day(ms)} ${time(ms)}`;
  if (e === undefined) {
    return (
      <div className="leader-page" data-testid="leader-emergency-missing">
        <p>{t('leader.notFound')}</p>
        <Link className="leader-btn" href={href('/leader/emergencies')}>
          {t('leader.back')}
        </Link>
      </div>
    );
  }
  const where = scopeName(e.division);
  const dept = (id: string) => {
    const n = departmentName(id);
    return n ? l(n) : id;
  };
  return (
    <div className="leader-page leader-case-page" data-testid="leader-emergency" data-emergency={e.id}>
      <nav className="leader-crumbs" aria-label={t('leader.path')}>
        <Link className="leader-btn leader-btn--quiet" href={href('/leader/emergencies')}>
          ‹ {t('leader.section.emergencies')}
        </Link>
      </nav>
      <div className="leader-case__grid">
        <div className="leader-case__main">
          <section className={`leader-card leader-emergency is-level-${e.level}`} data-testid="emergency-facts">
            <h2 className="leader-h2">{e.title}</h2>
            <dl className="leader-facts">
              <dt>{t('leader.emg.level')}</dt>
              <dd data-testid="emergency-level">{l(EMERGENCY_LEVEL_LABELS[e.level])}</dd>
              <dt>{t('leader.case.state')}</dt>
              <dd>{l(EMERGENCY_STATUS_LABELS[e.status])}</dd>
              <dt>{t('leader.case.kind')}</dt>
              <dd>{l(EMERGENCY_CATEGORY_LABELS[e.category])}</dd>
              <dt>{t('leader.case.where')}</dt>
              <dd>
                {where ? l(where) : e.division}
                {e.address ? ` · ${e.address}` : ''}
              </dd>
              <dt>{t('leader.emg.casualties')}</dt>
              <dd>{t('leader.emg.casualtyFigures', { deaths: e.casualties.deaths, injured: e.casualties.injured, missing: e.casualties.missing })}</dd>
              <dt>{t('leader.emg.declared')}</dt>
              <dd>
                {e.declaredBy} · {at(e.declaredAt)}
              </dd>
            </dl>
            <ul className="leader-parts" data-testid="emergency-departments">
              {e.departments.map((d) => (
                <li key={d.department}>
                  <span>
                    {dept(d.department)}
                    {d.lead ? ` · ${t('emg.lead')}` : ''}
                  </span>
                  <strong>{l(DEPARTMENT_STATUS_LABELS[d.status])}</strong>
                </li>
              ))}
            </ul>
          </section>
          <section className="leader-card" data-testid="emergency-instructions">
            <h3 className="leader-h3">
              {t('leader.instructions')} <span className="leader-count">{e.instructions.length}</span>
            </h3>
            {e.instructions.length > 0 && (
              <ol className="leader-instructions">
                {[...e.instructions].reverse().map((i) => (
                  <li key={i.id} data-testid="instruction" data-instruction-id={i.id}>
                    <span className="leader-instructions__text">{i.text}</span>
                    <span className="leader-muted">
                      {i.by} · {at(i.at)}
                    </span>
                    <span className="leader-acks">
                      {i.to.map((d) => (
                        <span key={d} className={`leader-tag${i.acknowledgedBy[d] !== undefined ? ' is-green' : ''}`} data-department={d}>
                          {dept(d)} {i.acknowledgedBy[d] !== undefined ? `✓ ${t('leader.emg.acked')}` : `… ${t('leader.emg.pending')}`}
                        </span>
                      ))}
                    </span>
                  </li>
                ))}
              </ol>
            )}
            {e.status === 'active' && <EmergencyInstruct e={e} />}
          </section>
        </div>
        <section className="leader-card leader-case__timeline" data-testid="emergency-timeline">
          <h3 className="leader-h3">
            {t('leader.timeline')} <span className="leader-count">{e.timeline.length}</span>
          </h3>
          <ol className="leader-timeline">
            {[...e.timeline].reverse().map((h) => (
              <li key={h.seq} data-testid="timeline-entry">
                <span className="leader-timeline__at">{at(h.at)}</span>
                <span className="leader-timeline__what">{h.text}</span>
                <span className="leader-timeline__who">{h.actor.name}</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}

/** An instruction to the linked departments the leader picks (all of them to start with). */
function EmergencyInstruct({ e }: { e: EmergencyRecord }) {
  const { t, l } = useI18n();
  const { departmentName } = useLeaderData();
  const command = useEmergencyCommand(e.id);
  const linked = e.departments.map((d) => d.department);
  const [to, setTo] = useState<string[]>(linked);
  const [text, setText] = useState('');
  const chosen = to.filter((d) => linked.includes(d));
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const body = text.trim();
    if (body === '' || chosen.length === 0) return;
    command.mutate({ action: 'instruct', version: e.version, text: body, to: chosen }, { onSuccess: () => setText('') });
  };
  return (
    <form className="leader-instruct" onSubmit={submit}>
      <fieldset className="leader-to">
        <legend>{t('leader.emg.to')}</legend>
        {linked.map((d) => {
          const n = departmentName(d);
          return (
            <label key={d} className="leader-check">
              <input type="checkbox" checked={to.includes(d)} onChange={(ev) => setTo((cur) => (ev.target.checked ? [...cur, d] : cur.filter((x) => x !== d)))} data-testid={`instruct-to-${d}`} />
              {n ? l(n) : d}
            </label>
          );
        })}
      </fieldset>
      <InstructionText value={text} onChange={setText} maxLength={4000} />
      <button type="submit" className="leader-btn leader-btn--primary" disabled={command.isPending || text.trim() === '' || chosen.length === 0} data-testid="instruct-submit">
        {t('leader.instruct.submit')}
      </button>
      {command.isError && (
        <p className="leader-error" role="alert" data-testid="instruct-error">
          {command.error instanceof HttpError && command.error.status === 409 ? t('emg.conflict') : command.error instanceof HttpError ? command.error.message : t('leader.instruct.failed')}
        </p>
      )}
      {command.isSuccess && (
        <p className="leader-ok" role="status" data-testid="instruct-sent">
          {t('leader.instruct.sent')}
        </p>
      )}
    </form>
  );
}
