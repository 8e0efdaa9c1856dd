import { useEffect, useRef } from 'react';
import { type CaseSummary } from '@cw/contracts';
import { CATEGORY_LABELS } from '@cw/vocabulary';
import { formatAge } from '../../format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useServerTime } from '../../live/clock.ts';
import { CaseFlags, SlaBadge, StateBadge, UrgencyBadge } from '../CaseBadges.tsx';
import { useDesk } from '../deskContext.ts';
import { formatDuration } from '../duration.ts';

interface Props {
  cases: readonly CaseSummary[];
  selected: string | null;
  onSelect: (id: string) => void;
  /** Shown when the list is empty: why (nothing at all, or nothing matching the filter). */
  emptyText: string;
}

/** Rows drawn at most; a filter narrows the rest down. */
const MAX_ROWS = 400;

/** Time left in the current step, or how far past its deadline it is. */
function Deadline({ c, now }: { c: CaseSummary; now: number }) {
  const { t, lang } = useI18n();
  if (c.sla === null || c.sla.deadline === null) return null;
  const left = c.sla.deadline - now;
  return <span className={`row__deadline${left < 0 ? ' is-late' : ''}`}>{t(left < 0 ? 'sla.overdueBy' : 'sla.left', { time: formatDuration(left, lang) })}</span>;
}

function QueueRow({ c, selected, now, onSelect }: { c: CaseSummary; selected: boolean; now: number; onSelect: (id: string) => void }) {
  const { t, l, lang } = useI18n();
  const desk = useDesk();
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const division = desk.division(c.division);
  const department = desk.department(c.department);
  return (
    <li ref={ref} role="option" aria-selected={selected} className={`row${selected ? ' is-selected' : ''} row--${c.urgency}`} onClick={() => onSelect(c.id)} data-testid="queue-row" data-case-id={c.id}>
      <span className="row__light">
        <SlaBadge sla={c.sla} />
      </span>
      <span className="row__main">
        <span className="row__title-line">
          {c.urgency !== 'normal' && <UrgencyBadge urgency={c.urgency} />}
          <span className="row__title">{c.title}</span>
          <CaseFlags c={c} />
        </span>
        <span className="row__meta">
          <span className="mono">{c.id}</span>
          <span>{l(CATEGORY_LABELS[c.category])}</span>
          <span>{division ? l(division.name) : c.division}</span>
          {desk.kind === 'centre' && <span>{department ? l(department.name) : c.department === null ? t('case.noDepartment') : c.department}</span>}
        </span>
      </span>
      <span className="row__state">
        <StateBadge state={c.state} />
        <Deadline c={c} now={now} />
      </span>
      <span className="row__age" title={t('case.reportedAgo')}>
        {formatAge(now - c.reportedAt, lang)}
      </span>
    </li>
  );
}

/** The queue: one row per case, the selected one kept in view as the keyboard moves it. */
export function QueueList({ cases, selected, onSelect, emptyText }: Props) {
  const { t } = useI18n();
  const now = useServerTime(5_000);
  if (cases.length === 0) return <p className="queue__empty">{emptyText}</p>;
  return (
    <ul className="queue__list" role="listbox" aria-label={t('queue.list')} data-testid="queue">
      {cases.slice(0, MAX_ROWS).map((c) => (
        <QueueRow key={c.id} c={c} selected={c.id === selected} now={now} onSelect={onSelect} />
      ))}
      {cases.length > MAX_ROWS && <li className="queue__more">{t('queue.more', { count: cases.length - MAX_ROWS })}</li>}
    </ul>
  );
}
