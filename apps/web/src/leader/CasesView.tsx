import { useMemo } from 'react';
import { Link } from 'wouter';
import { type CaseSummary } from '@cw/contracts';
import { CASE_STATE_LABELS, SLA_LIGHT_LABELS, URGENCY_LABELS } from '@cw/vocabulary';
import { useI18n } from '../i18n/i18n.tsx';
import { useLive } from '../live/store.ts';
import { CASE_LISTS, caseList, isCaseList, listCounts } from './cases.ts';
import { useHref, useLeaderData } from './leaderData.ts';

const useCases = () => useLive((s) => s.topics.cases) as Record<string, CaseSummary> | undefined;

/** Open, overdue, supervised and emergency cases, for the city or one division. */
export function CasesView({ list: param, division }: { list: string; division: string | null }) {
  const { t, l } = useI18n();
  const href = useHref();
  const { scopeName, profile } = useLeaderData();
  const list = isCaseList(param) ? param : 'open';
  const cases = useCases();
  const all = useMemo(() => Object.values(cases ?? {}).filter((c) => division === null || c.division === division), [cases, division]);
  const counts = listCounts(all);
  const shown = caseList(all, list);
  const where = division === null ? undefined : scopeName(division);
  const suffix = division === null ? '' : `/${division}`;
  return (
    <div className="leader-page leader-cases-page" data-testid="leader-cases" data-list={list} data-division={division ?? ''}>
      <h2 className="leader-h2">
        {where ? l(where) : l(profile.name)} · {t('leader.section.cases')}
      </h2>
      <nav className="leader-domains" aria-label={t('leader.caseLists')}>
        {CASE_LISTS.map((k) => (
          <Link key={k} href={href(`/leader/cases/${k}${suffix}`)} replace className={`leader-chip${k === list ? ' is-active' : ''}`} data-testid={`case-list-${k}`}>
            {t(`leader.list.${k}`)} <span className="leader-count">{counts[k]}</span>
          </Link>
        ))}
      </nav>
      {division !== null && (
        <Link className="leader-btn leader-btn--quiet" href={href(`/leader/cases/${list}`)} data-testid="cases-whole-city">
          ‹ {t('leader.cases.wholeCity')}
        </Link>
      )}
      {cases === undefined ? (
        <p className="leader-muted">{t('loading')}</p>
      ) : shown.length === 0 ? (
        <p className="leader-muted" data-testid="cases-empty">
          {t('leader.cases.none')}
        </p>
      ) : (
        <ul className="leader-cases">
          {shown.map((c) => (
            <li key={c.id}>
              <CaseRow c={c} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One case in a list: title first, then where, who has it, its state and its clock. */
export function CaseRow({ c }: { c: CaseSummary }) {
  const { t, l } = useI18n();
  const href = useHref();
  const { scopeName, departmentName } = useLeaderData();
  const where = scopeName(c.division);
  const dept = departmentName(c.department);
  return (
    <Link href={href(`/leader/case/${c.id}`)} className={`leader-case${c.sla?.overdue ? ' is-overdue' : ''}`} data-testid="case-row" data-case={c.id}>
      <span className="leader-case__title">{c.title}</span>
      <span className="leader-case__meta">
        {where ? l(where) : c.division}
        {dept ? ` · ${l(dept)}` : ''} · {l(CASE_STATE_LABELS[c.state])}
      </span>
      <span className="leader-case__marks">
        {c.urgency !== 'normal' && <span className="leader-tag is-warning">{l(URGENCY_LABELS[c.urgency])}</span>}
        {c.sla && <span className={`leader-tag is-${c.sla.light}`}>{l(SLA_LIGHT_LABELS[c.sla.light])}</span>}
        {c.supervised && <span className="leader-tag is-critical">{t('leader.supervised')}</span>}
        {c.instructions > 0 && <span className="leader-tag">{t('leader.instructed', { count: c.instructions })}</span>}
      </span>
    </Link>
  );
}
