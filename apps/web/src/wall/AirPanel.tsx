import { aqiCategory } from '@cw/aqi';
import { POLLUTANTS, vitalsTopic, type CityProfile, type MetricDef, type Pollutant } from '@cw/contracts';
import { useShallow } from 'zustand/react/shallow';
import { formatValue } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useCityReading, useLive } from '../live/store.ts';
import { Tile } from './Tile.tsx';

export const POLLUTANT_LABEL: Record<Pollutant, string> = { pm25: 'PM2.5', pm10: 'PM10', so2: 'SO₂', no2: 'NO₂', co: 'CO', o3: 'O₃' };

/** City-wide air quality: the AQI with its category and primary pollutant, and the six concentrations. */
export function AirPanel({ catalogue, profile }: { catalogue: readonly MetricDef[]; profile: CityProfile }) {
  const { t, l, lang } = useI18n();
  const aqi = useCityReading('env.aqi');
  const readings = useCityReading('env.readings_today');
  const byDivision = useLive(useShallow((s) => profile.divisions.map((d) => s.topics[vitalsTopic(d.code)]?.['env.aqi']?.value ?? null)));
  const cat = aqi?.value == null ? undefined : aqiCategory(aqi.value);
  const good = byDivision.filter((v) => v !== null && v <= 100).length;
  const def = (id: string) => catalogue.find((m) => m.id === id)!;
  return (
    <div className="panel" data-testid="air-panel">
      <h2 className="panel__title">{t('air.title')}</h2>
      <div className="aqi-hero" style={{ ['--aqi-color' as string]: cat?.color ?? 'var(--muted)' }}>
        <div className="aqi-hero__ring">
          <span className="aqi-hero__value" data-testid="city-aqi">
            {formatValue(aqi?.value)}
          </span>
          <span className="aqi-hero__label">{t('air.aqi')}</span>
        </div>
        <div className="aqi-hero__text">
          <div className="aqi-hero__category" data-testid="city-aqi-category">
            {cat ? (lang === 'zh-CN' ? cat.zh : cat.en) : t('nodata')}
          </div>
          <div className="aqi-hero__primary">
            {t('air.primary')}：
            {aqi?.aqi && aqi.aqi.primary.length > 0 ? aqi.aqi.primary.map((p) => POLLUTANT_LABEL[p]).join('、') : t('air.none')}
          </div>
        </div>
      </div>
      <div className="tile-grid tile-grid--3">
        {POLLUTANTS.map((p) => (
          <PollutantTile key={p} def={def(`env.${p}`)} pollutant={p} />
        ))}
      </div>
      <div className="stat-row">
        <div className="stat" data-testid="readings-today">
          <span className="stat__label">{t('air.readingsToday')}</span>
          <span className="stat__value">
            {formatValue(readings?.value)}
            <small>{t('unit.count')}</small>
          </span>
        </div>
        <div className="stat">
          <span className="stat__label">{t('air.divisionsGood')}</span>
          <span className="stat__value">
            {good}/{profile.divisions.length}
          </span>
        </div>
        <div className="stat">
          <span className="stat__label">{t('air.stations')}</span>
          <span className="stat__value">{profile.airStations.length}</span>
        </div>
      </div>
      <p className="panel__note">{l(def('env.aqi').name)} · HJ 633-2012</p>
    </div>
  );
}

function PollutantTile({ def, pollutant }: { def: MetricDef; pollutant: Pollutant }) {
  const reading = useCityReading(def.id);
  return <Tile def={def} reading={reading} label={POLLUTANT_LABEL[pollutant]} />;
}
