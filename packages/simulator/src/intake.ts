import { CATEGORIES, REQUEST_TYPES, URGENCIES, type CaseSubCategory, type Category, type Channel, type NewCase } from '@cw/contracts';
import { locate, type DivisionModel } from './city.ts';
import { countEvents, type CountSource, type SimContext } from './context.ts';
import { keyOf, Stream } from './noise.ts';
import { cumulative, pick } from './poisson.ts';
import { bump, DayShape, MINUTE, within } from './rhythm.ts';

/** One intake report as a channel delivers it: a 12345 work order, an inspector's report… */
export interface SimReport {
  /** Deterministic id of the report in its source system (for de-duplication). */
  id: string;
  ts: number;
  report: NewCase;
}

/**
 * 事件分拨 intake: reports from every channel, per division. Per weight unit per day, so that
 * Shaoyang (≈11.4 units) sees ≈500 reports on a working day: 12345 work orders (two thirds),
 * grid inspectors by day, video-analytics and IoT alarms, 110 linkage and the odd leader's
 * assignment.
 */
interface ChannelModel {
  channel: Channel;
  perUnit: number;
  shape: DayShape;
  /** Weekend factor. */
  weekend: number;
  /** Category mix, in the order of CATEGORIES. */
  mix: number[];
  /** Urgency mix, in the order of URGENCIES. */
  urgency: number[];
}

/** 12345 work orders (calls answered on the spot never become cases): mostly complaints and help. */
const REQUEST_MIX = cumulative([0.12, 0.3, 0.48, 0.1]);

const DAYTIME = new DayShape((h) => within(h, 8.5, 17.5) * (1 + 0.3 * bump(h, 10, 1.5)));
const CALLS = new DayShape((h) => 0.15 + within(h, 8, 21) * (0.7 + 0.4 * bump(h, 10, 1.5) + 0.3 * bump(h, 15, 1.5)));
const ALWAYS = new DayShape((h) => 0.5 + 0.5 * within(h, 7, 23));
const EVENING = new DayShape((h) => 0.3 + 0.5 * within(h, 8, 24) + 0.6 * bump(h, 21, 2));
const OFFICE = new DayShape((h) => within(h, 9, 17));

/**
 * 12345 work orders per unit on a working day: 33 of its 175 calls (government.ts). The crew
 * voids 3 % and settles 18.6 % of the rest on the call (crew.ts: 80 % of the 12 % inquiries,
 * 30 % of the 30 % requests for help), so 33 × 0.97 × 0.814 ≈ 26 a unit, 15 % of the calls,
 * reach a department: inside the 9.8–23.7 % that 衡东县's 12345 passed on in its published
 * reports (profiles/shaoyang/README.md).
 */
const HOTLINE_ORDERS_PER_UNIT = 33;

const CHANNELS: readonly ChannelModel[] = [
  // city_appearance, advertising, construction, street_order, emergency, public_facilities, road_traffic, landscaping, housing_land, environment, other
  { channel: 'hotline_12345', perUnit: HOTLINE_ORDERS_PER_UNIT, shape: CALLS, weekend: 0.8, mix: [0.22, 0.03, 0.1, 0.08, 0.01, 0.16, 0.09, 0.04, 0.08, 0.14, 0.05], urgency: [0.9, 0.09, 0.01] },
  { channel: 'grid_inspector', perUnit: 6.5, shape: DAYTIME, weekend: 0.3, mix: [0.35, 0.12, 0.1, 0.16, 0, 0.15, 0.04, 0.06, 0.01, 0.01, 0], urgency: [0.95, 0.05, 0] },
  { channel: 'video_analytics', perUnit: 2, shape: ALWAYS, weekend: 1, mix: [0.3, 0, 0.05, 0.45, 0.02, 0, 0.18, 0, 0, 0, 0], urgency: [0.85, 0.13, 0.02] },
  { channel: 'iot_sensor', perUnit: 0.6, shape: ALWAYS, weekend: 1, mix: [0, 0, 0, 0, 0.25, 0.6, 0, 0, 0, 0.15, 0], urgency: [0.6, 0.3, 0.1] },
  { channel: 'police_110', perUnit: 0.8, shape: EVENING, weekend: 1.2, mix: [0.05, 0, 0.05, 0.45, 0.2, 0.05, 0.2, 0, 0, 0, 0], urgency: [0.5, 0.4, 0.1] },
  { channel: 'leader_assignment', perUnit: 0.1, shape: OFFICE, weekend: 0, mix: [0.2, 0, 0.2, 0.1, 0.1, 0.2, 0.1, 0, 0.1, 0, 0], urgency: [0.3, 0.6, 0.1] },
];

/** What people report, per category: a title and a description (templates, zh-CN). */
const WHAT: Record<Category, readonly [string, string][]> = {
  city_appearance: [
    ['垃圾未及时清运', '垃圾桶已满，周边散落生活垃圾，气味较大，请尽快清运。'],
    ['道路积存垃圾', '路面有较多建筑垃圾和生活垃圾堆积，影响通行和市容。'],
    ['暴露垃圾', '绿化带内有暴露垃圾，需要清理。'],
  ],
  advertising: [
    ['违规张贴小广告', '墙面和电线杆上张贴大量小广告，影响市容。'],
    ['广告牌破损', '户外广告牌面布破损脱落，存在安全隐患。'],
  ],
  construction: [
    ['工地夜间施工扰民', '工地夜间仍在施工，噪声很大，影响居民休息。'],
    ['施工渣土撒漏', '渣土车辆未密闭运输，沿路撒漏。'],
  ],
  street_order: [
    ['占道经营', '商贩占用人行道摆摊经营，影响行人通行。'],
    ['机动车乱停放', '车辆长时间占用消防通道停放。'],
    ['店外经营', '餐馆在店外摆放桌椅经营。'],
  ],
  emergency: [
    ['路面塌陷', '路面出现塌陷坑洞，已有车辆险些掉入，需紧急处置。'],
    ['燃气泄漏气味', '居民闻到明显燃气气味，请尽快排查。'],
  ],
  public_facilities: [
    ['井盖缺失', '人行道上井盖缺失，存在安全隐患。'],
    ['路灯不亮', '路段多盏路灯夜间不亮，影响出行安全。'],
    ['供水管道漏水', '路边供水管道破裂漏水，水流漫上路面。'],
  ],
  road_traffic: [
    ['信号灯故障', '路口信号灯故障，车辆通行混乱。'],
    ['道路坑洼', '路面坑洼不平，雨天积水严重。'],
  ],
  landscaping: [
    ['树木倒伏', '行道树倒伏，部分压在人行道上。'],
    ['绿地被毁', '绿化带被车辆碾压毁坏。'],
  ],
  housing_land: [
    ['违法搭建', '小区楼顶有违法搭建，请核查处理。'],
    ['物业服务问题', '小区电梯长期故障，物业迟迟未修。'],
  ],
  environment: [
    ['噪声扰民', '商铺音响声音过大，持续到深夜。'],
    ['油烟扰民', '餐饮店油烟直排，影响楼上住户。'],
    ['河道污染', '河道内有漂浮垃圾和异味，疑似污水直排。'],
  ],
  other: [['其他问题反映', '市民反映的其他问题，请核实后处理。']],
};

const ROADS = ['宝庆中路', '敏州路', '红旗路', '邵水东路', '双拥路', '西湖路', '城南路', '五一路', '建设路', '人民路', '解放路', '东风路', '佘湖路', '桃花路'];
const PLACES = ['交叉口', '附近', '小区门口', '菜市场旁', '学校门口', '公交站旁'];
const SURNAMES = ['张', '李', '王', '刘', '陈', '杨', '黄', '周', '吴', '罗'];

export interface IntakeModel {
  reportsBetween(from: number, to: number): SimReport[];
}

/**
 * Share of 12345 work orders that a grid inspector also reports, minutes later: ≈0.7 a unit a
 * day, what the patrols saw when 6 orders a unit came in (12 % of them). Inspectors see the
 * street, not the callers' inquiries and private matters that make up most of the larger
 * volume, so the patrols' duplicates keep their number rather than their share.
 */
const DUPLICATE_SHARE = 0.022;
const DUPLICATE_DELAY_MAX = 40 * MINUTE;

/** A template's description by its title, to describe a sub-category of the same name. */
const DESCRIPTIONS = new Map(Object.values(WHAT).flatMap((list) => list.map(([title, description]) => [title, description] as const)));

/**
 * What is reported in `category`: one of the city's sub-categories (小类) when its profile has
 * some for the category, described as people describe it; else one of the templates.
 */
function whatOf(subCategories: readonly CaseSubCategory[], category: Category, u: number): { title: string; description: string; subCategory?: string } {
  if (subCategories.length === 0) {
    const options = WHAT[category];
    const [title, description] = options[Math.floor(u * options.length)]!;
    return { title, description };
  }
  const sub = subCategories[Math.floor(u * subCategories.length)]!;
  return { title: sub.name.zh, description: DESCRIPTIONS.get(sub.name.zh) ?? `${sub.name.zh}，请尽快处置。`, subCategory: sub.id };
}

export function intakeModel(ctx: SimContext): IntakeModel {
  const names = new Map(ctx.profile.divisions.map((d) => [d.code, d.name.zh]));
  const subCategories = new Map(CATEGORIES.map((c) => [c, ctx.profile.caseCategories.filter((s) => s.category === c)]));
  const sources = CHANNELS.flatMap((m) =>
    ctx.city.divisions.map((d) => {
      const source: CountSource = {
        stream: Stream.of(ctx.seed, keyOf(`intake:${m.channel}`), d.key),
        slotMs: 15 * MINUTE,
        // Days off (weekends and holidays) rest like a Sunday; 调休 days are worked.
        perDay: (day) => m.perUnit * d.weight * (day.like === 0 || day.like === 6 ? m.weekend : 1),
        shape: () => m.shape,
        dayNoise: 0.2,
        drift: 0.25,
      };
      return { m, d, source, mix: cumulative(m.mix), urgency: cumulative(m.urgency) };
    }),
  );

  const reportOf = (m: ChannelModel, d: DivisionModel, s: Stream, mix: number[], urgencyMix: number[], k: number, i: number): NewCase => {
    const category = CATEGORIES[pick(s.u3(k, i, 1), mix)]!;
    const { title, description, subCategory } = whatOf(subCategories.get(category)!, category, s.u3(k, i, 2));
    const road = ROADS[Math.floor(s.u3(k, i, 3) * ROADS.length)]!;
    const place = PLACES[Math.floor(s.u3(k, i, 4) * PLACES.length)]!;
    const location = locate(d, s.u3(k, i, 5), s.u3(k, i, 6), s.u3(k, i, 7));
    const urgency = URGENCIES[pick(s.u3(k, i, 8), urgencyMix)]!;
    const hotline = m.channel === 'hotline_12345';
    const area = names.get(d.code) ?? '';
    const report: NewCase = {
      title: `${road}${title}`,
      description: `${area}${road}${place}：${description}`,
      channel: m.channel,
      category,
      ...(subCategory === undefined ? {} : { subCategory }),
      urgency,
      division: d.code,
      location,
      address: `${area}${road}${place}`,
    };
    if (hotline) {
      report.requestType = REQUEST_TYPES[pick(s.u3(k, i, 9), REQUEST_MIX)]!;
      const surname = SURNAMES[Math.floor(s.u3(k, i, 10) * SURNAMES.length)]!;
      // Fictional callers: 1xx-0000-nnnn numbers are not assigned to real subscribers.
      // A caller now and then asks to be called back (要求回访).
      if (s.u3(k, i, 14) < 0.3) report.returnVisitRequested = true;
      report.reporter = { name: `${surname}${s.u3(k, i, 11) < 0.5 ? '先生' : '女士'}`, phone: `1390000${String(Math.floor(s.u3(k, i, 12) * 10_000)).padStart(4, '0')}` };
    }
    return report;
  };

  return {
    reportsBetween(from, to) {
      const out: SimReport[] = [];
      if (!(to > from)) return out;
      for (const { m, d, source, mix, urgency } of sources) {
        // Look back far enough to emit the duplicates of earlier work orders that land now.
        const start = m.channel === 'hotline_12345' ? from - DUPLICATE_DELAY_MAX : from;
        countEvents(ctx, source, start, to, (ts, k, i) => {
          const id = `${m.channel}:${d.code}:${ts}:${i}`;
          const report = reportOf(m, d, source.stream, mix, urgency, k, i);
          if (ts > from) out.push({ id, ts, report });
          if (m.channel !== 'hotline_12345' || source.stream.u3(k, i, 20) >= DUPLICATE_SHARE) return;
          // The same thing seen by an inspector on patrol: same category, a few metres away.
          const at = ts + Math.round((5 + 35 * source.stream.u3(k, i, 21)) * MINUTE);
          if (at <= from || at > to) return;
          const [lon, lat] = report.location!;
          const { requestType: _r, reporter: _p, returnVisitRequested: _v, ...seen } = report;
          out.push({
            id: `grid_inspector:dup:${id}`,
            ts: at,
            report: { ...seen, channel: 'grid_inspector', location: [lon + 0.0002, lat + 0.0001], description: `巡查发现：${report.description}` },
          });
        });
      }
      return out.sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id));
    },
  };
}
