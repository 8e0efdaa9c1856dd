import { useI18n } from '../i18n/i18n.tsx';
import { formatRate } from './boardData.ts';
import { useDispatchKpis } from './useDispatchLive.ts';
import './dispatch-summary.css';

/**
 * Dispatch at a glance for another wall page (the overview): open and overdue cases, today's
 * intake and closures, and (where there is room) the closure rates. Reads the `dispatch`
 * topic, which the embedding screen must subscribe to.
 */
export function DispatchSummary({ rates = true }: { rates?: boolean }) {
  const { t, lang } = useI18n();
  const k = useDispatchKpis();
  const figure = (label: string, value: string, testId: string, alarm = false) => (
    <div className={`dsum__figure${alarm ? ' dsum__figure--alarm' : ''}`} data-testid={testId}>
      <span className="dsum__label">{label}</span>
      <strong className="dsum__value">{value}</strong>
    </div>
  );
  const n = (v: number | undefined) => (v === undefined ? '—' : String(v));
  return (
    <section className={`dsum${rates ? '' : ' dsum--counts'}`} data-testid="dispatch-summary" aria-label={t('board.title')}>
      {figure(t('stats.open'), n(k?.open), 'dsum-open')}
      {figure(t('stats.overdue'), n(k?.overdue), 'dsum-overdue', (k?.overdue ?? 0) > 0)}
      {figure(t('stats.openedToday'), n(k?.openedToday), 'dsum-opened-today')}
      {figure(t('stats.closedToday'), n(k?.closedToday), 'dsum-closed-today')}
      {rates && figure(t('kpi.closureRate'), k ? formatRate(k.closureRate, lang) : '—', 'dsum-closure-rate')}
      {rates && figure(t('kpi.onTimeRate'), k ? formatRate(k.onTimeClosureRate, lang) : '—', 'dsum-ontime-rate')}
    </section>
  );
}
