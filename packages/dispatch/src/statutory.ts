/**
 * The public holidays of the People's Republic of China that the law fixes, for the years
 * whose State Council holiday notice (放假调休安排) is not in a profile yet. The notice adds
 * bridging days and the weekend days worked in exchange (调休); those cannot be known before
 * it is published, so none are guessed: a provisional year has the statutory days only, and
 * the weekends next to them join the break as any weekend does.
 *
 * Statutory days (全国年节及纪念日放假办法, as revised by State Council Decree No. 795 of
 * 2024-11-10, in force from 2025): 元旦 1 January; 春节 4 days, 除夕 and 正月初一 to 初三;
 * 清明 the day of the solar term; 劳动节 1 and 2 May; 端午 五月初五; 中秋 八月十五; 国庆 1 to 3
 * October.
 */

export type Festival = 'new_year' | 'spring_festival' | 'qingming' | 'labour_day' | 'dragon_boat' | 'mid_autumn' | 'national_day';

/**
 * Lunar and solar-term dates by year: 除夕, 清明, 端午, 中秋 ("MM-DD"; 春节 follows 除夕).
 * 春节: published tables of Chinese New Year (e.g. factmonster.com "Chinese New Year Dates":
 * 2027-02-06, 2028-01-26, 2029-02-13, 2030-02-03). 端午 and 中秋: ICU's Chinese calendar
 * (Node's Intl, zh-u-ca-chinese in Asia/Shanghai), which agrees with the published tables for
 * these days; it is not used for 春节 because it puts 2027's on 7 February and 2030's on
 * 2 February, new moons within minutes of Beijing midnight that it rounds the other way.
 * 清明 (sun at 15° longitude): 2027-04-05 08:17 Beijing time; 4 April in 2028 and 2029, 5 April
 * in 2030. Years after the table get the fixed-date holidays only.
 */
const LUNAR: Readonly<Record<number, { eve: string; qingming: string; dragonBoat: string; midAutumn: string }>> = {
  2025: { eve: '01-28', qingming: '04-04', dragonBoat: '05-31', midAutumn: '10-06' },
  2026: { eve: '02-16', qingming: '04-05', dragonBoat: '06-19', midAutumn: '09-25' },
  2027: { eve: '02-05', qingming: '04-05', dragonBoat: '06-09', midAutumn: '09-15' },
  2028: { eve: '01-25', qingming: '04-04', dragonBoat: '05-28', midAutumn: '10-03' },
  2029: { eve: '02-12', qingming: '04-04', dragonBoat: '06-16', midAutumn: '09-22' },
  2030: { eve: '02-02', qingming: '04-05', dragonBoat: '06-05', midAutumn: '09-12' },
};

/** The first and last years with lunar dates in the table. */
export const STATUTORY_LUNAR_YEARS = [2025, 2030] as const;

const DAY_MS = 86_400_000;
const dayOf = (year: number, mmdd: string) => Date.UTC(year, Number(mmdd.slice(0, 2)) - 1, Number(mmdd.slice(3, 5))) / DAY_MS;

/**
 * The statutory public holidays of `year` as local day numbers (days since 1970-01-01) with
 * their festival, in date order. Lunar ones only for the years of the table.
 */
export function statutoryHolidays(year: number): { day: number; festival: Festival }[] {
  const out: { day: number; festival: Festival }[] = [
    { day: dayOf(year, '01-01'), festival: 'new_year' },
    { day: dayOf(year, '05-01'), festival: 'labour_day' },
    { day: dayOf(year, '05-02'), festival: 'labour_day' },
    { day: dayOf(year, '10-01'), festival: 'national_day' },
    { day: dayOf(year, '10-02'), festival: 'national_day' },
    { day: dayOf(year, '10-03'), festival: 'national_day' },
  ];
  const lunar = LUNAR[year];
  if (lunar) {
    const eve = dayOf(year, lunar.eve);
    for (let i = 0; i < 4; i++) out.push({ day: eve + i, festival: 'spring_festival' });
    out.push({ day: dayOf(year, lunar.qingming), festival: 'qingming' });
    out.push({ day: dayOf(year, lunar.dragonBoat), festival: 'dragon_boat' });
    out.push({ day: dayOf(year, lunar.midAutumn), festival: 'mid_autumn' });
  }
  return out.sort((a, b) => a.day - b.day);
}
