import { AQI_CATEGORIES } from '@cw/aqi';
import { CITY_SCOPE } from '@cw/contracts';
import { useAirDaily } from '../../api/queries.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCityCalendar } from '../../live/clock.ts';
import { DAY_MS } from '../../time/cityTime.ts';
import { useWallData } from '../WallData.tsx';

const DAYS = 30;

/** The last 30 days' official daily AQI categories as a strip of coloured, labelled cells. */
export function AirDailyStrip() {
  const { t, l, day } = useI18n();
  const { profile } = useWallData();
  const { dayStart } = useCityCalendar(profile.utcOffsetMinutes);
  const { data } = useAirDaily(CITY_SCOPE, dayStart, DAYS);
  const byDay = new Map((data ?? []).map((d) => [d.day, d.level]));
  const days = Array.from({ length: DAYS }, (_, i) => dayStart - (DAYS - i) * DAY_MS);
  const good = (data ?? []).filter((d) => d.level <= 2).length;
  return (
    <div className="air-strip" data-testid="air-daily" data-days={data?.length ?? 0}>
      <div className="air-strip__head">
        <span>{t('air.daily')}</span>
        <strong>{t('air.goodDays', { good, total: data?.length ?? 0 })}</strong>
      </div>
      <ol className="air-strip__cells">
        {days.map((d) => {
          const cat = AQI_CATEGORIES.find((c) => c.level === byDay.get(d));
          return (
            <li key={d} style={cat ? { background: cat.color } : undefined} title={`${day(d)} ${cat ? l(cat) : ''}`}>
              {cat ? l(cat).slice(0, 1) : ''}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
