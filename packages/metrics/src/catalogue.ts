import {
  DEVICE_ALARM_TYPES,
  POLICE_INCIDENT_TYPES,
  UTILITY_TYPES,
  VISITOR_ORIGINS,
  metricDefSchema,
  type MetricDef,
  type MetricDefInput,
} from '@cw/contracts';

/**
 * The vital-sign catalogue (城市运行体征): one entry per figure, saying how it is rolled up
 * from raw-event series (named as in observe.ts), its thresholds and its staleness budget.
 * Screens, alerts and the API all read this list; a city profile may override thresholds.
 */

const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;

const u = (zh: string, en = zh) => ({ zh, en });
const PERCENT = u('%');
const NONE = u('');

const government: MetricDefInput[] = [
  {
    id: 'gov.received_today',
    domain: 'government',
    name: { zh: '今日受理办件', en: 'Applications received today' },
    unit: u('件', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'gov.received', agg: 'count', window: 'today' },
    staleAfterSec: 3 * DAY,
    key: true,
  },
  {
    id: 'gov.completed_today',
    domain: 'government',
    name: { zh: '今日办结', en: 'Applications completed today' },
    unit: u('件', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'gov.completed', agg: 'count', window: 'today' },
    staleAfterSec: 3 * DAY,
    key: true,
  },
  {
    id: 'gov.on_time_rate',
    domain: 'government',
    name: { zh: '按时办结率', en: 'On-time completion rate' },
    unit: PERCENT,
    decimals: 1,
    compute: { kind: 'ratio', num: { series: 'gov.completed.onTime', agg: 'sum' }, den: { series: 'gov.completed', agg: 'count' }, window: 'today' },
    minSample: 50,
    thresholds: { bad: 'low', levels: { blue: 95, yellow: 92, orange: 85 }, clear: 97 },
    staleAfterSec: 3 * DAY,
    key: true,
  },
  {
    id: 'gov.online_rate',
    domain: 'government',
    name: { zh: '网办率', en: 'Online handling rate' },
    unit: PERCENT,
    decimals: 1,
    compute: { kind: 'ratio', num: { series: 'gov.received.online', agg: 'sum' }, den: { series: 'gov.received', agg: 'count' }, window: 'today' },
    minSample: 100,
    thresholds: { bad: 'low', levels: { blue: 40, yellow: 30 }, clear: 45 },
    staleAfterSec: 3 * DAY,
  },
  {
    id: 'gov.satisfaction',
    domain: 'government',
    name: { zh: '好评率', en: 'Satisfaction rate' },
    unit: PERCENT,
    decimals: 1,
    compute: { kind: 'ratio', num: { series: 'gov.rating.good', agg: 'sum' }, den: { series: 'gov.rating', agg: 'count' }, window: 'today' },
    minSample: 50,
    thresholds: { bad: 'low', levels: { blue: 95, yellow: 92, orange: 85 }, clear: 97 },
    staleAfterSec: 3 * DAY,
    key: true,
  },
  {
    id: 'gov.queue_now',
    domain: 'government',
    name: { zh: '大厅排队人数', en: 'People queuing in halls' },
    unit: u('人', ''),
    decimals: 0,
    compute: { kind: 'gauge', series: 'gov.queue.waiting', agg: 'sum', places: 'hall' },
    split: { by: 'place', places: 'hall' },
    thresholds: { bad: 'high', levels: { blue: 100, yellow: 150, orange: 250, red: 400 }, clear: 80 },
    judgedIn: 'divisions',
    staleAfterSec: 3 * DAY,
  },
  {
    id: 'gov.wait_avg',
    domain: 'government',
    name: { zh: '平均等候时长', en: 'Average wait' },
    unit: u('分钟', 'min'),
    decimals: 1,
    compute: { kind: 'gauge', series: 'gov.queue.waitMin', agg: 'mean', places: 'hall' },
    thresholds: { bad: 'high', levels: { blue: 30, yellow: 40, orange: 60, red: 90 }, clear: 25 },
    staleAfterSec: 3 * DAY,
  },
  {
    id: 'hotline.calls_today',
    domain: 'government',
    name: { zh: '12345今日来电', en: '12345 calls today' },
    unit: u('个', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'hotline.call', agg: 'count', window: 'today' },
    staleAfterSec: 6 * HOUR,
    key: true,
  },
  {
    id: 'hotline.answer_rate',
    domain: 'government',
    name: { zh: '12345接通率', en: '12345 answer rate' },
    unit: PERCENT,
    decimals: 1,
    compute: { kind: 'ratio', num: { series: 'hotline.call.answered', agg: 'sum' }, den: { series: 'hotline.call', agg: 'count' }, window: 'today' },
    minSample: 100,
    thresholds: { bad: 'low', levels: { blue: 88, yellow: 85, orange: 80, red: 70 }, clear: 90 },
    judgedIn: 'city',
    staleAfterSec: 6 * HOUR,
    key: true,
  },
];

const POLLUTANT_METRICS = [
  // [pollutant, label, unit, decimals, levels]: the 1-hour concentrations just above those at
  // which the pollutant alone has IAQI 100, 150, 200 and 300 (HJ 633-2012 Table 1; PM2.5 and
  // PM10 by their 24-hour breakpoints, as HJ 633's hourly AQI does; SO₂ has no 1-hour
  // breakpoint above IAQI 200).
  ['pm25', 'PM2.5', 'μg/m³', 0, [75.1, 115.1, 150.1, 250.1]],
  ['pm10', 'PM10', 'μg/m³', 0, [150.1, 250.1, 350.1, 420.1]],
  ['so2', 'SO₂', 'μg/m³', 0, [500.1, 650.1, 800.1, undefined]],
  ['no2', 'NO₂', 'μg/m³', 0, [200.1, 700.1, 1200.1, 2340.1]],
  ['co', 'CO', 'mg/m³', 1, [10.1, 35.1, 60.1, 90.1]],
  ['o3', 'O₃', 'μg/m³', 0, [200.1, 300.1, 400.1, 800.1]],
] as const;

const environment: MetricDefInput[] = [
  {
    id: 'env.aqi',
    domain: 'environment',
    name: { zh: '空气质量指数', en: 'Air quality index' },
    unit: NONE,
    decimals: 0,
    compute: { kind: 'aqi' },
    thresholds: { bad: 'high', levels: { blue: 151, yellow: 201, orange: 301 }, clear: 130 },
    staleAfterSec: 20 * MIN,
    key: true,
  },
  ...POLLUTANT_METRICS.map(
    ([p, label, unit, decimals, [blue, yellow, orange, red]]): MetricDefInput => ({
      id: `env.${p}`,
      domain: 'environment',
      name: { zh: `${label}小时均值`, en: `${label} 1-hour mean` },
      unit: u(unit),
      decimals,
      compute: { kind: 'window', series: `air.reading.${p}`, agg: 'mean', window: 'trailing1h' },
      thresholds: { bad: 'high', levels: { blue, yellow, orange, ...(red === undefined ? {} : { red }) }, clear: Math.round(blue * 9) / 10 },
      // The AQI figure carries the air alert and names the primary pollutant: one episode, one alert.
      raisesAlerts: false,
      staleAfterSec: 20 * MIN,
    }),
  ),
  {
    id: 'env.good_days',
    domain: 'environment',
    name: { zh: '今年优良天数比例', en: 'Good-air days this year' },
    unit: PERCENT,
    decimals: 1,
    compute: { kind: 'good_days' },
    thresholds: { bad: 'low', levels: { blue: 90, yellow: 80 }, clear: 91 },
    // A share of a handful of days is noise (one haze day in two is 50 %): judged from a month of days.
    minSample: 30,
    staleAfterSec: 2 * DAY,
    key: true,
  },
  {
    id: 'env.water_meeting',
    domain: 'environment',
    name: { zh: '水质达标断面比例', en: 'Water sections meeting target' },
    unit: PERCENT,
    decimals: 1,
    compute: { kind: 'gauge', series: 'water.section.meets', agg: 'mean', places: 'water_section', scale: 100 },
    split: { by: 'place', places: 'water_section' },
    // A division with one or two sections swings between 0 % and 100 %; the city's share is the figure.
    minSample: 4,
    thresholds: { bad: 'low', levels: { blue: 90, yellow: 75 }, clear: 95 },
    staleAfterSec: 12 * HOUR,
    key: true,
  },
  {
    id: 'env.readings_today',
    domain: 'environment',
    name: { zh: '今日空气监测数据', en: 'Air readings today' },
    unit: u('条', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'air.reading', agg: 'count', window: 'today' },
    staleAfterSec: 20 * MIN,
  },
];

const safety: MetricDefInput[] = [
  {
    id: 'safety.police_today',
    domain: 'safety',
    name: { zh: '今日110警情', en: '110 incidents today' },
    unit: u('起', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'police.incident', agg: 'count', window: 'today' },
    split: { by: 'type', types: [...POLICE_INCIDENT_TYPES] },
    staleAfterSec: 6 * HOUR,
    key: true,
  },
  {
    id: 'safety.fire_today',
    domain: 'safety',
    name: { zh: '今日火警', en: 'Fire alarms today' },
    unit: u('起', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'fire.alarm', agg: 'count', window: 'today' },
    split: { by: 'type', types: ['confirmed', 'false_alarm'] },
    staleAfterSec: 2 * DAY,
    key: true,
  },
  {
    id: 'safety.accidents_today',
    domain: 'safety',
    name: { zh: '今日交通事故', en: 'Traffic accidents today' },
    unit: u('起', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'traffic.accident', agg: 'count', window: 'today' },
    staleAfterSec: DAY,
    key: true,
  },
  {
    id: 'safety.camera_online',
    domain: 'safety',
    name: { zh: '视频监控在线率', en: 'Cameras online' },
    unit: PERCENT,
    decimals: 1,
    compute: { kind: 'gauge', series: 'device.status.online', agg: 'mean', places: 'camera', scale: 100 },
    split: { by: 'place', places: 'camera' },
    thresholds: { bad: 'low', levels: { blue: 95, yellow: 90, orange: 80, red: 70 }, clear: 97 },
    // Judged only over 50 devices or more, where one device moves the rate by 2 points at most:
    // a single fault is a device fault (on the map and in the feed), not an alert.
    minSample: 50,
    staleAfterSec: 15 * MIN,
    key: true,
  },
  {
    id: 'safety.sensor_online',
    domain: 'safety',
    name: { zh: '物联感知在线率', en: 'Sensors online' },
    unit: PERCENT,
    decimals: 1,
    compute: { kind: 'gauge', series: 'device.status.online', agg: 'mean', places: 'sensor', scale: 100 },
    split: { by: 'place', places: 'sensor' },
    // Lower than cameras': battery sensors run at 96–98 % by type (97 % mean), and a district's
    // ~100 of them wander about 1.7 points (binomial, 3 % offline), so 蓝 at 95 fired on chance
    // several times a day (bench:alerts); at 92 it is about three deviations below normal.
    thresholds: { bad: 'low', levels: { blue: 92, yellow: 88, orange: 80, red: 70 }, clear: 95 },
    // Judged only over 50 devices or more, where one device moves the rate by 2 points at most:
    // a single fault is a device fault (on the map and in the feed), not an alert.
    minSample: 50,
    staleAfterSec: 15 * MIN,
  },
  {
    id: 'safety.crowd_alerts_today',
    domain: 'safety',
    name: { zh: '今日人群密度预警', en: 'Crowd-density alerts today' },
    unit: u('次', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'crowd.alert', agg: 'count', window: 'today' },
    thresholds: { bad: 'high', levels: { blue: 3, yellow: 10, orange: 30, red: 60 }, clear: 3 },
    judgedIn: 'divisions',
    staleAfterSec: 3 * DAY,
  },
  {
    id: 'safety.device_alarms_today',
    domain: 'safety',
    name: { zh: '今日感知告警', en: 'Device alarms today' },
    unit: u('次', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'device.alarm', agg: 'count', window: 'today' },
    split: { by: 'type', types: [...DEVICE_ALARM_TYPES] },
    staleAfterSec: 3 * DAY,
  },
];

const livelihood: MetricDefInput[] = [
  {
    id: 'live.outpatient_today',
    domain: 'livelihood',
    name: { zh: '今日门急诊人次', en: 'Outpatient visits today' },
    unit: u('人次', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'health.outpatient.visits', agg: 'sum', window: 'today' },
    split: { by: 'place', places: 'hospital' },
    staleAfterSec: 2 * HOUR,
    key: true,
  },
  {
    id: 'live.bed_occupancy',
    domain: 'livelihood',
    name: { zh: '病床使用率', en: 'Hospital bed occupancy' },
    unit: PERCENT,
    decimals: 1,
    compute: { kind: 'gauge_ratio', num: 'health.beds.occupied', den: 'health.beds.total', places: 'hospital' },
    thresholds: { bad: 'high', levels: { blue: 95, yellow: 97, orange: 99 }, clear: 92 },
    staleAfterSec: 2 * HOUR,
    key: true,
  },
  {
    id: 'live.bus_today',
    domain: 'livelihood',
    name: { zh: '今日公交客运量', en: 'Bus passengers today' },
    unit: u('人次', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'transit.trip.boardings', agg: 'sum', window: 'today' },
    staleAfterSec: 12 * HOUR,
    key: true,
  },
  {
    id: 'live.utility_faults_today',
    domain: 'livelihood',
    name: { zh: '今日水电气故障', en: 'Water, power and gas faults today' },
    unit: u('起', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'utility.fault', agg: 'count', window: 'today' },
    split: { by: 'type', types: [...UTILITY_TYPES] },
    thresholds: { bad: 'high', levels: { blue: 8, yellow: 12, orange: 20, red: 30 }, clear: 8 },
    judgedIn: 'divisions',
    staleAfterSec: 2 * DAY,
    key: true,
  },
];

const tourism: MetricDefInput[] = [
  {
    id: 'tour.visitors_now',
    domain: 'tourism',
    name: { zh: '景区在园人数', en: 'Visitors in scenic areas now' },
    unit: u('人', ''),
    decimals: 0,
    compute: { kind: 'net', plus: { series: 'tourism.gate.entries', agg: 'sum' }, minus: { series: 'tourism.gate.exits', agg: 'sum' }, window: 'today' },
    split: { by: 'place', places: 'scenic' },
    staleAfterSec: 30 * MIN,
    key: true,
  },
  {
    id: 'tour.visitors_today',
    domain: 'tourism',
    name: { zh: '今日接待游客', en: 'Visitors today' },
    unit: u('人次', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'tourism.gate.entries', agg: 'sum', window: 'today' },
    split: { by: 'place', places: 'scenic' },
    staleAfterSec: 30 * MIN,
    key: true,
  },
  {
    id: 'tour.capacity_use',
    domain: 'tourism',
    name: { zh: '景区承载率', en: 'Scenic-area capacity use' },
    unit: PERCENT,
    decimals: 1,
    compute: { kind: 'capacity_use', plus: 'tourism.gate.entries', minus: 'tourism.gate.exits' },
    split: { by: 'place', places: 'scenic' },
    thresholds: { bad: 'high', levels: { blue: 70, yellow: 80, orange: 90, red: 100 }, clear: 65 },
    staleAfterSec: 30 * MIN,
    key: true,
  },
  {
    id: 'tour.origin_today',
    domain: 'tourism',
    name: { zh: '今日游客来源', en: 'Visitor origin today' },
    unit: u('人次', ''),
    decimals: 0,
    compute: { kind: 'window', series: 'tourism.gate.entries', agg: 'sum', window: 'today' },
    split: { by: 'type', types: [...VISITOR_ORIGINS] },
    staleAfterSec: 30 * MIN,
  },
  {
    id: 'tour.hotel_occupancy',
    domain: 'tourism',
    name: { zh: '酒店入住率', en: 'Hotel occupancy' },
    unit: PERCENT,
    decimals: 1,
    compute: { kind: 'gauge_ratio', num: 'tourism.hotel.occupied', den: 'tourism.hotel.rooms', places: 'hotel' },
    staleAfterSec: 3 * HOUR,
    key: true,
  },
];

export const CATALOGUE: readonly MetricDef[] = [...government, ...environment, ...safety, ...livelihood, ...tourism].map((m) => metricDefSchema.parse(m));

export function metricById(id: string): MetricDef | undefined {
  return CATALOGUE.find((m) => m.id === id);
}

/** The catalogue with a city's threshold overrides applied. */
export function catalogueFor(overrides: Readonly<Record<string, MetricDef['thresholds']>>): readonly MetricDef[] {
  return CATALOGUE.map((m) => (overrides[m.id] ? { ...m, thresholds: overrides[m.id] } : m));
}
