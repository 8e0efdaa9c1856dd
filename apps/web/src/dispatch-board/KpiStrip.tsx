import type { DispatchOverview } from '@cw/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { CuedValue } from './CuedValue.tsx';
import { RATE_TARGETS, formatRate, rateTone, type RateTarget, type RateTone } from './boardData.ts';

/**
 * The closure, extension and satisfaction rates with what they are taken over, and returns
 * and rework: green or red against the board's targets, neutral over too few cases.
 */
export function KpiStrip({ kpis }: { kpis: DispatchOverview | undefined }) {
  const { t, lang } = useI18n();
  const tile = (testId: string, label: string, value: string, basis: string, tone: RateTone = 'none') => (
    <div className={`db-kpi db-kpi--${tone}`} data-testid={testId} data-tone={tone}>
      <span className="db-kpi__label">{label}</span>
      <CuedValue className="db-kpi__value" value={value} />
      <span className="db-kpi__basis">{basis}</span>
    </div>
  );
  const rate = (testId: string, label: string, value: number | null, n: number, d: number, basisKey: 'kpi.ofDue' | 'kpi.ofEvaluated' | 'kpi.ofRegistered', target: RateTarget) =>   {
    const tone = rateTone(value, d, target);
    // Too few cases: the count and the reason replace the wording, to stay on one line.
    return tile(testId, label, formatRate(value, lang), tone === 'thin' ? t('kpi.thin', { n, d }) : t(basisKey, { n, d }), tone);
  };
  const k = kpis;
  if (!k) {
    return (
      <div className="db-kpis" data-testid="kpis">
        {tile('kpi-closure-rate', t('kpi.closureRate'), '—', '')}
        {tile('kpi-ontime-rate', t('kpi.onTimeRate'), '—', '')}
        {tile('kpi-satisfaction', t('kpi.satisfaction'), '—', '')}
        {tile('kpi-extension-rate', t('kpi.extensionRate'), '—', '')}
        {tile('kpi-returns', t('kpi.returns'), '—', '')}
        {tile('kpi-reworks', t('kpi.reworks'), '—', '')}
      </div>
    );
  }
  return (
    <div className="db-kpis" data-testid="kpis">
      {rate('kpi-closure-rate', t('kpi.closureRate'), k.closureRate, k.closed, k.due, 'kpi.ofDue', RATE_TARGETS.closure)}
      {rate('kpi-ontime-rate', t('kpi.onTimeRate'), k.onTimeClosureRate, k.closedOnTime, k.due, 'kpi.ofDue', RATE_TARGETS.onTime)}
      {rate('kpi-satisfaction', t('kpi.satisfaction'), k.satisfactionRate, k.satisfied, k.evaluated, 'kpi.ofEvaluated', RATE_TARGETS.satisfaction)}
      {rate('kpi-extension-rate', t('kpi.extensionRate'), k.extensionRate, k.extended, k.registered, 'kpi.ofRegistered', RATE_TARGETS.extension)}
      {tile('kpi-returns', t('kpi.returns'), String(k.returns), t('kpi.days', { days: k.days }))}
      {tile('kpi-reworks', t('kpi.reworks'), String(k.reworks), t('kpi.reworkRate', { rate: formatRate(k.reworkRate, lang) }), rateTone(k.reworkRate, k.closed, RATE_TARGETS.rework))}
    </div>
  );
}
