import { ALERT_LEVELS, type Agg, type Localized, type MetricDef, type MetricWindow, type PlaceKind, type RawEventKind } from '@cw/contracts';
import { seriesOfCompute } from './series.ts';

/**
 * A figure's definition in words, derived from its catalogue entry: what is counted, over
 * which window, from which source systems' raw events, judged against which limits. The
 * leader's screen shows it when a figure is tapped; being derived, it cannot drift from
 * what the server computes.
 */

/** The system that reports each kind of raw event (packages/contracts/src/events.ts). */
export const EVENT_SOURCES: Record<RawEventKind, Localized> = {
  'air.reading': { zh: '空气质量自动监测站', en: 'Air-quality monitoring stations' },
  'water.section': { zh: '地表水断面监测', en: 'Surface-water monitoring sections' },
  'gov.received': { zh: '政务服务平台办件受理记录', en: 'Government service platform: applications received' },
  'gov.completed': { zh: '政务服务平台办结记录', en: 'Government service platform: applications completed' },
  'gov.rating': { zh: '政务服务好差评系统', en: 'Government service rating system' },
  'gov.queue': { zh: '政务大厅排队叫号系统', en: 'Service-hall queuing system' },
  'hotline.call': { zh: '12345热线话务系统', en: '12345 hotline call system' },
  'police.incident': { zh: '110接处警系统', en: '110 police dispatch system' },
  'fire.alarm': { zh: '119火警及自动报警系统', en: '119 and automatic fire-alarm systems' },
  'traffic.accident': { zh: '交通事故处理系统', en: 'Traffic accident records' },
  'crowd.alert': { zh: '重点场所人流密度监测', en: 'Crowd-density monitoring at key places' },
  'device.status': { zh: '视频及物联设备心跳', en: 'Camera and sensor heartbeats' },
  'device.alarm': { zh: '视频智能分析与物联感知告警', en: 'Video-analytics and sensor alarms' },
  'health.outpatient': { zh: '医院HIS挂号记录', en: 'Hospital HIS registrations' },
  'health.beds': { zh: '医院床位上报', en: 'Hospital bed census' },
  'transit.trip': { zh: '公交票务系统', en: 'Bus fare system' },
  'utility.fault': { zh: '水电气故障报修', en: 'Water, power and gas fault reports' },
  'tourism.gate': { zh: '景区闸机计数', en: 'Scenic-area gate counts' },
  'tourism.hotel': { zh: '酒店客房上报', en: 'Hotel room census' },
};

const WINDOW: Record<MetricWindow, Localized> = {
  today: { zh: '今日（本地0时起）', en: 'Today (since local midnight)' },
  hour: { zh: '本小时', en: 'This clock hour' },
  trailing1h: { zh: '最近60分钟', en: 'The last 60 minutes' },
};

const AGG: Record<Agg, Localized> = {
  count: { zh: '条数', en: 'number of records' },
  sum: { zh: '之和', en: 'sum' },
  mean: { zh: '平均值', en: 'mean' },
  min: { zh: '最小值', en: 'minimum' },
  max: { zh: '最大值', en: 'maximum' },
  last: { zh: '最新值', en: 'latest value' },
};

const PLACES: Record<PlaceKind, Localized> = {
  hall: { zh: '政务大厅', en: 'service halls' },
  hospital: { zh: '医院', en: 'hospitals' },
  scenic: { zh: '景区', en: 'scenic areas' },
  hotel: { zh: '酒店', en: 'hotels' },
  water_section: { zh: '水质断面', en: 'water sections' },
  camera: { zh: '视频监控点', en: 'cameras' },
  sensor: { zh: '物联传感器', en: 'sensors' },
};

/** The event kind a series is named after (`<kind>[.<field>][|<type>]`, observe.ts). */
export function seriesKind(series: string): string {
  const base = series.split('|')[0]!;
  const dot = base.indexOf('.', base.indexOf('.') + 1);
  return dot === -1 ? base : base.slice(0, dot);
}

/** The event kinds a metric reads, in the order its formula names them. */
export function metricSourceKinds(def: MetricDef): RawEventKind[] {
  const series = seriesOfCompute(def.compute);
  const kinds: RawEventKind[] = [];
  for (const s of series) {
    const k = seriesKind(s);
    if (k in EVENT_SOURCES && !kinds.includes(k as RawEventKind)) kinds.push(k as RawEventKind);
  }
  return kinds;
}

const both = (f: (lang: 'zh' | 'en') => string): Localized => ({ zh: f('zh'), en: f('en') });
const term = (series: string, agg: Agg, lang: 'zh' | 'en') => (lang === 'zh' ? `「${series}」${AGG[agg].zh}` : `${AGG[agg].en} of “${series}”`);

/** How the figure is computed, as a sentence naming its raw-event series. */
export function metricFormula(def: MetricDef): Localized {
  const c = def.compute;
  const scaled = (s: number | undefined, lang: 'zh' | 'en') => (s === undefined || s === 1 ? '' : lang === 'zh' ? ` × ${s}` : `, × ${s}`);
  switch (c.kind) {
    case 'aqi':
      return {
        zh: '空气质量指数（HJ 633-2012 小时值）：六项污染物最近60分钟均值的分指数取最大',
        en: 'Air quality index (HJ 633-2012, hourly form): the highest sub-index of the six pollutants’ means over the last 60 minutes',
      };
    case 'good_days':
      return { zh: '今年以来（不含今日）日 AQI ≤ 100（优、良）的天数占比', en: 'Share of days this year, before today, whose daily AQI was ≤ 100 (good or moderate)' };
    case 'window':
      return both((lang) => `${WINDOW[c.window][lang]}${lang === 'zh' ? '' : ': '}${term(c.series, c.agg, lang)}${scaled(c.scale, lang)}`);
    case 'ratio':
      return both((lang) => `${WINDOW[c.window][lang]}${lang === 'zh' ? '' : ': '}${term(c.num.series, c.num.agg, lang)} ÷ ${term(c.den.series, c.den.agg, lang)} × 100%`);
    case 'net':
      return both((lang) => `${WINDOW[c.window][lang]}${lang === 'zh' ? '' : ': '}${term(c.plus.series, c.plus.agg, lang)} − ${term(c.minus.series, c.minus.agg, lang)}`);
    case 'gauge':
      return both((lang) =>
        lang === 'zh'
          ? `各${PLACES[c.places].zh}最近24小时内「${c.series}」最新读数的${c.agg === 'sum' ? '合计' : '平均'}${scaled(c.scale, lang)}`
          : `${c.agg === 'sum' ? 'Total' : 'Mean'} of the latest “${c.series}” reading of each of the ${PLACES[c.places].en} within the last 24 h${scaled(c.scale, lang)}`,
      );
    case 'gauge_ratio':
      return both((lang) =>
        lang === 'zh'
          ? `各${PLACES[c.places].zh}最新「${c.num}」之和 ÷ 最新「${c.den}」之和 × 100%`
          : `Sum of the latest “${c.num}” over the sum of the latest “${c.den}” of the ${PLACES[c.places].en}, × 100%`,
      );
    case 'capacity_use':
      return both((lang) =>
        lang === 'zh'
          ? `今日「${c.plus}」之和 − 「${c.minus}」之和，÷ 范围内景区最大承载量之和 × 100%`
          : `Today’s sum of “${c.plus}” minus “${c.minus}”, over the total capacity of the scenic areas in scope, × 100%`,
      );
  }
}

/** The limits a figure is judged against, in words; null for a figure without thresholds. */
export function metricLimits(def: MetricDef): Localized | null {
  const t = def.thresholds;
  if (t === undefined) return null;
  const unit = (lang: 'zh' | 'en') => def.unit[lang];
  const sample = (lang: 'zh' | 'en') =>
    def.minSample === undefined ? '' : lang === 'zh' ? `；样本少于 ${def.minSample} 时不作判定` : `; not judged on fewer than ${def.minSample} in the sample`;
  const ZH_LEVEL = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' } as const;
  const cmp = t.bad === 'high' ? '≥' : '≤';
  const back = t.bad === 'high' ? '<' : '>';
  return both((lang) => {
    const levels = ALERT_LEVELS.filter((l) => t.levels[l] !== undefined).map((l) =>
      lang === 'zh' ? `${cmp} ${t.levels[l]}${unit(lang)} ${ZH_LEVEL[l]}` : `${l} at ${cmp} ${t.levels[l]}${unit(lang)}`,
    );
    return lang === 'zh'
      ? `${levels.join('，')}；${back} ${t.clear}${unit(lang)} 解除${sample(lang)}`
      : `${levels.join(', ')}; clears at ${back} ${t.clear}${unit(lang)}${sample(lang)}`;
  });
}

/**
 * Whether a higher value is worse, for ranking divisions worst first: from the thresholds'
 * bad direction; without thresholds, none is worse (the caller ranks by size).
 */
export function worseIsHigher(def: MetricDef): boolean | null {
  if (def.thresholds !== undefined) return def.thresholds.bad === 'high';
  if (def.compute.kind === 'aqi') return true;
  return null;
}
