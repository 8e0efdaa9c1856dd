import { expect, type APIRequestContext } from '@playwright/test';
import type { CaseAction, NewCase } from '@cw/contracts';
import { apiToken, createSourceKey, reportCase } from './cases.ts';

/**
 * A morning's worth of cases in every stage, made the way people and systems make them:
 * reported by the 12345 system's key and by officers, then moved through the real workflow
 * over the API by the officer, the shift leader, a leader and department handlers.
 */

const HANDLER_PASSWORD = 'handler-pass-2026';
/** Department handlers besides the demo 城管局 user (cgj). */
const HANDLERS = { zjj: 'zjj.handler', jtysj: 'jtysj.handler', sthjj: 'sthjj.handler' } as const;

type Step = [who: string, action: CaseAction, extra?: Record<string, unknown>];

interface Planned {
  report: Omit<NewCase, 'description'> & { description?: string };
  /** Reported with the 12345 system's key instead of by the officer. */
  viaSource?: boolean;
  steps: Step[];
}

const C = (title: string, category: NewCase['category'], division: string, location: [number, number] | undefined, over: Partial<NewCase> = {}): Planned['report'] => ({
  title,
  category,
  division,
  channel: 'grid_inspector',
  urgency: 'normal',
  ...(location ? { location } : {}),
  ...over,
});
const hotline = (requestType: NonNullable<NewCase['requestType']>) => ({ channel: 'hotline_12345' as const, requestType });
const dispatchTo = (department: string): Step[] => [
  ['officer', 'register'],
  ['officer', 'dispatch', { department }],
];
const handled = (dept: string): Step[] => [
  [dept, 'acknowledge'],
  [dept, 'start'],
  [dept, 'feedback', { comment: '已到场处置完毕，现场已恢复。' }],
];
const closed: Step[] = [
  ['officer', 'start_check'],
  ['officer', 'check_pass'],
];

/** The title of the case the docs' screenshots open: worked, sent back for rework, instructed. */
export const SHOWCASE = '建设路路灯成片不亮';

const PLAN: Planned[] = [
  { report: C('宝庆中路垃圾桶满溢', 'city_appearance', '430502', [111.4781, 27.2362], { ...hotline('complaint'), address: '双清区宝庆中路88号', reporter: { name: '王女士', phone: '139 0739 2281' } }), viaSource: true, steps: [...dispatchTo('cgj'), ...handled('cgj'), ...closed, ['officer', 'evaluate', { rating: 'satisfied' }]] },
  { report: C('敏州西路井盖缺失', 'public_facilities', '430503', [111.4402, 27.2207], { urgency: 'urgent' }), steps: [...dispatchTo('cgj'), ...handled('cgj'), ...closed] },
  { report: C('红旗路工地夜间施工噪声', 'construction', '430511', [111.4512, 27.2466], hotline('complaint')), viaSource: true, steps: [...dispatchTo('zjj'), ...handled('zjj')] },
  { report: C('西湖路店外经营', 'street_order', '430502', [111.4903, 27.2288], { channel: 'video_analytics' }), steps: [...dispatchTo('cgj'), ['cgj', 'acknowledge'], ['cgj', 'start']] },
  { report: C('双拥路路面塌陷', 'road_traffic', '430503', [111.4351, 27.2139], { channel: 'police_110', urgency: 'critical' }), steps: dispatchTo('jtysj') },
  { report: C('邵水东路燃气泄漏气味', 'emergency', '430511', [111.4603, 27.2519], { channel: 'iot_sensor', urgency: 'critical' }), steps: [...dispatchTo('gaj'), ['shift', 'supervise', { comment: '涉及公共安全，请立即处置并反馈。' }]] },
  { report: C('城南公园树木倒伏', 'landscaping', '430502', [111.4838, 27.2224], { urgency: 'urgent' }), steps: [...dispatchTo('cgj'), ['cgj', 'acknowledge']] },
  { report: C('五一路违规广告牌', 'advertising', '430503', [111.4429, 27.2301]), steps: [['officer', 'register']] },
  {
    report: C('人民路餐馆油烟扰民', 'environment', '430502', [111.4753, 27.2398], hotline('complaint')),
    viaSource: true,
    steps: [...dispatchTo('cgj'), ['cgj', 'return', { comment: '油烟污染属生态环境部门职责，请改派。' }], ['officer', 're_dispatch', { department: 'sthjj' }], ['sthjj', 'acknowledge'], ['sthjj', 'start']],
  },
  {
    report: C(SHOWCASE, 'public_facilities', '430511', [111.4561, 27.2489], { ...hotline('help'), address: '北塔区建设路与茶元头路交叉口以北约300米' }),
    viaSource: true,
    steps: [...dispatchTo('cgj'), ...handled('cgj'), ['officer', 'start_check'], ['officer', 'check_fail', { comment: '现场核查仍有3盏路灯不亮，请返工。' }], ['officer', 'remind', { comment: '市民再次来电催促。' }]],
  },
  { report: C('东风路共享单车乱停放', 'street_order', '430582', [111.7472, 27.2571]), steps: [] },
  { report: C('咨询12路公交线路调整', 'road_traffic', '430581', undefined, hotline('inquiry')), viaSource: true, steps: [] },
  { report: C('绥宁县城区道路积水', 'road_traffic', '430527', [110.1562, 26.5823], { channel: 'police_110', urgency: 'urgent' }), steps: dispatchTo('jtysj') },
  { report: C('新宁县崀山景区周边占道经营', 'street_order', '430528', [110.8571, 26.4336]), steps: [...dispatchTo('cgj'), ['shift', 'supervise', { comment: '旅游旺季，请限期整改。' }]] },
  { report: C('武冈市小区违章搭建', 'housing_land', '430581', [110.6321, 26.7268], hotline('complaint')), viaSource: true, steps: [...dispatchTo('zjj'), ['zjj', 'acknowledge'], ['zjj', 'start'], ['zjj', 'request_extension', { workingDays: 5, comment: '需会同街道开展联合执法。' }], ['shift', 'approve_extension']] },
  { report: C('隆回县垃圾中转站异味', 'city_appearance', '430524', [111.0327, 27.1141]), steps: [...dispatchTo('cgj'), ['cgj', 'acknowledge'], ['cgj', 'start'], ['cgj', 'request_parking', { comment: '待中转站改造工程完工后处置。' }], ['shift', 'approve_parking']] },
  { report: C('洞口县路灯损坏', 'public_facilities', '430525', [110.5762, 27.0607], hotline('help')), viaSource: true, steps: [...dispatchTo('cgj'), ...handled('cgj'), ...closed, ['officer', 'evaluate', { rating: 'basically_satisfied' }]] },
  { report: C('邵阳县农贸市场占道', 'street_order', '430523', [111.2741, 26.9911]), steps: [...dispatchTo('cgj'), ...handled('cgj'), ['officer', 'start_check']] },
  { report: C('新邵县河道漂浮垃圾', 'environment', '430522', [111.4591, 27.3212], { channel: 'video_analytics' }), steps: [...dispatchTo('sthjj'), ...handled('sthjj'), ...closed] },
  { report: C('大祥区学校门口交通拥堵', 'road_traffic', '430503', [111.4395, 27.2255], hotline('suggestion')), viaSource: true, steps: [['officer', 'verify']] },
  { report: C('城步县城区广告横幅破损', 'advertising', '430529', [110.3225, 26.3911]), steps: [...dispatchTo('cgj'), ['cgj', 'acknowledge'], ['cgj', 'start']] },
  { report: C('宝庆中路垃圾堆积', 'city_appearance', '430502', [111.4785, 27.2364], { channel: 'video_analytics' }), steps: [] },
  { report: C('双清区工地渣土车遗撒', 'construction', '430502', [111.4952, 27.2402], { channel: 'video_analytics', urgency: 'urgent' }), steps: [...dispatchTo('zjj'), ['zjj', 'acknowledge']] },
  { report: C('邵东市工业园区噪声扰民', 'environment', '430582', [111.7511, 27.2603], hotline('complaint')), viaSource: true, steps: [...dispatchTo('sthjj'), ...handled('sthjj'), ...closed, ['officer', 'evaluate', { rating: 'dissatisfied' }]] },
];

async function createHandlers(request: APIRequestContext, baseUrl: string, admin: string): Promise<void> {
  for (const [department, username] of Object.entries(HANDLERS)) {
    const res = await request.post(`${baseUrl}/api/v1/users`, {
      headers: { authorization: `Bearer ${admin}` },
      data: { username, displayName: `${department}处置员`, role: 'department', department, password: HANDLER_PASSWORD },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
}

async function tokenFor(request: APIRequestContext, baseUrl: string, who: string): Promise<string> {
  const username = HANDLERS[who as keyof typeof HANDLERS];
  if (username === undefined) return apiToken(request, baseUrl, who);
  const res = await request.post(`${baseUrl}/api/v1/auth/login`, { data: { username, password: HANDLER_PASSWORD } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** Cases reported per round, and the time between rounds (a few simulated minutes at 60×). */
const REPORTS_PER_ROUND = 3;
const ROUND_MS = 2000;

/**
 * Reports the plan's cases a few at a time and takes their steps one round after another,
 * so that reports, steps and their durations are spread over the morning as they would be.
 * Returns the case ids by title.
 */
export async function seedBusyMorning(request: APIRequestContext, baseUrl: string): Promise<Map<string, string>> {
  const admin = await apiToken(request, baseUrl, 'admin');
  await createHandlers(request, baseUrl, admin);
  const key = await createSourceKey(request, baseUrl);
  const tokens = new Map<string, string>();
  const token = async (who: string) => tokens.get(who) ?? tokens.set(who, await tokenFor(request, baseUrl, who)).get(who)!;
  const officer = await token('officer');
  const ids = new Map<string, string>();
  const versions = new Map<string, number>();

  const report = async ({ report: r, viaSource }: Planned) => {
    const full: NewCase = { description: `${r.title}，请尽快处理。`, ...r };
    if (viaSource) return reportCase(request, baseUrl, key, full);
    const res = await request.post(`${baseUrl}/api/v1/cases`, { headers: { authorization: `Bearer ${officer}` }, data: full });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; version: number };
  };
  const take = async (title: string, [who, action, extra]: Step) => {
    const id = ids.get(title)!;
    const res = await request.post(`${baseUrl}/api/v1/cases/${id}/commands`, {
      headers: { authorization: `Bearer ${await token(who)}` },
      data: { caseId: id, expectedVersion: versions.get(id), action, ...extra },
    });
    expect(res.status(), `${title}: ${action} → ${await res.text()}`).toBe(200);
    versions.set(id, ((await res.json()) as { version: number }).version);
  };

  const first = (i: number) => Math.floor(i / REPORTS_PER_ROUND);
  const rounds = Math.max(...PLAN.map((p, i) => first(i) + 1 + p.steps.length));
  for (let round = 0; round < rounds; round++) {
    for (const [i, planned] of PLAN.entries()) {
      if (first(i) === round) {
        const c = await report(planned);
        ids.set(planned.report.title, c.id);
        versions.set(c.id, c.version);
      }
      const step = planned.steps[round - first(i) - 1];
      if (step) await take(planned.report.title, step);
    }
    await new Promise((r) => setTimeout(r, ROUND_MS));
  }
  const leader = await token('leader');
  const showcase = ids.get(SHOWCASE)!;
  const instructed = await request.post(`${baseUrl}/api/v1/cases/${showcase}/instructions`, {
    headers: { authorization: `Bearer ${leader}` },
    data: { text: '群众反映强烈，城管局要举一反三，全面排查辖区路灯。' },
  });
  expect(instructed.status()).toBe(201);
  return ids;
}
