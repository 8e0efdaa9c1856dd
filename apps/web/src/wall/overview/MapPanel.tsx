import { useRef } from 'react';
import { AQI_CATEGORIES } from '@cw/aqi';
import { CITY_SCOPE, type MetricDef } from '@cw/contracts';
import { DOMAINS, DOMAIN_VIEWS } from '../../domains.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useParts, useValues } from '../../live/store.ts';
import { useWallData } from '../WallData.tsx';
import { useBoxSize } from '../useBoxSize.ts';
import { setMapMetric, useWallUi } from '../wallStore.ts';
import { CityMap, useMapScale } from './CityMap.tsx';
import { pieceLabel } from './mapScale.ts';
import { DivisionCard } from './DivisionCard.tsx';
import { devicesOnline } from './deviceClusters.ts';

/** The centre of the overview: the map with its metric choice, legend and the tapped division's figures. */
export function MapPanel() {
  const { t, l } = useI18n();
  const { metric } = useWallData();
  const chosen = useWallUi((s) => s.mapMetric);
  const buttonsEl = useRef<HTMLDivElement>(null);
  const buttons = useBoxSize(buttonsEl);
  const choices = DOMAINS.flatMap((domain) => {
    const m = metric(DOMAIN_VIEWS[domain].rank);
    return m === undefined ? [] : [{ domain, metric: m }];
  });
  const def = metric(chosen) ?? choices[0]?.metric;
  if (def === undefined) return null;
  return (
    <section className="panel panel--map">
      <h2 className="panel__title">
        {t('map.title')} <small>· {l(def.name)}</small>
      </h2>
      <div className="panel__body panel__body--map">
        <div className="map-metrics" role="group" aria-label={t('map.colourBy')} ref={buttonsEl}>
          {choices.map((c) => (
            <button key={c.domain} type="button" className={`chip${c.metric.id === def.id ? ' is-on' : ''}`} data-testid="map-metric" data-metric={c.metric.id} onClick={() => setMapMetric(c.metric.id)}>
              {t(`domain.${c.domain}`)}
            </button>
          ))}
        </div>
        <CityMap metric={def} buttons={buttons} />
        <DivisionCard />
      </div>
      <div className="map-legends">
        <ColourScale metric={def} />
        <MapLegend />
      </div>
    </section>
  );
}

/** What the divisions' colours mean: the AQI categories, or the round pieces of the values, one swatch each. */
function ColourScale({ metric }: { metric: MetricDef }) {
  const { l, value } = useI18n();
  const { divisionCodes } = useWallData();
  const values = useValues(divisionCodes, metric.id);
  const { pieces } = useMapScale(metric, values);
  const isAqi = metric.compute.kind === 'aqi';
  const unit = l(metric.unit);
  return (
    <ul className="map-scale" data-testid="map-scale" data-pieces={pieces.length}>
      {pieces.map((p, i) => {
        const category = p.aqiLevel === undefined ? undefined : AQI_CATEGORIES[p.aqiLevel - 1];
        const range = pieceLabel(p, metric.decimals === 0, (v) => value(v, metric));
        return (
          <li key={p.key} data-testid="map-scale-piece">
            <i style={{ background: p.colour }} aria-hidden />
            {isAqi && category ? l(category) : range}
            {!isAqi && i === pieces.length - 1 && unit && <small>{unit}</small>}
          </li>
        );
      })}
    </ul>
  );
}

/** What the map's symbols mean (shape and colour), with cameras and sensors online. */
function MapLegend() {
  const { t } = useI18n();
  const { profile } = useWallData();
  // Devices, not places: a fleet counts as all its devices.
  const cameras = devicesOnline(profile, useParts(CITY_SCOPE, 'safety.camera_online'), true);
  const sensors = devicesOnline(profile, useParts(CITY_SCOPE, 'safety.sensor_online'), false);
  return (
    <ul className="map-legend" data-testid="map-legend">
      <li>
        <i className="sym sym--camera" aria-hidden />
        {t('map.camera')} <span data-testid="cameras-online">{t('map.online', cameras)}</span>
      </li>
      <li>
        <i className="sym sym--sensor" aria-hidden />
        {t('map.sensor')} <span data-testid="sensors-online">{t('map.online', sensors)}</span>
      </li>
      <li>
        <i className="sym sym--offline" aria-hidden />
        {t('map.offline')}
      </li>
      <li>
        <i className="sym sym--scenic" aria-hidden />
        {t('map.scenic')}
      </li>
      <li>
        <i className="sym sym--incident" aria-hidden />
        {t('map.incident')}
      </li>
      <li>
        <i className="sym sym--alert" aria-hidden />
        {t('map.alert')}
      </li>
    </ul>
  );
}
