import { type Briefing, type Domain, type Localized } from '@cw/contracts';
import { CHANNEL_LABELS, EMERGENCY_CATEGORY_LABELS, EMERGENCY_LEVEL_NUMERALS } from '@cw/vocabulary';
import type { PdfBlock, PdfDocumentSpec } from '../documents/pdf.ts';

export type BriefingLang = 'zh-CN' | 'en';

const DOMAIN_NAMES: Record<Domain, Localized> = {
  government: { zh: '政务服务', en: 'Government services' },
  environment: { zh: '生态环保', en: 'Environment' },
  safety: { zh: '公共安全', en: 'Public safety' },
  livelihood: { zh: '民生服务', en: 'Livelihood' },
  tourism: { zh: '全域旅游', en: 'Tourism' },
};

const TEXT = {
  title: { zh: '城市运行日报', en: 'Daily city briefing' },
  compiled: { zh: '编制于', en: 'Compiled' },
  overview: { zh: '一、概况', en: '1. Overview' },
  figures: { zh: '二、运行体征', en: '2. Vital signs' },
  trends: { zh: '三、显著变化（较上周同日）', en: '3. Notable changes (vs same day last week)' },
  cases: { zh: '四、事件分拨', en: '4. Dispatch' },
  alerts: { zh: '五、告警', en: '5. Alerts' },
  emergencies: { zh: '六、突发事件', en: '6. Emergencies' },
  definitions: {
    zh: '口径：各项体征为当日（本地时间 0–24 时）按指标目录计算的日值，AQI 为 HJ 633 日均值，时点类指标取当日最后一次上报；受理按上报时间计，结案按结案时间计，超期为日终时处置或核查时限已过的在办案件；告警时长截至恢复或日终；演练不计入突发事件统计。详见 docs/briefing.md。',
    en: 'Definitions: each vital sign is its daily value from the metric catalogue over the local day (00:00–24:00); the AQI is the HJ 633 daily AQI; point-in-time figures take the last report of the day. Cases are received when reported and closed when closed; overdue means still open at day end with its handling or checking limit passed. Alert durations run to clearance or day end. Drills are not counted. See docs/briefing.md.',
  },
  alertsRaised: { zh: '告警', en: 'Alerts raised' },
  received: { zh: '受理案件', en: 'Cases received' },
  receivedShort: { zh: '受理', en: 'Received' },
  closed: { zh: '结案', en: 'Cases closed' },
  overdue: { zh: '日终超期', en: 'Overdue at day end' },
  declared: { zh: '突发事件（不含演练）', en: 'Emergencies (drills excluded)' },
  domain: { zh: '领域', en: 'Domain' },
  metric: { zh: '指标', en: 'Figure' },
  day: { zh: '当日', en: 'Day' },
  vsDay: { zh: '较前日', en: 'vs day before' },
  vsWeek: { zh: '较上周同日', en: 'vs last week' },
  scope: { zh: '范围', en: 'Area' },
  lastWeek: { zh: '上周同日', en: 'Last week' },
  change: { zh: '变化', en: 'Change' },
  none: { zh: '无', en: 'None' },
  department: { zh: '承办部门', en: 'Department' },
  channel: { zh: '来源渠道', en: 'Channel' },
  unassigned: { zh: '未派遣', en: 'Not dispatched' },
  time: { zh: '时间', en: 'Time' },
  level: { zh: '级别', en: 'Level' },
  duration: { zh: '持续', en: 'Lasted' },
  red: { zh: 'Ⅰ 红色', en: 'Ⅰ Red' },
  orange: { zh: 'Ⅱ 橙色', en: 'Ⅱ Orange' },
  yellow: { zh: 'Ⅲ 黄色', en: 'Ⅲ Yellow' },
  blue: { zh: 'Ⅳ 蓝色', en: 'Ⅳ Blue' },
  ongoing: { zh: '（日终仍越限）', en: ' (still crossing)' },
  title2: { zh: '事件', en: 'Emergency' },
  category: { zh: '类别', en: 'Category' },
  status: { zh: '状态', en: 'Status' },
  active: { zh: '日终响应中', en: 'Active at day end' },
  stoodDown: { zh: '终止于', en: 'Stood down' },
  drill: { zh: '【演练】', en: '[Drill] ' },
  city: { zh: '全市', en: 'City' },
  points: { zh: '个百分点', en: ' pt' },
} satisfies Record<string, Localized>;

/** Renders the figures of a stored briefing as a document for renderPdf: the same numbers as the JSON, laid out to read. */
export function briefingPdfSpec(b: Briefing, lang: BriefingLang, divisions: readonly { code: string; name: Localized }[]): PdfDocumentSpec {
  const en = lang === 'en';
  const l = (x: Localized) => (en ? x.en : x.zh);
  const tx = (k: keyof typeof TEXT) => l(TEXT[k]);
  const number = (v: number | null, decimals = 0) => (v === null ? '—' : new Intl.NumberFormat(lang, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v));
  const signed = (v: number | null, decimals = 0) => (v === null ? '—' : `${v > 0 ? '+' : ''}${number(v, decimals)}`);
  const clock = (ms: number) => new Intl.DateTimeFormat(lang, { timeZone: b.timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  const duration = (ms: number) => {
    const minutes = Math.floor(ms / 60_000);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (en) return h > 0 ? `${h} h ${m} min` : `${m} min`;
    return h > 0 ? `${h}小时${m}分` : `${m}分钟`;
  };
  const scopeName = (scope: string) => {
    const division = divisions.find((d) => d.code === scope);
    return scope === 'city' ? tx('city') : division ? l(division.name) : scope;
  };
  const named = (s: string | Localized) => (typeof s === 'string' ? s : l(s));
  const date = new Intl.DateTimeFormat(lang, { timeZone: b.timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(b.dayStart);

  const blocks: PdfBlock[] = [
    { kind: 'heading', text: tx('overview') },
    {
      kind: 'keyValue',
      rows: [
        { label: tx('alertsRaised'), value: number(b.alerts.raised) },
        { label: tx('received'), value: number(b.cases.received) },
        { label: tx('closed'), value: number(b.cases.closed) },
        { label: tx('overdue'), value: number(b.cases.overdue) },
        { label: tx('declared'), value: number(b.emergencies.declared) },
      ],
    },
    { kind: 'heading', text: tx('figures') },
    {
      kind: 'table',
      columns: [{ header: tx('domain'), width: 1.2 }, { header: tx('metric'), width: 2 }, { header: tx('day'), width: 1.4, align: 'right' }, { header: tx('vsDay'), width: 1.4, align: 'right' }, { header: tx('vsWeek'), width: 1.4, align: 'right' }],
      rows: b.figures.map((f) => {
        // Rates change in percentage points; other figures also by how much relative to before.
        const rate = l(f.unit) === '%';
        const pct = (p: number | null) => (p === null || rate ? '' : ` (${signed(p, 1)}%)`);
        const abs = (v: number | null) => `${signed(v, f.decimals)}${rate && v !== null ? tx('points') : ''}`;
        return [
          l(DOMAIN_NAMES[f.domain]),
          l(f.name),
          `${number(f.value, f.decimals)} ${l(f.unit)}`.trim(),
          `${abs(f.changeDay)}${pct(f.changeDayPct)}`,
          `${abs(f.changeWeek)}${pct(f.changeWeekPct)}`,
        ];
      }),
    },
    { kind: 'heading', text: tx('trends') },
    b.trends.length === 0
      ? { kind: 'paragraph', text: tx('none'), muted: true }
      : {
          kind: 'table',
          columns: [{ header: tx('scope'), width: 1.2 }, { header: tx('metric'), width: 2 }, { header: tx('lastWeek'), align: 'right' }, { header: tx('day'), align: 'right' }, { header: tx('change'), align: 'right' }],
          rows: b.trends.map((t) => [named(t.scopeName), l(t.name), number(t.lastWeek), number(t.value), `${signed(t.changePct, 1)}%`]),
        },
    { kind: 'heading', text: tx('cases') },
    {
      kind: 'table',
      columns: [{ header: tx('department'), width: 2.4 }, { header: tx('receivedShort'), align: 'right' }, { header: tx('closed'), align: 'right' }, { header: tx('overdue'), align: 'right' }],
      rows: b.cases.byDepartment.map((d) => [d.name ? l(d.name) : d.department === null ? tx('unassigned') : d.department, number(d.received), number(d.closed), number(d.overdue)]),
    },
    {
      kind: 'table',
      columns: [{ header: tx('channel'), width: 2.4 }, { header: tx('receivedShort'), align: 'right' }, { header: tx('closed'), align: 'right' }, { header: tx('overdue'), align: 'right' }],
      rows: b.cases.byChannel.map((c) => [l(CHANNEL_LABELS[c.channel]), number(c.received), number(c.closed), number(c.overdue)]),
    },
    { kind: 'heading', text: tx('alerts') },
    {
      kind: 'paragraph',
      text: en
        ? `${b.alerts.raised} raised (red ${b.alerts.byLevel.red}, orange ${b.alerts.byLevel.orange}, yellow ${b.alerts.byLevel.yellow}, blue ${b.alerts.byLevel.blue}), ${b.alerts.ongoing} still crossing at day end. Cleared ones lasted ${b.alerts.medianClearedMs === null ? '—' : duration(b.alerts.medianClearedMs)} (median), longest ${b.alerts.longestMs === null ? '—' : duration(b.alerts.longestMs)}.`
        : `共 ${b.alerts.raised} 条（红色 ${b.alerts.byLevel.red} 条，橙色 ${b.alerts.byLevel.orange} 条，黄色 ${b.alerts.byLevel.yellow} 条，蓝色 ${b.alerts.byLevel.blue} 条），日终仍越限 ${b.alerts.ongoing} 条；已恢复告警持续时长中位数 ${b.alerts.medianClearedMs === null ? '—' : duration(b.alerts.medianClearedMs)}，最长 ${b.alerts.longestMs === null ? '—' : duration(b.alerts.longestMs)}。`,
    },
    ...(b.alerts.items.length === 0
      ? []
      : [
          {
            kind: 'table' as const,
            columns: [{ header: tx('time'), width: 1.3 }, { header: tx('scope'), width: 1.2 }, { header: tx('metric'), width: 2 }, { header: tx('level'), width: 0.8 }, { header: tx('duration'), width: 1.6 }],
            rows: b.alerts.items.map((a) => [
              clock(a.raisedAt),
              scopeName(a.scope),
              l(a.name),
              tx(a.level),
              `${duration(a.durationMs)}${a.clearedAt === null ? tx('ongoing') : ''}`,
            ]),
          },
        ]),
    { kind: 'heading', text: tx('emergencies') },
    {
      kind: 'paragraph',
      text: en
        ? `${b.emergencies.declared} declared, ${b.emergencies.stoodDown} stood down, ${b.emergencies.activeAtEnd} active at day end; ${b.emergencies.drills} drills, not counted.`
        : `新发 ${b.emergencies.declared} 起，终止响应 ${b.emergencies.stoodDown} 起，日终响应中 ${b.emergencies.activeAtEnd} 起；演练 ${b.emergencies.drills} 起，不计入统计。`,
    },
    ...(b.emergencies.items.length === 0
      ? []
      : [
          {
            kind: 'table' as const,
            columns: [{ header: tx('title2'), width: 2.4 }, { header: tx('level'), width: 0.6 }, { header: tx('category'), width: 1.2 }, { header: tx('scope'), width: 1 }, { header: tx('status'), width: 1.6 }],
            rows: b.emergencies.items.map((e) => [
              `${e.drill ? tx('drill') : ''}${e.title}`,
              EMERGENCY_LEVEL_NUMERALS[e.level],
              l(EMERGENCY_CATEGORY_LABELS[e.category]),
              scopeName(e.division),
              e.standDownAt === null ? tx('active') : `${tx('stoodDown')} ${clock(e.standDownAt)}`,
            ]),
          },
        ]),
    { kind: 'paragraph', text: tx('definitions'), muted: true },
  ];

  return {
    title: `${l(b.city)} ${tx('title')}`,
    subtitle: `${date} · ${tx('compiled')} ${clock(b.compiledAt)}`,
    header: `${l(b.city)} · ${tx('title')} · ${b.day}`,
    footer: en ? 'City Window · internal' : '城市之窗 · 内部资料',
    createdAt: new Date(b.compiledAt),
    language: lang,
    blocks,
  };
}
