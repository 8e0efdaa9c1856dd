import type { DispatchOverview } from '@cw/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatRate } from './boardData.ts';

/** The closure, extension and satisfaction rates with what they are taken over, and returns and rework. */
export function KpiStrip({ kpis }: { kpis: DispatchOverview | undefined }) {
  const { t, lang } = useI18n();
  const tile = (testId: string, label: string, value: string, basis: string) => (
    <div className="db-kpi" data-testid={testId}>
      <span className="db-kpi__label">{label}</span>
      <strong className="db-kpi__value">{value}</strong>
      <span className="db-kpi__basis">{basis}</span>
    </div>
  );
  const k = kpis;
  return (
    <div className="db-kpis" data-testid="kpis">
      {tile('kpi-closure-rate', t('kpi.closureRate'), k ? formatRate(k.closureRate, lang) : '—', k ? t('kpi.ofDue', { n: k.closed, d: k.due }) : '')}
      {tile('kpi-ontime-rate', t('kpi.onTimeRate'), k ? formatRate(k.onTimeClosureRate, lang) : '—', k ? t('kpi.ofDue', { n: k.closedOnTime, d: k.due }) : '')}
      {tile('kpi-satisfaction', t('kpi.satisfaction'), k ? formatRate(k.satisfactionRate, lang) : '—', k ? t('kpi.ofEvaluated', { n: k.satisfied, d: k.evaluated }) : '')}
      {tile('kpi-extension-rate', t('kpi.extensionRate'), k ? formatRate(k.extensionRate, lang) : '—', k ? t('kpi.ofRegistered', { n: k.extended, d: k.registered }) : '')}
      {tile('kpi-returns', t('kpi.returns'), k ? String(k.returns) : '—', k ? t('kpi.days', { days: k.days }) : '')}
      {tile('kpi-reworks', t('kpi.reworks'), k ? String(k.reworks) : '—', k ? t('kpi.reworkRate', { rate: formatRate(k.reworkRate, lang) }) : '')}
    </div>
  );
}
