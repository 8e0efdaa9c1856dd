import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import {
  type CaseSummary,
  type Instruction,
} from '@cw/contracts';
import {
  ACTOR_ROLE_LABELS,
  CASE_STATE_LABELS,
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  SLA_LIGHT_LABELS,
  SLA_STEP_LABELS,
  TRANSITION_ACTION_LABELS,
  URGENCY_LABELS,
} from '@cw/vocabulary';
import { useDivisionsGeo, useProfile } from '../api/queries.ts';
import { HttpError } from '../auth/session.ts';
import { useCaseDetail, useInstruct } from '../console/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useLive } from '../live/store.ts';
import { CaseLocationMap } from '../map/CaseLocationMap.tsx';
import { useHref, useLeaderData } from './leaderData.ts';
import { InstructionText } from './InstructionText.tsx';

/** A case: its facts, its timeline, the leaders' instructions and the box to add one (批示). */
export function CaseView({ id }: { id: string }) {
  const { t, l, day, time } = useI18n();
  const href = useHref();
  const { scopeName, departmentName } = useLeaderData();
  const live = useLive((s) => (s.topics.cases as Record<string, CaseSummary> | undefined)?.[id]);
  const detail = useCaseDetail(id, live);
  const d = detail.data;
  const c = d?.case;
  const at = (ms: number) => `${day(ms)} ${time(ms)}`;
  const where = c ? scopeName(c.division) : undefined;
  const dept = c ? departmentName(c.department) : undefined;
  const profile = useProfile().data;
  const geo = useDivisionsGeo().data;
  return (
    <div className="leader-page leader-case-page" data-testid="leader-case" data-case={id}>
      <nav className="leader-crumbs" aria-label={t('leader.path')}>
        <Link className="leader-btn leader-btn--quiet" href={href('/leader/cases/open')} data-testid="crumb-cases">
          ‹ {t('leader.section.cases')}
        </Link>
        {c && (
          <Link className="leader-btn leader-btn--quiet" href={href(`/leader/cases/open/${c.division}`)} data-testid="crumb-division-cases">
            ‹ {where ? l(where) : c.division}
          </Link>
        )}
      </nav>
      {detail.isPending && <p className="leader-muted">{t('loading')}</p>}
      {detail.isError && d === undefined && (
        <p className="leader-error" role="alert" data-testid="case-error">
          {detail.error instanceof HttpError && detail.error.status === 404 ? t('leader.notFound') : t('leader.case.failed')}{' '}
          <button type="button" className="leader-btn" onClick={() => void detail.refetch()}>
            {t('leader.retry')}
          </button>
        </p>
      )}
      {d && c && (
        <div className="leader-case__grid">
          <div className="leader-case__main">
            <section className="leader-card" data-testid="case-facts">
              <h2 className="leader-h2" data-testid="case-title">
                {c.title}
              </h2>
              <dl className="leader-facts">
                <dt>{t('leader.case.state')}</dt>
                <dd data-testid="case-state">{l(CASE_STATE_LABELS[c.state])}</dd>
                <dt>{t('leader.case.where')}</dt>
                <dd>
                  {where ? l(where) : c.division}
                  {c.address ? ` · ${c.address}` : ''}
                </dd>
                <dt>{t('leader.case.department')}</dt>
                <dd data-testid="case-department">{dept ? l(dept) : t('leader.case.noDepartment')}</dd>
                <dt>{t('leader.case.kind')}</dt>
                <dd>
                  {l(CATEGORY_LABELS[c.category])} · {l(CHANNEL_LABELS[c.channel])} · {l(URGENCY_LABELS[c.urgency])}
                </dd>
                <dt>{t('leader.case.reported')}</dt>
                <dd>{at(c.reportedAt)}</dd>
                {d.sla && (
                  <>
                    <dt>{t('leader.case.limit')}</dt>
                    <dd className={`is-${d.sla.light}`} data-testid="case-sla">
                      {l(SLA_STEP_LABELS[d.sla.step])} · {l(SLA_LIGHT_LABELS[d.sla.light])}
                      {d.sla.deadline !== null ? ` · ${t('leader.case.due', { at: at(d.sla.deadline) })}` : ''}
                    </dd>
                  </>
                )}
                {c.supervised && (
                  <>
                    <dt>{t('leader.supervised')}</dt>
                    <dd>{t('leader.case.supervised')}</dd>
                  </>
                )}
              </dl>
              {c.description && <p className="leader-description">{c.description}</p>}
              {profile && geo && <CaseLocationMap geo={geo} profile={profile} division={c.division} location={c.location} className="leader-case__map" />}
            </section>
            <InstructionBox caseId={id} instructions={d.instructions} />
          </div>
          <section className="leader-card leader-case__timeline" data-testid="case-timeline">
            <h3 className="leader-h3">
              {t('leader.timeline')} <span className="leader-count">{d.history.length}</span>
            </h3>
            <ol className="leader-timeline">
              {[...d.history].reverse().map((h) => {
                const to = h.details?.department ? departmentName(h.details.department) : undefined;
                return (
                  <li key={h.seq} data-testid="timeline-entry">
                    <span className="leader-timeline__at">{at(h.at)}</span>
                    <span className="leader-timeline__what">
                      {l(TRANSITION_ACTION_LABELS[h.action])} → {l(CASE_STATE_LABELS[h.to])}
                      {to ? ` · ${l(to)}` : ''}
                    </span>
                    <span className="leader-timeline__who">
                      {h.actor.name ? `${h.actor.name} · ` : ''}
                      {l(ACTOR_ROLE_LABELS[h.actor.role])}
                    </span>
                    {h.comment && <span className="leader-timeline__comment">{h.comment}</span>}
                  </li>
                );
              })}
            </ol>
          </section>
        </div>
      )}
    </div>
  );
}

/** The instructions given so far, newest first, and the leader's box to add one. */
function InstructionBox({ caseId, instructions }: { caseId: string; instructions: readonly Instruction[] }) {
  const { t, day, time } = useI18n();
  const instruct = useInstruct(caseId);
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    if (body === '') return;
    instruct.mutate(body, { onSuccess: () => setText('') });
  };
  return (
    <section className="leader-card" data-testid="case-instructions">
      <h3 className="leader-h3">
        {t('leader.instructions')} <span className="leader-count">{instructions.length}</span>
      </h3>
      {instructions.length > 0 && (
        <ol className="leader-instructions">
          {[...instructions].reverse().map((i, n) => (
            <li key={`${i.at}-${n}`} data-testid="instruction">
              <span className="leader-instructions__text">{i.text}</span>
              <span className="leader-muted">
                {i.byName} · {day(i.at)} {time(i.at)}
              </span>
            </li>
          ))}
        </ol>
      )}
      <form className="leader-instruct" onSubmit={submit}>
        <InstructionText value={text} onChange={setText} maxLength={2000} />
        <button type="submit" className="leader-btn leader-btn--primary" disabled={instruct.isPending || text.trim() === ''} data-testid="instruct-submit">
          {t('leader.instruct.submit')}
        </button>
        {instruct.isError && (
          <p className="leader-error" role="alert" data-testid="instruct-error">
            {instruct.error instanceof HttpError ? instruct.error.message : t('leader.instruct.failed')}
          </p>
        )}
        {instruct.isSuccess && (
          <p className="leader-ok" role="status" data-testid="instruct-sent">
            {t('leader.instruct.sent')}
          </p>
        )}
      </form>
    </section>
  );
}
