import { aqiCategory } from '@cw/aqi';
import type { CityProfile } from '@cw/contracts';
import { formatValue } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDivisionReadings } from './useDivisionReadings.ts';

/** All divisions ranked by live AQI, cleanest first, with their category. */
export function DivisionRanking({ profile }: { profile: CityProfile }) {
  const { t, l, lang } = useI18n();
  const readings = useDivisionReadings(profile, 'env.aqi');
  const rows = profile.divisions
    .map((d, i) => ({ d, r: readings[i] }))
    .sort((a, b) => (a.r?.value ?? Infinity) - (b.r?.value ?? Infinity));
  const max = Math.max(100, ...rows.map((x) => x.r?.value ?? 0));
  return (
    <div className="panel" data-testid="division-ranking">
      <h2 className="panel__title">{t('air.rankTitle')}</h2>
      <ol className="ranking">
        {rows.map(({ d, r }, i) => {
          const cat = r?.value == null ? undefined : aqiCategory(r.value);
          return (
            <li key={d.code} className="ranking__row" data-testid="division-row" data-code={d.code}>
              <span className="ranking__pos">{i + 1}</span>
              <span className="ranking__name">{l(d.name)}</span>
              <span className="ranking__bar">
                <span style={{ width: `${((r?.value ?? 0) / max) * 100}%`, background: cat?.color ?? 'transparent' }} />
              </span>
              <span className="ranking__value" data-testid="division-aqi">
                {formatValue(r?.value)}
              </span>
              <span className="ranking__cat" style={{ color: cat?.color }}>
                {cat ? (lang === 'zh-CN' ? cat.zh : cat.en) : '—'}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
